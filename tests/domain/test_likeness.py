"""Names with nicknames and initials, organizations with and without their legal form."""

import pytest

from networker.domain.likeness import (
    given_names_alike,
    org_key,
    organizations_alike,
    person_name,
)


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        ("bob", "robert", "Bob is short for Robert"),
        ("robert", "bob", "Bob is short for Robert"),
        ("bill", "william", "Bill is short for William"),
        ("liz", "elizabeth", "Liz is short for Elizabeth"),
        ("jim", "james", "Jim is short for James"),
        ("mike", "michael", "Mike is short for Michael"),
        ("kate", "katherine", "Kate is short for Katherine"),
        ("chuck", "charles", "Chuck is short for Charles"),
        ("bob", "rob", "Bob and Rob are both short for Robert"),
        ("r", "robert", "R. may be Robert"),
        ("r", "bob", "R. may be Bob"),  # Robert
        ("ada", "ada", "the same name"),
    ],
)
def test_nicknames_and_initials_are_one_given_name(first, second, said):
    assert given_names_alike(first, second) == said


@pytest.mark.parametrize(
    ("first", "second"),
    [("mark", "mary"), ("robert", "william"), ("r", "william"), ("bob", ""), ("ann", "anna")],
)
def test_different_given_names_are_not_alike(first, second):
    assert given_names_alike(first, second) is None


@pytest.mark.parametrize(
    "written",
    ["Acme", "ACME Corp", "Acme Corporation", "Acme, Inc.", "acme ltd", "Acme LLC",
     "Acme GmbH", "Acme AG", "Acme S.A.", "ACME plc", "Acme Co.", "Acme & Co"],
)  # fmt: skip
def test_an_organization_is_compared_without_case_and_legal_suffix(written):
    assert org_key(written) == "acme"


def test_organizations_that_differ_or_are_unknown():
    assert org_key("Müller GmbH") == org_key("MULLER") == "muller"
    assert org_key("Corp") == "corp"  # a name that is only a suffix is kept
    assert (
        organizations_alike("Acme Corp", "ACME Corp") == "same organization (Acme Corp / ACME Corp)"
    )
    assert organizations_alike("Acme", "Acme") == "same organization (Acme)"
    assert organizations_alike("Acme Corp", "Initech") is None
    assert organizations_alike("Acme Corp", "") == "one has no organization"


def test_a_name_is_read_from_its_parts_or_from_the_name_shown():
    assert person_name("Robert", "Smith", "") == person_name("", "", "Robert Smith")
    assert person_name("", "", "Smith, Robert").family == "smith"
    name = person_name("R.", "van Dyke", "")
    assert (name.given, name.family, name.initial_only) == ("r", "van dyke", True)
    assert person_name("José", "García", "").words == "garcia jose"
