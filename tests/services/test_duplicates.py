import pytest

from networker.domain.contacts import LabeledValue
from networker.services.duplicates import DuplicateService
from tests.conftest import make_draft


@pytest.fixture
def duplicates(database, clock, changes):
    # A region of its own, so numbers without a country code read the same everywhere.
    return DuplicateService(
        database=database, clock=clock, on_change=changes.append, phone_region="US"
    )


def test_same_email_same_phone_and_similar_names_at_one_organization(contacts, duplicates):
    a = contacts.create(make_draft(phones=[]))
    b = contacts.create(make_draft(given_name="Augusta Ada", phones=[], organization="Other"))
    c = contacts.create(
        make_draft(
            given_name="Grace",
            family_name="Hopper",
            emails=[],
            phones=[LabeledValue("", "+1 555 010 0100")],
        )
    )
    d = contacts.create(
        make_draft(
            given_name="G.",
            family_name="Hopper",
            emails=[],
            phones=[LabeledValue("", "555.010.0100")],
            organization="X",
        )
    )
    e = contacts.create(
        make_draft(
            given_name="Hopper,",
            family_name="Grace",
            emails=[],
            phones=[],
            organization="Analytical Engines",
        )
    )
    f = contacts.create(make_draft(given_name="Alan", family_name="Turing", emails=[], phones=[]))
    found = {(p.first, p.second): p.reason for p in duplicates.find()}
    assert found[(a, b)] == "same email ada@engines.example"
    assert found[(c, d)] == "same phone +15550100100"
    assert found[(c, e)] == "the same name; same organization (Analytical Engines)"
    assert all(f not in pair for pair in found)


def test_merging_keeps_everything_of_both_and_takes_chosen_fields(
    contacts, duplicates, changes, database
):
    from networker.storage.contacts import add_source, sources

    keep = contacts.create(make_draft(title="Engineer", tags=["mentor"]))
    other = contacts.create(
        make_draft(
            title="Countess",
            tags=["math"],
            phones=[],
            emails=[LabeledValue("home", "ada@home.example")],
        )
    )
    add_source(
        database,
        other,
        file_name="phone.vcf",
        format_name="vCard",
        at=contacts.get(other).created_at,
    )
    duplicates.merge(keep, other, take_from_other=["title"])
    merged = contacts.get(keep).draft
    assert merged.title == "Countess"
    assert merged.tags == ["math", "mentor"]
    assert [e.value for e in merged.emails] == ["ada@engines.example", "ada@home.example"]
    assert sources(database, keep)[0][0] == "phone.vcf"
    assert contacts.count() == 1
    assert changes[-1].contact_ids == {keep, other} and changes[-1].interactions


def test_a_field_that_cannot_be_taken_is_refused_and_nothing_changes(contacts, duplicates):
    keep, other = contacts.create(make_draft()), contacts.create(make_draft(given_name="B"))
    with pytest.raises(ValueError):
        duplicates.merge(keep, other, take_from_other=["uid"])
    assert contacts.count() == 2


def test_phones_are_compared_in_e164_not_by_their_last_digits(contacts, database, clock):
    finder = DuplicateService(database=database, clock=clock, phone_region="GB")

    def person(given, number):
        return contacts.create(make_draft(given_name=given, family_name="", emails=[],
                                          phones=[LabeledValue("", number)],
                                          organization=given))  # fmt: skip

    london = person("Ann", "020 7946 0958")
    same_line = person("Bea", "+44 20 7946 0958")
    maine = person("Cy", "+1 207-946-0958")  # the same ten digits, another country
    found = {(p.first, p.second): p.reason for p in finder.find()}
    assert found == {
        (london, same_line): "same contact details, different names (same phone +442079460958)"
    }
    assert all(maine not in pair for pair in found)


def _person(contacts, given, family, organization="", emails=(), phones=()):
    return contacts.create(
        make_draft(
            given_name=given,
            family_name=family,
            organization=organization,
            emails=[LabeledValue("", e) for e in emails],
            phones=[LabeledValue("", p) for p in phones],
        )
    )


def test_the_issues_pairs_nicknames_initials_and_organizations_without_their_suffix(
    contacts, duplicates
):
    robert = _person(contacts, "Robert", "Smith", "Acme Corp", emails=["bob@acme.com"])
    bob = _person(contacts, "Bob", "Smith", "ACME Corp")
    charles = _person(contacts, "Charles", "Miller", "Initech")
    chuck = _person(contacts, "Charles", "Miller")
    initial = _person(contacts, "R.", "Smith", "Acme Corporation")
    bill = _person(contacts, "Bill", "Gates", "Microsoft")
    william = _person(contacts, "William", "Gates", "Microsoft Corporation")
    _person(contacts, "Mary", "Smith", "Acme")  # another person at Acme
    _person(contacts, "William", "Miller", "Initech")  # another Miller
    _person(contacts, "Robert", "Smith", "Globex")  # another Robert Smith
    found = {(p.first, p.second): p for p in duplicates.find()}
    assert found[(robert, bob)].reason == (
        "Bob is short for Robert; same organization (Acme Corp / ACME Corp)"
    )
    assert found[(charles, chuck)].reason == "the same name; one has no organization"
    assert found[(robert, initial)].reason.startswith("R. may be Robert; same organization")
    assert found[(bob, initial)].reason.startswith("R. may be Bob; same organization")
    assert found[(bill, william)].reason.startswith("Bill is short for William")
    assert set(found) == {(robert, bob), (charles, chuck), (robert, initial), (bob, initial),
                          (bill, william)}  # fmt: skip
    assert not any(p.different_names for p in found.values())


def test_shared_details_with_clearly_different_names_are_flagged_for_a_person(contacts, duplicates):
    ann = _person(contacts, "Ann", "Lee", "Acme", emails=["office@acme.com"])
    raj = _person(contacts, "Raj", "Patel", "Acme", emails=["Office@acme.com"])
    tom = _person(contacts, "Tom", "Reed", phones=["+1 555 010 0199"])
    tommy = _person(contacts, "Thomas", "Reed", phones=["555-010-0199"])
    pairs = duplicates.find()
    assert [(p.first, p.second, p.different_names) for p in pairs] == [
        (tom, tommy, False),
        (ann, raj, True),
    ]
    assert pairs[1].reason == ("same contact details, different names (same email office@acme.com)")
    assert pairs[0].reason == (
        "Tom is short for Thomas; neither has an organization; same phone +15550100199"
    )


def test_a_pair_marked_not_the_same_is_never_found_again_and_goes_with_a_contact(
    contacts, duplicates, database
):
    robert = _person(contacts, "Robert", "Smith", "Acme Corp")
    bob = _person(contacts, "Bob", "Smith", "ACME Corp")
    rob = _person(contacts, "Rob", "Smith", "Acme")
    duplicates.mark_not_the_same(robert, bob)
    assert {(p.first, p.second) for p in duplicates.find()} == {(robert, rob), (bob, rob)}
    contacts.delete([bob])
    assert database.execute_sql("SELECT count(*) FROM not_duplicate").fetchone()[0] == 0


def test_merging_takes_either_sides_value_even_an_empty_one_and_may_leave_a_list_out(
    contacts, duplicates
):
    keep = contacts.create(make_draft(how_we_met="", school="", tags=["mentor"]))
    other = contacts.create(
        make_draft(
            given_name="Augusta Ada",
            how_we_met="Salon",
            school="Home",
            tags=["math"],
            emails=[LabeledValue("", "ada@home.example")],
        )
    )
    duplicates.merge(keep, other, take_from_other=["given_name"], take_from_kept=["how_we_met"],
                     leave_out_of_kept=["tags"], leave_out_of_other=["emails"])  # fmt: skip
    merged = contacts.get(keep).draft
    assert (merged.given_name, merged.how_we_met, merged.school) == ("Augusta Ada", "", "Home")
    assert merged.tags == ["math"]
    assert [e.value for e in merged.emails] == ["ada@engines.example"]
    with pytest.raises(ValueError):
        duplicates.merge(keep, other, leave_out_of_other=["title"])


def test_two_people_of_one_long_family_name_at_one_organization_are_no_pair(contacts, duplicates):
    """QA: "Olga van der Meer" and "Noah van der Meer" at ACME (token_sort_ratio 88)
    were offered first, as similar names; a typo of one word still is."""

    def person(given, family, org):
        return contacts.create(
            make_draft(given_name=given, family_name=family, organization=org, emails=[], phones=[])
        )

    person("Olga", "van der Meer", "ACME Corp")
    person("Noah", "van der Meer", "Acme Corporation")
    jon = person("Jon", "Smith", "Initech")
    john = person("John", "Smith", "Initech")
    assert [{p.first, p.second} for p in duplicates.find()] == [{jon, john}]
