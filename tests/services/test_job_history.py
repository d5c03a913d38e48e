"""Job history from imports: a newer LinkedIn export or vCard moves a contact to their
new role (a milestone and a congratulation follow); an older one never moves them back."""

import datetime as dt
import json

import pytest

from networker.domain.jobs import Role, Stint
from networker.domain.milestones import MilestoneKind
from networker.domain.reminders import ReminderKind
from networker.services.importing import ImportService
from networker.services.milestones import MilestoneService
from networker.services.reminders import ReminderService
from tests.test_cli import run

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada,,"
# March 2024: Ada is an engineer at Engines. June 2025: CTO at Babbage & Co; Grace
# connected then, so the newer export is as of 1 June 2025.
OLD = HEADER + ADA + "Engines,Engineer,01 Mar 2024\n"
NEW = (
    HEADER
    + ADA
    + "Babbage & Co,CTO,01 Mar 2024\n"
    + "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Rear Admiral,01 Jun 2025\n"
)
MAR, JUN = dt.date(2024, 3, 1), dt.date(2025, 6, 1)
ENGINES, BABBAGE = Role("Engines", "Engineer"), Role("Babbage & Co", "CTO")


@pytest.fixture
def importer(database, clock, changes):
    return ImportService(database=database, clock=clock, thumbnailer=None, on_change=changes.append)


@pytest.fixture
def milestones(database, clock):
    return MilestoneService(database=database, clock=clock)


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def ada_id(contacts):
    return next(i for i in contacts.index().ids if contacts.get(i).draft.given_name == "Ada")


def state(contacts, milestones, reminders):
    ada = ada_id(contacts)
    draft = contacts.get(ada).draft
    news = [(m.draft.kind, m.draft.happened_on, m.draft.text) for m in milestones.of_contact(ada)]
    due = [r.title for r in reminders.due() if r.kind is ReminderKind.CONGRATULATE]
    return (draft.organization, draft.title), milestones.job_history(ada), news, due


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_two_linkedin_exports_in_either_order_end_the_same(
    order, importer, contacts, milestones, database, clock, tmp_path
):
    old, new = write(tmp_path, "old.csv", OLD), write(tmp_path, "new.csv", NEW)
    first, second = (old, new) if order == "older first" else (new, old)
    importer.import_files([first])
    clock.advance(dt.timedelta(days=1))
    (report,) = importer.import_files([second])
    reminders = ReminderService(database=database, clock=clock)
    # The same role and history either way; a congratulation only for news: when the
    # newer file moved her on, not when an older one filled in a change already known.
    news = ["Congratulate Ada Lovelace: new job, CTO at Babbage & Co"]
    assert state(contacts, milestones, reminders) == (
        ("Babbage & Co", "CTO"),
        [Stint(ENGINES, MAR, MAR, JUN), Stint(BABBAGE, JUN, JUN, None)],
        [(MilestoneKind.NEW_JOB, JUN, "CTO at Babbage & Co")],
        news if order == "older first" else [],
    )
    if order == "newer first":
        (older,) = report.older
        assert older.reason == (
            "“Ada Lovelace”: older than what you have (the file is as of 01 Mar 2024, yours "
            "as of 01 Jun 2025): kept CTO at Babbage & Co, not Engineer at Engines"
        )
        (change,) = [c for c in report.changes if c.name == "Ada Lovelace"]
        assert change.action == "unchanged" and change.details == (older.reason.split(": ", 1)[1],)
    else:
        assert report.older == []
    # Once more, in either order: nothing moves.
    (again,) = importer.import_files([old])
    assert again.updated == 0 and len(again.older) == 1
    assert state(contacts, milestones, reminders)[0] == ("Babbage & Co", "CTO")


def test_a_newer_export_changes_the_role_and_records_it(
    importer, contacts, milestones, database, clock, tmp_path, changes
):
    from networker.storage.contacts import changes as recorded

    importer.import_files([write(tmp_path, "old.csv", OLD)])
    (report,) = importer.import_files([write(tmp_path, "new.csv", NEW)])
    ada = ada_id(contacts)
    (change,) = [c for c in report.changes if c.name == "Ada Lovelace"]
    assert "organization: Babbage & Co (was Engines)" in change.details
    assert [(f, old, new) for f, old, new, _at, _src in recorded(database, ada)] == [
        ("organization", "Engines", "Babbage & Co"),
        ("title", "Engineer", "CTO"),
    ]
    assert changes[-1].milestones and ada in changes[-1].contact_ids


def test_a_promotion_at_the_same_organization_is_a_promotion(
    importer, contacts, milestones, tmp_path
):
    importer.import_files([write(tmp_path, "old.csv", OLD)])
    newer = HEADER + ADA + "Engines,Chief Engineer,01 Mar 2024\n" + NEW.splitlines()[2] + "\n"
    importer.import_files([write(tmp_path, "new.csv", newer)])
    (news,) = milestones.of_contact(ada_id(contacts))
    assert (news.draft.kind, news.draft.text) == (
        MilestoneKind.PROMOTION, "Chief Engineer at Engines"
    )  # fmt: skip


def test_a_role_typed_by_hand_is_as_of_that_edit(importer, contacts, clock, tmp_path):
    importer.import_files([write(tmp_path, "new.csv", NEW)])
    ada = ada_id(contacts)
    draft = contacts.get(ada).draft
    draft.organization, draft.title = "Lumen", "Founder"
    contacts.update(ada, draft)  # 28 November 2026: newer than the June 2025 export
    (report,) = importer.import_files([write(tmp_path, "new-again.csv", NEW)])
    assert "kept Founder at Lumen, not CTO at Babbage & Co" in report.older[0].reason
    assert contacts.get(ada).draft.organization == "Lumen"


def test_a_vcard_is_as_of_its_rev(importer, contacts, milestones, tmp_path):
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\nUID:ada-1\n{}END:VCARD\n"
    older = card.format("ORG:Engines\nTITLE:Engineer\nREV:20240301T120000Z\n")
    newer = card.format("ORG:Babbage & Co\nTITLE:CTO\nREV:2025-06-01T08:00:00Z\n")
    importer.import_files([write(tmp_path, "b.vcf", newer)])
    (report,) = importer.import_files([write(tmp_path, "a.vcf", older)])
    assert "older than what you have" in report.older[0].reason
    ada = ada_id(contacts)
    assert contacts.get(ada).draft.organization == "Babbage & Co"
    assert [s.role for s in milestones.job_history(ada)] == [ENGINES, BABBAGE]
    undated = card.format("ORG:Lumen\n")
    (report,) = importer.import_files([write(tmp_path, "c.vcf", undated)])
    # No date: neither newer nor older; yours stays, and the difference is a conflict.
    assert report.older == [] and [c.field for c in report.conflicts()] == ["organization"]


def test_networker_import_says_older_than_what_you_have(tmp_path):
    data = str(tmp_path / "data")
    new, old = write(tmp_path, "new.csv", NEW), write(tmp_path, "old.csv", OLD)
    assert run("import", "--data-dir", data, str(new)).returncode == 0
    result = run("import", "--data-dir", data, str(old))
    assert result.returncode == 0, result.stderr
    assert (
        "  card 1 (line 2): “Ada Lovelace”: older than what you have (the file is as of "
        "01 Mar 2024, yours as of 01 Jun 2025): kept CTO at Babbage & Co, not Engineer at "
        "Engines"
    ) in result.stdout.splitlines()
    result = run("import", "--data-dir", data, "--json", str(old))
    (file,) = json.loads(result.stdout)["files"]
    assert file["unchanged"] == 1
    assert file["warnings"] == [
        {
            "record": 1,
            "line": 2,
            "reason": "“Ada Lovelace”: older than what you have (the file is as of 01 Mar 2024,"
            " yours as of 01 Jun 2025): kept CTO at Babbage & Co, not Engineer at Engines",
        }
    ]


def test_prefer_file_takes_an_older_role_and_says_so(importer, contacts, tmp_path):
    importer.import_files([write(tmp_path, "new.csv", NEW)])
    (report,) = importer.import_files([write(tmp_path, "old.csv", OLD)], prefer_file=True)
    assert report.older[0].reason.endswith(": Engineer at Engines taken, as you asked")
    assert contacts.get(ada_id(contacts)).draft.organization == "Engines"


def test_merging_two_contacts_folds_their_job_histories(
    importer, contacts, milestones, database, clock, tmp_path
):
    from networker.services.duplicates import DuplicateService

    importer.import_files([write(tmp_path, "old.csv", OLD)])
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:A. Lovelace\nORG:Babbage & Co\nTITLE:CTO\n"
        "REV:20250601T000000Z\nEND:VCARD\n"
    )
    importer.import_files([write(tmp_path, "other.vcf", card)])
    keep = ada_id(contacts)
    (other,) = [i for i in contacts.index().ids if i != keep]
    DuplicateService(database=database, clock=clock).merge(keep, other)
    assert milestones.job_history(keep) == [
        Stint(ENGINES, MAR, MAR, JUN), Stint(BABBAGE, JUN, JUN, None)
    ]  # fmt: skip
