"""Opening the database: pragmas on every connection, health checks, migration."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.paths import create_private_file
from networker.storage import migrations
from networker.storage.backup import has_sqlite_header
from networker.storage.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    NotADatabaseError,
)
from networker.storage.tables import database_proxy

log = logging.getLogger(__name__)

MINIMUM_SQLITE = (3, 35, 0)

# Applied by Peewee to every connection it opens, in every thread (RELIABILITY.md (c)).
PRAGMAS = [
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("journal_size_limit", 64 * 1024 * 1024),
    ("secure_delete", 1),  # deleted contacts do not linger in free pages
    ("cell_size_check", 1),
    ("trusted_schema", 0),
    ("cache_size", -16000),
]


def make_database(path: Path) -> SqliteDatabase:
    # lock_type: every transaction begins IMMEDIATE, so a write that starts with a
    # read never fails with "database is locked" when another connection commits.
    return SqliteDatabase(
        str(path), pragmas=PRAGMAS, timeout=5, lock_type="IMMEDIATE", autoconnect=True
    )


def open_database(path: Path, *, backups_dir: Path, clock: Clock) -> SqliteDatabase:
    """Open (or create) the database, refuse one that is not safe, migrate it.

    Raises a StorageError with a message for people; a refused file is never written.
    """
    if sqlite3.sqlite_version_info < MINIMUM_SQLITE:
        log.warning("SQLite %s is older than the 3.35 Networker needs", sqlite3.sqlite_version)
    if path.exists() and path.stat().st_size > 0 and not has_sqlite_header(path):
        raise NotADatabaseError(path)
    create_private_file(path)  # so SQLite's -wal and -shm inherit 0600 too
    db = make_database(path)
    try:
        db.connect()
        _check_health(db, path)
        _check_identity(db, path)
        migrations.migrate(db, backups_dir=backups_dir, clock=clock)
    except sqlite3.DatabaseError as exc:
        db.close()
        if "not a database" in str(exc):
            raise NotADatabaseError(path) from exc
        raise CorruptDatabaseError(path, str(exc)) from exc
    except BaseException:
        db.close()
        raise
    database_proxy.initialize(db)
    return db


def _check_health(db: SqliteDatabase, path: Path) -> None:
    # A damaged file either returns rows other than "ok" or raises outright.
    rows = db.execute_sql("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise CorruptDatabaseError(path, str(rows[0][0]))


def _check_identity(db: SqliteDatabase, path: Path) -> None:
    application_id = db.execute_sql("PRAGMA application_id").fetchone()[0]
    if application_id == migrations.APPLICATION_ID:
        return
    has_tables = db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if application_id != 0 or has_tables:
        raise ForeignDatabaseError(path)


def checkpoint(db: SqliteDatabase) -> None:
    """Fold the WAL back into the database file and shrink it."""
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def reopen_database(db: SqliteDatabase, *, backups_dir: Path, clock: Clock) -> None:
    """Connect again after the file was replaced (a restore), with every check of open_database."""
    db.close()
    path = Path(db.database)
    try:
        db.connect()
        _check_health(db, path)
        _check_identity(db, path)
        migrations.migrate(db, backups_dir=backups_dir, clock=clock)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise CorruptDatabaseError(path, str(exc)) from exc
