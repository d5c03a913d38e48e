import datetime as dt
from zoneinfo import ZoneInfo

from networker.clock import FixedClock
from networker.domain.reminders import (
    MORNING,
    NOTIFICATIONS_PER_MINUTE,
    Due,
    Snooze,
    effective_cadence,
    keep_in_touch_due,
    next_birthday,
    plan_notifications,
    snooze_day,
)

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_snooze_ends_tomorrow_next_monday_or_in_an_hour():
    saturday = dt.date(2026, 3, 28)
    assert snooze_day(Snooze.TOMORROW_MORNING, saturday) == dt.date(2026, 3, 29)
    assert snooze_day(Snooze.NEXT_WEEK, saturday) == dt.date(2026, 3, 30)  # Monday
    assert snooze_day(Snooze.NEXT_WEEK, dt.date(2026, 3, 30)) == dt.date(2026, 4, 6)
    assert snooze_day(Snooze.HOUR, saturday) is None


def test_the_morning_after_a_change_to_summer_time_is_still_nine_local():
    # Saturday 28 March 2026, 22:00 in Berlin; summer time starts that night.
    clock = FixedClock(dt.datetime(2026, 3, 28, 22, 0), zone=BERLIN)
    morning = clock.at(dt.date(2026, 3, 29), MORNING)
    assert morning.astimezone(BERLIN).hour == 9
    assert morning - clock.now() == dt.timedelta(hours=10)  # the night is an hour shorter


def test_the_next_birthday_rolls_into_next_year_and_keeps_29_february():
    assert next_birthday(12, 10, dt.date(2026, 12, 1)) == dt.date(2026, 12, 10)
    assert next_birthday(1, 5, dt.date(2026, 12, 1)) == dt.date(2027, 1, 5)
    assert next_birthday(2, 29, dt.date(2027, 1, 1)) == dt.date(2027, 2, 28)
    assert next_birthday(2, 29, dt.date(2028, 1, 1)) == dt.date(2028, 2, 29)
    assert next_birthday(12, 1, dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)  # today


def test_a_contacts_own_cadence_wins_else_the_shortest_of_its_tags():
    assert effective_cadence(90, [30]) == 90
    assert effective_cadence(None, [60, 30]) == 30
    assert effective_cadence(None, []) is None


def test_keep_in_touch_is_due_a_cadence_after_the_last_interaction_or_the_start():
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    met = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    assert keep_in_touch_due(30, met, created) == dt.datetime(2026, 3, 31, tzinfo=dt.UTC)
    assert keep_in_touch_due(30, None, created) == dt.datetime(2026, 1, 31, tzinfo=dt.UTC)


def test_a_storm_of_due_reminders_becomes_one_summary():
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    due = [Due(i, f"Call {i}", "") for i in range(12)]
    planned = plan_notifications(due, [], now)
    assert len(planned) == NOTIFICATIONS_PER_MINUTE
    assert planned[-1].title == "8 reminders due"
    assert sorted(i for n in planned for i in n.reminder_ids) == list(range(12))
    few = plan_notifications(due[:2], [], now)
    assert [n.title for n in few] == ["Call 0", "Call 1"]


def test_no_more_than_five_notifications_go_out_in_a_minute():
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    sent = [now - dt.timedelta(seconds=s) for s in (5, 10, 20, 30, 50)]
    assert plan_notifications([Due(1, "Call", "")], sent, now) == []
    sent_earlier = [now - dt.timedelta(seconds=70)] * 5
    assert len(plan_notifications([Due(1, "Call", "")], sent_earlier, now)) == 1
