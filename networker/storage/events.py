"""Every query about events and their attendees (schema step 11)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from peewee import SqliteDatabase

from networker.domain.events import (
    Attendee,
    EventDraft,
    EventKind,
    EventRecord,
    InterviewStage,
    When,
)
from networker.domain.recurrence import last_start
from networker.storage.timestamps import from_utc_text, utc_text

# A floating or all-day time is some local time: any zone on Earth is within this of UTC.
_SLACK = dt.timedelta(hours=14)
_NO_END = "9999-12-31 23:59:59"


def time_text(value: When) -> str:
    """An event time as stored: UTC for an aware time, wall time with a "T" for a
    floating one, the date for all day."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return utc_text(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def parse_time(text: str, zone: str) -> When:
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    if "T" in text:
        return dt.datetime.fromisoformat(text)
    instant = from_utc_text(text)
    return instant.astimezone(_zone(zone)) if zone else instant


def _zone(zone: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC  # a zone this system lost since: the instant is still right


def _bound(value: When, slack: dt.timedelta) -> str:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return utc_text(value)
    naive = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    return utc_text((naive + slack).replace(tzinfo=dt.UTC))


def span(draft: EventDraft) -> tuple[str, str]:
    """The UTC bounds a window finds the event by (to its last occurrence)."""
    start = _bound(draft.start, -_SLACK)
    if not draft.rrule:
        return start, _bound(draft.end, _SLACK)
    last = last_start(draft.start, draft.rrule)
    if last is None:
        return start, _NO_END
    return start, _bound(_plus(last, draft.duration), _SLACK)


def _plus(value: When, duration: dt.timedelta) -> When:
    if isinstance(value, dt.datetime):
        return value + duration
    return value + dt.timedelta(days=duration.days)


def new_uid() -> str:
    return f"{uuid.uuid4()}@networker"


def _columns(draft: EventDraft) -> tuple[object, ...]:
    span_start, span_end = span(draft)
    exdates = json.dumps([time_text(x) for x in draft.exdates]) if draft.exdates else ""
    return (
        draft.title.strip(), draft.kind.value, time_text(draft.start), time_text(draft.end),
        draft.zone, span_start, span_end, draft.location.strip(), draft.url.strip(),
        draft.notes, draft.group.strip(), draft.reminder_minutes, draft.rrule, exdates,
        draft.stage.value if draft.stage else "", draft.extra,
    )  # fmt: skip


_SETS = (
    "title = ?, kind = ?, starts = ?, ends = ?, zone = ?, span_start = ?, span_end = ?,"
    " location = ?, url = ?, notes = ?, organizer_group = ?, reminder_minutes = ?, rrule = ?,"
    " exdates = ?, stage = ?, extra = ?"
)


def insert(
    db: SqliteDatabase, draft: EventDraft, *, now: dt.datetime, series_id: int | None = None
) -> int:
    recurrence = time_text(draft.recurrence_id) if draft.recurrence_id is not None else ""
    cursor = db.execute_sql(
        "INSERT INTO event (uid, recurrence_id, series_id, title, kind, starts, ends, zone,"
        " span_start, span_end, location, url, notes, organizer_group, reminder_minutes,"
        " rrule, exdates, stage, extra, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft.uid or new_uid(), recurrence, series_id, *_columns(draft), utc_text(now),
         utc_text(now)),
    )  # fmt: skip
    event_id = int(cursor.lastrowid)
    _write_attendees(db, event_id, draft.attendees)
    return event_id


def update(db: SqliteDatabase, event_id: int, draft: EventDraft, *, now: dt.datetime) -> None:
    db.execute_sql(
        f"UPDATE event SET {_SETS}, updated_at = ? WHERE id = ?",
        (*_columns(draft), utc_text(now), event_id),
    )
    db.execute_sql("DELETE FROM event_attendee WHERE event_id = ?", (event_id,))
    _write_attendees(db, event_id, draft.attendees)


def _write_attendees(db: SqliteDatabase, event_id: int, attendees: Sequence[Attendee]) -> None:
    db.connection().executemany(
        "INSERT INTO event_attendee (event_id, contact_id, email, name, params, position)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(event_id, a.contact_id, a.email, a.name, a.params, i) for i, a in enumerate(attendees)],
    )


def delete(db: SqliteDatabase, event_id: int) -> None:
    """Its edited occurrences, attendees and reminders go with it (ON DELETE CASCADE)."""
    db.execute_sql("DELETE FROM event WHERE id = ?", (event_id,))


_SELECT = (
    "SELECT id, uid, recurrence_id, series_id, title, kind, starts, ends, zone, location, url,"
    " notes, organizer_group, reminder_minutes, rrule, exdates, stage, extra, created_at,"
    " updated_at FROM event"
)


def _record(row: Sequence[object], attendees: tuple[Attendee, ...] = ()) -> EventRecord:
    (event_id, uid, recurrence, series_id, title, kind, starts, ends, zone, location, url,
     notes, group, reminder, rrule, exdates, stage, extra, created, updated) = row  # fmt: skip
    zone = str(zone)
    draft = EventDraft(
        title=str(title),
        start=parse_time(str(starts), zone),
        end=parse_time(str(ends), zone),
        kind=_kind(str(kind)),
        zone=zone,
        location=str(location),
        url=str(url),
        notes=str(notes),
        group=str(group),
        reminder_minutes=None if reminder is None else int(reminder),  # type: ignore[call-overload]
        rrule=str(rrule),
        exdates=tuple(parse_time(x, zone) for x in json.loads(str(exdates))) if exdates else (),
        attendees=attendees,
        stage=InterviewStage(stage) if stage else None,
        uid=str(uid),
        extra=str(extra),
        recurrence_id=parse_time(str(recurrence), zone) if recurrence else None,
    )
    return EventRecord(
        id=int(event_id),  # type: ignore[call-overload]
        draft=draft,
        created_at=from_utc_text(str(created)),
        updated_at=from_utc_text(str(updated)),
        series_id=None if series_id is None else int(series_id),  # type: ignore[call-overload]
    )


def _kind(value: str) -> EventKind:
    try:
        return EventKind(value)
    except ValueError:  # a kind a newer build knows
        return EventKind.OTHER


def load(db: SqliteDatabase, event_id: int) -> EventRecord | None:
    row = db.execute_sql(f"{_SELECT} WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    people = attendees(db, [event_id]).get(event_id, [])
    record = _record(row, tuple(a for a, _name in people))
    names = tuple(name for _a, name in people)
    return EventRecord(record.id, record.draft, record.created_at, record.updated_at,
                       record.series_id, names)  # fmt: skip


def attendees(
    db: SqliteDatabase, event_ids: Sequence[int]
) -> dict[int, list[tuple[Attendee, str]]]:
    """Each event's attendees in order, with the name to show (the contact's, else the
    file's, else the address)."""
    found: dict[int, list[tuple[Attendee, str]]] = defaultdict(list)
    for chunk in _chunks(event_ids):
        rows = db.execute_sql(
            "SELECT a.event_id, a.contact_id, a.email, a.name, a.params, c.display_name"
            " FROM event_attendee a LEFT JOIN contact c ON c.id = a.contact_id"
            f" WHERE a.event_id IN ({','.join('?' * len(chunk))})"
            " ORDER BY a.event_id, a.position",
            tuple(chunk),
        )
        for event_id, contact_id, email, name, params, shown in rows:
            attendee = Attendee(contact_id, email, name, params)
            found[int(event_id)].append((attendee, shown or name or email))
    return found


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def in_span(
    db: SqliteDatabase, after: dt.datetime, before: dt.datetime, *, reminded_only: bool = False
) -> list[EventRecord]:
    """The events (series whole, edited occurrences on their own) whose span touches
    [after, before), without their attendees; ``reminded_only``: those with a reminder."""
    reminded = " AND reminder_minutes IS NOT NULL" if reminded_only else ""
    rows = db.execute_sql(
        f"{_SELECT} WHERE span_start < ? AND span_end >= ?{reminded}",
        (utc_text(before), utc_text(after)),
    )
    return [_read_record(tuple(row)) for row in rows]


@lru_cache(maxsize=8192)
def _read_record(row: tuple[object, ...]) -> EventRecord:
    """A row read before is not parsed again: every window of a calendar holds the
    same endless series (measured: parsing was half of a month's read). The whole row is
    the key, so a changed event is parsed afresh."""
    return _record(row)


def replaced_starts(db: SqliteDatabase, series_ids: Iterable[int]) -> dict[int, set[str]]:
    """The starts (as stored) of the occurrences each series has edited on their own."""
    found: dict[int, set[str]] = defaultdict(set)
    for chunk in _chunks(list(series_ids)):
        rows = db.execute_sql(
            "SELECT series_id, recurrence_id FROM event"
            f" WHERE series_id IN ({','.join('?' * len(chunk))})",
            tuple(chunk),
        )
        for series_id, recurrence in rows:
            found[int(series_id)].add(str(recurrence))
    return found


def occurrence_of(db: SqliteDatabase, series_id: int, original: When) -> int | None:
    """The event that replaces this occurrence of a series, if it was edited alone."""
    row = db.execute_sql(
        "SELECT id FROM event WHERE series_id = ? AND recurrence_id = ?",
        (series_id, time_text(original)),
    ).fetchone()
    return int(row[0]) if row else None


def by_uid(db: SqliteDatabase, uid: str, recurrence_id: str = "") -> int | None:
    row = db.execute_sql(
        "SELECT id FROM event WHERE uid = ? AND recurrence_id = ?", (uid, recurrence_id)
    ).fetchone()
    return int(row[0]) if row else None


def adopt_occurrences(db: SqliteDatabase, series_id: int, uid: str) -> None:
    """Edited occurrences stored before their series (an invitation to one meeting of a
    series, then the series): they now belong to it."""
    db.execute_sql(
        "UPDATE event SET series_id = ? WHERE uid = ? AND recurrence_id != ''"
        " AND series_id IS NULL AND id != ?",
        (series_id, uid, series_id),
    )


def of_contact(db: SqliteDatabase, contact_id: int) -> list[EventRecord]:
    """The events a contact attends, newest first."""
    rows = db.execute_sql(
        f"{_SELECT} WHERE id IN (SELECT event_id FROM event_attendee WHERE contact_id = ?)"
        " ORDER BY span_start DESC",
        (contact_id,),
    )
    return [_record(row) for row in rows]


def groups(db: SqliteDatabase) -> list[str]:
    """The organizing groups of earlier events, most used first (for completion)."""
    rows = db.execute_sql(
        "SELECT organizer_group FROM event WHERE organizer_group != ''"
        " GROUP BY organizer_group ORDER BY count(*) DESC, organizer_group"
    )
    return [str(row[0]) for row in rows]


def set_exdates(db: SqliteDatabase, event_id: int, exdates: Sequence[When]) -> None:
    text = json.dumps([time_text(x) for x in exdates]) if exdates else ""
    db.execute_sql("UPDATE event SET exdates = ? WHERE id = ?", (text, event_id))


def set_stage(
    db: SqliteDatabase, event_id: int, stage: InterviewStage | None, *, now: dt.datetime
) -> None:
    db.execute_sql(
        "UPDATE event SET stage = ?, updated_at = ? WHERE id = ?",
        (stage.value if stage else "", utc_text(now), event_id),
    )


def every(db: SqliteDatabase) -> list[EventRecord]:
    """Every event with its attendees, series before their edited occurrences (for an
    export)."""
    rows = db.execute_sql(f"{_SELECT} ORDER BY coalesce(series_id, id), series_id IS NOT NULL, id")
    records = [_record(row) for row in rows]
    people = attendees(db, [r.id for r in records])
    return [
        EventRecord(r.id, _with_attendees(r.draft, people.get(r.id, [])), r.created_at,
                    r.updated_at, r.series_id, tuple(n for _a, n in people.get(r.id, [])))
        for r in records
    ]  # fmt: skip


def _with_attendees(draft: EventDraft, people: list[tuple[Attendee, str]]) -> EventDraft:
    return replace(draft, attendees=tuple(a for a, _n in people))


def first_emails(db: SqliteDatabase, contact_ids: Iterable[int]) -> dict[int, str]:
    """Each contact's first e-mail address (an export writes attendees by address)."""
    found: dict[int, str] = {}
    for chunk in _chunks(sorted(set(contact_ids))):
        rows = db.execute_sql(
            "SELECT contact_id, address FROM email"
            f" WHERE contact_id IN ({','.join('?' * len(chunk))})"
            " ORDER BY contact_id, position, id",
            tuple(chunk),
        )
        for contact_id, address in rows:
            found.setdefault(int(contact_id), str(address))
    return found


def count(db: SqliteDatabase) -> int:
    return int(db.execute_sql("SELECT count(*) FROM event").fetchone()[0])


def edited_occurrences(db: SqliteDatabase, series_id: int) -> list[EventRecord]:
    """The occurrences of a series edited on their own, with their attendees (what a
    deleted series takes with it, and Undo brings back)."""
    rows = db.execute_sql(f"{_SELECT} WHERE series_id = ? ORDER BY id", (series_id,)).fetchall()
    records = [_record(row) for row in rows]
    people = attendees(db, [r.id for r in records])
    return [replace(r, draft=_with_attendees(r.draft, people.get(r.id, []))) for r in records]
