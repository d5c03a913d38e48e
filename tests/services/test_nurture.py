"""Interactions and reminders: logging, follow-ups, thanks, reciprocity, keep in touch,
birthdays, snooze and done that persist, and notifying once (issue "Nurture")."""

import datetime as dt

import pytest

from networker.domain.changes import Changes
from networker.domain.contacts import Birthday
from networker.domain.interactions import (
    InteractionDraft,
    InteractionKind,
    InteractionValidationError,
    Value,
)
from networker.domain.reminders import ReminderKind, Snooze
from networker.services.interactions import InteractionService
from networker.services.reminders import ReminderService
from tests.conftest import make_draft

UTC = dt.UTC


@pytest.fixture
def interactions(database, clock, changes):
    return InteractionService(database=database, clock=clock, on_change=changes.append)


@pytest.fixture
def reminders(database, clock, changes):
    return ReminderService(database=database, clock=clock, on_change=changes.append)


def person(contacts, given, **fields):
    return contacts.create(make_draft(given_name=given, family_name="", emails=[], **fields))


def kinds(due):
    return [(r.kind, r.contact_id) for r in due]


def test_an_interaction_with_two_people_is_on_both_timelines(contacts, interactions, changes):
    ada, grace = person(contacts, "Ada"), person(contacts, "Grace")
    logged = interactions.log(
        InteractionDraft([ada, grace], InteractionKind.COFFEE_CHAT, summary="Compilers")
    )
    assert [r.id for r in interactions.timeline(ada)] == [logged]
    assert interactions.timeline(grace)[0].contact_names == ("Ada", "Grace")
    assert changes[-1] == Changes(
        contact_ids=frozenset({ada, grace}), interactions=True, reminders=True
    )


def test_an_interaction_needs_a_contact_that_exists(contacts, interactions):
    with pytest.raises(InteractionValidationError, match="at least one contact"):
        interactions.log(InteractionDraft([]))
    with pytest.raises(InteractionValidationError, match="no longer exists"):
        interactions.log(InteractionDraft([999]))


def test_a_follow_up_date_becomes_a_reminder_due_that_morning(
    contacts, interactions, reminders, clock
):
    ada = person(contacts, "Ada")
    interactions.log(
        InteractionDraft([ada], summary="Intro to Babbage", follow_up_on=dt.date(2026, 12, 3))
    )
    assert reminders.due() == []
    (due,) = reminders.due(dt.datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    assert due.kind is ReminderKind.FOLLOW_UP and due.contact_id == ada
    assert due.title == "Follow up with Ada: Intro to Babbage"
    interactions.log(InteractionDraft([ada], follow_up_on=dt.date(2026, 11, 1)))  # past
    assert kinds(reminders.due()) == [(ReminderKind.FOLLOW_UP, ada)]  # due at once


def test_help_received_asks_for_thanks_until_a_thank_you_is_logged(
    contacts, interactions, reminders
):
    ada = person(contacts, "Ada")
    interactions.log(
        InteractionDraft([ada], InteractionKind.CALL, value=Value.RECEIVED, value_kind="referral")
    )
    (thanks,) = reminders.due()
    assert thanks.title == "Say thank you to Ada for the referral"
    interactions.log(InteractionDraft([ada], InteractionKind.THANK_YOU))
    assert reminders.due() == []


def test_the_balance_counts_value_given_and_received_over_twelve_months(
    contacts, interactions, clock
):
    ada = person(contacts, "Ada")
    long_ago = clock.now() - dt.timedelta(days=400)
    interactions.log(InteractionDraft([ada], occurred_at=long_ago, value=Value.GIVEN))
    interactions.log(InteractionDraft([ada], value=Value.RECEIVED))
    interactions.log(InteractionDraft([ada], value=Value.RECEIVED))
    balance = interactions.balance(ada)
    assert (balance.given, balance.received) == (0, 2)
    assert "time to offer value" in balance.words


def test_keep_in_touch_is_due_a_cadence_after_the_last_interaction(
    contacts, interactions, reminders, clock
):
    ada = person(contacts, "Ada", cadence_days=30)
    clock.advance(dt.timedelta(days=31))
    assert kinds(reminders.due()) == [(ReminderKind.KEEP_IN_TOUCH, ada)]
    interactions.log(InteractionDraft([ada], InteractionKind.CALL))
    assert reminders.due() == []  # any logged interaction resets it
    clock.advance(dt.timedelta(days=30))
    assert kinds(reminders.due()) == [(ReminderKind.KEEP_IN_TOUCH, ada)]


def test_a_tag_default_cadence_is_inherited_unless_a_contact_has_its_own(
    contacts, reminders, clock
):
    mentor = person(contacts, "Ada", tags=["mentor"])
    own = person(contacts, "Grace", tags=["mentor"], cadence_days=90)
    reminders.set_tag_cadence("mentor", 30)
    clock.advance(dt.timedelta(days=31))
    assert kinds(reminders.due()) == [(ReminderKind.KEEP_IN_TOUCH, mentor)]
    clock.advance(dt.timedelta(days=60))
    assert sorted(kinds(reminders.due())) == sorted(
        [(ReminderKind.KEEP_IN_TOUCH, mentor), (ReminderKind.KEEP_IN_TOUCH, own)]
    )
    with pytest.raises(ValueError, match="above zero"):
        reminders.set_tag_cadence("mentor", 0)


def test_birthdays_come_every_year_with_or_without_the_year(contacts, reminders, clock):
    ada = person(contacts, "Ada", birthday=Birthday(month=12, day=10, year=1815))
    grace = person(contacts, "Grace", birthday=Birthday(month=12, day=9))
    on_the_day = dt.datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    assert kinds(reminders.due(on_the_day)) == [
        (ReminderKind.BIRTHDAY, grace),
        (ReminderKind.BIRTHDAY, ada),
    ]
    for due in reminders.due(on_the_day):
        reminders.done(due)
    assert reminders.due(on_the_day) == []
    clock.advance(dt.timedelta(days=365))
    next_year = dt.datetime(2027, 12, 10, 9, 0, tzinfo=UTC)
    assert len(reminders.due(next_year)) == 2


def test_snooze_and_dismiss_are_kept_across_a_restart(
    contacts, interactions, reminders, database, clock
):
    ada = person(contacts, "Ada", cadence_days=7)
    grace = person(contacts, "Grace", cadence_days=7)
    clock.advance(dt.timedelta(days=8))
    first, second = sorted(reminders.due(), key=lambda r: r.contact_id)
    back = reminders.snooze(first, Snooze.HOUR)
    reminders.dismiss(second)
    again = ReminderService(database=database, clock=clock)  # as after a restart
    assert again.due() == []
    clock.advance(dt.timedelta(hours=1))
    (due,) = again.due()
    assert due.contact_id == ada and due.due == back
    assert grace not in [r.contact_id for r in again.due()]


def test_a_reminder_is_notified_once_per_due_time(contacts, reminders, clock):
    person(contacts, "Ada", cadence_days=7)
    clock.advance(dt.timedelta(days=8))
    (due,) = reminders.due()
    assert not due.notified and reminders.next_due() == due.due
    reminders.mark_notified([due])
    (again,) = reminders.due()
    assert again.notified
    assert reminders.next_due() is None  # nothing left to notify
    reminders.snooze(again, Snooze.HOUR)
    clock.advance(dt.timedelta(hours=1))
    (back,) = reminders.due()
    assert not back.notified  # a new due time is notified again


def test_deleting_a_contact_deletes_its_reminders_and_keeps_shared_interactions(
    contacts, interactions, reminders
):
    ada, grace = person(contacts, "Ada"), person(contacts, "Grace")
    shared = interactions.log(InteractionDraft([ada, grace], value=Value.RECEIVED))
    alone = interactions.log(InteractionDraft([ada]))
    contacts.delete([ada])
    assert [r.contact_id for r in reminders.due()] == [grace]
    assert [r.id for r in interactions.timeline(grace)] == [shared]
    with pytest.raises(Exception, match="no longer exists"):
        interactions.get(alone)


def test_merging_two_contacts_keeps_the_interactions_of_both(
    contacts, interactions, database, clock
):
    from networker.services.duplicates import DuplicateService

    keep, other = person(contacts, "Ada"), person(contacts, "Ada L.")
    interactions.log(InteractionDraft([keep]))
    interactions.log(InteractionDraft([other]))
    interactions.log(InteractionDraft([keep, other]))
    DuplicateService(database=database, clock=clock).merge(keep, other)
    assert len(interactions.timeline(keep)) == 3


def test_a_deleted_interaction_can_be_logged_again(contacts, interactions):
    ada = person(contacts, "Ada")
    logged = interactions.log(InteractionDraft([ada], summary="Lunch"))
    record = interactions.delete(logged)
    assert interactions.timeline(ada) == []
    interactions.restore(record)
    assert [r.draft.summary for r in interactions.timeline(ada)] == ["Lunch"]
