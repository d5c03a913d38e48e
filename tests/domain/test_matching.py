"""Who is who: phone numbers in E.164, names that cannot be one person's, trust in keys."""

import pytest

from networker.domain.matching import Key, Known, names_differ, person_name, phone_key, same_person


@pytest.mark.parametrize(
    ("numbers", "region"),
    [
        (["5555551111", "555-555-1111", "+1 (555) 555-1111", "1-555-555-1111"], "US"),
        (["0171 1234567", "+49 171 1234567", "+49 (0)171 1234567", "0049 171 1234567"], "DE"),
        (["020 7946 0000", "+44 20 7946 0000", "+44 (0)20 7946 0000"], "GB"),
        (["555-0100 x23", "555-0100"], "US"),
    ],
)
def test_one_number_written_many_ways_has_one_key(numbers, region):
    assert len({phone_key(n, region) for n in numbers}) == 1


def test_different_numbers_and_too_short_ones():
    assert phone_key("555-555-1111", "US") != phone_key("555-555-1112", "US")
    assert phone_key("+44 20 7946 0000", "US") != phone_key("+1 20 7946 0000", "US")
    assert phone_key("12345", "US") == "" and phone_key("", "US") == ""


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        ("Ada Lovelace", "ada  lovelace", False),
        ("Ada Lovelace", "Ada King Lovelace", False),
        ("A. Lovelace", "Ada Lovelace", False),
        ("Jon Smith", "John Smith", True),  # a near spelling is for the user to confirm
        ("Mark Jones", "Mary Jones", True),  # who may share a home phone
        ("Ada Lovelace", "", False),
        ("Unnamed contact", "Grace Hopper", False),
        ("Roid Ando", "Prefix FirstName Middle LastName", True),
        ("Alice Boss", "Carol Chief", True),
        ("Ada Lovelace", "Ada King", True),
    ],
)
def test_names_that_cannot_be_one_person(first, second, differ):
    assert names_differ(person_name(first), person_name(second)) is differ


ADA = Known("ada lovelace", "engines", "urn:uuid:ada", "Ada Lovelace")


@pytest.mark.parametrize(
    ("key", "name", "uid", "same"),
    [
        (Key.UID, "Someone Else", "urn:uuid:ada", True),
        (Key.PROFILE, "Ada King", "", True),  # a profile names one person, renamed or not
        (Key.PROFILE, "A. Lovelace", "", True),
        (Key.PROFILE, "", "", True),
        (Key.PROFILE, "Boris Yeltsin", "", False),  # a URL on another person's card
        (Key.PROFILE, "Ada Lovelace", "other-system-uid", True),
        (Key.PROFILE, "Ada King", "other-system-uid", False),
        (Key.EMAIL, "Ada Lovelace", "", True),
        (Key.EMAIL, "", "", True),
        (Key.EMAIL, "Carol Chief", "", False),  # an assistant's address
        (Key.EMAIL, "Ada Lovelace", "other-system-uid", True),  # the same name outweighs
        (Key.EMAIL, "A Lovelace", "other-system-uid", False),
        (Key.PHONE, "Ada Lovelace", "", True),
        (Key.PHONE, "Bob Builder", "", False),  # an office switchboard
        (Key.PHONE, "Ada Lovelace", "other-uid", False),  # a phone alone never beats a UID
        (Key.NAME, "Ada Lovelace", "other-uid", False),
        (Key.NAME, "Ada Lovelace", "", True),
    ],
)
def test_a_weak_key_never_overrides_another_name_or_uid(key, name, uid, same):
    assert same_person(key, name=person_name(name), uid=uid, known=ADA) is same
