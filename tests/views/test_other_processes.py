"""Another process writing to the database while the window is open (``networker
import`` in a terminal): the window hears of it, and a save in the editor keeps what
the other process changed unless the user edited that very field. (QA: a save in the
window silently put back a title an import had just changed, and the list stayed at
240 contacts after an import of 60 more until a restart.)"""

import sqlite3

from PySide6.QtCore import Qt

from networker.app import watch_other_processes
from networker.domain.contacts import LabeledValue
from networker.itemmodels.external_changes import ExternalChanges
from networker.storage.db import data_version, own_writes
from tests.conftest import make_draft


def other_process(data_paths):
    """A connection of its own to the file, as another process has."""
    return sqlite3.connect(data_paths.database, isolation_level=None)


def test_a_save_keeps_what_another_process_changed_meanwhile(
    qtbot, window, view, service, data_paths
):
    amara = service.create(make_draft(given_name="Amara", family_name="Haddad",
                                      title="Data Scientist"))  # fmt: skip
    view.select_contact(amara)
    panel = view.panel
    with other_process(data_paths) as other:
        other.execute("UPDATE contact SET title = 'Chief Data Officer' WHERE id = ?", (amara,))
    panel.how_we_met.setFocus()
    qtbot.keyClicks(panel.how_we_met, "PyData Berlin")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    saved = service.get(amara).draft
    assert saved.how_we_met == "PyData Berlin"  # the user's edit
    assert saved.title == "Chief Data Officer"  # the other process's, not put back
    assert panel.job_title.text() == "Chief Data Officer"  # and the panel shows it
    window.undo_action.trigger()
    undone = service.get(amara).draft
    assert undone.how_we_met == "" and undone.title == "Chief Data Officer"


def test_a_field_the_user_edited_is_the_users(qtbot, window, view, service, data_paths):
    amara = service.create(make_draft(given_name="Amara", family_name="Haddad",
                                      title="Data Scientist"))  # fmt: skip
    view.select_contact(amara)
    with other_process(data_paths) as other:
        other.execute("UPDATE contact SET title = 'Chief Data Officer' WHERE id = ?", (amara,))
    panel = view.panel
    panel.job_title.selectAll()
    qtbot.keyClicks(panel.job_title, "Head of Data")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert service.get(amara).draft.title == "Head of Data"


def test_contacts_another_process_imports_reach_the_list(
    qtbot, window, view, service, data_paths, tmp_path
):
    import subprocess
    import sys

    from networker.itemmodels.hub import ChangeHub

    service.create(make_draft(given_name="Ada", emails=[LabeledValue("work", "a@x.example")]))
    watcher = watch_other_processes(window, service._db, window.findChild(ChangeHub))
    assert view.model.rowCount() == 1
    cards = tmp_path / "more.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
                     "END:VCARD\r\n")  # fmt: skip
    command = [sys.executable, "-m", "networker", "import", "--data-dir", str(data_paths.root),
               str(cards)]  # fmt: skip
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert watcher.check()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert not watcher.check()  # once


def test_the_windows_own_writes_are_not_taken_for_another_process(database, qtbot, clock):
    from networker.services.contacts import ContactService

    heard = []
    watcher = ExternalChanges(
        data_version=lambda: data_version(database), own_writes=own_writes, notify=heard.append
    )
    contacts = ContactService(database=database, clock=clock)
    import threading

    worker = threading.Thread(target=lambda: contacts.create(make_draft(given_name="Ada")))
    worker.start()
    worker.join()
    assert not watcher.check()  # a worker's connection wrote it, but this process did
    assert heard == []
