"""What an edit in the panel keeps of an address's or a handle's vCard details."""

from networker.domain.card_edits import (
    edited_address,
    edited_handle,
    service_scheme,
)
from networker.domain.contacts import Handle, PostalAddress

STORED = PostalAddress(
    "home", street="1 Old St", locality="Ockham", types=("HOME", "pref"),
    params=('LABEL="1 Old St, Ockham"', "PREF=1", "X-FOO=bar", "GEO=geo:1,2"),
)  # fmt: skip


def shown(address):
    """The address as the panel reads it: no types, no parameters."""
    return PostalAddress.from_parts(address.label, address.parts())


def test_an_address_left_as_it_was_keeps_everything():
    assert edited_address(STORED, shown(STORED)) == STORED


def test_an_address_whose_parts_change_drops_the_parameters_that_restated_them():
    moved = PostalAddress("home", street="2 New St", locality="Ockham")
    assert edited_address(STORED, moved) == PostalAddress(
        "home", street="2 New St", locality="Ockham", types=("HOME", "pref"),
        params=("PREF=1", "X-FOO=bar"),
    )  # fmt: skip


def test_a_new_label_decides_the_types_alone_and_the_parameters_stay():
    relabelled = PostalAddress("Summer house", street="1 Old St", locality="Ockham")
    kept = edited_address(STORED, relabelled)
    assert kept.types == () and kept.params == STORED.params


def test_a_new_address_is_as_typed():
    typed = PostalAddress("work", locality="London")
    assert edited_address(None, typed) == typed


def test_a_handle_keeps_its_form_while_its_service_stays():
    skype = Handle("skype", "ada", types=("work",), written_as="X-SKYPE", label="work")
    assert edited_handle(skype, "Skype", "countess", "work") == Handle(
        "skype", "countess", "work", ("work",), "X-SKYPE"
    )
    jabber = Handle("jabber", "ada@example.org", service_type="Jabber")
    assert edited_handle(jabber, "Jabber", "ada@example.org", "") == jabber


def test_a_handle_given_another_service_is_written_as_impp():
    skype = Handle("skype", "ada", written_as="X-SKYPE", service_type="Skype")
    assert edited_handle(skype, "Matrix", "@ada:example.org", "") == Handle(
        "matrix", "@ada:example.org"
    )
    assert edited_handle(None, "Google Talk", "ada", "home") == Handle("gtalk", "ada", "home")


def test_a_service_is_named_as_people_call_it_or_made_a_scheme():
    assert service_scheme("jabber") == "xmpp"
    assert service_scheme(" Yahoo ") == "ymsgr"
    assert service_scheme("Gadu-Gadu") == "gadugadu"
    assert service_scheme("Signal <b>") == "signalb"
    assert service_scheme("") == ""
