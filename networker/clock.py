"""The one place that asks the system for "now"; everything else is handed a clock.

Instants are aware datetimes in UTC: what is stored, compared and scheduled. Dates a
person means without a time (a birthday, an all-day event, "today") are plain dates in
the local zone. Local time is for showing and for names people read (a backup's file
name). An event will keep its own IANA zone id (zoneinfo) beside its UTC instant.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Protocol

UTC = dt.UTC


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current instant, aware, in UTC, to the second."""
        ...

    def local_now(self) -> dt.datetime:
        """The current time in the local zone, aware, to the second."""
        ...

    def today(self) -> dt.date:
        """The local date."""
        ...

    def local(self, instant: dt.datetime) -> dt.datetime:
        """An aware instant in the local zone, by the zone's rules on that date (a time
        after a change to or from summer time gets the offset it will have then)."""
        ...

    def day_start(self, day: dt.date) -> dt.datetime:
        """The instant, in UTC, at which the local ``day`` begins."""
        ...

    def at(self, day: dt.date, time_of_day: dt.time) -> dt.datetime:
        """The instant, in UTC, of a local time on a local day ("09:00 tomorrow"), by
        the zone's rules on that day (across a change to or from summer time too)."""
        ...

    def monotonic(self) -> float:
        """Seconds that only ever grow, and stand still while the computer sleeps."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC).replace(microsecond=0)

    def local_now(self) -> dt.datetime:
        return dt.datetime.now().astimezone().replace(microsecond=0)

    def today(self) -> dt.date:
        return dt.date.today()

    def local(self, instant: dt.datetime) -> dt.datetime:
        # Without an argument, astimezone() applies the system's rules for that instant;
        # local_now().tzinfo is only today's fixed offset.
        return instant.astimezone()

    def day_start(self, day: dt.date) -> dt.datetime:
        return self.at(day, dt.time())

    def at(self, day: dt.date, time_of_day: dt.time) -> dt.datetime:
        # A naive time's astimezone() applies the system's rules for that date.
        return dt.datetime.combine(day, time_of_day).astimezone().astimezone(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class FixedClock:
    """A clock that only moves when told to: for tests and benchmarks.

    A naive ``start`` is read in ``zone`` (UTC unless given). ``advance`` is time that
    passes; ``jump`` moves only the wall clock, as a sleeping computer or a changed
    system time does.
    """

    def __init__(self, start: dt.datetime, *, zone: dt.tzinfo = UTC) -> None:
        self.zone = zone
        self._now = (start if start.tzinfo else start.replace(tzinfo=zone)).astimezone(UTC)
        self._monotonic = 1000.0

    def now(self) -> dt.datetime:
        return self._now

    def local_now(self) -> dt.datetime:
        return self._now.astimezone(self.zone)

    def today(self) -> dt.date:
        return self.local_now().date()

    def local(self, instant: dt.datetime) -> dt.datetime:
        return instant.astimezone(self.zone)

    def day_start(self, day: dt.date) -> dt.datetime:
        return self.at(day, dt.time())

    def at(self, day: dt.date, time_of_day: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time_of_day, tzinfo=self.zone).astimezone(UTC)

    def monotonic(self) -> float:
        return self._monotonic

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta
        self._monotonic += delta.total_seconds()

    def jump(self, delta: dt.timedelta) -> None:
        self._now += delta


class JumpWatch:
    """Tells when the wall clock moved by other than the time that passed: the computer
    slept (the monotonic clock stood still) or the system time was changed. A reminder
    scheduler asks on each tick and catches up when told."""

    def __init__(self, clock: Clock, *, tolerance: dt.timedelta = dt.timedelta(seconds=90)):
        self._clock = clock
        self._tolerance = tolerance.total_seconds()
        self._wall, self._steady = clock.now(), clock.monotonic()

    def check(self) -> dt.timedelta | None:
        """The jump since the last check (forward or backward), or None."""
        wall, steady = self._clock.now(), self._clock.monotonic()
        jump = (wall - self._wall).total_seconds() - (steady - self._steady)
        self._wall, self._steady = wall, steady
        if abs(jump) <= self._tolerance:
            return None
        return dt.timedelta(seconds=round(jump))


def local_zone_name() -> str:
    """The IANA id of this computer's zone ("Europe/Paris"), or "" when it cannot be
    told (a new event is planned in it by default)."""
    import os
    import zoneinfo
    from pathlib import Path

    names = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in names:
        if name and "/" in name:
            try:
                zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
            return name
    return ""
