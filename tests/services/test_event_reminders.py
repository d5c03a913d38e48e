"""An event's reminder: due its offset before each occurrence, through the same reading
the scheduler, Today and the agenda use, acted on like any other, gone once it ended."""

import datetime as dt

import pytest

from networker.domain.events import EventDraft, EventKind
from networker.domain.reminders import ReminderKind, Snooze
from networker.services.events import EventService
from networker.services.reminders import ReminderService

START = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)  # the clock is 28 Nov 09:00 UTC


@pytest.fixture
def events(database, clock):
    return EventService(database=database, clock=clock)


@pytest.fixture
def reminders(database, clock):
    return ReminderService(database=database, clock=clock)


def meeting(**fields):
    values = {"title": "Chapter meeting", "start": START, "end": START + dt.timedelta(hours=2),
              "kind": EventKind.ASSOCIATION, "zone": "UTC", "reminder_minutes": 60}  # fmt: skip
    values.update(fields)
    return EventDraft(**values)


def event_reminders(found):
    return [r for r in found if r.kind is ReminderKind.EVENT]


def test_due_the_offset_before_and_named_with_its_time(events, reminders, clock):
    event_id = events.add(meeting())
    events.add(meeting(title="No reminder", reminder_minutes=None))
    assert reminders.next_due() == START - dt.timedelta(hours=1)
    assert event_reminders(reminders.due()) == []
    clock.advance(START - dt.timedelta(hours=1) - clock.now())
    [due] = event_reminders(reminders.due())
    assert due.title == "Chapter meeting (Mon 30 Nov, 18:00)"
    assert due.event_id == event_id and due.contact_id is None
    reading = reminders.scheduler_reading(clock.now(), shown=5)
    assert [r.title for r in event_reminders(reading.fresh)] == [due.title]
    reminders.mark_notified(reading.fresh)
    assert event_reminders(reminders.scheduler_reading(clock.now(), shown=5).fresh) == []
    # Told once; still due until acted on; done ends it.
    assert event_reminders(reminders.due()) != []
    reminders.done(event_reminders(reminders.due())[0])
    assert event_reminders(reminders.due()) == []


def test_each_occurrence_of_a_series_has_its_own(events, reminders, clock):
    events.add(meeting(rrule="FREQ=DAILY;COUNT=3"))
    clock.advance(START - clock.now())
    [first] = event_reminders(reminders.due())
    reminders.dismiss(first)
    assert reminders.next_due() == START + dt.timedelta(days=1, hours=-1)
    clock.advance(dt.timedelta(days=1))
    assert [r.title for r in event_reminders(reminders.due())] == [
        "Chapter meeting (Tue 1 Dec, 18:00)"
    ]


def test_snoozed_and_over(events, reminders, clock):
    events.add(meeting())
    clock.advance(START - dt.timedelta(minutes=30) - clock.now())
    [due] = event_reminders(reminders.due())
    reminders.snooze(due, Snooze.HOUR)
    assert event_reminders(reminders.due()) == []
    assert reminders.next_due() == clock.now() + dt.timedelta(hours=1)
    clock.advance(dt.timedelta(hours=1))
    assert len(event_reminders(reminders.due())) == 1
    clock.advance(dt.timedelta(hours=2))  # the meeting is over
    assert event_reminders(reminders.due()) == []


def test_counted_on_today_and_gone_with_the_event(events, reminders, clock):
    event_id = events.add(meeting(reminder_minutes=3 * 24 * 60))
    overview = reminders.overview(clock.now(), clock.now() + dt.timedelta(days=1), per_kind=25)
    assert overview.counts_now == {ReminderKind.EVENT: 1}
    assert [r.kind for r in overview.due] == [ReminderKind.EVENT]
    reminders.mark_notified(overview.due)
    events.delete(event_id)
    assert event_reminders(reminders.due()) == []
