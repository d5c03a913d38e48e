"""An iCalendar file split into its components by their BEGIN and END lines, before any
parser sees it (formats/icalendar.py parses each event).

icalendar returns nothing at all for a file without END:VCALENDAR and raises for one
bad line anywhere; here each VEVENT becomes a block of its own lines, so one broken
event is one problem with its line number. The limits of RELIABILITY (c) apply here,
before parsing: a physical line of 256 KiB, an event of 1 MiB, 500 properties; only
DISPLAY alarms are kept, at most 5 (AUDIO, PROCEDURE and EMAIL alarms, and their
ATTACH, are dropped unread). VTIMEZONEs are kept per VCALENDAR by TZID; to-dos,
journal entries and free/busy times are skipped with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from networker.formats.icalendar_zones import TZID_MAX
from networker.formats.reports import RecordProblem

LINE_MAX = 256 * 1024
EVENT_MAX = 1024 * 1024
PROPERTIES_MAX = 500
ALARMS_MAX = 5

_ESCAPE = re.compile(r"\\([\\;,nN])")
_ACTION = re.compile(r"^ACTION(?:;[^:]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)


@dataclass
class Block:
    """One VEVENT as the file has it: its unfolded lines, decoded."""

    number: int
    line: int
    calendar: int  # which VCALENDAR of the file it is in
    lines: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass
class CalendarPart:
    timezones: dict[str, list[str]] = field(default_factory=dict)  # TZID -> VTIMEZONE lines
    # X-WR-TIMEZONE (Apple, Google): the calendar's zone, for its times without a TZID.
    default_zone: str = ""
    zones: Any = None  # formats.icalendar_zones.FileZones, made on first use


def split_components(data: bytes, calendars: list[CalendarPart]) -> Iterator[Block | RecordProblem]:
    """The file's events as blocks of lines, and its VTIMEZONEs into ``calendars``;
    a problem for each event that is broken in its structure."""
    number = 0
    current: Block | None = None
    raw: list[bytes] = []
    size = 0
    depth = 0  # components open inside the event (VALARM)
    alarm: list[bytes] | None = None
    alarms = dropped = 0
    other: tuple[str, int, int] | None = None  # a to-do or journal entry: (name, line, depth)
    timezone: list[bytes] | None = None
    too_long = ""

    def finish() -> Block | RecordProblem:
        assert current is not None
        if too_long:
            return RecordProblem(current.number, current.line, too_long)
        text, warning = _decode(raw)
        current.lines = unfold(text)
        if warning:
            current.warnings.append(warning)
        if dropped:
            current.warnings.append(
                f"{dropped} alarm{'s' if dropped > 1 else ''} left out (only up to "
                f"{ALARMS_MAX} DISPLAY alarms are kept; sounds, programs, e-mails are not)"
            )
        if len(current.lines) > PROPERTIES_MAX:
            reason = named(current.lines, f"it has more than {PROPERTIES_MAX} properties")
            return RecordProblem(current.number, current.line, reason)
        return current

    for index, line in enumerate(data.splitlines(), start=1):
        if index == 1:
            line = line.lstrip(b"\xef\xbb\xbf")
        # Only BEGIN and END lines steer the split; other lines are never upper-cased.
        upper = line.strip().upper() if line[:6].upper().startswith((b"BEGIN:", b"END:")) else b""
        if other is not None:
            if upper == b"END:" + other[0].encode():
                other = None
            continue
        if timezone is not None:
            timezone.append(line)
            if upper == b"END:VTIMEZONE":
                _keep_timezone(timezone, calendars)
                timezone = None
            continue
        if current is not None:
            if upper in (b"BEGIN:VEVENT", b"BEGIN:VCALENDAR", b"END:VCALENDAR") and depth == 0:
                yield RecordProblem(current.number, current.line, _unterminated(raw))
                current = None
            else:
                if len(line) > LINE_MAX:
                    too_long = f"line {index} is longer than {LINE_MAX // 1024} KB"
                size += len(line)
                if size > EVENT_MAX and not too_long:
                    too_long = f"it is larger than {EVENT_MAX // (1024 * 1024)} MB"
                if too_long:
                    raw = []
                if upper == b"BEGIN:VALARM":
                    depth += 1
                    alarm = [line]
                    continue
                if alarm is not None:
                    alarm.append(line)
                    if upper == b"END:VALARM":
                        depth -= 1
                        action = _alarm_action(alarm)
                        if action == "DISPLAY" and alarms < ALARMS_MAX:
                            alarms += 1
                            if not too_long:
                                raw.extend(alarm)
                        else:
                            dropped += 1
                        alarm = None
                    continue
                if upper.startswith(b"BEGIN:"):
                    depth += 1
                elif upper.startswith(b"END:") and depth > 0:
                    depth -= 1
                if not too_long:
                    raw.append(line)
                if upper == b"END:VEVENT" and depth == 0:
                    yield finish()
                    current = None
                continue
        if upper == b"BEGIN:VCALENDAR":
            calendars.append(CalendarPart())
        elif line[:14].upper() in (b"X-WR-TIMEZONE:", b"X-WR-TIMEZONE;") and calendars:
            value = line.split(b":", 1)[1].strip()
            calendars[-1].default_zone = value.decode("utf-8", "replace")[:TZID_MAX]
        elif upper == b"BEGIN:VTIMEZONE":
            timezone = [line]
        elif upper == b"BEGIN:VEVENT":
            number += 1
            if not calendars:
                calendars.append(CalendarPart())
            current = Block(number, index, len(calendars) - 1, [])
            raw, size, alarm, too_long = [line], len(line), None, ""
            depth = alarms = dropped = 0
        elif upper.startswith(b"BEGIN:") and upper not in (b"BEGIN:VCALENDAR",):
            name = upper[6:].decode("ascii", "replace")
            number += 1
            yield RecordProblem(number, index, _not_an_event(name))
            other = (name, index, 1)
    if current is not None:
        yield RecordProblem(current.number, current.line, _unterminated(raw))


def _unterminated(raw: list[bytes]) -> str:
    return named(unfold(_decode(raw)[0]), "the event has no END:VEVENT line")


def named(lines: list[str], reason: str) -> str:
    """A problem with an event, said with the event's title when it has one
    (RELIABILITY 29: broken events are reported by name and line)."""
    for line in lines:
        if line[:8].upper() in ("SUMMARY:", "SUMMARY;"):
            title = _ESCAPE.sub(lambda m: " " if m.group(1) in "nN" else m.group(1),
                                line.split(":", 1)[1].strip())  # fmt: skip
            if title:
                return f"“{title[:60]}{'…' if len(title) > 60 else ''}”: {reason}"
    return reason


def _not_an_event(name: str) -> str:
    what = {"VTODO": "a to-do", "VJOURNAL": "a journal entry", "VFREEBUSY": "free/busy time"}
    return f"{what.get(name, name)}: Networker imports events only"


def _alarm_action(lines: list[bytes]) -> str:
    found = _ACTION.search(b"\n".join(lines).decode("utf-8", "replace"))
    return found.group(1).strip().upper() if found else ""


def _keep_timezone(lines: list[bytes], calendars: list[CalendarPart]) -> None:
    if not calendars:
        calendars.append(CalendarPart())
    text, _warning = _decode(lines)
    unfolded = unfold(text)
    for line in unfolded:
        if line[:5].upper() == "TZID:" or line[:5].upper() == "TZID;":
            tzid = line.split(":", 1)[1].strip()
            calendars[-1].timezones.setdefault(tzid, unfolded)
            return


def _decode(lines: list[bytes]) -> tuple[str, str]:
    data = b"\n".join(lines)
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "not UTF-8: read as Windows-1252"


def unfold(text: str) -> list[str]:
    return re.sub(r"\n[ \t]", "", text).split("\n")


def without_alarms(lines: list[str]) -> list[str]:
    kept, depth = [], 0
    for line in lines:
        upper = line.strip().upper()
        if upper == "BEGIN:VALARM":
            depth += 1
        elif upper == "END:VALARM" and depth:
            depth -= 1
        elif not depth:
            kept.append(line)
    return kept
