from dataclasses import fields

from networker.domain.changes import Changes


def test_nothing_changed_is_false_and_anything_else_true():
    assert not Changes()
    assert Changes.of_contacts([3])
    assert Changes(reminders=True)
    assert not Changes.of_contacts([])


def test_everything_names_every_kind_and_all_contacts():
    everything = Changes.everything()
    assert everything.all_contacts and everything.contacts
    flags = [f.name for f in fields(Changes) if f.name != "contact_ids"]
    assert all(getattr(everything, name) for name in flags)


def test_two_records_combine_ids_and_flags():
    combined = Changes.of_contacts([1, 2]) | Changes(contact_ids=frozenset({3}), goals=True)
    assert combined.contact_ids == {1, 2, 3}
    assert combined.goals and not combined.events
    assert combined.contacts and not combined.all_contacts
