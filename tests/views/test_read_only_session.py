"""A read-only session in the window (issue 15, RELIABILITY 7): browse, search and
export; Save says why it cannot, instead of "Something went wrong"."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from networker.app import build_main_window, make_application
from networker.storage.db import open_database
from networker.views import startup_dialogs
from tests.conftest import make_draft


def test_the_window_browses_exports_and_says_why_it_cannot_save(
    qtbot, database, contacts, data_paths, clock, settings, modal_dialogs, tmp_path
):
    contact_id = contacts.create(make_draft())
    database.close()
    db = open_database(
        data_paths.database, backups_dir=data_paths.backups, clock=clock, read_only="a test"
    )
    try:
        make_application([])
        window = build_main_window(database=db, paths=data_paths, clock=clock, settings=settings)
        qtbot.addWidget(window)
        startup_dialogs.read_only_notice(window, "a test")
        window.show()
        qtbot.waitExposed(window)
        notice = window.findChild(QLabel, "readOnlyNotice")
        assert notice.text().startswith("Read-only: a test.")
        view = window.page("contactsView")
        qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
        view.select_contact(contact_id)
        panel = view.panel
        panel.organization.clear()
        qtbot.keyClicks(panel.organization, "Royal Society")
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        (message,) = modal_dialogs
        modal_dialogs.clear()
        assert "read-only (a test)" in message and "Nothing was changed" in message
        assert panel.is_dirty  # the edits stay
        target = tmp_path / "out.vcf"
        window.export_to(target)
        qtbot.waitUntil(target.exists, timeout=10_000)
        window.tasks.wait_all()
        assert "FN:Ada Lovelace" in target.read_text()
        window.close()
    finally:
        db.close()


def test_the_start_offers_a_read_only_session_or_quit(
    qapp, database, data_paths, modal_dialogs, monkeypatch
):
    import logging

    from networker import app

    database.close()
    before = data_paths.database.read_bytes()
    monkeypatch.setattr(app, "write_problem", lambda path: "the file is read-only (test)")
    modal_dialogs.click("Quit")
    try:
        assert app.run_gui(data_dir=str(data_paths.root), smoke_test=False) == 1
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_networker", False)]:
            root.removeHandler(handler)
            handler.close()
        logging.captureWarnings(False)
    (question,) = modal_dialogs
    assert "cannot save changes to your contacts: the file is read-only (test)" in question
    assert "browse, search and export" in question
    assert data_paths.database.read_bytes() == before
