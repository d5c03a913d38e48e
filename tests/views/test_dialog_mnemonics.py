"""Every button of a dialog or message box has an Alt+letter of its own (QA: Alt+D did
not discard in "Unsaved changes", Alt+I did not import in the preview)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox

from networker.services.importing import Change, FileReport
from networker.views import text
from networker.views.button_mnemonics import mnemonic
from networker.views.import_preview_dialog import ImportPreviewDialog

ALT = Qt.KeyboardModifier.AltModifier


def assert_every_button_has_its_own_mnemonic(dialog):
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    buttons = [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
    assert all(mnemonic(words) for words in buttons), buttons
    letters = [letter for words in labels + buttons if (letter := mnemonic(words))]
    assert len(letters) == len(set(letters)), labels + buttons


def shown(qtbot, dialog):
    dialog.open()  # modal, as the window opens them: the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_alt_d_discards_the_unsaved_changes(qtbot, window):
    box = text.save_changes_box(window, "Ada Lovelace")
    shown(qtbot, box)
    assert_every_button_has_its_own_mnemonic(box)
    with qtbot.waitSignal(box.finished):
        qtbot.keyClick(box, Qt.Key.Key_D, ALT)
    assert box.clickedButton() is box.button(QMessageBox.StandardButton.Discard)


def test_a_button_added_by_name_gets_a_mnemonic_too(qtbot, window):
    box = text.message_box(
        window, QMessageBox.Icon.Warning, "Delete", "Delete 3 contacts?",
        QMessageBox.StandardButton.Cancel,
    )  # fmt: skip
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    shown(qtbot, box)
    assert_every_button_has_its_own_mnemonic(box)
    with qtbot.waitSignal(box.finished):
        qtbot.keyClick(box, Qt.Key.Key_D, ALT)
    assert box.clickedButton() is delete


def test_alt_i_imports_from_the_preview(qtbot, window):
    report = FileReport(Path("people.vcf"), imported=1, changes=[Change("Ada Lovelace", "new")])
    dialog = ImportPreviewDialog([report], window)
    shown(qtbot, dialog)
    assert_every_button_has_its_own_mnemonic(dialog)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)


def test_the_buttons_of_the_dialogs_have_letters_of_their_own(qtbot, window):
    """Each dialog's buttons get an Alt+letter that no field label or other button of
    that dialog uses."""
    import datetime as dt

    from networker.views.export_scope_dialog import ExportScopeDialog
    from networker.views.goal_dialog import LinkContactsDialog
    from networker.views.learned_dialog import LearnedDialog
    from networker.views.tag_cadence_dialog import TagCadenceDialog
    from networker.views.today_view import SnoozeDayDialog

    dialogs = [
        SnoozeDayDialog(dt.date(2026, 11, 28), window),
        TagCadenceDialog(tags=["mentor"], cadences={}, save_with=print, parent=window),
        ExportScopeDialog(total=3, archived=1, selected=[1], listed=[1, 2], parent=window),
        LearnedDialog("Coffee with Ada", window),
        LinkContactsDialog(
            find=lambda _q: [],
            linked=[],
            save_with=lambda _a, _r: None,
            title="Find a mentor",
            parent=window,
        ),
    ]
    for dialog in dialogs:
        assert_every_button_has_its_own_mnemonic(dialog)


def test_the_event_dialogs_buttons_have_their_own_mnemonics(qtbot, window):
    page = window.show_page("calendarView")
    page.new_event()
    dialog = page.dialog
    shown(qtbot, dialog)
    assert_every_button_has_its_own_mnemonic(dialog)
