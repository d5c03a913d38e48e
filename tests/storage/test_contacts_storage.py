import datetime as dt

import peewee
import pytest

from networker.domain.changes import Changes
from networker.domain.contacts import Birthday, ContactValidationError, LabeledValue, Source
from networker.services.contacts import ContactNotFoundError
from tests.conftest import make_draft


def test_a_contact_round_trips_every_field(contacts):
    draft = make_draft(
        display_name="Ada L.",
        emails=[LabeledValue("work", "ada@engines.example"), LabeledValue("home", "a@b.example")],
        birthday=Birthday(month=12, day=10, year=1815),
        photo=b"\xff\xd8jpeg",
        notes="Met at the engine show.\nLikes poetry.",
        how_we_met="Babbage introduced us",
        source=Source.REFERRAL,
        school="Home tutored",
        tags=["mentor", "math"],
        strength=4,
        cadence_days=30,
        uid="urn:uuid:ada",
    )
    contact_id = contacts.create(draft)
    record = contacts.get(contact_id)
    draft.tags = sorted(draft.tags)
    assert record.draft == draft
    assert not record.archived
    assert record.created_at == record.updated_at == dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def test_a_birthday_without_a_year_is_kept_without_one(contacts):
    contact_id = contacts.create(make_draft(birthday=Birthday(month=2, day=29)))
    assert contacts.get(contact_id).draft.birthday == Birthday(month=2, day=29, year=None)


def test_update_replaces_the_lists_and_moves_updated_at(contacts, clock):
    contact_id = contacts.create(make_draft())
    clock.advance(dt.timedelta(hours=1))
    contacts.update(contact_id, make_draft(emails=[], tags=["alumni"], title="Countess"))
    record = contacts.get(contact_id)
    assert record.draft.emails == []
    assert record.draft.tags == ["alumni"]
    assert record.draft.title == "Countess"
    assert record.updated_at == dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
    assert record.created_at == dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def test_an_invalid_draft_is_refused_and_nothing_is_written(contacts):
    with pytest.raises(ContactValidationError) as raised:
        contacts.create(make_draft(emails=[LabeledValue("work", "not an email")]))
    assert raised.value.problems[0].field == "emails.0"
    assert contacts.count() == 0


def test_tags_are_shared_case_insensitively(contacts):
    first = contacts.create(make_draft(tags=["Mentor"]))
    second = contacts.create(make_draft(given_name="Grace", tags=["mentor"]))
    assert contacts.tag_names() == ["Mentor"]
    assert contacts.summaries([first, second])[second].tags == "Mentor"


def test_bulk_tag_archive_and_delete_change_only_the_chosen(contacts, changes):
    ids = [contacts.create(make_draft(given_name=f"P{i}", tags=[])) for i in range(4)]
    contacts.add_tag(ids[:3], "alumni")
    contacts.remove_tag(ids[:1], "alumni")
    tagged = contacts.summaries(ids)
    assert [tagged[i].tags for i in ids] == ["", "alumni", "alumni", ""]
    assert "alumni" in contacts.index().haystacks[1]
    contacts.set_archived(ids[1:3], True)
    assert contacts.count() == 2
    assert contacts.count(include_archived=True) == 4
    contacts.delete(ids[2:])
    assert contacts.count(include_archived=True) == 2
    # Their interactions, news and reminders went with them: Today and timelines refresh.
    assert changes[-1] == Changes(
        contact_ids=frozenset(ids[2:]), interactions=True, milestones=True, reminders=True
    )


def test_deleting_a_contact_deletes_what_it_owns(contacts, database):
    contact_id = contacts.create(make_draft(photo=b"jpeg"))
    contacts.delete([contact_id])
    for table in ("email", "phone", "url", "contact_tag", "contact_photo", "tag"):
        assert database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_updating_a_deleted_contact_says_so(contacts):
    contact_id = contacts.create(make_draft())
    contacts.delete([contact_id])
    with pytest.raises(ContactNotFoundError):
        contacts.update(contact_id, make_draft())


def test_index_holds_what_a_search_looks_in(contacts):
    contacts.create(make_draft())
    index = contacts.index()
    assert index.haystacks == [
        "ada lovelace\nanalytical engines\nada@engines.example\nmentor\nengineer\n"
        "https://www.linkedin.com/in/ada\n442079460000"  # title, web address, phone digits
    ]
    assert index.name_keys == ["ada lovelace"]


def test_a_failed_transaction_leaves_nothing_behind(contacts, database):
    contacts.create(make_draft())
    with pytest.raises(peewee.IntegrityError), database.atomic():
        database.execute_sql("DELETE FROM email")
        database.execute_sql("INSERT INTO contact_tag VALUES (999, 999)")
    assert database.execute_sql("SELECT count(*) FROM email").fetchone()[0] == 1


def test_counting_stops_where_asked(contacts):
    ids = [contacts.create(make_draft(given_name=f"P{i}", tags=[])) for i in range(5)]
    contacts.set_archived(ids[:1], True)
    assert contacts.count(include_archived=True, up_to=3) == 3
    assert contacts.count(include_archived=True, up_to=10) == 5
    assert contacts.count(up_to=10) == 4


def test_every_query_names_its_database_none_goes_through_a_global(database, contacts):
    """storage functions take ``db``; the tables' proxy is never initialised, so a query
    that forgot its database would fail instead of reaching whichever file was last set."""
    from networker.storage.tables import database_proxy

    contacts.create(make_draft())
    assert database_proxy.obj is None


def test_unarchiving_a_contact_that_is_not_archived_changes_nothing(contacts, clock, changes):
    first = contacts.create(make_draft(given_name="Ada"))
    second = contacts.create(make_draft(given_name="Grace"))
    clock.advance(dt.timedelta(hours=1))
    assert contacts.set_archived([first], True) == [first]
    before = contacts.get(second).updated_at
    clock.advance(dt.timedelta(hours=1))
    assert contacts.set_archived([first, second], False) == [first]
    assert contacts.get(second).updated_at == before  # not touched
    assert changes[-1] == Changes.of_contacts([first])


def test_the_whole_card_round_trips(contacts):
    from tests.full_card import full_draft

    draft = full_draft()
    contact_id = contacts.create(draft)
    assert contacts.get(contact_id).draft == draft
    changed = full_draft(nicknames=["Countess"], addresses=[], handles=draft.handles[:1])
    contacts.update(contact_id, changed)
    assert contacts.get(contact_id).draft == changed


def test_search_finds_a_contact_by_nickname_handle_and_town(contacts):
    from tests.full_card import full_draft

    contact_id = contacts.create(full_draft())
    index = contacts.index()
    hay = index.haystacks[index.ids.index(contact_id)]
    assert all(word in hay for word in ("enchantress", "ada.lovelace", "ockham", "london"))
    contacts.add_tag([contact_id], "later")  # a bulk edit rebuilds the haystack
    index = contacts.index()
    assert "ockham" in index.haystacks[index.ids.index(contact_id)]
