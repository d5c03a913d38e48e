"""The full quick_check runs after the window shows; damage it finds is handled there."""

import pytest

from networker.app import start_background_checks
from networker.storage.db import open_database
from networker.storage.errors import CorruptDatabaseError
from networker.views.startup_dialogs import DamagedChoice
from tests.conftest import make_draft
from tests.storage.damage import damage_root_page
from tests.storage.test_db import populate


def test_a_deferred_check_opens_fast_and_reports_damage_later(
    database, contacts, data_paths, clock
):
    populate(contacts, 300)
    damage_root_page(database, data_paths.database)
    db = open_database(
        data_paths.database, backups_dir=data_paths.backups, clock=clock, verify=False
    )
    from networker.services.backups import BackupService

    with pytest.raises(CorruptDatabaseError):
        BackupService(database=db, paths=data_paths, clock=clock).check_health()
    db.close()


def test_damage_found_in_the_background_sets_the_file_aside(
    qtbot, window, service, data_paths, monkeypatch
):
    service.create(make_draft())
    monkeypatch.setattr(
        "networker.views.startup_dialogs.ask_damaged_database",
        lambda message, aside, can_restore, save_readable: DamagedChoice.START_FRESH,
    )
    window.on_database_damaged(CorruptDatabaseError(data_paths.database, "test"))
    assert service.count() == 0
    assert window.page("contactsView").model.rowCount() == 0
    kept = [p.name for p in data_paths.root.iterdir() if ".damaged-" in p.name]
    assert kept and "kept as" in window.statusBar().currentMessage()
    service.create(make_draft(given_name="Fresh"))  # the new database takes writes


def test_the_question_names_the_file_the_damaged_database_becomes(
    qtbot, window, service, data_paths, monkeypatch
):
    """Issue 15: the in-window question showed the literal name "damaged-(date)"."""
    asked = []

    def ask(message, aside, can_restore, save_readable):
        asked.append(aside)
        return DamagedChoice.START_FRESH

    monkeypatch.setattr("networker.views.startup_dialogs.ask_damaged_database", ask)
    window.on_database_damaged(CorruptDatabaseError(data_paths.database, "test"))
    kept = [p.name for p in data_paths.root.iterdir() if ".damaged-" in p.name]
    assert asked == [kept[0]] and "(date)" not in asked[0]


def test_a_check_that_could_not_run_is_not_taken_for_damage(
    qtbot, window, service, data_paths, monkeypatch
):
    import sqlite3

    service.create(make_draft())
    asked = []
    monkeypatch.setattr(
        "networker.views.startup_dialogs.ask_damaged_database",
        lambda *args, **kwargs: asked.append(args),
    )
    window.on_database_damaged(sqlite3.OperationalError("disk I/O error"))
    assert asked == []
    assert service.count() == 1
    assert not [p for p in data_paths.root.iterdir() if ".damaged-" in p.name]
    assert "could not run" in window.statusBar().currentMessage()


def test_a_healthy_database_gets_its_daily_backup_after_the_check(
    qtbot, window, data_paths, service
):
    service.create(make_draft())  # an empty network gets none (test_backup.py)
    start_background_checks(window, window.backups)
    qtbot.waitUntil(lambda: any(data_paths.backups.glob("auto-*.sqlite3")), timeout=10_000)
    window.tasks.wait_all()


def test_a_storage_problem_anywhere_is_shown_as_its_message(
    qapp, data_paths, modal_dialogs, monkeypatch
):
    """A write refused outside the editor (a delete while `networker import` writes, say)
    reaches the excepthook: the user reads the message, not a traceback."""
    import sys

    from networker import app
    from networker.storage.errors import DatabaseBusyError

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    app._install_excepthook(data_paths, interactive=True)
    error = DatabaseBusyError()
    sys.excepthook(DatabaseBusyError, error, None)
    assert modal_dialogs == [str(error)]
    modal_dialogs.clear()


def test_without_anyone_to_answer_an_error_is_printed_and_the_app_exits_1(
    qapp, data_paths, modal_dialogs, monkeypatch, capsys
):
    """The smoke test: an unexpected error must end the run, not wait on a dialog."""
    import sys

    from networker import app

    exits = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(app.QApplication, "exit", lambda status=0: exits.append(status))
    app._install_excepthook(data_paths, interactive=False)
    sys.excepthook(RuntimeError, RuntimeError("secret field value"), None)
    assert modal_dialogs == []
    assert exits == [1]
    printed = capsys.readouterr().err
    assert "Something went wrong" in printed and str(data_paths.log) in printed
    assert "secret field value" not in printed  # the details go to the log file only
