"""The record of each import, so that one killed half-way is noticed at the next start
(RELIABILITY.md case 1): nothing of it landed, and the user is told once."""

from __future__ import annotations

import datetime as dt

from peewee import SqliteDatabase

from networker.storage.db import write_transaction
from networker.storage.tables import ImportRun


def start(db: SqliteDatabase, files: str, *, at: dt.datetime) -> int:
    """Announce an import, committed before any of its data is written."""
    with write_transaction(db):
        return int(ImportRun.insert(started_at=at, files=files).execute(db))


def set_status(db: SqliteDatabase, run_id: int, status: str) -> None:
    ImportRun.update(status=status).where(ImportRun.id == run_id).execute(db)


def unfinished(db: SqliteDatabase) -> list[tuple[int, dt.datetime, str]]:
    """Imports that were killed before they finished: (id, started at, files)."""
    query = ImportRun.select().where(ImportRun.status == "started").order_by(ImportRun.id)
    return [(run.id, run.started_at, run.files) for run in query.execute(db)]
