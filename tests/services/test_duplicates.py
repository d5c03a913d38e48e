import pytest

from networker.domain.changes import Changes
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
    assert found[(a, b)] == "same email"
    assert found[(c, d)] == "same phone"
    assert found[(c, e)] == "similar name, same organization"
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
    assert changes[-1] == Changes.of_contacts([keep, other])


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
    assert found == {(london, same_line): "same phone"}
    assert all(maine not in pair for pair in found)
