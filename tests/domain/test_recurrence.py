"""Recurring events expanded for a window only, the same as dateutil from DTSTART."""

import datetime as dt
import random
import zoneinfo

import pytest
from dateutil.rrule import rrulestr

from networker.domain.recurrence import expand, last_start, rule_problem

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
HOUR = dt.timedelta(hours=1)


def reference(start, rule, after, before, duration=HOUR):
    found = [
        x
        for x in rrulestr(rule, dtstart=start).between(after - duration, before, inc=True)
        if x + duration > after and x < before
    ]
    if start + duration > after and start < before and start not in found:
        found.insert(0, start)
    return found


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;INTERVAL=3",
        "FREQ=MONTHLY",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=YEARLY;INTERVAL=2",
        "FREQ=DAILY;INTERVAL=5",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    ],
)
def test_a_window_far_from_the_start_has_the_occurrences_dateutil_walks_to(rule):
    # The expansion starts the rule again near the window; what it finds must not change.
    chance = random.Random(rule)
    for _ in range(25):
        start = dt.datetime(2015, 1, 1, 8, 30, tzinfo=BERLIN) + dt.timedelta(
            days=chance.randrange(2000)
        )
        after = start + dt.timedelta(days=chance.randrange(4000))
        before = after + dt.timedelta(days=42)
        assert list(expand(start, HOUR, rule, after=after, before=before)) == reference(
            start, rule, after, before
        )


def test_the_wall_time_is_kept_across_summer_time():
    start = dt.datetime(2026, 3, 17, 19, 0, tzinfo=BERLIN)
    after = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    found = list(
        expand(
            start, HOUR, "FREQ=WEEKLY;COUNT=3", after=after, before=after + dt.timedelta(days=60)
        )
    )
    assert [x.hour for x in found] == [19, 19, 19]
    assert [x.utcoffset() for x in found] == [HOUR, HOUR, 2 * HOUR]


def test_an_endless_rule_gives_only_the_window():
    start = dt.datetime(2000, 1, 3, 9, 0, tzinfo=dt.UTC)
    after = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    found = list(
        expand(start, HOUR, "FREQ=DAILY", after=after, before=after + dt.timedelta(days=14))
    )
    assert len(found) == 14
    assert last_start(start, "FREQ=DAILY") is None


def test_dtstart_counts_even_when_the_rule_would_not_pick_it():
    start = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)  # a Wednesday
    after = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    found = list(
        expand(
            start, HOUR, "FREQ=WEEKLY;BYDAY=MO", after=after, before=after + dt.timedelta(days=10)
        )
    )
    assert [x.day for x in found] == [2, 7]


def test_exdates_and_all_day_dates():
    start = dt.date(2026, 1, 15)
    found = list(
        expand(
            start,
            dt.timedelta(days=1),
            "FREQ=MONTHLY;COUNT=4",
            after=dt.datetime(2026, 1, 1),
            before=dt.datetime(2027, 1, 1),
            exdates=[dt.date(2026, 2, 15)],
        )
    )
    assert found == [dt.date(2026, 1, 15), dt.date(2026, 3, 15), dt.date(2026, 4, 15)]


def test_until_as_a_date_or_a_local_time_beside_an_aware_start():
    # dateutil refuses both beside an aware DTSTART; files write them all the same.
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN)
    window = {
        "after": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "before": dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    }
    assert len(list(expand(start, HOUR, "FREQ=WEEKLY;UNTIL=20260126", **window))) == 4
    assert len(list(expand(start, HOUR, "FREQ=WEEKLY;UNTIL=20260126T090000", **window))) == 4
    assert len(list(expand(start, HOUR, "FREQ=WEEKLY;UNTIL=20260126T075959Z", **window))) == 3


def test_rules_that_cannot_be_used_say_why():
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    assert "frequency" in rule_problem("INTERVAL=2", start)
    assert "cannot be read" in rule_problem("FREQ=WEEKLY;BYDAY=XX", start)
    assert "not both" in rule_problem("FREQ=WEEKLY;COUNT=2;UNTIL=20270101", start)
    assert rule_problem("FREQ=MONTHLY;BYDAY=2TU", start) == ""


def test_a_huge_count_is_read_as_no_end():
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    assert last_start(start, "FREQ=SECONDLY;COUNT=1000000000") is None
    assert last_start(start, "FREQ=DAILY;COUNT=3") == start + dt.timedelta(days=2)


def test_recurrence_bombs_are_kept_but_not_expanded():
    # RELIABILITY 28: a rule every second, or a billion times, shows its first time only;
    # a dense one shows at most MAX_PER_WINDOW in a window.
    from networker.domain.recurrence import MAX_PER_WINDOW, too_dense

    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    window = {"after": start, "before": start + dt.timedelta(days=42)}
    for rule in ("FREQ=SECONDLY;COUNT=1000000000", "FREQ=MINUTELY", "FREQ=DAILY;COUNT=99999"):
        assert too_dense(rule)
        assert list(expand(start, HOUR, rule, **window)) == [start]
    assert len(list(expand(start, dt.timedelta(0), "FREQ=HOURLY", **window))) == MAX_PER_WINDOW
    assert too_dense("FREQ=WEEKLY") == ""
