"""The agenda: what needs the user from a day through the next days, overdue first, in
the user's local time (``networker agenda``; the Today page later)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from networker.clock import FixedClock
from networker.domain.contacts import Birthday
from networker.domain.interactions import InteractionDraft, InteractionKind, Value
from networker.domain.reminders import ReminderKind
from networker.services.agenda import MAX_DAYS, AgendaRangeError, AgendaService, check_range
from networker.services.interactions import InteractionService
from networker.services.reminders import ReminderService
from networker.storage import reminders as reminder_store
from networker.storage.db import write_transaction
from tests.conftest import make_draft

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def clock():
    # Wednesday 2 December 2026, 08:00 in New York (13:00 UTC): local dates and UTC differ.
    return FixedClock(dt.datetime(2026, 12, 2, 8, 0), zone=NEW_YORK)


@pytest.fixture
def service(database, clock):
    return AgendaService(database=database, clock=clock)


@pytest.fixture
def interactions(database, clock):
    return InteractionService(database=database, clock=clock)


def person(contacts, given, family="", **fields):
    return contacts.create(make_draft(given_name=given, family_name=family, emails=[], **fields))


def follow_up(interactions, contact, day, summary="Intro"):
    interactions.log(InteractionDraft([contact], summary=summary, follow_up_on=day))


def stored(database, clock, title, due):
    """A stored reminder with no contact (as a congratulation may come to be)."""
    with write_transaction(database):
        reminder_store.add(
            database,
            kind=ReminderKind.CONGRATULATE.value,
            contact_id=None,
            occurrence=title,
            title=title,
            due_at=due,
            now=clock.now(),
        )


def listed(agenda):
    return [
        (r.kind, r.due.replace(tzinfo=None).isoformat(), r.contact, r.overdue)
        for r in agenda.reminders
    ]


def test_an_empty_database_has_an_empty_agenda_from_today(service):
    agenda = service.agenda()
    assert (agenda.start, agenda.days, agenda.end) == (
        dt.date(2026, 12, 2), 7, dt.date(2026, 12, 8)
    )  # fmt: skip
    assert agenda.reminders == () and agenda.events == () and agenda.goals_behind == ()
    assert agenda.empty


def test_overdue_and_the_next_days_in_local_time_earliest_first(
    service, contacts, interactions, clock
):
    ada = person(contacts, "Ada", "Lovelace")
    grace = person(contacts, "Grace", "Hopper")
    linus = person(contacts, "Linus", "Torvalds")
    person(contacts, "Edsger", "Dijkstra", birthday=Birthday(month=12, day=3))
    person(contacts, "Barbara", "Liskov", cadence_days=3)  # added now: due in 3 days
    follow_up(interactions, grace, dt.date(2026, 12, 4))
    follow_up(interactions, ada, dt.date(2026, 11, 30))  # two days ago: overdue
    follow_up(interactions, linus, dt.date(2026, 12, 9))  # after the seven days
    interactions.log(InteractionDraft([linus], InteractionKind.CALL, value=Value.RECEIVED))

    agenda = service.agenda()

    assert listed(agenda) == [
        (ReminderKind.FOLLOW_UP, "2026-11-30T09:00:00", "Ada Lovelace", True),
        (ReminderKind.THANK_YOU, "2026-12-02T08:00:00", "Linus Torvalds", False),
        (ReminderKind.BIRTHDAY, "2026-12-03T09:00:00", "Edsger Dijkstra", False),
        (ReminderKind.FOLLOW_UP, "2026-12-04T09:00:00", "Grace Hopper", False),
        (ReminderKind.KEEP_IN_TOUCH, "2026-12-05T08:00:00", "Barbara Liskov", False),
    ]
    assert all(r.due.tzinfo is not None and r.due.utcoffset() for r in agenda.reminders)
    assert [r.title for r in agenda.overdue()] == ["Follow up with Ada Lovelace: Intro"]
    assert [r.contact for r in agenda.on(dt.date(2026, 12, 3))] == ["Edsger Dijkstra"]
    assert not agenda.empty

    # One day more reaches Linus's follow-up on the 9th.
    assert listed(service.agenda(days=8))[-1] == (
        ReminderKind.FOLLOW_UP, "2026-12-09T09:00:00", "Linus Torvalds", False
    )  # fmt: skip


def test_a_later_date_counts_what_is_still_open_before_it_as_overdue(
    service, contacts, interactions
):
    ada = person(contacts, "Ada")
    grace = person(contacts, "Grace")
    follow_up(interactions, ada, dt.date(2026, 12, 4))
    follow_up(interactions, grace, dt.date(2026, 12, 20))
    agenda = service.agenda(dt.date(2026, 12, 14), days=7)
    assert [(r.contact, r.overdue) for r in agenda.reminders] == [("Ada", True), ("Grace", False)]
    assert (agenda.start, agenda.end) == (dt.date(2026, 12, 14), dt.date(2026, 12, 20))


def test_done_and_snoozed_reminders_follow_what_the_user_did(
    service, contacts, interactions, database, clock
):
    ada = person(contacts, "Ada")
    grace = person(contacts, "Grace")
    follow_up(interactions, ada, dt.date(2026, 12, 1))
    follow_up(interactions, grace, dt.date(2026, 12, 1))
    reminders = ReminderService(database=database, clock=clock)
    first, second = reminders.due()
    reminders.done(first)
    reminders.snooze(second, dt.datetime(2026, 12, 10, 14, 30, tzinfo=dt.UTC))
    assert listed(service.agenda()) == []
    (back,) = service.agenda(days=9).reminders
    assert back.due.replace(tzinfo=None) == dt.datetime(2026, 12, 10, 9, 30)


def test_a_day_ends_at_local_midnight_not_utc_midnight(service, database, clock):
    stored(database, clock, "Late on the 8th", dt.datetime(2026, 12, 9, 3, 0, tzinfo=dt.UTC))
    stored(database, clock, "Early on the 9th", dt.datetime(2026, 12, 9, 6, 0, tzinfo=dt.UTC))
    (last,) = service.agenda().reminders
    assert last.title == "Late on the 8th"
    assert last.due.replace(tzinfo=None) == dt.datetime(2026, 12, 8, 22, 0)
    assert service.agenda().on(dt.date(2026, 12, 8)) == [last]


def test_birthdays_are_seen_from_the_agenda_date(service, contacts):
    person(contacts, "Ada", birthday=Birthday(month=6, day=1, year=1990))
    agenda = service.agenda(dt.date(2027, 5, 30), days=7)
    (birthday,) = agenda.reminders
    assert birthday.due.replace(tzinfo=None) == dt.datetime(2027, 6, 1, 9, 0)
    assert not birthday.overdue


def test_a_reminder_without_a_contact_has_no_name(service, database, clock):
    stored(database, clock, "Congratulate the team", dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC))
    (reminder,) = service.agenda().reminders
    assert (reminder.contact, reminder.title) == (None, "Congratulate the team")
    assert reminder.due.replace(tzinfo=None) == dt.datetime(2026, 12, 3, 10, 0)


@pytest.mark.parametrize("days", [0, -1, MAX_DAYS + 1, 10**9])
def test_a_window_of_no_days_or_too_many_is_refused(days):
    with pytest.raises(AgendaRangeError, match="days"):
        check_range(dt.date(2026, 12, 2), days)


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_a_date_outside_the_calendar_the_app_handles_is_refused(day):
    with pytest.raises(AgendaRangeError, match="from 1900"):
        check_range(day, 7)
