"""Issue 10: importing a set of generated files gives the same contacts in any order.

The cards are drawn from small pools of names, e-mails, phones (written different ways),
organizations and UIDs, so that files overlap the ways real exports do: the same person
twice, two people sharing an office phone or an assistant's e-mail, a namesake elsewhere.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networker.services.importing import ImportService

NAMES = ["Ada Lovelace", "Bob Smith", "Robert Smith", "Carol Chief", ""]
EMAILS = ["ada@engines.example", "assistant@acme.example", "bob@acme.example"]
PHONES = ["+1 555 010 0000", "555-010-0000", "(555) 010-0001"]
ORGS = ["Acme", "ACME Corp", "Initech"]
UIDS = ["urn:uuid:one", "urn:uuid:two"]


@st.composite
def cards(draw) -> str:
    name = draw(st.sampled_from(NAMES))
    lines = [f"FN:{name}"] if name else []
    if name:
        given, family = name.split(" ")
        lines.append(f"N:{family};{given};;;")
    for pool, prefix in ((EMAILS, "EMAIL"), (PHONES, "TEL"), (ORGS, "ORG"), (UIDS, "UID")):
        value = draw(st.none() | st.sampled_from(pool))
        if value:
            lines.append(f"{prefix}:{value}")
    if len(lines) == 0:
        lines.append("NOTE:no name, only a note")
    body = "".join(f"{line}\n" for line in lines)
    return f"BEGIN:VCARD\nVERSION:3.0\n{body}END:VCARD\n"


files = st.lists(st.lists(cards(), min_size=1, max_size=3), min_size=2, max_size=4)


def people(contacts) -> list[tuple]:
    return sorted(
        (d.display_name, d.uid if d.uid in UIDS else "made", d.organization,
         tuple(sorted(p.value for p in d.phones)), tuple(sorted(e.value for e in d.emails)))
        for d in (contacts.get(i).draft for i in contacts.index().ids)
    )  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files)
def test_any_order_of_the_same_files_gives_the_same_contacts(
    database, clock, contacts, tmp_path_factory, files
):
    folder = tmp_path_factory.mktemp("files")
    paths = []
    for number, content in enumerate(files):
        path = folder / f"{number}.vcf"
        path.write_text("".join(content), encoding="utf-8")
        paths.append(path)
    importer = ImportService(database=database, clock=clock, thumbnailer=None)
    outcomes = []
    for order in (paths, paths[::-1], paths[1:] + paths[:1]):
        importer.import_files(list(order))
        outcomes.append(people(contacts))
        contacts.delete(contacts.index().ids)
    assert all(outcome == outcomes[0] for outcome in outcomes), outcomes
