"""Which goals a contact, event or interaction is linked to (the goal_link table).

Apart from storage/goals.py so that the services the window starts with (events,
interactions) link items to goals without importing the goals themselves (their
periods, targets and tallies load with the Goals page).
"""

from __future__ import annotations

from collections.abc import Sequence

from peewee import SqliteDatabase

ITEM_COLUMNS = {"contact": "contact_id", "event": "event_id", "interaction": "interaction_id"}


def goals_of(db: SqliteDatabase, kind: str, item_ids: Sequence[int]) -> list[int]:
    """The goals these contacts, events or interactions (``kind``) are linked to, in
    the goals' order."""
    if not item_ids:
        return []
    column = ITEM_COLUMNS[kind]
    marks = ",".join("?" * len(item_ids))
    rows = db.execute_sql(
        f"SELECT DISTINCT g.id, g.position FROM goal_link l JOIN goal g ON g.id = l.goal_id"
        f" WHERE l.{column} IN ({marks}) ORDER BY g.position, g.id",
        tuple(item_ids),
    )
    return [int(row[0]) for row in rows]


def set_goals_of(db: SqliteDatabase, kind: str, item_id: int, goal_ids: Sequence[int]) -> None:
    """The contact, event or interaction is linked to exactly these goals (those that
    still exist: one deleted meanwhile is left out)."""
    column = ITEM_COLUMNS[kind]
    db.execute_sql(f"DELETE FROM goal_link WHERE {column} = ?", (item_id,))
    db.connection().executemany(
        f"INSERT OR IGNORE INTO goal_link (goal_id, {column}) SELECT id, ? FROM goal WHERE id = ?",
        [(item_id, g) for g in dict.fromkeys(goal_ids)],
    )
