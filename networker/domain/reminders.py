"""Reminder rules without storage or Qt: kinds, when a snooze ends, the next birthday,
keep-in-touch due dates, and how many notifications may go out at once."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

# When a reminder that belongs to a day (a birthday, "tomorrow morning") comes due.
MORNING = dt.time(9, 0)
# A birthday stays on Today this many days after it, until it is done.
BIRTHDAY_GRACE_DAYS = 7
# RELIABILITY 35: at most this many notifications a minute; more become one summary.
NOTIFICATIONS_PER_MINUTE = 5


class ReminderKind(Enum):
    """The values are the contract's names (``networker agenda --json``)."""

    FOLLOW_UP = "follow-up"
    KEEP_IN_TOUCH = "keep-in-touch"
    BIRTHDAY = "birthday"
    THANK_YOU = "thank-you"
    CONGRATULATE = "congratulate"
    EVENT = "event"


class Snooze(Enum):
    HOUR = "1 hour"
    TOMORROW_MORNING = "tomorrow morning"
    NEXT_WEEK = "next week"


def snooze_day(choice: Snooze, today: dt.date) -> dt.date | None:
    """The local day a snooze ends on, at MORNING; None for "1 hour"."""
    if choice is Snooze.HOUR:
        return None
    if choice is Snooze.TOMORROW_MORNING:
        return today + dt.timedelta(days=1)
    return today + dt.timedelta(days=7 - today.weekday())  # next Monday


def next_birthday(month: int, day: int, today: dt.date) -> dt.date:
    """The next birthday on or after ``today``; 29 February is kept on the 28th in years
    without it (a year-less birthday works the same: only month and day count)."""
    for year in (today.year, today.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:  # 29 February in a common year
            date = dt.date(year, month, 28)
        if date >= today:
            return date
    raise AssertionError("unreachable: next year's date is after today")


def month_day_ranges(first: dt.date, last: dt.date) -> list[tuple[str, str]]:
    """The ("MM-DD", "MM-DD") ranges of birthdays that fall from ``first`` through
    ``last``: two when the span crosses New Year, the whole year when it is that long.
    A 29 February birthday is kept on the 28th in common years, so a range ending on
    28 February of one takes it in too."""
    if (last - first).days >= 365:
        return [("01-01", "12-31")]
    end = f"{last:%m-%d}"
    if end == "02-28" and not calendar.isleap(last.year):
        end = "02-29"
    if first.year == last.year:
        return [(f"{first:%m-%d}", end)]
    return [(f"{first:%m-%d}", "12-31"), ("01-01", end)]


def effective_cadence(own: int | None, tag_defaults: Iterable[int]) -> int | None:
    """A contact's own cadence, else the shortest default among its tags, else none."""
    if own is not None:
        return own
    return min(tag_defaults, default=None)


def keep_in_touch_due(
    cadence_days: int, last_contact: dt.datetime | None, created: dt.datetime
) -> dt.datetime:
    """Last interaction plus the cadence; from the day the contact was added when they
    were never contacted."""
    return (last_contact or created) + dt.timedelta(days=cadence_days)


@dataclass(frozen=True)
class Notification:
    """What one notification says; ``reminder_ids`` are the reminders it covers."""

    title: str
    body: str
    reminder_ids: tuple[int, ...]


@dataclass(frozen=True)
class Due:
    """A reminder that came due and has not been notified for this due time."""

    reminder_id: int
    title: str
    body: str


def plan_notifications(
    due: Sequence[Due], sent: Sequence[dt.datetime], now: dt.datetime
) -> list[Notification]:
    """One notification per due reminder while fewer than NOTIFICATIONS_PER_MINUTE
    went out in the last minute; the rest become one "N reminders due" summary (so a
    week of sleep, or an import, never floods the desktop)."""
    recent = sum(1 for when in sent if now - when < dt.timedelta(minutes=1))
    room = max(NOTIFICATIONS_PER_MINUTE - recent, 0)
    if len(due) <= room:
        return [Notification(d.title, d.body, (d.reminder_id,)) for d in due]
    if room == 0:
        return []  # nothing more this minute; they stay due and are tried again
    single = [Notification(d.title, d.body, (d.reminder_id,)) for d in due[: room - 1]]
    rest = due[room - 1 :]
    summary = Notification(
        f"{len(rest)} reminders due",
        "Open Networker to see them on Today.",
        tuple(d.reminder_id for d in rest),
    )
    return [*single, summary]
