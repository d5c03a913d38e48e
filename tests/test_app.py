"""Start-up decisions that need no window: a damaged database is set aside, never overwritten."""

import hashlib

import pytest

from networker.app import open_data
from networker.storage.backup import automatic_backup
from networker.storage.db import open_database
from networker.storage.errors import NotADatabaseError
from networker.views.startup_dialogs import DamagedChoice
from tests.conftest import make_draft


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(paths):
    paths.database.write_bytes(b"this is not a database" * 50)
    return digest(paths.database)


def test_quitting_leaves_the_damaged_file_as_it_was(data_paths, clock):
    before = damage(data_paths)
    with pytest.raises(NotADatabaseError):
        open_data(data_paths, clock=clock, ask=lambda message, aside, **_: DamagedChoice.QUIT)
    assert digest(data_paths.database) == before


def test_starting_fresh_keeps_the_damaged_file_renamed(data_paths, clock):
    before = damage(data_paths)
    questions = []

    def ask(message, aside, *, can_restore, save_readable):
        questions.append((message, aside, can_restore))
        assert save_readable is None  # not a database at all: nothing to read
        return DamagedChoice.START_FRESH

    db = open_data(data_paths, clock=clock, ask=ask)
    try:
        assert db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0
    finally:
        db.close()
    ((message, aside, can_restore),) = questions
    assert "not a Networker database" in message and not can_restore
    assert digest(data_paths.root / aside) == before


def test_restoring_the_latest_backup_after_damage(data_paths, clock):
    from networker.services.contacts import ContactService

    db = open_database(data_paths.database, backups_dir=data_paths.backups, clock=clock)
    ContactService(database=db, clock=clock).create(make_draft())
    automatic_backup(db, data_paths.backups, clock=clock)
    db.close()
    damage(data_paths)
    db = open_data(data_paths, clock=clock, ask=lambda m, a, **_: DamagedChoice.RESTORE_LATEST)
    try:
        assert db.execute_sql("SELECT display_name FROM contact").fetchall() == [("Ada Lovelace",)]
    finally:
        db.close()
