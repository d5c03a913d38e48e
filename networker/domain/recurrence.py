"""Recurring events, expanded with python-dateutil's rrule for a window only.

A rule without an end (a monthly association meeting) is never turned into a list: only
the occurrences that touch the window on screen are computed (RELIABILITY 30). dateutil
walks a rule from its DTSTART, so a weekly meeting started in 2018 costs hundreds of
steps for every month shown (measured: 300 such series took 1.6 s for one month); a rule
without COUNT is therefore started again at the last whole period before the window,
its implicit parts (the weekday, day of month, month that DTSTART gave it) written out
first, so the occurrences are the same.

Times are expanded as the event has them: aware datetimes in the event's zone (the wall
time is kept across summer time, as RFC 5545 wants), naive ones for floating times, and
dates for all-day events.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

When = dt.datetime | dt.date
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
# The parts that pick days within a period: when a rule has none, DTSTART's own day is
# meant, and moving DTSTART needs it written out.
_DAY_PARTS = ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")


# RELIABILITY 28: what one window may hold of one series, and the rules that are stored
# as the file had them but never expanded (a calendar is not a clock).
MAX_PER_WINDOW = 1000
_NOT_EXPANDED = ("SECONDLY", "MINUTELY")


@lru_cache(maxsize=4096)
def too_dense(rule: str) -> str:
    """Why a rule is kept but not expanded (only its first occurrence is shown), in
    words; "" for a rule a calendar can show."""
    parts = parts_of(rule)
    if parts.get("FREQ", "").upper() in _NOT_EXPANDED:
        return "it repeats every second or minute"
    count = parts.get("COUNT", "")
    if count.isdigit() and int(count) > COUNT_LIMIT:
        return f"it repeats {int(count):,} times"
    return ""


def parts_of(rule: str) -> dict[str, str]:
    """An RRULE value as its parts ("FREQ=WEEKLY;INTERVAL=2" -> {"FREQ": "WEEKLY", …})."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        if "=" in piece:
            name, value = piece.split("=", 1)
            parts[name.strip().upper()] = value.strip()
    return parts


def rule_text(parts: dict[str, str]) -> str:
    order = ["FREQ", "INTERVAL", "COUNT", "UNTIL"]
    names = sorted(parts, key=lambda name: (order.index(name) if name in order else 9, name))
    return ";".join(f"{name}={parts[name]}" for name in names)


def rule_problem(rule: str, start: When) -> str:
    """Why a rule cannot be used with this start, in words; "" when it can."""
    parts = parts_of(rule)
    if parts.get("FREQ", "").upper() not in _FREQUENCIES:
        return "A repeating event needs a frequency (daily, weekly, monthly or yearly)."
    if "COUNT" in parts and "UNTIL" in parts:
        return "A repeating event ends after a number of times or on a date, not both."
    try:
        _rule(rule, _naive(start))
        int(parts.get("INTERVAL", "1") or 1)
        int(parts.get("COUNT", "1") or 1)
    except (ValueError, TypeError, OverflowError) as error:
        return f"The repeat rule cannot be read ({error})."
    return ""


def _naive(value: When) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def _until_for(text: str, start: dt.datetime) -> str:
    """UNTIL in the form dateutil accepts beside this DTSTART: UTC for an aware start
    (a date or a local time is read in the start's zone), local wall time for a naive
    one. Files write all three."""
    date_only = len(text) == 8
    value = (
        dt.datetime.strptime(text, "%Y%m%d")
        if date_only
        else dt.datetime.strptime(text[:15], "%Y%m%dT%H%M%S")
    )
    if date_only:
        value = value.replace(hour=23, minute=59, second=59)  # the whole last day counts
    utc = text.endswith("Z")
    if start.tzinfo is None:
        if utc:
            value = value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
        return value.strftime("%Y%m%dT%H%M%S")
    if utc:
        aware = value.replace(tzinfo=dt.UTC)
    else:
        aware = value.replace(tzinfo=start.tzinfo)
    return aware.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _rule(rule: str, start: dt.datetime) -> rrule:
    parts = parts_of(rule)
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_for(parts["UNTIL"], start)
    made = rrulestr(rule_text(parts), dtstart=start, cache=False)
    if not isinstance(made, rrule):  # rrulestr gives an rruleset for several rules
        raise ValueError("one RRULE is expected")
    return made


def _explicit(parts: dict[str, str], start: dt.datetime) -> dict[str, str]:
    """The rule with the parts DTSTART implied written out, so that DTSTART may move."""
    out = dict(parts)
    freq = parts["FREQ"].upper()
    if not any(name in parts for name in _DAY_PARTS):
        if freq == "WEEKLY":
            out["BYDAY"] = _WEEKDAYS[start.weekday()]
        elif freq == "MONTHLY":
            out["BYMONTHDAY"] = str(start.day)
        elif freq == "YEARLY":
            out["BYMONTHDAY"] = str(start.day)
            out.setdefault("BYMONTH", str(start.month))
    if freq in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY"):
        out.setdefault("BYHOUR", str(start.hour))
        out.setdefault("BYMINUTE", str(start.minute))
        out.setdefault("BYSECOND", str(start.second))
    return out


def _moved_start(parts: dict[str, str], start: dt.datetime, before: dt.datetime) -> dt.datetime:
    """The last start a whole number of periods after ``start`` that is not after
    ``before`` (the same wall time, in the same zone)."""
    freq = parts["FREQ"].upper()
    interval = max(int(parts.get("INTERVAL", "1") or 1), 1)
    wall = start.replace(tzinfo=None)
    target = before.astimezone(start.tzinfo).replace(tzinfo=None) if start.tzinfo else before
    if target <= wall:
        return start
    if freq == "WEEKLY":
        periods = (target - wall).days // (7 * interval)
        moved = wall + dt.timedelta(weeks=periods * interval)
    elif freq == "DAILY":
        periods = (target - wall).days // interval
        moved = wall + dt.timedelta(days=periods * interval)
    elif freq == "MONTHLY":
        months = (target.year - wall.year) * 12 + target.month - wall.month
        periods = max(months // interval - 1, 0)
        moved = wall.replace(day=1) + relativedelta(months=periods * interval)
    elif freq == "YEARLY":
        periods = max((target.year - wall.year) // interval - 1, 0)
        moved = wall.replace(month=1, day=1) + relativedelta(years=periods * interval)
    else:
        return start
    return moved.replace(tzinfo=start.tzinfo) if periods > 0 else start


# The cached functions take the start's zone as well: two starts at the same instant in
# two zones are equal (and hash alike), but their wall times, and so their
# occurrences, are not.


@lru_cache(maxsize=4096)
def _explicit_rule(rule: str, start: dt.datetime, zone: object) -> rrule:
    """The rule with DTSTART's implied parts written out, read once per series (reading
    an RRULE costs more than moving its start)."""
    return _rule(rule_text(_explicit(parts_of(rule), start)), start)


@lru_cache(maxsize=4096)
def _prepared(rule: str, start: dt.datetime, moved_before: dt.datetime, zone: object) -> rrule:
    parts = parts_of(rule)
    if "COUNT" in parts:  # counted from the first: cannot move, and is short
        return _counted(rule, start, zone)
    moved = _moved_start(_explicit(parts, start), start, moved_before)
    if moved == start:
        return _counted(rule, start, zone)
    return _explicit_rule(rule, start, zone).replace(dtstart=moved)


@lru_cache(maxsize=4096)
def _counted(rule: str, start: dt.datetime, zone: object) -> rrule:
    return _rule(rule, start)


# The simple rules (what the event dialog writes: a frequency, an interval, an end) are
# counted out in wall time without dateutil: dateutil reads the rule and builds its sets
# for each window (measured: 0.9 ms a series, 250 endless series in every window), while
# adding whole days, weeks, months or years to DTSTART's wall time is what RFC 5545 and
# dateutil give for them (a month or a year without that day is skipped).
_SIMPLE_PARTS = frozenset({"FREQ", "INTERVAL", "UNTIL", "COUNT"})


@dataclass(frozen=True)
class _Simple:
    freq: str
    interval: int
    until: dt.datetime | None
    count: int | None


@lru_cache(maxsize=4096)
def _simple(rule: str, start: dt.datetime, zone: object) -> _Simple | None:
    """The rule as a _Simple, or None when dateutil must expand it."""
    parts = parts_of(rule)
    freq = parts.get("FREQ", "").upper()
    if not set(parts) <= _SIMPLE_PARTS or freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        return None
    if start.microsecond or (start.tzinfo is not None and not _is_zoneinfo(start.tzinfo)):
        return None
    try:
        interval = int(parts.get("INTERVAL", "1") or 1)
        count = int(parts["COUNT"]) if "COUNT" in parts else None
        until = None
        if "UNTIL" in parts:
            text = _until_for(parts["UNTIL"], start)
            until = dt.datetime.strptime(text[:15], "%Y%m%dT%H%M%S")
            if start.tzinfo is not None:
                until = until.replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    if interval < 1 or (count is not None and count < 0):
        return None
    return _Simple(freq, interval, until, count)


def _is_zoneinfo(zone: dt.tzinfo) -> bool:
    import zoneinfo

    return isinstance(zone, zoneinfo.ZoneInfo) or zone is dt.UTC


def _simple_nth(rule: _Simple, wall: dt.datetime, k: int) -> dt.datetime | None:
    """The k-th step's wall time (None: that month or year has no such day)."""
    step = k * rule.interval
    if rule.freq == "DAILY":
        return wall + dt.timedelta(days=step)
    if rule.freq == "WEEKLY":
        return wall + dt.timedelta(weeks=step)
    if rule.freq == "MONTHLY":
        year, month = divmod(wall.month - 1 + step, 12)
        year += wall.year
        month += 1
    else:
        year, month = wall.year + step, wall.month
    if year > dt.MAXYEAR:
        return None
    if wall.day > 28 and wall.day > calendar.monthrange(year, month)[1]:
        return None
    return wall.replace(year=year, month=month)


def _simple_after(rule: _Simple, start: dt.datetime, low: dt.datetime) -> Iterator[dt.datetime]:
    """What dateutil's xafter(low, inc=True, count=MAX_PER_WINDOW) gives for the rule."""
    zone = start.tzinfo
    wall = start.replace(tzinfo=None)
    low_wall = low.astimezone(zone).replace(tzinfo=None) if zone is not None else low
    # Where to begin: a step before the window (wall times move by an hour at most
    # around summer time), or the first when a count or a skipped day needs the index.
    skips = (rule.freq == "MONTHLY" and wall.day > 28) or (
        rule.freq == "YEARLY" and wall.month == 2 and wall.day == 29
    )
    k = 0
    if low_wall > wall and not (rule.count is not None and skips):
        if rule.freq in ("DAILY", "WEEKLY"):
            days = (low_wall - wall).days // (1 if rule.freq == "DAILY" else 7)
            k = max(days // rule.interval - 1, 0)
        elif rule.freq == "MONTHLY":
            months = (low_wall.year - wall.year) * 12 + low_wall.month - wall.month
            k = max(months // rule.interval - 1, 0)
        else:
            k = max((low_wall.year - wall.year) // rule.interval - 1, 0)
    # Wall times are compared first: an instant differs from its wall time by the zone's
    # offset, less than a day, so only occurrences within a day of a bound are compared
    # as instants (comparing aware times costs two offset lookups each).
    margin = dt.timedelta(days=1)
    until = rule.until
    until_wall = until.astimezone(zone).replace(tzinfo=None) if until and zone else until
    # The index of the k-th step among the occurrences (for COUNT): the same unless
    # days are skipped, and then k started at 0.
    index = k
    given = 0
    while given < MAX_PER_WINDOW:
        if rule.count is not None and index >= rule.count:
            return
        found = _simple_nth(rule, wall, k)
        k += 1
        if found is None:
            if k * rule.interval > 12 * (dt.MAXYEAR - wall.year):
                return
            continue
        index += 1
        if until_wall is not None and found >= until_wall - margin:
            if zone is None:
                if found > until_wall:
                    return
            elif found > until_wall + margin or found.replace(tzinfo=zone) > until:  # type: ignore[operator]
                return
        if zone is None:
            if found < low:
                continue
        elif found < low_wall + margin and (
            found < low_wall - margin or found.replace(tzinfo=zone) < low
        ):
            continue
        given += 1
        yield found.replace(tzinfo=zone) if zone is not None else found


def _month_floor(instant: dt.datetime) -> dt.datetime:
    # Windows move by days; moving DTSTART to the same month keeps the cache useful.
    return instant.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def expand(
    start: When,
    duration: dt.timedelta,
    rule: str,
    *,
    after: dt.datetime,
    before: dt.datetime,
    exdates: Iterable[When] = (),
) -> Iterator[When]:
    """The starts of the occurrences that overlap [after, before), in order, without
    those in ``exdates``. ``after``/``before`` are aware for a start in a zone, naive
    local wall times for a floating or all-day one. Starts have the type of ``start``;
    DTSTART is the first occurrence, as RFC 5545 says, even when the rule would not
    pick it."""
    first = _naive(start)
    removed = {_instant(_naive(x)) for x in exdates}
    lasts = duration > dt.timedelta(0)

    def wanted(occurrence: dt.datetime) -> bool:
        if occurrence >= before or (removed and _instant(occurrence) in removed):
            return False
        if lasts:
            return occurrence + duration > after
        return occurrence >= after

    if wanted(first):
        yield start
    if too_dense(rule):
        return
    low = after - max(duration, dt.timedelta(0))
    for occurrence in _rule_starts(rule, first, low, before):
        if occurrence >= before:
            break
        if occurrence != first and wanted(occurrence):
            yield occurrence if isinstance(start, dt.datetime) else occurrence.date()


def _rule_starts(
    rule: str, first: dt.datetime, low: dt.datetime, before: dt.datetime
) -> Iterable[dt.datetime]:
    """What the rule gives from ``low`` on (at most MAX_PER_WINDOW): from the years
    computed before when the window is within a few years, else walked afresh."""
    first_year, last_year = _year_of(low), _year_of(before)
    if last_year - first_year <= _YEARS_AT_ONCE and dt.MINYEAR < first_year < dt.MAXYEAR - 1:
        zone = first.tzinfo
        years = [_year(rule, first, year, zone) for year in range(first_year, last_year + 1)]
        if all(year is not None for year in years):
            return _from_years(years, low)  # type: ignore[arg-type]
    return _walk(rule, first, low)


def _walk(rule: str, first: dt.datetime, low: dt.datetime) -> Iterable[dt.datetime]:
    simple = _simple(rule, first, first.tzinfo)
    if simple is not None:
        return _simple_after(simple, first, low)
    prepared = _prepared(rule, first, _month_floor(low - dt.timedelta(days=1)), first.tzinfo)
    return prepared.xafter(low, inc=True, count=MAX_PER_WINDOW)


# A calendar shows the same months again and again (and every month holds the same
# endless series): each series' starts are computed a year at a time and kept, so a
# window is a lookup. A year of more than _YEAR_LIMIT starts (a rule every hour) is not
# kept; windows longer than a few years are walked.
_YEAR_LIMIT = 1500
_YEARS_AT_ONCE = 2


def _year_of(instant: dt.datetime) -> int:
    return instant.astimezone(dt.UTC).year if instant.tzinfo else instant.year


def _year_start(year: int, aware: bool) -> dt.datetime:
    return dt.datetime(year, 1, 1, tzinfo=dt.UTC if aware else None)


@lru_cache(maxsize=16384)
def _year(rule: str, first: dt.datetime, year: int, zone: object) -> tuple[dt.datetime, ...] | None:
    """The rule's starts within the (UTC, or wall for a floating start) year, in order;
    None for a year too full to keep."""
    aware = first.tzinfo is not None
    low, high = _year_start(year, aware), _year_start(year + 1, aware)
    found = []
    walked = 0
    for occurrence in _walk(rule, first, low):
        walked += 1
        if occurrence >= high:
            break
        found.append(occurrence)
        if walked >= min(_YEAR_LIMIT, MAX_PER_WINDOW):
            return None
    return tuple(found)


def _from_years(years: list[tuple[dt.datetime, ...]], low: dt.datetime) -> Iterator[dt.datetime]:
    given = 0
    for index, starts in enumerate(years):
        begin = bisect.bisect_left(starts, low) if index == 0 else 0
        for occurrence in starts[begin:]:
            if given >= MAX_PER_WINDOW:
                return
            given += 1
            yield occurrence


def _instant(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC) if value.tzinfo else value


# A COUNT beyond this is read as no end (a file may say COUNT=1000000000).
COUNT_LIMIT = 10_000


def last_start(start: When, rule: str) -> When | None:
    """When the last occurrence starts at the latest, or None for a rule without an
    end (an UNTIL is taken as it is: a bound is all a search by time needs)."""
    parts = parts_of(rule)
    first = _naive(start)
    if "UNTIL" in parts:
        until = dt.datetime.strptime(_until_for(parts["UNTIL"], first)[:15], "%Y%m%dT%H%M%S")
        if first.tzinfo is not None:
            until = until.replace(tzinfo=dt.UTC)
        bound = max(until, first)
        return bound if isinstance(start, dt.datetime) else bound.date()
    if "COUNT" not in parts or int(parts["COUNT"] or 0) > COUNT_LIMIT:
        return None
    last = first
    for last in _rule(rule, first):  # noqa: B007 - bounded by COUNT_LIMIT
        pass
    last = max(last, first)
    return last if isinstance(start, dt.datetime) else last.date()
