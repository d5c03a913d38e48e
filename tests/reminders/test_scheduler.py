"""The scheduler with a fake clock and a recording notifier: reminders come due and
notify exactly once, across a restart too; a storm becomes one summary; a clock jump is
caught up on; the timer waits for the next due time."""

import datetime as dt

import pytest

from networker.domain.interactions import InteractionDraft
from networker.reminders.notifier import RecordingNotifier
from networker.reminders.scheduler import MAX_TIMER_MS, ReminderScheduler
from networker.services.interactions import InteractionService
from networker.services.reminders import ReminderService
from tests.conftest import make_draft


@pytest.fixture
def reminders(database, clock):
    return ReminderService(database=database, clock=clock)


def scheduler_for(reminders, clock, tasks, qtbot, notifier=None):
    scheduler = ReminderScheduler(
        reminders=reminders, clock=clock, notifier=notifier or RecordingNotifier(), tasks=tasks
    )
    scheduler.notifier = scheduler._notifier
    return scheduler


def check(qtbot, scheduler):
    with qtbot.waitSignal(scheduler.checked, timeout=5000):
        scheduler.check()


def person(contacts, given, **fields):
    return contacts.create(make_draft(given_name=given, family_name="", emails=[], **fields))


def test_a_due_reminder_notifies_once_even_after_a_restart(
    qtbot, contacts, reminders, clock, tasks
):
    person(contacts, "Ada", cadence_days=7)
    clock.advance(dt.timedelta(days=8))
    first = scheduler_for(reminders, clock, tasks, qtbot)
    check(qtbot, first)
    assert [n.title for n in first.notifier.shown] == ["Keep in touch with Ada (every 7 days)"]
    check(qtbot, first)
    assert len(first.notifier.shown) == 1  # not twice
    again = scheduler_for(reminders, clock, tasks, qtbot)  # Networker started again
    check(qtbot, again)
    assert again.notifier.shown == []
    assert [r.title for r in again.due] == ["Keep in touch with Ada (every 7 days)"]


def test_the_timer_waits_for_the_next_due_time_clamped(qtbot, contacts, reminders, clock, tasks):
    ada = person(contacts, "Ada")
    InteractionService(database=reminders._db, clock=clock).log(
        InteractionDraft([ada], follow_up_on=clock.today() + dt.timedelta(days=2))
    )
    scheduler = scheduler_for(reminders, clock, tasks, qtbot)
    check(qtbot, scheduler)
    due = clock.at(clock.today() + dt.timedelta(days=2), dt.time(9, 0))
    expected = (due - clock.now()).total_seconds() * 1000
    assert scheduler.timer.isActive()
    assert abs(scheduler.timer.interval() - expected) < 1000


def test_a_due_time_beyond_what_a_timer_takes_is_waited_for_in_steps(
    qtbot, contacts, reminders, clock, tasks
):
    ada = person(contacts, "Ada")
    InteractionService(database=reminders._db, clock=clock).log(
        InteractionDraft([ada], follow_up_on=clock.today() + dt.timedelta(days=60))
    )
    scheduler = scheduler_for(reminders, clock, tasks, qtbot)
    check(qtbot, scheduler)
    assert scheduler.timer.interval() == MAX_TIMER_MS  # 24.8 days, then it checks again


def test_a_storm_of_due_reminders_becomes_one_summary(qtbot, contacts, reminders, clock, tasks):
    for n in range(12):
        person(contacts, f"Person {n:02d}", cadence_days=7)
    clock.advance(dt.timedelta(days=8))
    scheduler = scheduler_for(reminders, clock, tasks, qtbot)
    check(qtbot, scheduler)
    titles = [n.title for n in scheduler.notifier.shown]
    assert len(titles) == 5 and titles[-1] == "8 reminders due"
    check(qtbot, scheduler)
    assert len(scheduler.notifier.shown) == 5  # all twelve count as notified


def test_after_a_week_of_sleep_the_tick_catches_up(qtbot, contacts, reminders, clock, tasks):
    person(contacts, "Ada", cadence_days=3)
    scheduler = scheduler_for(reminders, clock, tasks, qtbot)
    check(qtbot, scheduler)
    assert scheduler.notifier.shown == []
    clock.jump(dt.timedelta(days=7))  # the laptop slept: the monotonic clock stood still
    with qtbot.waitSignal(scheduler.checked, timeout=5000):
        scheduler._on_tick()
    assert [n.title for n in scheduler.notifier.shown] == ["Keep in touch with Ada (every 3 days)"]


def test_an_events_reminder_waits_for_its_offset_and_notifies_once(qtbot, reminders, clock, tasks):
    from networker.domain.events import EventDraft, EventKind
    from networker.services.events import EventService

    start = clock.now() + dt.timedelta(days=3)
    EventService(database=reminders._db, clock=clock).add(EventDraft(
        "Alumni evening", start, start + dt.timedelta(hours=2), EventKind.ALUMNI, "UTC",
        reminder_minutes=24 * 60, rrule="FREQ=WEEKLY;COUNT=2",
    ))  # fmt: skip
    scheduler = scheduler_for(reminders, clock, tasks, qtbot)
    check(qtbot, scheduler)
    assert scheduler.notifier.shown == []
    expected = (start - dt.timedelta(days=1) - clock.now()).total_seconds() * 1000
    assert abs(scheduler.timer.interval() - expected) < 1000  # a day before, to the second
    clock.advance(dt.timedelta(days=2))
    check(qtbot, scheduler)
    assert [n.title for n in scheduler.notifier.shown] == ["Alumni evening (Tue 1 Dec, 09:00)"]
    check(qtbot, scheduler)
    assert len(scheduler.notifier.shown) == 1
    # The next week's occurrence has its own, a week later.
    next_due = start + dt.timedelta(days=6)
    assert abs(scheduler.timer.interval() - (next_due - clock.now()).total_seconds() * 1000) < 1000
