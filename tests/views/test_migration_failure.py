"""A migration that fails at start-up: words in a dialog and on the terminal, the
traceback in the log (issue 15, RELIABILITY 11)."""

import logging

import pytest

from networker.storage import migrations
from networker.storage.db import make_database


@pytest.fixture
def older_database_whose_update_fails(data_paths, clock, monkeypatch):
    """A database one schema behind this build, and an update step that fails."""
    db = make_database(data_paths.database)
    db.connect()
    older = {v: step for v, step in migrations.MIGRATIONS.items() if v < migrations.SCHEMA_VERSION}
    migrations.migrate(db, backups_dir=data_paths.backups, clock=clock, steps=older)
    db.execute_sql(
        "INSERT INTO contact (uid, display_name, created_at, updated_at, sort_name)"
        " VALUES ('u1', 'Ada', '2026-01-01', '2026-01-01', 'ada')"
    )
    db.close()

    def fail(db):
        raise RuntimeError("injected failure")

    monkeypatch.setitem(migrations.MIGRATIONS, migrations.SCHEMA_VERSION, fail)
    yield data_paths
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_networker", False)]:
        root.removeHandler(handler)
        handler.close()
    logging.captureWarnings(False)


def test_the_window_says_what_happened_and_where_the_backup_is(
    qapp, older_database_whose_update_fails, modal_dialogs, capsys
):
    from networker.app import run_gui

    paths = older_database_whose_update_fails
    assert run_gui(data_dir=str(paths.root), smoke_test=False) == 1
    (backup,) = paths.backups.glob("pre-migration-*.sqlite3")
    (shown,) = modal_dialogs
    modal_dialogs.clear()
    assert "could not update the database" in shown and str(backup) in shown
    assert "Traceback" not in shown and "Traceback" not in capsys.readouterr().err
    assert "Traceback" in paths.log.read_text() and "RuntimeError" in paths.log.read_text()


def test_the_command_line_says_it_in_words(older_database_whose_update_fails, tmp_path, capsys):
    from networker import cli

    paths = older_database_whose_update_fails
    out = tmp_path / "out.vcf"
    status = cli.main(["export", "--data-dir", str(paths.root), "--format", "vcf", str(out)])
    assert status == 1
    err = capsys.readouterr().err
    assert "could not update the database" in err and "pre-migration-v" in err
    assert "Nothing was changed" in err and "Traceback" not in err
    assert "Traceback" in paths.log.read_text()
