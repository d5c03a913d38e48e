"""Every query about what an event led to: the encounters logged after it (interactions
with ``event_id``), the reminders it made (``reminder.event_id``), and attendees added to
it once it took place (schema step 11 made the columns; nothing else writes them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from peewee import SqliteDatabase

from networker.storage.timestamps import from_utc_text, utc_text

ENCOUNTER = "event encounter"


def link_interaction(db: SqliteDatabase, interaction_id: int, event_id: int) -> None:
    db.execute_sql("UPDATE interaction SET event_id = ? WHERE id = ?", (event_id, interaction_id))


def link_reminder(db: SqliteDatabase, reminder_id: int, event_id: int) -> None:
    db.execute_sql("UPDATE reminder SET event_id = ? WHERE id = ?", (event_id, reminder_id))


def add_attendees(db: SqliteDatabase, event_id: int, contact_ids: Sequence[int]) -> list[int]:
    """These contacts attend the event too (those already there stay where they are);
    returns those that were not there."""
    present = {
        int(row[0])
        for row in db.execute_sql(
            "SELECT contact_id FROM event_attendee WHERE event_id = ? AND contact_id IS NOT NULL",
            (event_id,),
        )
    }
    (last,) = db.execute_sql(
        "SELECT coalesce(max(position), -1) FROM event_attendee WHERE event_id = ?", (event_id,)
    ).fetchone()
    rows = []
    for contact_id in dict.fromkeys(contact_ids):
        if contact_id not in present:
            last = int(last) + 1
            rows.append((event_id, contact_id, last))
    db.connection().executemany(
        "INSERT INTO event_attendee (event_id, contact_id, email, name, params, position)"
        " VALUES (?, ?, '', '', '', ?)",
        rows,
    )
    return [contact_id for _event, contact_id, _position in rows]


def with_encounters(db: SqliteDatabase, event_ids: Sequence[int]) -> set[int]:
    """Those of the events that have an encounter logged."""
    if not event_ids:
        return set()
    marks = ",".join("?" * len(event_ids))
    rows = db.execute_sql(
        f"SELECT DISTINCT event_id FROM interaction WHERE event_id IN ({marks}) AND kind = ?",
        (*event_ids, ENCOUNTER),
    )
    return {int(row[0]) for row in rows}


def met_people(db: SqliteDatabase, event_id: int, at: dt.datetime) -> list[tuple[int, str]]:
    """Who was met at the event's occurrence dated ``at`` (one occurrence of a series:
    who was met at one is dated at its start): (contact id, name)."""
    rows = db.execute_sql(
        "SELECT DISTINCT c.id, c.display_name, c.sort_name FROM interaction i"
        " JOIN interaction_contact ic ON ic.interaction_id = i.id"
        " JOIN contact c ON c.id = ic.contact_id"
        " WHERE i.event_id = ? AND i.kind = ? AND i.occurred_at = ? ORDER BY c.sort_name, c.id",
        (event_id, ENCOUNTER, utc_text(at)),
    )
    return [(int(contact_id), str(name)) for contact_id, name, _key in rows]


def open_reminders(db: SqliteDatabase, event_id: int) -> list[tuple[int, str, str, str]]:
    """The event's open reminders: (id, kind, occurrence, title), by due time."""
    rows = db.execute_sql(
        "SELECT id, kind, occurrence, title FROM reminder WHERE event_id = ? AND state = 'open'"
        " ORDER BY due_at, id",
        (event_id,),
    )
    return [(int(i), str(k), str(o), str(t)) for i, k, o, t in rows]


def open_reminder_dues(db: SqliteDatabase, event_id: int) -> list[tuple[str, dt.datetime]]:
    """The event's open reminders: (title, due instant in UTC), by due time."""
    rows = db.execute_sql(
        "SELECT title, due_at FROM reminder WHERE event_id = ? AND state = 'open'"
        " ORDER BY due_at, id",
        (event_id,),
    )
    return [(str(title), from_utc_text(str(due))) for title, due in rows]


def close_reminders(db: SqliteDatabase, event_id: int, occurrence_suffix: str) -> list[int]:
    """The event's open reminders whose occurrence ends so are done; returns them."""
    where = "event_id = ? AND state = 'open' AND occurrence LIKE ?"
    params = (event_id, f"%{occurrence_suffix}")
    ids = [int(r[0]) for r in db.execute_sql(f"SELECT id FROM reminder WHERE {where}", params)]
    db.execute_sql(f"UPDATE reminder SET state = 'done' WHERE {where}", params)
    return ids


# Undo: a row's id is one more than the highest before it (INTEGER PRIMARY KEY without
# AUTOINCREMENT), so what an operation added is what lies above the marks taken first.
_MARKED = ("contact", "interaction", "reminder")


def newest_ids(db: SqliteDatabase) -> dict[str, int]:
    """The highest id of each table an encounter adds to (call in the transaction)."""
    return {
        table: int(db.execute_sql(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
        for table in _MARKED
    }


def made_since(
    db: SqliteDatabase, marks: dict[str, int], event_id: int
) -> dict[str, tuple[int, ...]]:
    """The event's interactions and reminders added since ``marks`` were taken."""
    return {
        table: tuple(
            int(row[0])
            for row in db.execute_sql(
                f"SELECT id FROM {table} WHERE id > ? AND event_id = ? ORDER BY id",
                (marks[table], event_id),
            )
        )
        for table in ("interaction", "reminder")
    }


def take_back(
    db: SqliteDatabase,
    event_id: int,
    *,
    attendees: Sequence[int],
    interactions: Sequence[int],
    reminders: Sequence[int],
    reopen: Sequence[int],
) -> None:
    """Delete what an encounter added (but the contacts it made) and reopen the
    reminders it closed."""
    for table, ids in (("reminder", reminders), ("interaction", interactions)):
        db.connection().executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])
    db.connection().executemany(
        "DELETE FROM event_attendee WHERE event_id = ? AND contact_id = ?",
        [(event_id, i) for i in attendees],
    )
    db.connection().executemany(
        "UPDATE reminder SET state = 'open' WHERE id = ? AND state = 'done'",
        [(i,) for i in reopen],
    )
