"""iCalendar (RFC 5545) events in, through the icalendar library.

The file is first split into its events by icalendar_lines.py (so one broken event
cannot cost the others, and the limits apply before parsing). Events are then parsed in
batches (as fast as one whole-file parse); a batch that fails is parsed event by event,
so each broken one is reported with its line and the others import. An ATTACH is never
opened: it is text. Times and zones: icalendar_zones.py.

What Networker does not model (ORGANIZER, STATUS, SEQUENCE, X- properties, ATTACH,
the DISPLAY alarms…) is kept per event in ``extra``, as the file's own lines, and written
back by icalendar_out.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO
from warnings import catch_warnings, simplefilter

from networker.domain.events import (
    REMINDER_MAX_MINUTES,
    TEXT_MAX,
    TITLE_MAX,
    Attendee,
    EventDraft,
    EventKind,
    InterviewStage,
    When,
    validate,
)
from networker.domain.recurrence import too_dense
from networker.formats import IMPORTABLE_TYPES
from networker.formats.icalendar_lines import (
    Block,
    CalendarPart,
    named,
    split_components,
    without_alarms,
)
from networker.formats.icalendar_zones import FileZones
from networker.formats.readers import HEAD_BYTES, ReadOptions
from networker.formats.reports import ParsedEvent, RecordProblem, UnreadableFileError

BATCH = 100  # events handed to icalendar at once

Record = ParsedEvent | RecordProblem

# Read into the draft's fields; every other property of an event is kept in ``extra``.
MODELLED = frozenset({
    "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "LOCATION", "URL",
    "DESCRIPTION", "RRULE", "EXDATE", "RECURRENCE-ID", "ATTENDEE", "X-NETWORKER-KIND",
    "X-NETWORKER-GROUP", "X-NETWORKER-STAGE",
})  # fmt: skip

# CATEGORIES that say the kind of a networking event plainly.
_KIND_WORDS = {
    "conference": EventKind.CONFERENCE,
    "meetup": EventKind.MEETUP,
    "meet-up": EventKind.MEETUP,
    "alumni": EventKind.ALUMNI,
    "alumni event": EventKind.ALUMNI,
    "association meeting": EventKind.ASSOCIATION,
    "informational interview": EventKind.INFORMATIONAL_INTERVIEW,
    "coffee chat": EventKind.COFFEE_CHAT,
    "follow-up": EventKind.FOLLOW_UP,
}

_NAME = re.compile(r"^([A-Za-z0-9-]+)")
_ESCAPED = re.compile(r"\\([\\;,nN])")
_PROPERTY = re.compile(r"^[A-Za-z0-9-]+[;:]")
# A file may also be one bare component (a Meetup feed's VEVENT, a VJOURNAL).
_COMPONENT = re.compile(rb"BEGIN:V(?:CALENDAR|EVENT|TODO|JOURNAL|FREEBUSY|TIMEZONE)\b", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def looks_like_calendar(head: bytes) -> bool:
    """Whether a file's first bytes open an iCalendar file (after a UTF-8 mark)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text[:15].upper() == b"BEGIN:VCALENDAR"


def read_calendar(stream: BinaryIO) -> Iterator[Record]:
    """Each event of the file in turn (edited occurrences after the series they belong
    to), or a RecordProblem for one that was skipped. UnreadableFileError when the file
    holds no calendar at all."""
    data = stream.read()
    if not _COMPONENT.match(data[:HEAD_BYTES].lstrip(b"\xef\xbb\xbf").lstrip()):
        raise UnreadableFileError("it is not an iCalendar file (no BEGIN:VCALENDAR line).")
    calendars: list[CalendarPart] = []
    blocks: list[Block | RecordProblem] = []
    seen: set[str] = set()
    waiting: list[Record] = []  # edited occurrences whose series comes later in the file
    for item in split_components(data, calendars):
        blocks.append(item)  # a problem too, to keep the file's order
        if len(blocks) >= BATCH:
            yield from _ordered(_parse(blocks, calendars), seen, waiting)
            blocks = []
    yield from _ordered(_parse(blocks, calendars), seen, waiting)
    yield from waiting


def _ordered(records: Iterable[Record], seen: set[str], waiting: list[Record]) -> Iterator[Record]:
    for record in records:
        if isinstance(record, ParsedEvent):
            if record.draft.recurrence_id is None:
                seen.add(record.draft.uid)
            elif record.draft.uid not in seen:
                waiting.append(record)
                continue
        yield record


def _zones(calendar: CalendarPart) -> FileZones:
    if calendar.zones is None:
        from icalendar import Timezone

        definitions = {}
        for tzid, lines in calendar.timezones.items():
            try:
                definitions[tzid] = Timezone.from_ical("\r\n".join(lines))
            except Exception:  # a broken VTIMEZONE: its TZID is then unknown
                continue
        calendar.zones = FileZones(definitions, calendar.default_zone)
    zones: FileZones = calendar.zones
    return zones


def _parse(items: list[Block | RecordProblem], calendars: list[CalendarPart]) -> Iterator[Record]:
    """Each block parsed by icalendar: together when they can be, one by one when not;
    problems found while splitting pass through in their place."""
    blocks = [item for item in items if isinstance(item, Block)]
    if not blocks:
        yield from (item for item in items if isinstance(item, RecordProblem))
        return
    from icalendar import Calendar, Event

    components: list[Any] | None = None
    records: list[Record] = []
    # icalendar warns (GloballyUniqueTZIDGuessed…) about what the zones here decide anyway.
    with catch_warnings():
        simplefilter("ignore")
        try:
            text = "\r\n".join(line for block in blocks for line in _for_icalendar(block.lines))
            parsed = Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{text}\r\nEND:VCALENDAR\r\n")
            components = [c for c in parsed.subcomponents if c.name == "VEVENT"]
            if len(components) != len(blocks):
                components = None
        except Exception:  # one broken event: the others are parsed on their own below
            components = None
        index = -1
        for block in items:
            if isinstance(block, RecordProblem):
                records.append(block)
                continue
            index += 1
            try:
                component = (
                    components[index] if components is not None else _parse_one(block, Event)
                )
                records.append(_event(component, block, _zones(calendars[block.calendar])))
            except Exception as exc:
                problem = named(block.lines, f"it cannot be read: {_reason(exc)}")
                records.append(RecordProblem(block.number, block.line, problem))
    yield from records


def _parse_one(block: Block, event: Any) -> Any:
    """One event on its own; when only its alarms stop icalendar (a TRIGGER that is no
    time), the event without them."""
    try:
        return event.from_ical("\r\n".join(_for_icalendar(block.lines)))
    except ValueError:
        without = without_alarms(block.lines)
        if len(without) == len(block.lines):
            raise
        component = event.from_ical("\r\n".join(_for_icalendar(without)))
        block.lines = without
        block.warnings.append("its alarms cannot be read and were left out")
        return component


# What icalendar is given of an event: the properties read into the draft, and its
# alarms. The rest is kept as the file's text (``extra``) and never needs parsing:
# icalendar's parse is most of an import's time (tests/bench/bench_ics.py: leaving out
# the bench file's ORGANIZER, STATUS and X- lines, 17% of its lines, took 18-47% off
# the parse on a loaded machine), and a broken value there can no longer cost the event.
_PARSED = MODELLED | {"SEQUENCE", "CATEGORIES"}


def _for_icalendar(lines: list[str]) -> list[str]:
    out, depth = [], 0
    for line in lines:
        name = _name_of(line)
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            depth -= 1
        elif depth <= 1 and name not in _PARSED:
            continue
        out.append(line)
    return out


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:200] + "…" if len(text) > 200 else text) or type(exc).__name__


class _Broken(Exception):
    """The event cannot be imported; the message says why, for people."""


def _event(component: Any, block: Block, zones: FileZones) -> Record:
    warnings = list(block.warnings)
    broken = {str(name).upper(): str(message) for name, message in component.errors}
    try:
        draft, sequence, says = _draft(component, block, zones, broken, warnings)
    except _Broken as problem:
        return RecordProblem(block.number, block.line, named(block.lines, str(problem)))
    problems = validate(draft)
    if problems:
        return RecordProblem(block.number, block.line, named(block.lines, " ".join(problems)))
    if draft.rrule and (dense := too_dense(draft.rrule)):
        warnings.append(f"the repeat rule is kept but not shown beyond the first time: {dense}")
    return ParsedEvent(block.number, block.line, draft, warnings, sequence, says)


def _draft(
    component: Any, block: Block, zones: FileZones, broken: dict[str, str], warnings: list[str]
) -> tuple[EventDraft, int, frozenset[str]]:
    if "DTSTART" in broken or "DTSTART" not in component:
        raise _Broken(
            f"its start (DTSTART) cannot be read: {broken['DTSTART']}"
            if "DTSTART" in broken
            else "it has no start (DTSTART)"
        )
    if "RECURRENCE-ID" in broken:
        raise _Broken(f"its RECURRENCE-ID cannot be read: {broken['RECURRENCE-ID']}")
    start, zone = _when(component["DTSTART"], zones, warnings)
    end = _end(component, start, zones, broken, warnings)
    says = set()
    title = _text(component.get("SUMMARY"))
    if not title.strip():
        title = "Untitled event"
    elif len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1] + "…"
        warnings.append(f"the title was cut to {TITLE_MAX} characters")
    notes = _text(component.get("DESCRIPTION"))
    if len(notes) > TEXT_MAX:
        notes = notes[:TEXT_MAX]
        warnings.append(f"the description was cut to {TEXT_MAX:,} characters")
    kind = _kind(component)
    if kind is not None:
        says.add("kind")
    group = _x_text(component, "X-NETWORKER-GROUP")
    if group:
        says.add("group")
    stage = _stage(component)
    if stage is not None:
        says.add("stage")
    reminder = _reminder(component)
    if reminder is not None:
        says.add("reminder")
    rrule = _rrule(block.lines, warnings)
    exdates = _exdates(component, start, zones, broken, warnings)
    recurrence = component.get("RECURRENCE-ID")
    recurrence_id = _like(_when(recurrence, zones, warnings)[0], start) if recurrence else None
    draft = EventDraft(
        title=title,
        start=start,
        end=end,
        kind=kind or EventKind.OTHER,
        zone=zone,
        location=_capped(component.get("LOCATION"), "location", warnings),
        url=_capped(component.get("URL"), "URL", warnings),
        notes=notes,
        group=group[:TEXT_MAX],
        reminder_minutes=reminder,
        rrule=rrule,
        exdates=exdates,
        attendees=_attendees(component),
        stage=stage,
        uid=_text(component.get("UID")).strip(),
        extra=_extra(block.lines, warnings),
        recurrence_id=recurrence_id,
    )
    return draft, _sequence(component), frozenset(says)


def _when(prop: Any, zones: FileZones, warnings: list[str]) -> tuple[When, str]:
    """A DATE-TIME or DATE property as the draft has it, with its zone."""
    value = getattr(prop, "dt", None)
    if isinstance(value, dt.datetime):
        params = getattr(prop, "params", {})
        tzid = str(params.get("TZID", "") or "")
        if tzid:
            placed, zone, warning = zones.place(value, tzid)
            if warning and warning not in warnings:
                warnings.append(warning)
            return placed, zone
        return zones.place_without_tzid(value)
    if isinstance(value, dt.date):
        return value, ""
    raise _Broken("a time is neither a date nor a date and time")


def _like(value: When, start: When) -> When:
    """A time in the form of the event's start (its zone, floating, or a date)."""
    if not isinstance(start, dt.datetime):
        return value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, start.timetz())
    if start.tzinfo is None:
        return value.replace(tzinfo=None)
    if value.tzinfo is None:
        return value.replace(tzinfo=start.tzinfo)
    return value.astimezone(start.tzinfo)


def _end(
    component: Any, start: When, zones: FileZones, broken: dict[str, str], warnings: list[str]
) -> When:
    if "DTEND" in component and "DTEND" not in broken:
        end, _zone = _when(component["DTEND"], zones, warnings)
        if isinstance(end, dt.datetime) and isinstance(start, dt.datetime):
            return _like(end, start) if (end.tzinfo is None) == (start.tzinfo is None) else end
        return end
    if "DTEND" in broken:
        warnings.append(f"its end (DTEND) cannot be read ({broken['DTEND']}): taken as its start")
    duration = component.get("DURATION")
    length = getattr(duration, "dt", None)
    if isinstance(length, dt.timedelta) and "DURATION" not in broken:
        if isinstance(start, dt.datetime):
            return start + length
        return start + dt.timedelta(days=length.days)
    # RFC 5545 3.6.1: a day-long event without an end lasts that day, a timed one no time.
    return start if isinstance(start, dt.datetime) else start + dt.timedelta(days=1)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _x_text(component: Any, name: str) -> str:
    """An X- property's text: icalendar leaves the value of a property it does not know
    escaped (RFC 5545 3.3.11)."""
    return _ESCAPED.sub(_unescaped, _text(component.get(name)))


def _unescaped(match: re.Match[str]) -> str:
    return "\n" if match.group(1) in "nN" else match.group(1)


def _capped(value: Any, what: str, warnings: list[str]) -> str:
    text = _text(value)
    if len(text) > TEXT_MAX:
        warnings.append(f"the {what} was cut to {TEXT_MAX:,} characters")
        return text[:TEXT_MAX]
    return text


def _kind(component: Any) -> EventKind | None:
    own = _x_text(component, "X-NETWORKER-KIND").strip().casefold()
    for known in EventKind:
        if own == known.value:
            return known
    categories = component.get("CATEGORIES")
    for item in categories if isinstance(categories, list) else [categories]:
        for word in getattr(item, "cats", []) or []:
            if (kind := _KIND_WORDS.get(str(word).strip().casefold())) is not None:
                return kind
    return None


def _stage(component: Any) -> InterviewStage | None:
    own = _x_text(component, "X-NETWORKER-STAGE").strip().casefold()
    return next((stage for stage in InterviewStage if stage.value == own), None)


def _reminder(component: Any) -> int | None:
    alarm = reminder_of(component)
    return None if alarm is None else alarm_minutes(alarm)


def reminder_of(component: Any) -> Any | None:
    """The alarm that is an event's reminder: its first DISPLAY alarm, when that one is
    set some minutes before the start (an absolute or after-the-end one is no reminder
    Networker can show, and stays only in ``extra``)."""
    for alarm in component.subcomponents:
        if alarm.name == "VALARM" and _text(alarm.get("ACTION")).strip().upper() == "DISPLAY":
            return alarm if alarm_minutes(alarm) is not None else None
    return None


def alarm_minutes(alarm: Any) -> int | None:
    """How many minutes before the start an alarm goes off; None when it is not set so."""
    trigger = alarm.get("TRIGGER")
    try:
        before = getattr(trigger, "dt", None)
    except Exception:  # a TRIGGER that cannot be read (vBroken): no reminder
        return None
    related = str(getattr(trigger, "params", {}).get("RELATED", "START")).upper()
    if isinstance(before, dt.timedelta) and related == "START" and before <= dt.timedelta(0):
        minutes = int(-before.total_seconds() // 60)
        return minutes if minutes <= REMINDER_MAX_MINUTES else None
    return None


def _rrule(lines: list[str], warnings: list[str]) -> str:
    """The first RRULE's value as the file wrote it (icalendar reorders its parts)."""
    rules = [line for line in lines if _name_of(line) == "RRULE"]
    if len(rules) > 1:
        warnings.append("only the first of its repeat rules is shown (all are kept)")
    if not rules:
        return ""
    # As Exchange and others write it: "BYDAY=MO, TU" (spaces), "FREQ=DAILY\\;COUNT=10"
    # (escaped as text). The domain's rule check says whether what is left can be used.
    text = "".join(rules[0].split(":", 1)[1].split())
    return text.replace("\\;", ";").replace("\\,", ",")


def _name_of(line: str) -> str:
    match = _NAME.match(line)
    return match.group(1).upper() if match else ""


def _exdates(
    component: Any, start: When, zones: FileZones, broken: dict[str, str], warnings: list[str]
) -> tuple[When, ...]:
    if "EXDATE" in broken:
        warnings.append(f"a date taken out of the series cannot be read: {broken['EXDATE']}")
    found = component.get("EXDATE")
    if found is None:
        return ()
    found = found if isinstance(found, list) else [found]
    out: list[When] = []
    for listed in found:
        try:
            values = list(listed.dts)
        except Exception:  # a broken EXDATE (vBroken): said above
            continue
        for prop in values:
            value = getattr(prop, "dt", None)
            if not isinstance(value, dt.date):
                continue  # a PERIOD is no start of an occurrence
            params = getattr(listed, "params", {}) or getattr(prop, "params", {})
            tzid = str(params.get("TZID", "") or "")
            if isinstance(value, dt.datetime) and tzid:
                value = zones.place(value, tzid)[0]
            elif isinstance(value, dt.datetime):
                value = zones.place_without_tzid(value)[0]
            out.append(_like(value, start))
    return tuple(dict.fromkeys(out))


def _attendees(component: Any) -> tuple[Attendee, ...]:
    found = component.get("ATTENDEE")
    if found is None:
        return ()
    people = []
    for address in found if isinstance(found, list) else [found]:
        value = str(address).strip()
        email = value[7:] if value[:7].lower() == "mailto:" else value
        params = getattr(address, "params", None)
        name = str(params.get("CN", "")) if params else ""
        rest = ""
        if params:
            others = params.copy()
            others.pop("CN", None)
            rest = others.to_ical(sorted=False).decode("utf-8", "replace") if others else ""
        people.append(Attendee(contact_id=None, email=email, name=name, params=rest))
    return tuple(people)


def _sequence(component: Any) -> int:
    try:
        return max(int(str(component.get("SEQUENCE", 0))), 0)
    except ValueError:
        return 0


def _extra(lines: list[str], warnings: list[str]) -> str:
    """The event's lines that Networker does not model, as the file had them (its
    DISPLAY alarms whole); a second RRULE too."""
    kept: list[str] = []
    depth = 0
    rules = 0
    for line in lines[1:-1]:  # without BEGIN:VEVENT and END:VEVENT
        match = _NAME.match(line)
        name = match.group(1).upper() if match else ""
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            depth = max(depth - 1, 0)
            kept.append(line)
            continue
        if not _PROPERTY.match(line):
            if line.strip():
                warnings.append(f"a line that is no property was left out: {line[:40]!r}")
            continue
        if depth > 0:
            kept.append(line)
            continue
        if name == "RRULE":
            rules += 1
            if rules == 1:
                continue
        elif name in MODELLED:
            continue
        kept.append(line)
    return "\n".join(kept)


def attendee_address(email: str) -> str:
    """An attendee's CAL-ADDRESS: a bare e-mail address as mailto:, another URI as it is."""
    if _SCHEME.match(email) and "@" not in email.split(":", 1)[0]:
        return email
    return f"mailto:{email}"


class ICalendarReader:
    """iCalendar files (.ics), for formats.readers: their events."""

    file_type = IMPORTABLE_TYPES[2]
    fallback = False

    def sniff(self, head: bytes) -> bool:
        return looks_like_calendar(head)

    def count(self, chunk: bytes) -> int:
        return chunk.upper().count(b"BEGIN:VEVENT")

    def columns_to_map(self, file: BinaryIO) -> tuple[list[str], list[str]] | None:
        return None

    def read(
        self, file: BinaryIO, options: ReadOptions
    ) -> tuple[str, Iterable[ParsedEvent | RecordProblem]]:
        return "iCalendar", read_calendar(file)


ICALENDAR_READER = ICalendarReader()
