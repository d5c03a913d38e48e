"""A read-only session (RELIABILITY case 7): read everything, write nothing, create nothing."""

import pytest

from networker.services.contacts import ContactService
from networker.storage.db import open_database, write_problem
from networker.storage.errors import ReadOnlyDatabaseError, ReadOnlySessionError
from tests.conftest import make_draft


def folder_state(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_read_only_session_reads_and_refuses_every_write(database, contacts, data_paths, clock):
    contacts.create(make_draft())
    database.close()
    before = folder_state(data_paths.root)
    db = open_database(
        data_paths.database, backups_dir=data_paths.backups, clock=clock, read_only="a test"
    )
    try:
        service = ContactService(database=db, clock=clock)
        assert service.count() == 1
        with pytest.raises(ReadOnlySessionError, match="read-only \\(a test\\)"):
            service.create(make_draft(given_name="Grace"))
        with pytest.raises(ReadOnlySessionError):
            service.delete(service.first_ids(1))
    finally:
        db.close()
    assert folder_state(data_paths.root) == before  # no -wal, no -shm, no byte changed


def test_a_writable_database_has_no_write_problem(database, data_paths):
    assert write_problem(data_paths.database) is None


def test_a_read_only_session_needs_a_database(data_paths, clock):
    with pytest.raises(ReadOnlyDatabaseError, match="no database"):
        open_database(
            data_paths.database, backups_dir=data_paths.backups, clock=clock, read_only="x"
        )
