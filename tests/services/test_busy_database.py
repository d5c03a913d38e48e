"""A second writer (RELIABILITY.md case 4): another process holds SQLite's write lock for
longer than the busy timeout. The loser is told "busy, try again"; nothing is half
written; the retry succeeds."""

import sqlite3

import pytest

from networker.storage.errors import DatabaseBusyError
from tests.conftest import make_draft


@pytest.fixture
def other_writer(database, data_paths):
    database.execute_sql("PRAGMA busy_timeout = 50")  # 5 s in the app; the test need not wait
    other = sqlite3.connect(data_paths.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO tag (name) VALUES ('theirs')")
    yield other
    other.close()


def test_a_write_during_another_writer_is_refused_clearly_then_succeeds(
    contacts, database, other_writer
):
    with pytest.raises(DatabaseBusyError, match="try again"):
        contacts.create(make_draft())
    other_writer.execute("COMMIT")
    contact_id = contacts.create(make_draft())
    assert contacts.get(contact_id).draft.display_name == "Ada Lovelace"
    assert database.execute_sql("PRAGMA quick_check").fetchone() == ("ok",)
    tags = [name for (name,) in database.execute_sql("SELECT name FROM tag ORDER BY name")]
    assert "theirs" in tags


def test_a_refused_write_leaves_nothing_behind(contacts, database, other_writer):
    with pytest.raises(DatabaseBusyError):
        contacts.create(make_draft())
    other_writer.execute("ROLLBACK")
    assert database.execute_sql("SELECT count(*) FROM contact").fetchone() == (0,)


def test_a_busy_database_is_logged(contacts, other_writer, caplog):
    """Issue 15: a write refused as busy left nothing in the log."""
    with pytest.raises(DatabaseBusyError):
        contacts.create(make_draft())
    assert any("busy" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
