"""What the event dialog's "Repeat" row says, as an RRULE and back: a frequency, an
interval, and an end (never, after a number of times, on a day). A rule the row cannot
show (BYDAY lists from a file, say) is kept as it is by the dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from networker.domain.recurrence import parts_of, rule_text


class Frequency(Enum):
    NONE = ""
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"

    @property
    def label(self) -> str:
        return "Does not repeat" if self is Frequency.NONE else self.value.capitalize()

    @property
    def unit(self) -> str:
        return {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}.get(
            self.value, ""
        )


@dataclass(frozen=True)
class Repeat:
    frequency: Frequency = Frequency.NONE
    interval: int = 1
    count: int | None = None  # ends after so many times
    until: dt.date | None = None  # ends on this day (inclusive)

    def rule(self) -> str:
        """The RRULE value ("" for an event that does not repeat)."""
        if self.frequency is Frequency.NONE:
            return ""
        parts = {"FREQ": self.frequency.value}
        if self.interval > 1:
            parts["INTERVAL"] = str(self.interval)
        if self.count is not None:
            parts["COUNT"] = str(self.count)
        elif self.until is not None:
            parts["UNTIL"] = f"{self.until:%Y%m%d}"
        return rule_text(parts)


_SIMPLE = {"FREQ", "INTERVAL", "COUNT", "UNTIL"}


def repeat_of(rule: str) -> Repeat | None:
    """The row's reading of a rule; None when it says more than the row can show."""
    if not rule:
        return Repeat()
    parts = parts_of(rule)
    if set(parts) - _SIMPLE:
        return None
    try:
        frequency = Frequency(parts.get("FREQ", "").upper())
        interval = int(parts.get("INTERVAL", "1") or 1)
        count = int(parts["COUNT"]) if "COUNT" in parts else None
        until = (
            dt.datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date() if "UNTIL" in parts else None
        )
    except ValueError:
        return None
    if frequency is Frequency.NONE:
        return None
    return Repeat(frequency, max(interval, 1), count, until)


def describe(rule: str) -> str:
    """A rule in a few words ("Every 2 weeks, 10 times")."""
    repeat = repeat_of(rule)
    if repeat is None:
        return "Repeats (a rule from a file)"
    if repeat.frequency is Frequency.NONE:
        return ""
    every = (
        repeat.frequency.label
        if repeat.interval == 1
        else f"Every {repeat.interval} {repeat.frequency.unit}"
    )
    if repeat.count is not None:
        return f"{every}, {repeat.count} times"
    if repeat.until is not None:
        return f"{every}, until {repeat.until:%d %b %Y}"
    return every
