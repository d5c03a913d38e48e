"""Which instant a TZID names (RELIABILITY 29), for reading calendar files.

icalendar resolves a TZID through one process-wide cache that every file it parsed
fills, and gives a naive time, silently, for a TZID it cannot find. Here each file's
times are placed from its own TZIDs and VTIMEZONEs only, in this order:

1. a TZID this system knows (an IANA id, a Windows name such as "W. Europe Standard
   Time", or a "/vendor/Europe/Berlin" id): that zone;
2. a TZID the file defines with a VTIMEZONE (Apple writes custom ids): the VTIMEZONE
   gives the instant, which is kept in the IANA zone its TZID or X-LIC-LOCATION names
   when that zone agrees with it, else in UTC (zone "");
3. neither: the wall time, floating (the same clock time wherever the user is), with a
   warning for the report.

A time without a TZID (floating, or UTC) is in the calendar's X-WR-TIMEZONE where it
names a known zone (Apple, Google), else as written.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from dataclasses import dataclass
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

TZID_MAX = 200  # a longer TZID is no zone anyone uses


@dataclass(frozen=True)
class _Resolved:
    tzinfo: dt.tzinfo | None  # None: floating
    zone: str  # the IANA id, "" for none
    from_file: bool = False  # the file's VTIMEZONE gives the offsets


def iana_zone(tzid: str) -> str:
    """The IANA id a TZID names, "" when this system knows none."""
    return _iana(tzid.strip())


@cache
def _iana(tzid: str) -> str:
    if not tzid or len(tzid) > TZID_MAX:
        return ""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    cleaned = tzid.strip("/")
    candidates = [cleaned, WINDOWS_TO_OLSON.get(cleaned, "")]
    if tzid.startswith("/"):  # "/mozilla.org/20050126_1/Europe/Berlin"
        parts = cleaned.split("/")
        candidates += ["/".join(parts[start:]) for start in range(1, len(parts))]
    for candidate in candidates:
        if candidate and _known(candidate):
            return candidate
    return ""


def _known(zone: str) -> bool:
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


class FileZones:
    """The zones of one calendar: its VTIMEZONE definitions, resolved once each."""

    def __init__(self, definitions: dict[str, Any], default_zone: str = "") -> None:
        """``definitions``: the file's VTIMEZONE components (icalendar) by TZID;
        ``default_zone``: its X-WR-TIMEZONE, if any."""
        self._definitions = definitions
        self._resolved: dict[str, _Resolved] = {}
        self._default = iana_zone(default_zone) if default_zone else ""

    def place_without_tzid(self, value: dt.datetime) -> tuple[dt.datetime, str]:
        """A time written without a TZID: floating (naive) or in UTC ("Z"). In a
        calendar whose X-WR-TIMEZONE names a known zone, it is a time in that zone, as
        Apple Calendar and Google read it (a floating 09:00 is 09:00 there; a weekly
        series written in UTC repeats at the zone's 09:00 across a change to summer
        time); without one, floating stays floating and UTC stays UTC."""
        if value.tzinfo is None:
            if not self._default:
                return value, ""
            return value.replace(tzinfo=zoneinfo.ZoneInfo(self._default)), self._default
        if not self._default:
            return value.astimezone(dt.UTC), ""
        return value.astimezone(zoneinfo.ZoneInfo(self._default)), self._default

    def place(self, wall: dt.datetime, tzid: str) -> tuple[dt.datetime, str, str]:
        """A wall time written with this TZID as (time, zone, warning): aware in its
        zone, aware in UTC with zone "", or naive (floating) with a warning."""
        resolved = self._resolved.get(tzid)
        if resolved is None:
            resolved = self._resolved[tzid] = self._resolve(tzid)
        wall = wall.replace(tzinfo=None)
        if resolved.tzinfo is None:
            shown = tzid if len(tzid) <= 60 else tzid[:60] + "…"
            return (
                wall,
                "",
                (
                    f"the time zone “{shown}” is not known and the file does not define it: "
                    "its times are kept as floating local time"
                ),
            )
        aware = wall.replace(tzinfo=resolved.tzinfo)
        if not resolved.from_file:
            return aware, resolved.zone, ""
        instant = aware.astimezone(dt.UTC)
        if resolved.zone:
            there = instant.astimezone(zoneinfo.ZoneInfo(resolved.zone))
            if there.utcoffset() == aware.utcoffset():
                return there, resolved.zone, ""
        return instant, "", ""

    def _resolve(self, tzid: str) -> _Resolved:
        if zone := iana_zone(tzid):
            return _Resolved(zoneinfo.ZoneInfo(zone), zone)
        definition = self._definitions.get(tzid)
        if definition is None:
            return _Resolved(None, "")
        try:
            from icalendar.timezone import tzp

            made = tzp.create_timezone(definition)
        except Exception:  # a VTIMEZONE icalendar cannot use: the times float
            log.info("a VTIMEZONE could not be used", exc_info=True)
            return _Resolved(None, "")
        location = str(definition.get("X-LIC-LOCATION", "") or "")
        mapped = (iana_zone(location) if location else "") or _zone_like(made)
        return _Resolved(made, mapped, from_file=True)


# Where several zones keep the same offsets, the one a user most likely meant (the
# largest city of its rules), before the rest by name ("Africa/Ceuta" keeps Berlin's).
_MAJOR_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Phoenix", "America/Anchorage", "Pacific/Honolulu", "America/Halifax",
    "America/St_Johns", "America/Mexico_City", "America/Sao_Paulo", "America/Santiago",
    "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Berlin", "Europe/Athens",
    "Europe/Helsinki", "Europe/Istanbul", "Europe/Moscow", "Africa/Cairo", "Africa/Lagos",
    "Africa/Johannesburg", "Africa/Nairobi", "Asia/Jerusalem", "Asia/Dubai", "Asia/Tehran",
    "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai",
    "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Adelaide",
    "Australia/Brisbane", "Australia/Sydney", "Pacific/Auckland",
)  # fmt: skip
# The days a VTIMEZONE is compared with the zones this system knows on: every day of
# two years (a change of offset lands on its own day).
_SAMPLE_DAYS = 730


def _zone_like(made: dt.tzinfo) -> str:
    """A zone this system knows whose offsets are the VTIMEZONE's on every day of two
    recent years (a custom TZID such as Outlook's "Customized Time Zone", or Apple's,
    without an X-LIC-LOCATION): its times then repeat through changes to summer time as
    the file's zone does. The computer's own zone first when it is one, then the largest
    city of those rules (_MAJOR_ZONES), then by name; "" when none agrees (the times are
    kept in UTC). January and July are compared first: most zones differ there."""
    first = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    days = [first + dt.timedelta(days=n) for n in range(_SAMPLE_DAYS)]
    try:
        wanted = [day.astimezone(made).utcoffset() for day in days]
    except Exception:  # a definition icalendar made but cannot place a time with
        return ""
    january, july = wanted[0], wanted[181]
    from networker.clock import local_zone_name

    local = local_zone_name()
    major = {zone: rank for rank, zone in enumerate(_MAJOR_ZONES)}
    candidates = sorted(
        _known_zones(), key=lambda zone: (zone != local, major.get(zone, len(major)), zone)
    )
    for zone in candidates:
        info = zoneinfo.ZoneInfo(zone)
        if days[0].astimezone(info).utcoffset() != january:
            continue
        if days[181].astimezone(info).utcoffset() != july:
            continue
        if all(day.astimezone(info).utcoffset() == o for day, o in zip(days, wanted, strict=True)):
            return zone
    return ""


@cache
def _known_zones() -> tuple[str, ...]:
    # Region/City names only: not the "Etc/GMT-1" or "CET" kind a user never chose.
    return tuple(
        z
        for z in zoneinfo.available_timezones()
        if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
