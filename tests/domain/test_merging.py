"""Folding an imported contact into a stored one: the card's lists are united, the
user's values kept."""

from networker.domain.contacts import ContactDraft, Handle, LabeledValue, PostalAddress
from networker.domain.merging import describe, merge


def test_the_cards_lists_are_united_without_repeats():
    mine = ContactDraft(
        given_name="Ada", nicknames=["Ada"], roles=["Host"],
        addresses=[PostalAddress("home", locality="London")],
        handles=[Handle("skype", "ada")], dates=[LabeledValue("anniversary", "1835-07-08")],
    )  # fmt: skip
    theirs = ContactDraft(
        given_name="Ada", nicknames=["ada", "Enchantress"], roles=["host", "Speaker"],
        addresses=[PostalAddress("work", locality=" london "), PostalAddress(locality="Ockham")],
        handles=[Handle("Skype", "ADA"), Handle("aim", "adal", written_as="X-AIM")],
        dates=[LabeledValue("anniversary", "1835-07-08")], gender="F",
    )  # fmt: skip
    merged = merge(mine, theirs)
    assert merged.nicknames == ["Ada", "Enchantress"]
    assert merged.roles == ["Host", "Speaker"]
    assert [a.locality for a in merged.addresses] == ["London", "Ockham"]
    assert [h.address for h in merged.handles] == ["ada", "adal"]
    assert merged.dates == mine.dates and merged.gender == "F"
    assert "address: Ockham" in describe(mine, merged)
    assert merge(merged, theirs) == merged  # nothing new the second time


def test_units_come_with_their_organization():
    mine = ContactDraft(organization="Acme")
    assert merge(mine, ContactDraft(organization="ACME", org_units=["Sales"])).org_units == [
        "Sales"
    ]
    assert merge(mine, ContactDraft(organization="Other", org_units=["Sales"])).org_units == []
    kept = ContactDraft(organization="Acme", org_units=["R&D"])
    assert merge(kept, ContactDraft(organization="Acme", org_units=["Sales"])).org_units == ["R&D"]


def test_one_number_written_two_ways_is_kept_once():
    # Issue 10: phones compare in E.164, read in the user's country when they have no
    # code; "by the last digits" kept 0171 … and +49 171 … as two numbers.
    from networker.domain.contacts import ContactDraft, LabeledValue
    from networker.domain.merging import merge

    def having(*numbers):
        return ContactDraft(display_name="Ada", phones=[LabeledValue("", n) for n in numbers])

    us = merge(having("555-555-1111"), having("+1 (555) 555-1111", "555 0100"), phone_region="US")
    assert [p.value for p in us.phones] == ["555-555-1111", "555 0100"]
    de = merge(having("0171 1234567"), having("+49 171 1234567"), phone_region="DE")
    assert [p.value for p in de.phones] == ["0171 1234567"]
    # Different numbers that end alike are two numbers.
    two = merge(having("+44 20 7946 0958"), having("+1 207 946 0958"), phone_region="US")
    assert len(two.phones) == 2
