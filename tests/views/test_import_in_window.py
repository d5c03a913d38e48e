"""Bringing contacts in through the window: drops, the preview, Cancel."""

import tempfile
from pathlib import Path

import pytest

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QPushButton

CARDS = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@engines.example\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nORG:Navy\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\n"
)


def mime_with_files(*paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag(window, mime):
    arguments = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:  # PySide6 6.12 takes a QPointF (its QPoint form is deprecated); 6.11 only a QPoint
        event = QDragEnterEvent(QPointF(50, 50), *arguments)
    except TypeError:
        event = QDragEnterEvent(QPoint(50, 50), *arguments)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def drop(window, mime):
    assert drag(window, mime)
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def names(window):
    model = window.page("contactsView").model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.fixture
def cards(tmp_path):
    path = tmp_path / "phone.vcf"
    path.write_text(CARDS)
    return path


def wait_for_preview(qtbot, window):
    qtbot.waitUntil(lambda: window.import_flow.preview is not None, timeout=10_000)
    return window.import_flow.preview


def test_dropping_a_vcard_file_previews_then_imports(qtbot, window, cards):
    assert drop(window, mime_with_files(cards))
    preview = wait_for_preview(qtbot, window)
    assert preview.summary.text().startswith("2 new contacts, 0 merged")
    assert "1 problem" in preview.summary.text()
    new = preview.tree.topLevelItem(0)
    assert new.text(0) == "New (2)" and new.isExpanded()  # QA: the newcomers were folded
    assert names(window) == []  # nothing is written before the user confirms
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert names(window) == ["Ada Lovelace", "Grace Hopper"]
    assert "Imported 2 new contacts" in window.statusBar().currentMessage()


def test_dropping_the_same_file_again_has_nothing_new(qtbot, window, cards):
    drop(window, mime_with_files(cards))
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    drop(window, mime_with_files(cards))
    preview = wait_for_preview(qtbot, window)
    assert "2 unchanged" in preview.summary.text()
    assert not preview.import_button.isEnabled()
    preview.reject()


def test_cancelling_the_preview_writes_nothing(qtbot, window, cards):
    drop(window, mime_with_files(cards))
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000) as finished:
        wait_for_preview(qtbot, window).reject()
    assert finished.args == [None]
    assert names(window) == []


def test_vcard_text_dragged_from_another_address_book(qtbot, window):
    mime = QMimeData()
    mime.setData(
        "text/vcard", QByteArray(CARDS.split("BEGIN:VCARD\nVERSION:3.0\nFN:Grace")[0].encode())
    )
    before = set(Path(tempfile.gettempdir()).glob("networker-drop-*"))
    assert drop(window, mime)
    (dropped,) = set(Path(tempfile.gettempdir()).glob("networker-drop-*")) - before
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    assert names(window) == ["Ada Lovelace"]
    assert not dropped.exists()  # the text was kept in a temporary file only for the import


def test_anything_else_is_refused_while_dragging(window, tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello")
    folder = tmp_path / "folder.vcf"
    folder.mkdir()
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/contacts.vcf")])
    plain = QMimeData()
    plain.setText("Ada Lovelace")
    for mime in (mime_with_files(text_file), mime_with_files(folder), web, plain):
        assert not drag(window, mime)


def test_cancel_while_reading_imports_nothing(qtbot, window, tmp_path):
    big = tmp_path / "big.vcf"
    big.write_text("".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEMAIL:p{i}@x.example\nEND:VCARD\n"
        for i in range(5000)
    ))  # fmt: skip
    with qtbot.waitSignal(window.import_flow.finished, timeout=20_000) as finished:
        window.import_files([big])
        (cancel,) = window.import_flow.progress.findChildren(QPushButton)
        cancel.click()  # what the Cancel button (or Esc) does
    assert finished.args == [None]
    assert window.import_flow.preview is None
    assert names(window) == []


def test_files_given_on_the_command_line_are_offered(qtbot, window, cards):
    assert window.import_files([Path(cards)])
    wait_for_preview(qtbot, window).reject()


def test_the_panel_shows_where_a_contact_came_from(qtbot, window, cards):
    drop(window, mime_with_files(cards))
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    view = window.page("contactsView")
    view.select_contact(view.model.contact_id(0))
    assert "From phone.vcf (vCard)" in view.panel.timestamps.text()


def test_export_from_the_window_writes_vcf_or_csv(qtbot, window, service, tmp_path):
    from tests.conftest import make_draft

    service.create(make_draft())
    for name in ("all.vcf", "all.csv"):
        target = tmp_path / name
        window.export_to(target)
        qtbot.waitUntil(lambda target=target: target.exists(), timeout=10_000)
        window.tasks.wait_all()
        qtbot.waitUntil(lambda: "Exported 1 contacts" in window.statusBar().currentMessage())
    assert (tmp_path / "all.vcf").read_text().startswith("BEGIN:VCARD")
    assert (tmp_path / "all.csv").read_text().startswith("Display Name,")


def test_cancelling_an_export_leaves_the_file_that_was_there(
    qtbot, window, service, tmp_path, monkeypatch
):
    import threading

    from networker.services.exporting import ExportService
    from tests.conftest import make_draft

    service.create(make_draft())
    target = tmp_path / "contacts.vcf"
    target.write_text("what was there")
    started = threading.Event()
    gate = threading.Event()
    write = ExportService.export_vcards

    def held(self, target, **options):
        started.set()
        gate.wait(10)  # until the test has pressed Cancel
        return write(self, target, **options)

    monkeypatch.setattr(ExportService, "export_vcards", held)
    window.export_to(target)
    progress = window.findChild(QProgressDialog, "exportProgress")
    assert started.wait(10)
    (cancel,) = progress.findChildren(QPushButton)
    cancel.click()
    gate.set()
    window.tasks.wait_all()
    qtbot.waitUntil(lambda: "Export cancelled" in window.statusBar().currentMessage())
    assert target.read_text() == "what was there"
    left = [p.name for p in tmp_path.iterdir() if "contacts.vcf" in p.name]
    assert left == ["contacts.vcf"]  # no temporary file left beside it


def test_export_from_the_window_onto_the_database_is_refused(
    qtbot, window, service, data_paths, modal_dialogs
):
    """Issue 15: File > Export onto the live database replaced it with vCard text."""
    from tests.conftest import make_draft

    service.create(make_draft())
    before = data_paths.database.read_bytes()
    window.export_to(data_paths.database)
    qtbot.waitUntil(lambda: bool(modal_dialogs), timeout=10_000)
    window.tasks.wait_all()
    (message,) = modal_dialogs
    modal_dialogs.clear()
    assert "data folder" in message and "Any file that was there is unchanged" in message
    assert data_paths.database.read_bytes() == before


def test_an_import_that_did_not_finish_is_reported_once(qtbot, window, modal_dialogs, database):
    import datetime as dt

    from networker.storage import import_runs

    import_runs.start(database, "phone.vcf", at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC))
    window.report_unfinished_imports()
    assert "The last import (phone.vcf) did not finish" in modal_dialogs.pop()
    window.report_unfinished_imports()
    assert modal_dialogs == []


def test_a_finished_or_cancelled_import_is_not_reported(qtbot, window, cards, modal_dialogs):
    drop(window, mime_with_files(cards))
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    window.report_unfinished_imports()
    assert modal_dialogs == []


def test_an_unknown_csv_asks_which_column_holds_what(qtbot, window, tmp_path):
    table = tmp_path / "crm.csv"
    table.write_text("Full Name;Work E-mail;Mobile;Employer;Shoe size\n"
                     "Ada Lovelace;ada@x.example;+44 1;Engines;38\n")  # fmt: skip
    assert drop(window, mime_with_files(table))
    qtbot.waitUntil(lambda: window.import_flow.mapping is not None, timeout=5_000)
    dialog = window.import_flow.mapping
    assert dialog.mapping() == {0: "display", 1: "email", 2: "phone", 3: "organization"}
    dialog.choices[4].setCurrentIndex(0)
    dialog.accept()
    preview = wait_for_preview(qtbot, window)
    assert preview.summary.text().startswith("1 new contact,")
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        preview.accept()
    draft = (
        window.page("contactsView")
        ._contacts.get(window.page("contactsView").model.contact_id(0))
        .draft
    )
    assert (draft.display_name, draft.organization) == ("Ada Lovelace", "Engines")
    assert [e.value for e in draft.emails] == ["ada@x.example"]
    assert [p.value for p in draft.phones] == ["+44 1"]


def test_cancelling_the_column_mapping_imports_nothing(qtbot, window, tmp_path):
    table = tmp_path / "crm.csv"
    table.write_text("Who,Where\nAda,Engines\n")
    drop(window, mime_with_files(table))
    qtbot.waitUntil(lambda: window.import_flow.mapping is not None, timeout=5_000)
    dialog = window.import_flow.mapping
    assert not dialog.ok_button.isEnabled()  # nothing that names a person yet
    with qtbot.waitSignal(window.import_flow.finished, timeout=5_000) as finished:
        dialog.reject()
    assert finished.args == [None] and names(window) == []


def test_the_preview_lets_the_file_win_field_by_field(qtbot, window, service, tmp_path):
    from PySide6.QtCore import Qt as QtNs

    from tests.conftest import make_draft

    contact_id = service.create(make_draft(title="Engineer"))
    card = tmp_path / "card.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@engines.example\n"
                    "TITLE:Countess\nORG:Royal Society\nEND:VCARD\n")  # fmt: skip
    window.import_files([card])
    preview = wait_for_preview(qtbot, window)
    assert not preview.import_button.isEnabled()  # nothing new unless a value is picked
    choices = {field: item for item, _path, _record, field in preview._choices}
    assert set(choices) == {"title", "organization"}
    choices["title"].setCheckState(0, QtNs.CheckState.Checked)
    assert preview.import_button.isEnabled()
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        preview.accept()
    draft = service.get(contact_id).draft
    assert (draft.title, draft.organization) == ("Countess", "Analytical Engines")


def test_a_possible_duplicate_is_unticked_and_a_tick_merges_it(qtbot, window, service, tmp_path):
    from PySide6.QtCore import Qt as QtNs

    from networker.services.importing import SAME_PERSON
    from tests.conftest import make_draft

    service.create(
        make_draft(given_name="John", family_name="Smith", organization="Acme", title="")
    )
    card = tmp_path / "card.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:John Smith\nORG:Initech\nTITLE:CTO\n"
                    "END:VCARD\n")  # fmt: skip
    window.import_files([card])
    preview = wait_for_preview(qtbot, window)
    ((item, _path, record, field),) = preview._choices
    assert (record, field) == (1, SAME_PERSON)
    assert item.checkState(0) == QtNs.CheckState.Unchecked
    assert item.text(0) == "The same person as “John Smith”: merge them"
    item.setCheckState(0, QtNs.CheckState.Checked)
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        preview.accept()
    (contact_id,) = service.index().ids
    assert service.get(contact_id).draft.title == "CTO"


def test_a_second_start_hands_its_file_to_the_window(qtbot, window, cards, data_paths):
    """Double-clicking a .vcf while Networker runs: the running window offers the import."""
    import os
    import subprocess
    import sys

    from networker.single_instance import Role, SingleInstance

    instance = SingleInstance(data_paths.root)
    assert instance.claim([]) is Role.FIRST
    instance.deliver_to(window.take_over_start)
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "networker", "--data-dir", str(data_paths.root), str(cards)],
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        preview = wait_for_preview(qtbot, window)
        assert second.wait(timeout=20) == 0
        with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
            preview.accept()
        assert names(window) == ["Ada Lovelace", "Grace Hopper"]
    finally:
        instance.release()


def test_a_large_file_is_parsed_by_other_processes_from_the_import_thread(
    qtbot, window, tmp_path, monkeypatch
):
    """Over 1 MB, parsing happens in spawned processes started from the worker thread."""
    import multiprocessing

    from networker.formats import vcard

    handed_out = []

    class CountingPool(vcard.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            handed_out.append(fn)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(vcard, "ProcessPoolExecutor", CountingPool)

    path = tmp_path / "large.vcf"
    note = "x" * 300
    path.write_text(
        "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nFN:Large {i:04d}\nNOTE:{note}\nEND:VCARD\n"
            for i in range(3500)
        )
    )
    assert path.stat().st_size > 1 << 20
    assert drop(window, mime_with_files(path))
    preview = wait_for_preview(qtbot, window)
    assert preview.summary.text().startswith("3,500 new contacts")
    with qtbot.waitSignal(window.import_flow.finished, timeout=60_000):
        preview.accept()
    assert window.page("contactsView").model.rowCount() == 3500
    assert len(handed_out) == 2 * 3500 // vcard.BATCH  # preview and import, every batch
    assert multiprocessing.active_children() == []


def test_a_fifo_or_a_huge_sparse_file_never_holds_the_window(qtbot, window, tmp_path, monkeypatch):
    """Issue 15 (RELIABILITY 31): `networker f.vcf` on a FIFO never painted, a 10 GB
    sparse .vcf held dropEvent for 40 s: the files are read on a worker, and refused."""
    import os
    import threading

    from networker.services.importing import ImportService

    fifo = tmp_path / "f.vcf"
    os.mkfifo(fifo)
    sparse = tmp_path / "huge.vcf"
    with sparse.open("wb") as file:
        file.truncate(10 * 1024**3)
    surveyed_on = []
    survey = ImportService.survey

    def recording_survey(paths):
        surveyed_on.append(threading.current_thread())
        return survey(paths)

    monkeypatch.setattr(ImportService, "survey", staticmethod(recording_survey))
    assert drop(window, mime_with_files(sparse))
    preview = wait_for_preview(qtbot, window)
    assert preview.summary.text().startswith("0 new contacts,")
    assert "0 unchanged, 1 problem." in preview.summary.text()
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        preview.reject()
    window.take_over_start([str(fifo)])  # a second start handed a FIFO over
    preview = wait_for_preview(qtbot, window)
    assert "0 unchanged, 1 problem." in preview.summary.text()
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        preview.reject()
    assert len(surveyed_on) == 2
    assert threading.main_thread() not in surveyed_on


def test_a_failed_import_is_not_called_cancelled(qtbot, window, cards, modal_dialogs, monkeypatch):
    """Issue 15: the status bar said "Import cancelled" after an import that failed."""
    from networker.services.importing import ImportService

    def fail(self, paths, **options):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(ImportService, "import_files", fail)
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        window.import_files([cards])
    assert "Import failed" in window.statusBar().currentMessage()
    (shown,) = modal_dialogs
    modal_dialogs.clear()
    assert "could not be saved" in shown


def test_the_preview_says_when_a_file_is_older_than_what_you_have(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from tests.services.test_job_history import NEW, OLD

    new, old = tmp_path / "new.csv", tmp_path / "old.csv"
    new.write_text(NEW)
    old.write_text(OLD)
    drop(window, mime_with_files(new))
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    drop(window, mime_with_files(old))
    preview = wait_for_preview(qtbot, window)
    assert "1 older than what you have: their current roles stay." in preview.summary.text()
    shown = []
    found = QTreeWidgetItemIterator(preview.tree)
    while found.value():
        shown.append(found.value().text(0))
        found += 1
    assert "Older than what you have (1): their current roles stay" in shown
    assert (
        "old.csv, card 1: “Ada Lovelace”: older than what you have (the file is as of "
        "01 Mar 2024, yours as of 01 Jun 2025): kept CTO at Babbage & Co, not Engineer at "
        "Engines"
    ) in shown
    preview.reject()


def test_everyone_from_an_import_can_be_tagged_even_those_already_in(qtbot, window, cards):
    drop(window, mime_with_files(cards))
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    drop(window, mime_with_files(cards))  # the same people again: nothing new
    preview = wait_for_preview(qtbot, window)
    assert not preview.import_button.isEnabled()
    qtbot.keyClicks(preview.tag, "PMI meetup 2026")
    assert preview.import_button.isEnabled()  # a tag alone is worth it
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        qtbot.keyClick(preview.tag, Qt.Key.Key_Return)
    view = window.page("contactsView")
    qtbot.waitUntil(lambda: "PMI meetup 2026 (2)" in [
        view.views.item(r).text() for r in range(view.views.count())
    ])  # fmt: skip


def test_the_column_mapping_offers_every_field_and_remembers_the_layout(qtbot, window, tmp_path):
    from networker.domain.contacts import Source

    header = "Name;How we met;Where from;Alma mater;Closeness;Cadence;Nick;Comments\n"
    table = tmp_path / "crm.csv"
    table.write_text(header + "Ada Lovelace;PMI panel;Alumni network;Cambridge;4;30;Countess;x\n")
    assert drop(window, mime_with_files(table))
    qtbot.waitUntil(lambda: window.import_flow.mapping is not None, timeout=5_000)
    dialog = window.import_flow.mapping
    offered = {dialog.choices[0].itemData(i) for i in range(dialog.choices[0].count())}
    assert {"how_we_met", "source", "school", "strength", "cadence", "nickname"} <= offered
    assert dialog.mapping() == {0: "display", 1: "how_we_met", 3: "school", 4: "strength",
                                5: "cadence", 6: "nickname", 7: "notes"}  # fmt: skip
    where = dialog.choices[2]
    where.setCurrentIndex(where.findData("source"))  # the user says what "Where from" is
    dialog.accept()
    preview = wait_for_preview(qtbot, window)
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        preview.accept()
    contacts = window.page("contactsView")._contacts
    draft = contacts.get(window.page("contactsView").model.contact_id(0)).draft
    assert (draft.how_we_met, draft.source, draft.school, draft.strength) == (
        "PMI panel", Source.ALUMNI, "Cambridge", 4
    )  # fmt: skip
    assert (draft.cadence_days, draft.nicknames, draft.notes) == (30, ["Countess"], "x")
    # The next file of that layout (the same program's export) is matched as last time.
    second = tmp_path / "crm-2.csv"
    second.write_text(header + "Grace Hopper;Conference;Event;Yale;5;60;Amazing Grace;y\n")
    assert drop(window, mime_with_files(second))
    qtbot.waitUntil(lambda: window.import_flow.mapping is not None, timeout=5_000)
    again = window.import_flow.mapping
    assert again.mapping()[2] == "source"
    assert "as you matched them last time" in again.findChild(QLabel).text()
    again.reject()


def test_a_mapped_value_that_cannot_be_read_is_left_out_with_a_warning():
    import io

    from networker.formats.csv_formats import read_csv

    data = b"Name,Source,Strength,Cadence\nAda,Conference,very,weekly\n"
    mapping = {0: "display", 1: "source", 2: "strength", 3: "cadence"}
    (record,) = list(read_csv(io.BytesIO(data), mapping=mapping))
    assert record.draft.strength is None and record.draft.cadence_days is None
    assert any("source “Conference” is none Networker knows" in w for w in record.warnings)
    assert any("strength “very”" in w for w in record.warnings)


CALENDAR = Path(__file__).resolve().parents[1] / "formats" / "calendars" / "networking.ics"


def test_dropping_a_calendar_file_previews_then_imports_its_events(qtbot, window, tmp_path):
    """The same path as a vCard (issue 12): drop, read on a worker, preview, import."""
    import shutil

    from networker.storage import events as event_store

    path = tmp_path / "networking.ics"
    shutil.copy(CALENDAR, path)
    assert drop(window, mime_with_files(path))
    preview = wait_for_preview(qtbot, window)
    assert preview.summary.text().startswith("6 new events, 0 changed, 0 unchanged, 0 problems")
    assert event_store.count(window.import_flow.importer._db) == 0  # nothing before Import
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert event_store.count(window.import_flow.importer._db) == 6
    assert "Imported 6 new events" in window.statusBar().currentMessage()
    drop(window, mime_with_files(path))  # again: nothing new
    preview = wait_for_preview(qtbot, window)
    assert "0 new events, 0 changed, 6 unchanged" in preview.summary.text()
    assert not preview.import_button.isEnabled()
    preview.reject()


def test_export_from_the_window_writes_ics(qtbot, window, tmp_path):
    window.import_files([CALENDAR])
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    target = tmp_path / "events.ics"
    window.export_to(target)
    qtbot.waitUntil(lambda: "Exported 6 events" in window.statusBar().currentMessage(),
                    timeout=10_000)  # fmt: skip
    text = target.read_text()
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") == 6


def test_export_asks_which_contacts_all_selected_or_shown(
    qtbot, window, service, tmp_path, monkeypatch
):
    """Issue 14: the selection, the current search, or all; archived only when asked."""
    from PySide6.QtWidgets import QFileDialog

    from tests.conftest import make_draft
    from tests.views.conftest import menu_action

    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace", emails=[]))
    grace = service.create(make_draft(given_name="Grace", family_name="Hopper", emails=[]))
    service.create(make_draft(given_name="Alan", family_name="Turing", emails=[]))
    old = service.create(make_draft(given_name="Old", family_name="Friend", emails=[]))
    service.set_archived([old], True)
    view = window.show_page("contactsView")
    target = tmp_path / "out.vcf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "vCard 3.0 (*.vcf)")
    )

    def export(choose) -> list[str]:
        target.unlink(missing_ok=True)
        menu_action(window, "&File", "&Export…").trigger()
        dialog = window.export_scope
        choose(dialog)
        dialog.accept()
        qtbot.waitUntil(target.exists, timeout=10_000)
        window.tasks.wait_all()
        qtbot.waitUntil(lambda: window._export_progress is None)  # finished, shown as such
        return sorted(
            line[3:] for line in target.read_text().splitlines() if line.startswith("FN:")
        )

    view.select_contact(ada)
    view.table.selectionModel().select(
        view.model.index(view.model.row_of(grace), 0),
        view.table.selectionModel().SelectionFlag.Select
        | view.table.selectionModel().SelectionFlag.Rows,
    )
    assert export(lambda d: None) == ["Ada Lovelace", "Grace Hopper"]  # the selection first
    view.table.clearSelection()
    view.search.setText("lovelace")
    assert export(lambda d: None) == ["Ada Lovelace"]  # what the list shows
    view.search.clear()
    assert export(lambda d: d.shown.text().endswith("(all of them)") or pytest.fail("0")) == [
        "Ada Lovelace", "Alan Turing", "Grace Hopper"
    ]  # the list shows everyone: not "(0)", greyed out (QA)  # fmt: skip
    assert export(lambda d: d.all.setChecked(True)) == [
        "Ada Lovelace", "Alan Turing", "Grace Hopper"
    ]  # archived left out  # fmt: skip
    everyone = export(lambda d: (d.all.setChecked(True), d.include_archived.setChecked(True)))
    assert everyone == ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Old Friend"]
    # One contact open: all of them by default, but its card alone can be chosen (QA).
    view.select_contact(grace)
    assert export(lambda d: d.all.isChecked() or pytest.fail("not all")) == [
        "Ada Lovelace", "Alan Turing", "Grace Hopper"
    ]  # fmt: skip
    assert export(lambda d: d.selection.setChecked(True)) == ["Grace Hopper"]


def test_a_full_name_column_gives_given_and_family_names():
    """QA: a column mapped to "Full name" left given and family empty (Aiko Watanabe
    sorted among the A's by family name)."""
    import io

    from networker.formats.csv_formats import read_csv

    data = b'Name\nAiko Watanabe\nOlga van der Meer\n"Lovelace, Ada"\n'
    drafts = [r.draft for r in read_csv(io.BytesIO(data), mapping={0: "display"})]
    assert [(d.given_name, d.family_name) for d in drafts] == [
        ("Aiko", "Watanabe"), ("Olga", "van der Meer"), ("Ada", "Lovelace")
    ]  # fmt: skip
