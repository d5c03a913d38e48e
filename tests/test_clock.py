import datetime as dt
from zoneinfo import ZoneInfo

from networker.clock import FixedClock, JumpWatch, SystemClock


def test_the_system_clock_gives_utc_instants_and_local_dates():
    clock = SystemClock()
    assert clock.now().tzinfo is dt.UTC and clock.now().microsecond == 0
    assert clock.local_now().utcoffset() is not None
    assert clock.today() == clock.local_now().date()


def test_a_fixed_clock_reads_a_naive_start_in_its_zone():
    clock = FixedClock(dt.datetime(2026, 3, 29, 0, 30), zone=ZoneInfo("Europe/Berlin"))
    assert clock.now() == dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC)
    assert clock.today() == dt.date(2026, 3, 29)
    clock.advance(dt.timedelta(hours=2))  # across the change to summer time
    assert clock.local_now().hour == 3 and clock.local_now().minute == 30


def test_time_that_passes_is_no_jump_but_sleep_and_a_changed_clock_are():
    clock = FixedClock(dt.datetime(2026, 12, 1, 9, 0))
    watch = JumpWatch(clock)
    clock.advance(dt.timedelta(hours=3))
    assert watch.check() is None
    clock.jump(dt.timedelta(days=7))  # the laptop slept a week
    assert watch.check() == dt.timedelta(days=7)
    assert watch.check() is None
    clock.jump(-dt.timedelta(hours=1))  # the system time was set back
    assert watch.check() == -dt.timedelta(hours=1)


def test_instants_are_shown_by_the_zone_rules_of_their_own_date():
    clock = FixedClock(dt.datetime(2026, 10, 30, 12, 0), zone=ZoneInfo("America/New_York"))
    after_the_change = dt.datetime(2026, 11, 2, 14, 0, tzinfo=dt.UTC)  # EST from 1 November
    assert clock.local(after_the_change).replace(tzinfo=None) == dt.datetime(2026, 11, 2, 9, 0)
    assert clock.day_start(dt.date(2026, 10, 31)) == dt.datetime(2026, 10, 31, 4, tzinfo=dt.UTC)
    assert clock.day_start(dt.date(2026, 11, 2)) == dt.datetime(2026, 11, 2, 5, tzinfo=dt.UTC)


def test_the_system_clock_converts_to_and_from_the_local_day():
    clock = SystemClock()
    start = clock.day_start(clock.today())
    assert start.tzinfo is dt.UTC
    assert clock.local(start).date() == clock.today() and clock.local(start).hour == 0
