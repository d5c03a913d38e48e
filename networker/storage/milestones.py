"""Every query about milestones (their news) and the congratulate reminders tied to them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from peewee import SqliteDatabase

from networker.domain.milestones import MilestoneDraft, MilestoneKind, MilestoneRecord
from networker.domain.reminders import ReminderKind
from networker.storage.timestamps import from_utc_text, utc_text

_CONGRATULATE = ReminderKind.CONGRATULATE.value


def insert(db: SqliteDatabase, draft: MilestoneDraft, *, now: dt.datetime) -> int:
    cursor = db.execute_sql(
        "INSERT INTO milestone (contact_id, kind, happened_on, text, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (draft.contact_id, draft.kind.value, draft.happened_on.isoformat(), draft.text.strip(),
         utc_text(now)),
    )  # fmt: skip
    return int(cursor.lastrowid)


def update(db: SqliteDatabase, milestone_id: int, draft: MilestoneDraft) -> None:
    db.execute_sql(
        "UPDATE milestone SET kind = ?, happened_on = ?, text = ? WHERE id = ?",
        (draft.kind.value, draft.happened_on.isoformat(), draft.text.strip(), milestone_id),
    )


def delete(db: SqliteDatabase, milestone_id: int) -> None:
    """Its congratulate reminder goes with it (ON DELETE CASCADE)."""
    db.execute_sql("DELETE FROM milestone WHERE id = ?", (milestone_id,))


_SELECT = "SELECT id, contact_id, kind, happened_on, text, created_at FROM milestone"


def _record(row: Sequence[object]) -> MilestoneRecord:
    milestone_id, contact_id, kind, happened_on, text, created_at = row
    draft = MilestoneDraft(
        int(contact_id),  # type: ignore[call-overload]
        MilestoneKind(kind),
        dt.date.fromisoformat(str(happened_on)),
        str(text),
    )
    return MilestoneRecord(int(milestone_id), draft, from_utc_text(str(created_at)))  # type: ignore[call-overload]


def load(db: SqliteDatabase, milestone_id: int) -> MilestoneRecord | None:
    row = db.execute_sql(f"{_SELECT} WHERE id = ?", (milestone_id,)).fetchone()
    return _record(row) if row else None


def of_contact(db: SqliteDatabase, contact_id: int) -> list[MilestoneRecord]:
    """A contact's milestones, newest first."""
    rows = db.execute_sql(
        f"{_SELECT} WHERE contact_id = ? ORDER BY happened_on DESC, id DESC", (contact_id,)
    )
    return [_record(row) for row in rows]


def find(db: SqliteDatabase, contact_id: int, kind: MilestoneKind, text: str) -> int | None:
    """The milestone of this kind and text on a contact (an import records each once)."""
    row = db.execute_sql(
        "SELECT id FROM milestone WHERE contact_id = ? AND kind = ? AND text = ?",
        (contact_id, kind.value, text),
    ).fetchone()
    return int(row[0]) if row else None


def add_congratulate(
    db: SqliteDatabase,
    *,
    milestone_id: int,
    contact_id: int,
    title: str,
    due_at: dt.datetime,
    now: dt.datetime,
) -> None:
    db.execute_sql(
        "INSERT OR IGNORE INTO reminder (kind, contact_id, milestone_id, occurrence, title,"
        " due_at, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)",
        (_CONGRATULATE, contact_id, milestone_id, f"milestone:{milestone_id}", title,
         utc_text(due_at), utc_text(now)),
    )  # fmt: skip


def retitle_congratulate(
    db: SqliteDatabase, milestone_id: int, *, title: str, due_at: dt.datetime
) -> None:
    """An edited milestone's open reminder says what it says now."""
    db.execute_sql(
        "UPDATE reminder SET title = ?, due_at = ? WHERE milestone_id = ? AND state = 'open'",
        (title, utc_text(due_at), milestone_id),
    )


def close_congratulations(db: SqliteDatabase, contact_ids: Sequence[int], on: dt.date) -> None:
    """An interaction on day ``on`` closes the open congratulations of these contacts
    for milestones up to that day (news after it still wants a word)."""
    db.connection().executemany(
        "UPDATE reminder SET state = 'done' WHERE kind = ? AND contact_id = ? AND state = 'open'"
        " AND milestone_id IN (SELECT id FROM milestone WHERE contact_id = reminder.contact_id"
        " AND happened_on <= ?)",
        [(_CONGRATULATE, contact_id, on.isoformat()) for contact_id in dict.fromkeys(contact_ids)],
    )
