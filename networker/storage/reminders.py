"""Every query about reminders: stored ones (follow-ups, thank-yous, and the state of
computed ones once acted on), and what keep-in-touch and birthdays are computed from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import SqliteDatabase

from networker.storage.timestamps import from_utc_text, utc_text


@dataclass(frozen=True)
class StoredReminder:
    id: int
    kind: str
    contact_id: int | None
    interaction_id: int | None
    occurrence: str
    title: str
    due_at: dt.datetime
    state: str
    snoozed_until: dt.datetime | None
    notified_at: dt.datetime | None

    @property
    def effective_due(self) -> dt.datetime:
        return self.snoozed_until or self.due_at


_COLUMNS = (
    "id, kind, contact_id, interaction_id, occurrence, title, due_at, state, snoozed_until,"
    " notified_at"
)


def _reminder(row: Sequence[Any]) -> StoredReminder:
    (reminder_id, kind, contact_id, interaction_id, occurrence, title, due_at, state,
     snoozed, notified) = row  # fmt: skip
    return StoredReminder(
        int(reminder_id), kind, contact_id, interaction_id, occurrence, title,
        from_utc_text(due_at), state,
        from_utc_text(snoozed) if snoozed else None,
        from_utc_text(notified) if notified else None,
    )  # fmt: skip


def add(
    db: SqliteDatabase,
    *,
    kind: str,
    contact_id: int | None,
    title: str,
    due_at: dt.datetime,
    now: dt.datetime,
    interaction_id: int | None = None,
    occurrence: str = "",
    state: str = "open",
) -> int:
    """A reminder; the same kind, contact and occurrence is stored once (the existing
    one is returned)."""
    db.execute_sql(
        "INSERT OR IGNORE INTO reminder (kind, contact_id, interaction_id, occurrence, title,"
        " due_at, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, contact_id, interaction_id, occurrence, title, utc_text(due_at), state,
         utc_text(now)),
    )  # fmt: skip
    row = db.execute_sql(
        "SELECT id FROM reminder WHERE kind = ? AND contact_id IS ? AND occurrence = ?",
        (kind, contact_id, occurrence),
    ).fetchone()
    return int(row[0])


def get(db: SqliteDatabase, reminder_id: int) -> StoredReminder | None:
    row = db.execute_sql(f"SELECT {_COLUMNS} FROM reminder WHERE id = ?", (reminder_id,)).fetchone()
    return _reminder(row) if row else None


def open_until(db: SqliteDatabase, until: dt.datetime) -> list[StoredReminder]:
    """Open reminders due (or back from a snooze) by ``until``, earliest first."""
    rows = db.execute_sql(
        f"SELECT {_COLUMNS} FROM reminder WHERE state = 'open'"
        " AND coalesce(snoozed_until, due_at) <= ? ORDER BY coalesce(snoozed_until, due_at), id",
        (utc_text(until),),
    )
    return [_reminder(row) for row in rows]


def next_open_due(db: SqliteDatabase) -> dt.datetime | None:
    """When the next stored reminder comes due (for the scheduler's one timer)."""
    row = db.execute_sql(
        "SELECT min(coalesce(snoozed_until, due_at)) FROM reminder WHERE state = 'open'"
    ).fetchone()
    return from_utc_text(row[0]) if row and row[0] else None


def for_occurrences(
    db: SqliteDatabase, kind: str, contact_ids: Sequence[int]
) -> dict[tuple[int, str], StoredReminder]:
    """Stored state of computed reminders (keep in touch, birthdays) of these contacts."""
    found: dict[tuple[int, str], StoredReminder] = {}
    for start in range(0, len(contact_ids), 500):
        part = list(contact_ids[start : start + 500])
        marks = ",".join("?" * len(part))
        for row in db.execute_sql(
            f"SELECT {_COLUMNS} FROM reminder WHERE kind = ? AND contact_id IN ({marks})",
            [kind, *part],
        ):
            reminder = _reminder(row)
            assert reminder.contact_id is not None
            found[(reminder.contact_id, reminder.occurrence)] = reminder
    return found


def set_state(db: SqliteDatabase, reminder_id: int, state: str) -> None:
    db.execute_sql("UPDATE reminder SET state = ? WHERE id = ?", (state, reminder_id))


def snooze(db: SqliteDatabase, reminder_id: int, until: dt.datetime) -> None:
    """Due again at ``until``, and notified again then."""
    db.execute_sql(
        "UPDATE reminder SET state = 'open', snoozed_until = ?, notified_at = NULL WHERE id = ?",
        (utc_text(until), reminder_id),
    )


def mark_notified(db: SqliteDatabase, reminder_ids: Sequence[int], at: dt.datetime) -> None:
    db.connection().executemany(
        "UPDATE reminder SET notified_at = ? WHERE id = ?",
        [(utc_text(at), reminder_id) for reminder_id in reminder_ids],
    )


def close_open(db: SqliteDatabase, kind: str, contact_ids: Sequence[int]) -> list[int]:
    """Mark the open reminders of a kind for these contacts done (a thank-you logged
    closes the "say thank you" ones); returns their ids."""
    closed = []
    for contact_id in contact_ids:
        rows = db.execute_sql(
            "SELECT id FROM reminder WHERE kind = ? AND contact_id = ? AND state = 'open'",
            (kind, contact_id),
        ).fetchall()
        closed += [row[0] for row in rows]
    db.connection().executemany(
        "UPDATE reminder SET state = 'done' WHERE id = ?", [(i,) for i in closed]
    )
    return closed


def delete_for_interaction(db: SqliteDatabase, interaction_id: int, kind: str) -> None:
    db.execute_sql(
        "DELETE FROM reminder WHERE interaction_id = ? AND kind = ? AND state = 'open'",
        (interaction_id, kind),
    )


@dataclass(frozen=True)
class CadenceRow:
    contact_id: int
    name: str
    created_at: dt.datetime
    own_cadence: int | None
    tag_cadence: int | None
    last_interaction: dt.datetime | None


def keep_in_touch_rows(
    db: SqliteDatabase, contact_ids: Sequence[int] | None = None
) -> list[CadenceRow]:
    """Every listed contact with a cadence of its own or from a tag, with when they were
    last in touch."""
    where = ""
    params: list[object] = []
    if contact_ids is not None:
        where = f" AND c.id IN ({','.join('?' * len(contact_ids))})"
        params = list(contact_ids)
    rows = db.execute_sql(
        "SELECT c.id, c.display_name, c.created_at, c.cadence_days,"
        " (SELECT min(tc.cadence_days) FROM contact_tag ct"
        "  JOIN tag_cadence tc ON tc.tag_id = ct.tag_id WHERE ct.contact_id = c.id),"
        " (SELECT max(i.occurred_at) FROM interaction_contact ic"
        "  JOIN interaction i ON i.id = ic.interaction_id WHERE ic.contact_id = c.id)"
        " FROM contact c WHERE c.archived = 0"
        " AND (c.cadence_days IS NOT NULL OR EXISTS (SELECT 1 FROM contact_tag ct"
        "  JOIN tag_cadence tc ON tc.tag_id = ct.tag_id WHERE ct.contact_id = c.id))" + where,
        params,
    )
    return [
        CadenceRow(
            int(contact_id),
            name,
            from_utc_text(created),
            own,
            tagged,
            from_utc_text(last) if last else None,
        )
        for contact_id, name, created, own, tagged, last in rows
    ]


def birthday_rows(db: SqliteDatabase) -> list[tuple[int, str, str]]:
    """(contact id, name, birthday as stored: "YYYY-MM-DD" or "--MM-DD")."""
    rows = db.execute_sql(
        "SELECT id, display_name, birthday FROM contact WHERE archived = 0 AND birthday IS NOT NULL"
    )
    return [(int(contact_id), name, birthday) for contact_id, name, birthday in rows]


def set_tag_cadence(db: SqliteDatabase, tag: str, cadence_days: int | None) -> None:
    found = db.execute_sql("SELECT id FROM tag WHERE name = ?", (tag,)).fetchone()
    if found is None:
        found = (db.execute_sql("INSERT INTO tag (name) VALUES (?)", (tag,)).lastrowid,)
    if cadence_days is None:
        db.execute_sql("DELETE FROM tag_cadence WHERE tag_id = ?", (found[0],))
    else:
        db.execute_sql(
            "INSERT INTO tag_cadence (tag_id, cadence_days) VALUES (?, ?) ON CONFLICT (tag_id)"
            " DO UPDATE SET cadence_days = excluded.cadence_days",
            (found[0], cadence_days),
        )


def tag_cadences(db: SqliteDatabase) -> dict[str, int]:
    rows = db.execute_sql(
        "SELECT t.name, tc.cadence_days FROM tag_cadence tc JOIN tag t ON t.id = tc.tag_id"
    )
    return {name: int(days) for name, days in rows}


# What a notification says about its contact besides its title


@dataclass(frozen=True)
class ContextRow:
    how_we_met: str
    last_at: dt.datetime | None  # the latest interaction (None: never in touch)
    last_kind: str
    last_summary: str
    # The open follow-ups, earliest first: (reminder id, its interaction's summary, kind).
    follow_ups: tuple[tuple[int, str, str], ...]


def context_rows(db: SqliteDatabase, contact_ids: Sequence[int]) -> dict[int, ContextRow]:
    """For a few contacts (the ones about to be notified): how the user met them, their
    latest interaction and their open follow-ups."""
    if not contact_ids:
        return {}
    marks = ",".join("?" * len(contact_ids))
    follow_ups: dict[int, list[tuple[int, str, str]]] = {}
    for contact_id, reminder_id, summary, kind in db.execute_sql(
        "SELECT r.contact_id, r.id, coalesce(i.summary, ''), coalesce(i.kind, '')"
        " FROM reminder r LEFT JOIN interaction i ON i.id = r.interaction_id"
        f" WHERE r.kind = 'follow-up' AND r.state = 'open' AND r.contact_id IN ({marks})"
        " ORDER BY coalesce(r.snoozed_until, r.due_at), r.id",
        list(contact_ids),
    ):
        follow_ups.setdefault(contact_id, []).append((int(reminder_id), summary, kind))
    found = {}
    for contact_id, how_we_met, last_at, last_kind, last_summary in db.execute_sql(
        "SELECT c.id, c.how_we_met, i.occurred_at, i.kind, i.summary FROM contact c"
        " LEFT JOIN interaction i ON i.id = ("
        "   SELECT j.id FROM interaction_contact ic JOIN interaction j"
        "   ON j.id = ic.interaction_id WHERE ic.contact_id = c.id"
        "   ORDER BY j.occurred_at DESC, j.id DESC LIMIT 1)"
        f" WHERE c.id IN ({marks})",
        list(contact_ids),
    ):
        found[int(contact_id)] = ContextRow(
            how_we_met or "",
            from_utc_text(last_at) if last_at else None,
            last_kind or "",
            last_summary or "",
            tuple(follow_ups.get(contact_id, ())),
        )
    return found
