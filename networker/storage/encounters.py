"""Every query about what an event led to: the encounters logged after it (interactions
with ``event_id``), the reminders it made (``reminder.event_id``), and attendees added to
it once it took place (schema step 11 made the columns; nothing else writes them)."""

from __future__ import annotations

from collections.abc import Sequence

from peewee import SqliteDatabase

ENCOUNTER = "event encounter"


def link_interaction(db: SqliteDatabase, interaction_id: int, event_id: int) -> None:
    db.execute_sql("UPDATE interaction SET event_id = ? WHERE id = ?", (event_id, interaction_id))


def link_reminder(db: SqliteDatabase, reminder_id: int, event_id: int) -> None:
    db.execute_sql("UPDATE reminder SET event_id = ? WHERE id = ?", (event_id, reminder_id))


def add_attendees(db: SqliteDatabase, event_id: int, contact_ids: Sequence[int]) -> None:
    """These contacts attend the event too (those already there stay where they are)."""
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


def open_reminders(db: SqliteDatabase, event_id: int) -> list[tuple[int, str, str, str]]:
    """The event's open reminders: (id, kind, occurrence, title), by due time."""
    rows = db.execute_sql(
        "SELECT id, kind, occurrence, title FROM reminder WHERE event_id = ? AND state = 'open'"
        " ORDER BY due_at, id",
        (event_id,),
    )
    return [(int(i), str(k), str(o), str(t)) for i, k, o, t in rows]


def close_reminders(db: SqliteDatabase, event_id: int, occurrence_suffix: str) -> None:
    """The event's open reminders whose occurrence ends so are done."""
    db.execute_sql(
        "UPDATE reminder SET state = 'done' WHERE event_id = ? AND state = 'open'"
        " AND occurrence LIKE ?",
        (event_id, f"%{occurrence_suffix}"),
    )
