"""Opening the database safely: RELIABILITY.md cases 2, 3, 8, 9, 11, 12, 13, 40."""

import hashlib
import os
import sqlite3
import stat
import threading

import peewee
import pytest

from networker.storage import migrations
from networker.storage.db import inspect_read_only, is_damage, make_database, open_database
from networker.storage.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    MigrationError,
    NewerDatabaseError,
    NotADatabaseError,
)
from tests.conftest import make_draft
from tests.storage.damage import close_at_page_of, damage_root_page, overwrite

NEXT = migrations.SCHEMA_VERSION + 1  # a step injected by a test
# What a newer Networker writes after a step this build cannot live with.
NEWER_MAJOR = ((migrations.SCHEMA_MAJOR + 1) << 16) | NEXT


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_at(paths, clock):
    return open_database(paths.database, backups_dir=paths.backups, clock=clock)


def test_a_new_database_gets_the_schema_and_our_marks(database):
    user_version = database.execute_sql("PRAGMA user_version").fetchone()[0]
    assert user_version == migrations.encoded_version(migrations.SCHEMA_VERSION)
    assert database.execute_sql("PRAGMA application_id").fetchone()[0] == 0x4E57524B
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def pragmas(db):
    return tuple(
        db.execute_sql(f"PRAGMA {name}").fetchone()[0]
        for name in ("foreign_keys", "synchronous", "journal_mode", "busy_timeout")
    )


def test_every_connection_gets_the_pragmas_in_every_thread(database):
    assert pragmas(database) == (1, 2, "wal", 5000)
    seen = []

    def worker():
        seen.append(pragmas(database))
        database.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [(1, 2, "wal", 5000)]


def test_writes_begin_immediate_so_a_concurrent_commit_does_not_fail_them(
    database, contacts, data_paths
):
    contact_id = contacts.create(make_draft())
    other = sqlite3.connect(data_paths.database, isolation_level=None)
    try:
        # Our connection reads, another commits a write, then we write: with a
        # DEFERRED transaction the upgrade would fail at once with SQLITE_BUSY.
        with database.atomic():
            database.execute_sql("SELECT count(*) FROM contact").fetchone()
            with pytest.raises(sqlite3.OperationalError):
                other.execute("INSERT INTO tag (name) VALUES ('x')")
        other.execute("INSERT INTO tag (name) VALUES ('x')")
        contacts.update(contact_id, make_draft(title="Still saved"))
    finally:
        other.close()
    assert contacts.get(contact_id).draft.title == "Still saved"


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(data_paths, clock):
    data_paths.database.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\n")
    before = digest(data_paths.database)
    with pytest.raises(NotADatabaseError, match="not a Networker database"):
        open_at(data_paths, clock)
    assert digest(data_paths.database) == before


@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_device_or_pipe_at_the_database_path_is_refused_unread(data_paths, clock, kind):
    if kind == "device":
        data_paths.database.symlink_to("/dev/zero")  # was: 'disk I/O error' and a traceback
    else:
        os.mkfifo(data_paths.database)  # reading it would wait for a writer forever
    with pytest.raises(NotADatabaseError):
        open_at(data_paths, clock)


def test_another_programs_database_is_refused(data_paths, clock):
    other = sqlite3.connect(data_paths.database)
    other.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    other.commit()
    other.close()
    with pytest.raises(ForeignDatabaseError, match="another program"):
        open_at(data_paths, clock)


def test_a_newer_database_is_refused_and_untouched(database, data_paths, clock):
    database.execute_sql(f"PRAGMA user_version = {NEWER_MAJOR}")
    database.close()
    before = digest(data_paths.database)
    with pytest.raises(NewerDatabaseError, match="newer version of Networker"):
        open_at(data_paths, clock)
    assert digest(data_paths.database) == before


def _folder_state(folder):
    """Every file beside the database, with its mode and bytes."""
    return {
        p.name: (stat.S_IMODE(p.stat().st_mode), p.read_bytes())
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _other_programs_file(path, *, application_id=0, user_version=0):
    """An SQLite file in the default rollback-journal mode, as most programs leave them."""
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    other.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    other.execute(f"PRAGMA application_id = {application_id}")
    other.execute(f"PRAGMA user_version = {user_version}")
    other.commit()
    other.close()
    os.chmod(path, 0o600)


@pytest.mark.parametrize(
    ("marks", "refusal"),
    [
        ({}, ForeignDatabaseError),
        ({"application_id": 0x12345678}, ForeignDatabaseError),
        (
            {"application_id": migrations.APPLICATION_ID, "user_version": NEWER_MAJOR},
            NewerDatabaseError,
        ),
    ],
    ids=["another program", "another program's id", "newer Networker"],
)
def test_a_refused_file_is_never_written_nor_given_companions(data_paths, clock, marks, refusal):
    """Issue 15: a refused file was switched to WAL (header bytes 18/19) and got 0644
    -wal/-shm files beside it, although the message said Networker would not change it."""
    _other_programs_file(data_paths.database, **marks)
    before = _folder_state(data_paths.root)
    assert before["networker.sqlite3"][1][18:20] == b"\x01\x01"
    with pytest.raises(refusal):
        open_at(data_paths, clock)
    assert _folder_state(data_paths.root) == before


def test_a_networker_file_with_its_wal_is_inspected_through_the_wal(data_paths, clock):
    """Left by a crash: the marks are in the WAL only; read-only inspection must see them."""
    db = make_database(data_paths.database)
    db.connect()
    db.execute_sql("PRAGMA wal_autocheckpoint = 0")
    migrations.migrate(db, backups_dir=data_paths.backups, clock=clock)
    kept = sqlite3.connect(data_paths.database)  # holds the WAL open past db.close()
    kept.execute("PRAGMA wal_autocheckpoint = 0")
    kept.execute("SELECT count(*) FROM sqlite_master").fetchall()
    db.close()
    assert data_paths.database.with_name("networker.sqlite3-wal").stat().st_size > 0
    inspect_read_only(data_paths.database)  # ours, and of this version: passes
    kept.execute(f"PRAGMA user_version = {NEWER_MAJOR}")  # in the WAL only
    with pytest.raises(NewerDatabaseError):
        inspect_read_only(data_paths.database)
    kept.close()


def populate(contacts, count=300):
    for i in range(count):
        contacts.create(make_draft(given_name=f"Person{i:04d}", notes="x" * 200))


@pytest.mark.parametrize("which", ["table", "index", "schema"])
def test_a_damaged_database_is_refused_and_never_overwritten(
    database, contacts, data_paths, clock, which
):
    populate(contacts)
    if which == "schema":
        # Page 1 after the file header: SQLite raises at the first statement, which
        # Peewee turns into its own DatabaseError (not a sqlite3 one).
        close_at_page_of(database, "contact")
        overwrite(data_paths.database, 100, 64)
    else:
        name = "contact" if which == "table" else "contact_archived_sort_name"
        damage_root_page(database, data_paths.database, name)
    before = digest(data_paths.database)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_at(data_paths, clock)
    assert digest(data_paths.database) == before


def test_a_failed_migration_leaves_schema_and_data_as_they_were(
    database, contacts, data_paths, clock
):
    populate(contacts, 50)
    database.execute_sql("INSERT INTO tag (name) VALUES ('kept')")
    before = database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall()
    emails_before = database.execute_sql("SELECT count(*) FROM email").fetchone()[0]

    def rebuild_then_fail(db):
        _rebuild_contact_table(db)
        db.execute_sql("ALTER TABLE tag ADD COLUMN colour TEXT")
        raise RuntimeError("injected failure after two of three operations")

    steps = {**migrations.MIGRATIONS, NEXT: rebuild_then_fail}
    with pytest.raises(MigrationError) as failed:
        migrations.migrate(database, backups_dir=data_paths.backups, clock=clock, steps=steps)
    assert isinstance(failed.value.__cause__, RuntimeError)
    assert migrations.schema_version(database) == migrations.SCHEMA_VERSION
    assert database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall() == before
    assert database.execute_sql("SELECT count(*) FROM email").fetchone()[0] == emails_before
    assert "colour" not in [c.name for c in database.get_columns("tag")]
    (backup,) = data_paths.backups.glob(f"pre-migration-v{migrations.SCHEMA_VERSION}-*.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    check = sqlite3.connect(backup)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM contact").fetchone()[0] == 50
    check.close()


def test_a_failed_migration_says_what_happened_names_the_backup_and_logs_the_traceback(
    database, contacts, data_paths, clock, caplog
):
    """Issue 15 (RELIABILITY 11): the failure was a raw traceback, with nothing logged."""
    populate(contacts, 5)

    def fail(db):
        raise RuntimeError("injected failure")

    steps = {**migrations.MIGRATIONS, NEXT: fail}
    with pytest.raises(MigrationError) as failed:
        migrations.migrate(database, backups_dir=data_paths.backups, clock=clock, steps=steps)
    (backup,) = data_paths.backups.glob("pre-migration-*.sqlite3")
    message = str(failed.value)
    assert "could not update the database" in message and "injected failure" in message
    assert "Nothing was changed" in message and str(backup) in message
    assert "Traceback" not in message
    (logged,) = [r for r in caplog.records if r.exc_info]
    assert logged.exc_info[0] is RuntimeError


def _rebuild_contact_table(db):
    # The SQLite way to change a table (lang_altertable.html): remember its indexes and
    # the triggers (which name it), copy, drop, rename, then create them again.
    kept = [
        sql
        for (sql,) in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (type = 'trigger'"
            " OR (type = 'index' AND tbl_name = 'contact'))"
        )
    ]
    for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        db.execute_sql(f"DROP TRIGGER {name}")
    create = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'contact'").fetchone()[0]
    db.execute_sql(create.replace("CREATE TABLE contact", "CREATE TABLE contact_new", 1))
    db.execute_sql("INSERT INTO contact_new SELECT * FROM contact")
    db.execute_sql("DROP TABLE contact")
    db.execute_sql("ALTER TABLE contact_new RENAME TO contact")
    for sql in kept:
        db.execute_sql(sql)


def test_a_successful_table_rebuild_keeps_every_child_row(database, contacts, data_paths, clock):
    populate(contacts, 50)
    children = database.execute_sql("SELECT count(*) FROM email").fetchone()[0]
    steps = {**migrations.MIGRATIONS, NEXT: _rebuild_contact_table}
    migrations.migrate(database, backups_dir=data_paths.backups, clock=clock, steps=steps)
    assert migrations.schema_version(database) == NEXT
    assert database.execute_sql("SELECT count(*) FROM email").fetchone()[0] == children == 50
    assert pragmas(database)[0] == 1  # foreign keys are back on


def test_a_migration_that_breaks_references_is_rolled_back(database, contacts, data_paths, clock):
    populate(contacts, 3)

    def orphan(db):
        db.execute_sql("DELETE FROM contact")

    steps = {**migrations.MIGRATIONS, NEXT: orphan}
    with pytest.raises(MigrationError):
        migrations.migrate(database, backups_dir=data_paths.backups, clock=clock, steps=steps)
    assert contacts.count() == 3


def test_data_files_are_private(database, contacts, data_paths):
    contacts.create(make_draft())
    assert stat.S_IMODE(data_paths.root.stat().st_mode) == 0o700
    for path in (data_paths.database, *data_paths.root.glob("networker.sqlite3-*")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_a_deleted_contact_leaves_no_trace_in_the_file(database, contacts, data_paths):
    populate(contacts, 20)
    secret = contacts.create(make_draft(given_name="Zenobia", family_name="Quartermaine"))
    contacts.delete([secret])
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"Quartermaine" not in data_paths.database.read_bytes()


def test_the_database_is_never_opened_through_qtsql(database):
    import sys

    assert "PySide6.QtSql" not in sys.modules


def test_make_database_is_immediate_by_default(tmp_path):
    db = make_database(tmp_path / "x.sqlite3")
    assert isinstance(db, peewee.SqliteDatabase)
    assert db._lock_type == "IMMEDIATE"


def test_version_1_databases_migrate_to_the_current_schema_with_their_data(data_paths, clock):
    from networker.storage.db import make_database

    db = make_database(data_paths.database)
    migrations.migrate(
        db, backups_dir=data_paths.backups, clock=clock, steps={1: migrations.MIGRATIONS[1]}
    )
    db.execute_sql(
        "INSERT INTO contact (id, uid, display_name, created_at, updated_at, sort_name)"
        " VALUES (1, 'u1', 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'ada')"
    )
    db.execute_sql("INSERT INTO phone (contact_id, number) VALUES (1, '+1 (555) 010-0100')")
    db.close()
    reopened = open_database(data_paths.database, backups_dir=data_paths.backups, clock=clock)
    try:
        assert migrations.schema_version(reopened) == migrations.SCHEMA_VERSION
        assert reopened.execute_sql("SELECT digits FROM phone").fetchone()[0] == "5550100100"
    finally:
        reopened.close()
    assert list(data_paths.backups.glob("pre-migration-v1-*.sqlite3"))


def test_only_sqlites_damage_errors_count_as_damage():
    assert is_damage(sqlite3.DatabaseError("database disk image is malformed"))
    assert is_damage(peewee.DatabaseError("file is not a database"))
    # A busy or read-only database is not damaged: never offer to set it aside.
    assert not is_damage(sqlite3.OperationalError("database is locked"))
    assert not is_damage(peewee.OperationalError("attempt to write a readonly database"))
    assert not is_damage(peewee.IntegrityError("UNIQUE constraint failed"))
