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


SIMPLE_RULES = [
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=5", "FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=4",
    "FREQ=WEEKLY;COUNT=30", "FREQ=MONTHLY;COUNT=14", "FREQ=YEARLY;COUNT=6",
    "FREQ=DAILY;UNTIL=20270115T000000Z", "FREQ=MONTHLY;UNTIL=20281231",
    "FREQ=WEEKLY;INTERVAL=3;UNTIL=20300101T120000",
]  # fmt: skip


@pytest.mark.parametrize("rule", SIMPLE_RULES)
@pytest.mark.parametrize(
    "zone", [BERLIN, zoneinfo.ZoneInfo("America/New_York"), dt.UTC, None], ids=str
)
def test_simple_rules_counted_out_in_wall_time_are_what_dateutil_gives(rule, zone):
    """The dialog's rules skip dateutil (domain/recurrence._simple_after): month ends,
    29 February, summer time, counts and ends must come out the same."""
    from networker.domain.recurrence import _until_for

    chance = random.Random(f"{rule}{zone}")
    for _ in range(30):
        day = dt.date(2016, 1, 1) + dt.timedelta(days=chance.randrange(3000))
        if chance.random() < 0.3:  # the days that months or years lack
            day = chance.choice([dt.date(2016, 1, 31), dt.date(2020, 2, 29), dt.date(2019, 8, 30)])
        start = dt.datetime.combine(day, dt.time(chance.choice((0, 2, 8, 19)), 30), zone)
        after = start + dt.timedelta(days=chance.randrange(-30, 3000), hours=chance.randrange(24))
        before = after + dt.timedelta(days=chance.choice((1, 15, 42)))
        given = rule
        if "UNTIL" in rule:  # dateutil reads UNTIL as expand does (_until_for)
            value = rule.split("UNTIL=")[1]
            given = rule.replace(value, _until_for(value, start))
        assert list(expand(start, HOUR, rule, after=after, before=before)) == reference(
            start, given, after, before
        ), (start, after)


def test_two_series_at_the_same_instant_in_two_zones_keep_their_own_wall_times():
    """Starts at one instant are equal (and hash alike) in any zone: what is kept per
    series must still follow each one's zone across summer time."""
    london = zoneinfo.ZoneInfo("Europe/London")
    utc_start = dt.datetime(2026, 1, 6, 18, 0, tzinfo=dt.UTC)
    after = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    before = after + dt.timedelta(days=14)
    for rule in ("FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TU"):
        for start in (utc_start, utc_start.astimezone(london), utc_start.astimezone(BERLIN)):
            found = list(expand(start, HOUR, rule, after=after, before=before))
            assert found == reference(start, rule, after, before)
            assert all(x.tzinfo is start.tzinfo for x in found)
