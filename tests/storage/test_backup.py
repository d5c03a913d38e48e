"""Backups: the backup API (WAL included), daily rotation, checked restores (cases 10, 12)."""

import datetime as dt
import pathlib
import sqlite3
import stat

import pytest

from networker.domain.changes import Changes
from networker.services.backups import BackupService
from networker.storage import migrations
from networker.storage.errors import (
    BackupFailedError,
    CorruptDatabaseError,
    ForeignDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
)
from tests.conftest import make_draft


@pytest.fixture
def backups(database, data_paths, clock):
    restored = []
    service = BackupService(
        database=database, paths=data_paths, clock=clock, on_change=restored.append
    )
    service.restored = restored
    return service


def count_in(path):
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM contact").fetchone()[0]
    finally:
        connection.close()


def test_a_live_backup_holds_what_is_still_only_in_the_wal(database, contacts, backups, tmp_path):
    database.execute_sql("PRAGMA wal_autocheckpoint = 0")
    for i in range(25):
        contacts.create(make_draft(given_name=f"P{i}"))
    target = backups.back_up_to(tmp_path / "manual.sqlite3")
    assert count_in(target) == 25
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not pathlib.Path(f"{target}-wal").exists()


def test_a_full_disk_fails_the_backup_with_a_message_and_leaves_no_file(
    database, contacts, backups, tmp_path, monkeypatch
):
    contacts.create(make_draft())
    live = database.connection()

    class FullDisk:
        def backup(self, destination):
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database, "connection", lambda: FullDisk())
    with pytest.raises(BackupFailedError, match="database or disk is full"):
        backups.back_up_to(tmp_path / "manual.sqlite3")
    assert list(tmp_path.glob("manual.sqlite3*")) == []  # neither the file nor a part of it
    monkeypatch.setattr(database, "connection", lambda: live)
    assert backups.back_up_to(tmp_path / "manual.sqlite3").exists()  # and the next one works


def test_nothing_in_the_code_copies_the_live_database_file():
    source = pathlib.Path(__file__).parents[2] / "networker"
    for path in source.rglob("*.py"):
        code = path.read_text()
        assert "shutil.copy" not in code and "copyfile" not in code, path


def test_an_empty_network_gets_no_automatic_backup(database, backups, contacts):
    assert backups.automatic() is None  # it would only push out one worth restoring
    contacts.create(make_draft())
    assert backups.automatic() is not None


def test_automatic_backups_run_once_a_day_and_keep_seven(database, backups, clock, contacts):
    contacts.create(make_draft())
    assert backups.automatic() is not None
    assert backups.automatic() is None  # same day
    for _ in range(9):
        clock.advance(dt.timedelta(days=1))
        assert backups.automatic() is not None
    kept = sorted(p.name for p in backups.backups_dir.glob("auto-*.sqlite3"))
    assert len(kept) == 7
    assert kept[-1] == f"auto-{clock.now():%Y%m%d-%H%M%S}.sqlite3"


def test_restore_replaces_the_data_and_keeps_the_current_database_aside(
    database, contacts, backups, data_paths, tmp_path
):
    contacts.create(make_draft(given_name="Before"))
    saved = backups.back_up_to(tmp_path / "saved.sqlite3")
    contacts.create(make_draft(given_name="After"))
    aside = backups.restore(saved)
    assert [s.name for s in contacts.summaries(range(1, 10)).values()] == ["Before Lovelace"]
    assert count_in(aside) == 2
    assert backups.restored == [Changes.everything()]
    contacts.create(make_draft(given_name="Writable"))  # the reopened database works


def test_a_backup_is_checked_before_it_replaces_anything(
    database, contacts, backups, data_paths, tmp_path
):
    contacts.create(make_draft())
    not_sqlite = tmp_path / "notes.sqlite3"
    not_sqlite.write_text("hello")
    foreign = tmp_path / "foreign.sqlite3"
    other = sqlite3.connect(foreign)
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    newer = backups.back_up_to(tmp_path / "newer.sqlite3")
    bump = sqlite3.connect(newer)
    bump.execute(f"PRAGMA user_version = {(migrations.SCHEMA_MAJOR + 1) << 16 | 42}")
    bump.commit()
    bump.close()
    damaged = backups.back_up_to(tmp_path / "damaged.sqlite3")
    data = bytearray(damaged.read_bytes())
    page_size = 4096
    data[page_size + 8 : page_size + 72] = b"\xa5" * 64
    damaged.write_bytes(bytes(data))
    cases = [
        (not_sqlite, NotADatabaseError),
        (foreign, ForeignDatabaseError),
        (newer, NewerDatabaseError),
        (damaged, CorruptDatabaseError),
    ]
    for path, error in cases:
        with pytest.raises(error):
            backups.restore(path)
    assert contacts.count() == 1
    assert sorted(p.name for p in data_paths.root.iterdir() if "before-restore" in p.name) == []


def test_a_damaged_database_is_set_aside_for_the_latest_backup(
    database, contacts, backups, data_paths
):
    contacts.create(make_draft(given_name="Backed"))
    backups.automatic()
    contacts.create(make_draft(given_name="Unbacked"))
    aside = backups.set_aside_damaged(restore_latest=True)
    assert aside.name.startswith("networker.sqlite3.damaged-")
    assert count_in(aside) == 2
    assert [s.name for s in contacts.summaries(range(1, 5)).values()] == ["Backed Lovelace"]
    assert backups.restored == [Changes.everything()]
