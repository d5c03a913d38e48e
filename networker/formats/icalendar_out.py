"""Events out as iCalendar (RFC 5545), through the icalendar library, for Thunderbird,
Google Calendar, khal and Networker itself.

Each event is one VEVENT with UID and DTSTAMP; a series carries its RRULE and EXDATEs,
and each occurrence edited on its own follows it as a VEVENT with the same UID and a
RECURRENCE-ID. Every zone used gets a VTIMEZONE made from this system's zone data.
Attendees are written with their e-mail addresses (a contact's first one when the file
gave none). Networker's own fields travel as X-NETWORKER-KIND, -GROUP and -STAGE, which
other programs ignore, and what an import kept in ``extra`` (ORGANIZER, STATUS,
SEQUENCE, X- properties, DISPLAY alarms…) is written back as it was read. The one
alarm that is the event's reminder follows the reminder: changed, added or removed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from warnings import catch_warnings, simplefilter

from networker import APP_NAME, __version__
from networker.domain.events import EventDraft, When
from networker.formats.icalendar import attendee_address

_PROPERTY = re.compile(r"^[A-Za-z0-9-]+[;:]")

PRODID = f"-//{APP_NAME}//{APP_NAME} {__version__}//EN"


@dataclass(frozen=True)
class OutgoingEvent:
    """An event as the export writes it: the draft, and for each attendee who is a
    contact, the e-mail address and name to write when the event has none."""

    draft: EventDraft
    contact_emails: Mapping[int, str]
    contact_names: Mapping[int, str]


def calendar_text(events: Iterable[OutgoingEvent], *, now: dt.datetime) -> str:
    """One VCALENDAR holding every event (series before their edited occurrences)."""
    from icalendar import Calendar, Timezone

    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    first = last = None
    extras: list[list[str]] = []
    with catch_warnings():
        simplefilter("ignore")
        for event in events:
            vevent, kept = _vevent(event, stamp)
            calendar.add_component(vevent)
            extras.append(kept)
            low, high = _dates(event.draft)
            first = low if first is None else min(first, low)
            last = high if last is None else max(last, high)
        if first is not None and last is not None:
            calendar.add_missing_timezones(
                first_date=first - dt.timedelta(days=1),
                last_date=max(last, Timezone.DEFAULT_LAST_DATE),
            )
        text: str = calendar.to_ical(sorted=False).decode("utf-8")
    return _with_extras(text, extras)


def _with_extras(text: str, extras: list[list[str]]) -> str:
    """The kept lines of each event written before its END:VEVENT, as they were read
    (icalendar would quote, reorder and re-escape them)."""
    pieces = text.split("\r\nEND:VEVENT\r\n")
    assert len(pieces) == len(extras) + 1  # one per event, then the calendar's end
    out = []
    for piece, kept in zip(pieces, extras, strict=False):
        out.append(piece)
        out.extend(f"\r\n{_folded(line)}" for line in kept)
        out.append("\r\nEND:VEVENT\r\n")
    out.append(pieces[-1])
    return "".join(out)


def _folded(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a character."""
    pieces, size, start = [], 0, 0
    for index, char in enumerate(line):
        octets = len(char.encode("utf-8"))
        if size + octets > 75:
            pieces.append(line[start:index])
            start, size = index, 1  # the continuation's leading space
        size += octets
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


def _dates(draft: EventDraft) -> tuple[dt.date, dt.date]:
    days = [_day(draft.start), _day(draft.end)]
    if draft.recurrence_id is not None:
        days.append(_day(draft.recurrence_id))
    return min(days), max(days) + dt.timedelta(days=1)


def _day(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _vevent(event: OutgoingEvent, stamp: dt.datetime) -> tuple[Any, list[str]]:
    """The event's modelled fields as a VEVENT, and the kept lines that follow them."""
    from icalendar import Event, vCalAddress, vText
    from icalendar.parser import Parameters
    from icalendar.prop import vInline

    draft = event.draft
    out = Event()
    out.add("UID", draft.uid)
    out.add("DTSTAMP", stamp)
    if draft.recurrence_id is not None:
        out.add("RECURRENCE-ID", draft.recurrence_id)
    out.add("DTSTART", draft.start)
    out.add("DTEND", draft.end)
    out.add("SUMMARY", draft.title)
    if draft.location:
        out.add("LOCATION", draft.location)
    if draft.url:
        out.add("URL", _one_line(draft.url, ""))
    if draft.notes:
        out.add("DESCRIPTION", draft.notes)
    if draft.rrule:
        out.add("RRULE", vInline("".join(draft.rrule.split())), encode=False)
    if draft.exdates:
        out.add("EXDATE", list(draft.exdates))
    for attendee in draft.attendees:
        email = attendee.email
        name = attendee.name
        if attendee.contact_id is not None:
            email = email or event.contact_emails.get(attendee.contact_id, "")
            name = name or event.contact_names.get(attendee.contact_id, "")
        email, name = _one_line(email, ""), _one_line(name, " ")
        address = vCalAddress(attendee_address(email) if email else "invalid:nomail")
        if attendee.params:
            try:
                address.params.update(Parameters.from_ical(attendee.params))  # type: ignore[no-untyped-call]
            except ValueError:
                pass  # parameters that no longer read: the address and name still go
        if name:
            address.params["CN"] = name
        out.add("ATTENDEE", address, encode=False)
    # Text, escaped as text: icalendar writes an X- property's value as it is given.
    out.add("X-NETWORKER-KIND", vText(draft.kind.value), encode=False)
    if draft.group:
        out.add("X-NETWORKER-GROUP", vText(draft.group), encode=False)
    if draft.stage is not None:
        out.add("X-NETWORKER-STAGE", vText(draft.stage.value), encode=False)
    return out, _kept_lines(draft)


def _one_line(text: str, joiner: str) -> str:
    """A value that cannot be escaped (a URI, a parameter) on one line, without the
    control characters RFC 5545 forbids there (a reader refuses the whole line)."""
    if text.isprintable():
        return text
    lines = joiner.join(text.splitlines())
    return "".join(c if unicodedata.category(c) != "Cc" else " " for c in lines).strip()


def _kept_lines(draft: EventDraft) -> list[str]:
    """What the file had that Networker does not model, and the reminder's alarm: the
    alarm that was the reminder follows it (changed, added or removed)."""
    properties, alarms = split_extra(draft.extra)
    reminder = _reminder_alarm(alarms)
    lines = list(properties)
    for index, alarm in enumerate(alarms):
        if index == reminder and _alarm_minutes(alarm) != draft.reminder_minutes:
            continue  # the reminder was changed or removed in Networker
        lines += alarm
    if draft.reminder_minutes is not None and (
        reminder is None or _alarm_minutes(alarms[reminder]) != draft.reminder_minutes
    ):
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Reminder",
            f"TRIGGER:-PT{draft.reminder_minutes}M",
            "END:VALARM",
        ]
    return lines


def split_extra(extra: str) -> tuple[list[str], list[list[str]]]:
    """An event's kept lines as its properties and its alarms (each a list of lines).
    Only whole property lines and whole VALARMs pass: nothing written back can open
    or close another component."""
    properties: list[str] = []
    alarms: list[list[str]] = []
    alarm: list[str] | None = None
    for line in extra.split("\n"):
        if "\r" in line or not _PROPERTY.match(line):
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VALARM" and alarm is None:
            alarm = [line]
        elif upper == "END:VALARM" and alarm is not None:
            alarms.append([*alarm, line])
            alarm = None
        elif upper.startswith(("BEGIN:", "END:")):
            continue  # no other component (and none half-open) is written back
        elif alarm is not None:
            alarm.append(line)
        else:
            properties.append(line)
    return properties, alarms


def _reminder_alarm(alarms: list[list[str]]) -> int | None:
    """Which alarm is the reminder: the first DISPLAY one, when it is set before the
    start (as the import read it, icalendar.reminder_of)."""
    for index, alarm in enumerate(alarms):
        if _action(alarm) == "DISPLAY":
            return index if _alarm_minutes(alarm) is not None else None
    return None


def _action(alarm: list[str]) -> str:
    for line in alarm:
        if line[:7].upper() in ("ACTION:", "ACTION;"):
            return line.split(":", 1)[1].strip().upper()
    return ""


def _alarm_minutes(alarm: list[str]) -> int | None:
    from icalendar import Alarm

    from networker.formats.icalendar import alarm_minutes

    try:
        with catch_warnings():
            simplefilter("ignore")
            return alarm_minutes(Alarm.from_ical("\r\n".join(alarm)))
    except ValueError:
        return None
