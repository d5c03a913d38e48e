"""Backups with SQLite's backup API (never a file copy of a live database)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.paths import create_private_file
from networker.storage.errors import (
    BackupFailedError,
    CorruptDatabaseError,
    ForeignDatabaseError,
    NotADatabaseError,
)

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
AUTO_PREFIX = "auto-"
AUTO_KEEP = 7
BACKUP_SUFFIX = ".sqlite3"


def backup_database(db: SqliteDatabase, target: Path) -> Path:
    """Copy the open database, WAL included, into ``target`` (a private, self-contained file).

    The copy is written beside the target and renamed into place only once it
    passes ``integrity_check``, so a failed backup never leaves half a file.
    """
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    try:
        destination = sqlite3.connect(partial)
        try:
            db.connection().backup(destination)
            # The copied header says WAL; make the backup a single plain file.
            destination.execute("PRAGMA journal_mode = DELETE")
            result = destination.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.Error as exc:  # a full disk, an I/O error: say so, keep nothing
            raise BackupFailedError(target, str(exc)) from exc
        finally:
            destination.close()
        if result != [("ok",)]:
            raise CorruptDatabaseError(target, "the backup copy failed its integrity check")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def automatic_backup(
    db: SqliteDatabase, backups_dir: Path, *, clock: Clock, keep: int = AUTO_KEEP
) -> Path | None:
    """Back up once a day at most, keeping the newest ``keep`` automatic backups."""
    now = clock.local_now()  # a day and a file name people read
    existing = list_automatic_backups(backups_dir)
    if existing and _backup_day(existing[-1]) == now.date():
        return None
    target = backups_dir / f"{AUTO_PREFIX}{now:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    backup_database(db, target)
    for old in list_automatic_backups(backups_dir)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def list_automatic_backups(backups_dir: Path) -> list[Path]:
    """Oldest first (the names sort by time)."""
    if not backups_dir.is_dir():
        return []
    return sorted(
        p for p in backups_dir.glob(f"{AUTO_PREFIX}*{BACKUP_SUFFIX}") if _backup_day(p) is not None
    )


def _backup_day(path: Path) -> dt.date | None:
    stamp = path.name.removeprefix(AUTO_PREFIX).removesuffix(BACKUP_SUFFIX)
    try:
        return dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S").date()
    except ValueError:
        return None


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def verify_backup_file(
    path: Path, *, application_id: int, check_version: Callable[[Path, int], None]
) -> int:
    """Check a backup before it replaces anything; returns its schema version.

    Opened immutable and read-only, with an untrusted schema, so a tampered file
    can neither be changed nor run our functions from its triggers or views.
    """
    if not path.is_file() or not has_sqlite_header(path):
        raise NotADatabaseError(path)
    uri = f"{path.absolute().as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path) from exc
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA cell_size_check = ON")
        found_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if found_id != application_id or version < 1:
            raise ForeignDatabaseError(path)
        check_version(path, version)  # NewerDatabaseError for a schema this build cannot use
        result = connection.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise CorruptDatabaseError(path, str(result[0][0]))
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, str(exc)) from exc
    finally:
        connection.close()
    return int(version)


def move_aside(database_path: Path, suffix: str) -> Path:
    """Rename a closed database (and any -wal/-shm beside it) out of the way."""
    aside = database_path.with_name(f"{database_path.name}.{suffix}")
    for extra in ("-wal", "-shm"):
        companion = Path(str(database_path) + extra)
        if companion.exists():
            os.replace(companion, Path(str(aside) + extra))
    os.replace(database_path, aside)
    return aside


def restore_backup(backup: Path, database_path: Path, *, clock: Clock) -> Path | None:
    """Put ``backup`` in place of the (closed) database; returns where the old one went, if any.

    The caller verifies the backup first. It is copied with the backup API into
    a new file beside the database, checked again, and only then swapped in.
    """
    incoming = database_path.with_name(database_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    create_private_file(incoming)
    try:
        source = sqlite3.connect(f"{backup.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
        destination = sqlite3.connect(incoming)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
            if destination.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise CorruptDatabaseError(backup, "the restored copy failed its check")
        finally:
            destination.close()
            source.close()
        aside = None
        if database_path.exists():
            aside = move_aside(database_path, f"before-restore-{clock.local_now():%Y%m%d-%H%M%S}")
        os.replace(incoming, database_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            incoming.unlink()
    log.info("restored a backup; the previous database is kept as %s", aside)
    return aside


@dataclass(frozen=True)
class BackupSummary:
    """What the restore dialog says of one backup file."""

    path: Path
    taken: dt.datetime  # when the file was last written (aware, local)
    contacts: int | None  # None: not readable as a Networker database
    automatic: bool


def backup_summaries(backups_dir: Path, *, application_id: int) -> list[BackupSummary]:
    """Every backup in the folder, newest first, with its contact count: read-only,
    immutable, untrusted schema; no integrity check (the chosen one gets it)."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in backups_dir.glob(f"*{BACKUP_SUFFIX}"):
        if not path.is_file():
            continue
        taken = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        found.append(
            BackupSummary(path, taken, _contact_count(path, application_id),
                          path.name.startswith(AUTO_PREFIX))
        )  # fmt: skip
    return sorted(found, key=lambda b: b.taken, reverse=True)


def _contact_count(path: Path, application_id: int) -> int | None:
    if not has_sqlite_header(path):
        return None
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.DatabaseError:
        return None
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        if connection.execute("PRAGMA application_id").fetchone()[0] != application_id:
            return None
        return int(connection.execute("SELECT count(*) FROM contact").fetchone()[0])
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
