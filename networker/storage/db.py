"""Opening the database: pragmas on every connection, health checks, migration."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import peewee
from peewee import OperationalError, SqliteDatabase

from networker.clock import Clock
from networker.paths import create_private_file
from networker.storage import migrations
from networker.storage.backup import has_sqlite_header
from networker.storage.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    ForeignDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    ReadOnlySessionError,
)

log = logging.getLogger(__name__)

MINIMUM_SQLITE = (3, 35, 0)

# Applied by Peewee to every connection it opens, in every thread (docs/limits.md).
PRAGMAS = [
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("journal_size_limit", 64 * 1024 * 1024),
    ("secure_delete", 1),  # deleted contacts do not linger in free pages
    ("cell_size_check", 1),
    ("trusted_schema", 0),
    ("cache_size", -8000),  # 8 MB: a list scan need not keep the whole file in memory
]


# What a query can raise: sqlite3's classes, or Peewee's of the same names (Peewee wraps
# SQLite's errors in its own classes, which are not subclasses of sqlite3's).
DRIVER_ERRORS = (sqlite3.DatabaseError, peewee.DatabaseError)


def is_damage(exc: BaseException) -> bool:
    """A damaged or foreign file: SQLite says so with the plain DatabaseError class
    (SQLITE_CORRUPT "database disk image is malformed", SQLITE_NOTADB). Its subclasses
    (OperationalError: locked, busy, I/O, read-only; IntegrityError; ...) are not damage."""
    return type(exc) in DRIVER_ERRORS


# A read-only session's connections: no journal-mode switch, nothing written.
READ_ONLY_PRAGMAS = [
    ("query_only", 1),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("cell_size_check", 1),
    ("trusted_schema", 0),
    ("cache_size", -8000),
]


class ReadOnlySqliteDatabase(SqliteDatabase):
    """The database of a read-only session; ``reason`` says why, for people."""

    def __init__(self, path: Path, *, reason: str) -> None:
        super().__init__(
            read_only_uri(path), uri=True, pragmas=READ_ONLY_PRAGMAS, timeout=5, autoconnect=True
        )
        self.path = path
        self.reason = reason


def read_only_uri(path: Path) -> str:
    """``immutable=1`` (nothing locked or created beside it) unless a WAL beside the
    file holds part of it, which only ``mode=ro`` reads."""
    wal = Path(f"{path}-wal")
    try:
        has_wal = wal.stat().st_size > 0
    except OSError:
        has_wal = False
    return f"{path.absolute().as_uri()}?mode=ro" + ("" if has_wal else "&immutable=1")


def read_first_rows(db: SqliteDatabase) -> None:
    """Read the first contacts as the window's first screens will (with ``verify=False``
    the full check runs later, on a worker): a contact table whose pages are damaged
    raises here, a driver error ``is_damage`` recognises, before the window is built."""
    db.execute_sql("SELECT id FROM contact ORDER BY id LIMIT 200").fetchall()


def write_problem(path: Path) -> str | None:
    """Why the database at ``path`` cannot be written (a read-only file, -wal or -shm,
    or folder), or None. Root ignores permission bits, so the files are really opened
    for writing (nothing is written), and the folder gets a real probe."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            fd = os.open(candidate, os.O_RDWR | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            continue
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                what = "the file" if candidate == path else f"its {candidate.name[-4:]} file"
                return f"{what} is read-only ({exc.strerror})"
            continue
        os.close(fd)
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path.parent)
    except OSError as exc:
        return f"its folder {path.parent} is read-only ({exc.strerror or exc})"
    os.close(fd)
    os.unlink(probe)
    return None


def is_read_only(db: SqliteDatabase) -> bool:
    return isinstance(db, ReadOnlySqliteDatabase)


def make_database(path: Path) -> SqliteDatabase:
    # lock_type: every transaction begins IMMEDIATE, so a write that starts with a
    # read never fails with "database is locked" when another connection commits.
    return SqliteDatabase(
        str(path), pragmas=PRAGMAS, timeout=5, lock_type="IMMEDIATE", autoconnect=True
    )


def open_database(
    path: Path,
    *,
    backups_dir: Path,
    clock: Clock,
    verify: bool = True,
    read_only: str | None = None,
) -> SqliteDatabase:
    """Open (or create) the database, refuse one that is not safe, migrate it.

    ``verify=False`` leaves the full ``quick_check`` (it reads the whole file: 110 ms
    at 100,000 contacts) to the caller, who runs check_health() off the start-up
    path; it still runs here first whenever a migration is about to write.
    ``read_only`` (the reason, for people) opens a read-only session instead: nothing
    is written, and every write is refused (write_transaction). A database that cannot
    be written raises ReadOnlyDatabaseError unless a read-only session was asked for.
    Raises a StorageError with a message for people; a refused file is never written.
    """
    if sqlite3.sqlite_version_info < MINIMUM_SQLITE:
        log.warning("SQLite %s is older than the 3.35 Networker needs", sqlite3.sqlite_version)
    if path.exists() and (
        # A device or a pipe (a link to /dev/zero, say) is never read from or written to.
        not path.is_file() or (path.stat().st_size > 0 and not has_sqlite_header(path))
    ):
        raise NotADatabaseError(path)
    # Read-only first: a foreign or newer file is refused before anything can write
    # to it (the read-write connection's pragmas would switch it to WAL).
    inspect_read_only(path)
    if read_only is not None:
        return _open_read_only(path, read_only, verify=verify)
    if path.exists() and (problem := write_problem(path)) is not None:
        raise ReadOnlyDatabaseError(path, problem)
    create_private_file(path)  # so SQLite's -wal and -shm inherit 0600 too
    db = make_database(path)
    try:
        db.connect()
        _check_identity(db, path)
        if verify or migrations.schema_version(db) < migrations.SCHEMA_VERSION:
            check_health(db)
        migrations.migrate(db, backups_dir=backups_dir, clock=clock)
    except DRIVER_ERRORS as exc:
        db.close()
        if not is_damage(exc):
            raise
        if "not a database" in str(exc):
            raise NotADatabaseError(path) from exc
        raise CorruptDatabaseError(path, str(exc)) from exc
    except BaseException:
        db.close()
        raise
    return db


def _open_read_only(path: Path, reason: str, *, verify: bool) -> SqliteDatabase:
    if not path.is_file() or path.stat().st_size == 0:
        raise ReadOnlyDatabaseError(path, f"{reason}, and there is no database in it yet")
    db = ReadOnlySqliteDatabase(path, reason=reason)
    try:
        db.connect()
        if migrations.schema_version(db) < migrations.SCHEMA_VERSION:
            raise ReadOnlyDatabaseError(
                path, f"{reason}, and it needs an update that cannot be written"
            )
        if verify:
            check_health(db)
    except DRIVER_ERRORS as exc:
        db.close()
        if not is_damage(exc):
            raise ReadOnlyDatabaseError(path, f"{reason} ({exc})") from exc
        raise CorruptDatabaseError(path, str(exc)) from exc
    except BaseException:
        db.close()
        raise
    log.warning("the database is open read-only: %s", reason)
    return db


def check_health(db: SqliteDatabase) -> None:
    """``PRAGMA quick_check``; raises CorruptDatabaseError. Safe on a worker thread."""
    path = Path(db.database)
    # A damaged file either returns rows other than "ok" or raises outright.
    try:
        rows = db.execute_sql("PRAGMA quick_check").fetchall()
    except DRIVER_ERRORS as exc:
        if not is_damage(exc):
            raise
        raise CorruptDatabaseError(path, str(exc)) from exc
    if rows != [("ok",)]:
        raise CorruptDatabaseError(path, str(rows[0][0]))


WAL_MODE = 2  # header bytes 18 and 19 (write and read format versions) in WAL mode


def inspect_read_only(path: Path) -> None:
    """Refuse a file that is not Networker's own, of a version this build can migrate,
    without writing a byte of it or creating anything beside it (RELIABILITY case 9).

    Opened ``immutable=1`` (nothing is locked, no -wal or -shm is created) unless the
    file is in WAL mode with a WAL beside it, whose content only ``mode=ro`` reads.
    Raises ForeignDatabaseError, NewerDatabaseError, NotADatabaseError or
    CorruptDatabaseError; an empty or missing file is a new database and passes.
    """
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except FileNotFoundError:
        return
    if not header:
        return
    wal = Path(f"{path}-wal")
    in_wal_mode = len(header) >= 20 and header[18] == header[19] == WAL_MODE
    has_wal = in_wal_mode and wal.exists() and wal.stat().st_size > 0
    uri = f"{path.absolute().as_uri()}?mode=ro" + ("" if has_wal else "&immutable=1")
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path) from exc
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        has_tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        if "not a database" in str(exc):
            raise NotADatabaseError(path) from exc
        raise CorruptDatabaseError(path, str(exc)) from exc
    finally:
        connection.close()
    if application_id != migrations.APPLICATION_ID:
        if application_id != 0 or has_tables:
            raise ForeignDatabaseError(path)
        return
    migrations.check_readable(path, version)


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
    inspect_read_only(path)
    create_private_file(path)
    try:
        db.connect()
        check_health(db)
        _check_identity(db, path)
        migrations.migrate(db, backups_dir=backups_dir, clock=clock)
    except DRIVER_ERRORS as exc:
        db.close()
        if not is_damage(exc):
            raise
        raise CorruptDatabaseError(path, str(exc)) from exc


@contextlib.contextmanager
def write_transaction(db: SqliteDatabase) -> Iterator[None]:
    """``db.atomic()`` that reports the real error when SQLite has already rolled back,
    and a write lock held elsewhere past the busy timeout as DatabaseBusyError.

    On SQLITE_FULL and some I/O errors SQLite ends the transaction itself; Peewee's
    own rollback then fails with "no transaction is active" and hides the cause.
    """
    if isinstance(db, ReadOnlySqliteDatabase):
        # The one door every write goes through: a read-only session changes nothing.
        raise ReadOnlySessionError(db.reason)
    try:
        with db.atomic():
            yield
        _count_own_write()
    except (OperationalError, sqlite3.OperationalError) as exc:
        if _is_busy(exc):
            log.warning("the database stayed busy past the timeout (%s); rolled back", exc)
            raise DatabaseBusyError() from exc
        if "no transaction is active" not in str(exc):
            raise
        cause: BaseException | None = exc
        while cause is not None and "no transaction is active" in str(cause):
            cause = cause.__context__
        if cause is None:
            raise
        raise cause from None


# Writes this process committed (every one goes through write_transaction): a change to
# the file that came with none of ours was made by another process (ExternalChanges).
_own_writes = 0
_own_writes_lock = threading.Lock()


def _count_own_write() -> None:
    global _own_writes
    with _own_writes_lock:
        _own_writes += 1


def own_writes() -> int:
    """How many write transactions this process has committed so far."""
    return _own_writes


def data_version(db: SqliteDatabase) -> int:
    """SQLite's PRAGMA data_version on this thread's connection: it changes when any
    other connection (a worker's, another process's) commits to the file."""
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def _is_busy(exc: BaseException) -> bool:
    message = str(exc)
    return "database is locked" in message or "database is busy" in message


def release_thread_connection(db: SqliteDatabase) -> None:
    """Close the calling worker thread's own connection (Peewee keeps one per thread);
    on the main thread, where the window's connection lives, do nothing."""
    if threading.current_thread() is not threading.main_thread():
        db.close()
