"""Every query about job history: a contact's roles over time (job_role rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from peewee import SqliteDatabase

from networker.domain.jobs import Role, Stint

# An undated role is stored with this day: older than any a file can carry.
_UNDATED = "0001-01-01"


def _day(text: str | None) -> dt.date | None:
    return None if text is None or text == _UNDATED else dt.date.fromisoformat(text)


def _text(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else _UNDATED


def history(db: SqliteDatabase, contact_id: int) -> list[Stint]:
    """A contact's roles, oldest first."""
    rows = db.execute_sql(
        "SELECT organization, title, started_on, seen_on, ended_on FROM job_role"
        " WHERE contact_id = ? ORDER BY started_on, id",
        (contact_id,),
    )
    return [
        Stint(Role(organization, title), _day(started), _day(seen), _day(ended))
        for organization, title, started, seen, ended in rows
    ]


def replace(db: SqliteDatabase, histories: Mapping[int, Sequence[Stint]]) -> None:
    """Each contact's history as given (a contact without rows yet costs no delete)."""
    ids = list(histories)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        db.execute_sql(
            f"DELETE FROM job_role WHERE contact_id IN ({','.join('?' * len(part))})", part
        )
    db.connection().executemany(
        "INSERT INTO job_role (contact_id, organization, title, started_on, seen_on, ended_on)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (contact_id, s.role.organization, s.role.title, _text(s.started_on),
             _text(s.seen_on), s.ended_on.isoformat() if s.ended_on else None)
            for contact_id, stints in histories.items()
            for s in stints
        ],
    )  # fmt: skip
