import datetime as dt

import pytest

from networker.domain.contacts import (
    UNNAMED,
    Birthday,
    ContactDraft,
    LabeledValue,
    effective_display_name,
    initials,
    is_linkedin_url,
    is_valid_email,
    is_valid_phone,
    is_valid_url,
    normalize_url,
    parse_birthday,
    parse_tags,
    search_text,
    validate,
)

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1985-03-14", Birthday(3, 14, 1985)),
        ("19850314", Birthday(3, 14, 1985)),
        ("--0314", Birthday(3, 14)),
        ("--03-14", Birthday(3, 14)),
        ("03-14", Birthday(3, 14)),
        ("02-29", Birthday(2, 29)),
    ],
)
def test_birthdays_with_and_without_a_year(typed, expected):
    assert parse_birthday(typed) == expected


@pytest.mark.parametrize("typed", ["19631399", "circa 1980", "", "2023-02-29", "14/03/1985"])
def test_impossible_birthdays_are_refused_not_replaced_by_today(typed):
    with pytest.raises(ValueError):
        parse_birthday(typed)


def test_a_future_birthday_is_a_problem():
    draft = ContactDraft(birthday=Birthday(1, 1, 2030))
    assert [p.field for p in validate(draft, today=TODAY)] == ["birthday"]


def test_display_name_falls_back_sensibly():
    assert (
        effective_display_name(ContactDraft(given_name=" Ada ", family_name="Lovelace"))
        == "Ada Lovelace"
    )
    assert effective_display_name(ContactDraft(family_name="Lovelace")) == "Lovelace"
    assert effective_display_name(ContactDraft(organization="Acme")) == "Acme"
    assert (
        effective_display_name(ContactDraft(emails=[LabeledValue("", "a@b.example")]))
        == "a@b.example"
    )
    assert effective_display_name(ContactDraft()) == UNNAMED
    assert effective_display_name(ContactDraft(display_name="Ada L.", given_name="Ada")) == "Ada L."


def test_addresses():
    assert is_valid_email("ada@engines.example")
    assert not is_valid_email("ada at engines")
    assert not is_valid_email("<b>@x.y")
    assert is_valid_phone("+1 (555) 010-0100 ext. 12")
    assert not is_valid_phone("call me")
    assert is_valid_url("https://www.linkedin.com/in/ada")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://nohost", "smb://x.y/z"):
        assert not is_valid_url(bad)
    assert normalize_url("www.example.org/x") == "https://www.example.org/x"
    assert is_linkedin_url("https://de.linkedin.com/in/ada")
    assert not is_linkedin_url("https://linkedin.com.evil.example/in/ada")


def test_tags_are_split_trimmed_and_deduplicated():
    assert parse_tags(" mentor,  Design ,mentor,, MENTOR ") == ["mentor", "Design"]


def test_search_text_keeps_fields_apart():
    hay = search_text("Ada Lovelace", "Engines", ["ADA@x.example"], ["Mentor"])
    assert "ada@x.example" in hay and "mentor" in hay
    assert "lovelace engines" not in hay


def test_validation_caps_and_ranges():
    draft = ContactDraft(given_name="x" * 2000, strength=7, cadence_days=0)
    assert {p.field for p in validate(draft, today=TODAY)} == {
        "given_name",
        "strength",
        "cadence_days",
    }


def test_initials():
    assert initials("Ada Lovelace") == "AL"
    assert initials("ada") == "A"
    assert initials("Jean-Luc de la Tour") == "JT"
    assert initials("   ") == "?"
    # QA: titles and suffixes made "Dr. Liam Brown" DB and "Ines Nuñez Jr." IJ.
    assert initials("Dr. Liam Brown") == "LB"
    assert initials("Ines Nuñez Jr.") == "IN"
    assert initials("Prof. Dr. Anna Schröder, PhD") == "AS"
    assert initials("Dr.") == "D"  # nothing else to go by
    # The Arabic article al- is not the family name's initial.
    assert initials("\u0623\u062d\u0645\u062f \u0627\u0644\u062e\u0637\u064a\u0628") == (
        "\u0623\u062e"
    )
