"""Every query about interactions: logging, the timeline of a contact, last contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from peewee import SqliteDatabase

from networker.domain.interactions import (
    InteractionDraft,
    InteractionKind,
    InteractionRecord,
    Owed,
    Value,
)
from networker.storage.tables import Interaction, InteractionContact
from networker.storage.timestamps import from_utc_text, utc_text


def _columns(draft: InteractionDraft, occurred_at: dt.datetime) -> dict[str, object]:
    return {
        "kind": draft.kind.value,
        "occurred_at": occurred_at,
        "summary": draft.summary.strip(),
        "notes": draft.notes,
        "follow_up_on": draft.follow_up_on.isoformat() if draft.follow_up_on else None,
        "value": draft.value.value,
        "value_kind": draft.value_kind.strip(),
    }


def insert(
    db: SqliteDatabase, draft: InteractionDraft, *, occurred_at: dt.datetime, now: dt.datetime
) -> int:
    interaction_id = int(
        Interaction.insert(created_at=now, **_columns(draft, occurred_at)).execute(db)
    )
    _link(db, interaction_id, draft.contact_ids)
    return interaction_id


def update(
    db: SqliteDatabase, interaction_id: int, draft: InteractionDraft, *, occurred_at: dt.datetime
) -> None:
    Interaction.update(**_columns(draft, occurred_at)).where(
        Interaction.id == interaction_id
    ).execute(db)
    InteractionContact.delete().where(InteractionContact.interaction == interaction_id).execute(db)
    _link(db, interaction_id, draft.contact_ids)


def _link(db: SqliteDatabase, interaction_id: int, contact_ids: Sequence[int]) -> None:
    rows = [(interaction_id, contact_id) for contact_id in dict.fromkeys(contact_ids)]
    db.connection().executemany(
        "INSERT INTO interaction_contact (interaction_id, contact_id) VALUES (?, ?)", rows
    )


def delete(db: SqliteDatabase, interaction_id: int) -> None:
    Interaction.delete().where(Interaction.id == interaction_id).execute(db)


def delete_orphans(db: SqliteDatabase) -> None:
    """Interactions left without any contact (their last contact was deleted)."""
    db.execute_sql(
        "DELETE FROM interaction WHERE NOT EXISTS"
        " (SELECT 1 FROM interaction_contact ic WHERE ic.interaction_id = interaction.id)"
    )


_SELECT = (
    "SELECT i.id, i.kind, i.occurred_at, i.summary, i.notes, i.follow_up_on, i.value,"
    " i.value_kind, i.created_at FROM interaction i"
)


def load(db: SqliteDatabase, interaction_id: int) -> InteractionRecord | None:
    """One interaction, with the goals it is linked to."""
    row = db.execute_sql(f"{_SELECT} WHERE i.id = ?", (interaction_id,)).fetchone()
    if not row:
        return None
    record = _records(db, [row])[0]
    goals = db.execute_sql(
        "SELECT goal_id FROM goal_link WHERE interaction_id = ? ORDER BY goal_id",
        (interaction_id,),
    )
    draft = replace(record.draft, goal_ids=tuple(int(g) for (g,) in goals))
    return replace(record, draft=draft)


def timeline(db: SqliteDatabase, contact_id: int, *, limit: int = 500) -> list[InteractionRecord]:
    """A contact's interactions, newest first."""
    rows = db.execute_sql(
        f"{_SELECT} JOIN interaction_contact ic ON ic.interaction_id = i.id"
        " WHERE ic.contact_id = ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?",
        (contact_id, limit),
    ).fetchall()
    return _records(db, rows)


def _records(db: SqliteDatabase, rows: Sequence[tuple[object, ...]]) -> list[InteractionRecord]:
    ids = [row[0] for row in rows]
    people: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}  # type: ignore[misc]
    if ids:
        marks = ",".join("?" * len(ids))
        for interaction_id, contact_id, name in db.execute_sql(
            "SELECT ic.interaction_id, c.id, c.display_name FROM interaction_contact ic"
            f" JOIN contact c ON c.id = ic.contact_id WHERE ic.interaction_id IN ({marks})"
            " ORDER BY c.sort_name",
            ids,
        ):
            people[interaction_id].append((contact_id, name))
    records = []
    for (interaction_id, kind, occurred_at, summary, notes, follow_up_on, value, value_kind,
         created_at) in rows:  # fmt: skip
        linked = people[interaction_id]  # type: ignore[index]
        draft = InteractionDraft(
            contact_ids=[contact_id for contact_id, _name in linked],
            kind=InteractionKind(kind),
            occurred_at=from_utc_text(str(occurred_at)),
            summary=str(summary),
            notes=str(notes),
            follow_up_on=dt.date.fromisoformat(str(follow_up_on)) if follow_up_on else None,
            value=Value(value),
            value_kind=str(value_kind),
        )
        records.append(
            InteractionRecord(
                id=int(interaction_id),  # type: ignore[call-overload]
                draft=draft,
                created_at=from_utc_text(str(created_at)),
                contact_names=tuple(name for _id, name in linked),
            )
        )
    return records


def values_since(db: SqliteDatabase, contact_id: int, since: dt.datetime) -> list[Value]:
    """The reciprocity marks of a contact's interactions since ``since``."""
    rows = db.execute_sql(
        "SELECT i.value FROM interaction i JOIN interaction_contact ic"
        " ON ic.interaction_id = i.id WHERE ic.contact_id = ? AND i.value != ''"
        " AND i.occurred_at >= ?",
        (contact_id, utc_text(since)),
    )
    return [Value(value) for (value,) in rows]


def last_interactions(
    db: SqliteDatabase, contact_ids: Sequence[int] | None = None
) -> dict[int, dt.datetime]:
    """When each contact was last in touch (only contacts with an interaction)."""
    sql = (
        "SELECT ic.contact_id, max(i.occurred_at) FROM interaction_contact ic"
        " JOIN interaction i ON i.id = ic.interaction_id"
    )
    if contact_ids is None:
        rows = db.execute_sql(f"{sql} GROUP BY ic.contact_id")
    else:
        marks = ",".join("?" * len(contact_ids))
        rows = db.execute_sql(
            f"{sql} WHERE ic.contact_id IN ({marks}) GROUP BY ic.contact_id", list(contact_ids)
        )
    return {int(contact_id): from_utc_text(at) for contact_id, at in rows}


# The contacts of favours received since a time, with no favour given them since the
# last one (interaction_value is the index for the first part; its partial WHERE is
# repeated, as SQLite uses a partial index only for a query that states its condition).
_OWED = (
    "FROM interaction i INDEXED BY interaction_value"
    " JOIN interaction_contact ic ON ic.interaction_id = i.id"
    " JOIN contact c ON c.id = ic.contact_id"
    " WHERE i.value != '' AND i.value = 'received' AND i.occurred_at >= ? AND c.archived = 0"
    " AND NOT EXISTS (SELECT 1 FROM interaction_contact gc JOIN interaction g"
    "  ON g.id = gc.interaction_id WHERE gc.contact_id = c.id AND g.value = 'given'"
    "  AND g.occurred_at >= i.occurred_at)"
)


def owed_back(db: SqliteDatabase, since: dt.datetime, limit: int) -> tuple[list[Owed], int]:
    """The people owed a favour (the longest waiting first, at most ``limit``), and how
    many there are in all."""
    rows = db.execute_sql(
        f"SELECT c.id, c.display_name, max(i.occurred_at), i.value_kind {_OWED}"
        " GROUP BY c.id ORDER BY 3",
        (utc_text(since),),
    ).fetchall()
    owed = [
        Owed(int(contact_id), name, from_utc_text(at), kind)
        for contact_id, name, at, kind in rows[:limit]
    ]
    return owed, len(rows)
