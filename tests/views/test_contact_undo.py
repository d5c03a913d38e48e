"""Deleting and merging contacts can be undone with Ctrl+Z and redone with Ctrl+Shift+Z
(issue 14): the contact comes back whole, under the same id."""

import datetime as dt

from PySide6.QtCore import Qt

from networker.domain.contacts import Birthday, LabeledValue
from networker.domain.interactions import InteractionDraft
from networker.services.interactions import InteractionService
from tests.conftest import make_draft
from tests.views.conftest import menu_action

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _jpeg():
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QColor, QImage

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(buffer.data())


def _press(qtbot, window, view, modifiers):
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, modifiers)
    # Let go of Ctrl and Shift too: QTest leaves the application believing they are
    # held, and the next test's clicks would then toggle the selection.
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control):
        qtbot.keyRelease(view.table, key)


def test_ctrl_z_brings_a_deleted_contact_back_whole_and_ctrl_shift_z_deletes_it_again(
    qtbot, window, view, service, database, clock, confirm_answers
):
    answers, _asked = confirm_answers
    ada = service.create(
        make_draft(
            photo=_jpeg(),
            notes="Met at the salon",
            strength=4,
            cadence_days=30,
            birthday=Birthday(12, 10),
            school="Home",
            how_we_met="Salon",
            tags=["mentor", "math"],
        )
    )
    bob = service.create(make_draft(given_name="Bob", family_name="B", emails=[], phones=[]))
    interactions = InteractionService(database=database, clock=clock)
    together = interactions.log(InteractionDraft([ada, bob], summary="Coffee"))
    interactions.log(InteractionDraft([ada], summary="Call", follow_up_on=dt.date(2026, 12, 9)))
    before = service.get(ada)
    timeline = [r.draft for r in interactions.timeline(ada)]
    view.select_contact(ada)
    view.table.setFocus()
    answers.append(True)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert ada not in view.model.ids() and service.count() == 1
    assert window.undo_action.text() == "&Undo Delete Contact"
    _press(qtbot, window, view, CTRL)
    assert ada in view.model.ids()
    assert service.get(ada) == before
    assert [r.draft for r in interactions.timeline(ada)] == timeline
    assert interactions.get(together).draft.contact_ids == [ada, bob]
    _press(qtbot, window, view, CTRL_SHIFT)
    assert ada not in view.model.ids() and service.count() == 1
    assert [r.draft.summary for r in interactions.timeline(bob)] == ["Coffee"]


def test_ctrl_z_takes_a_merge_back_and_redo_merges_again(
    qtbot, window, view, service, database, clock
):
    robert = service.create(
        make_draft(
            given_name="Robert",
            family_name="Smith",
            organization="Acme Corp",
            title="Engineer",
            emails=[LabeledValue("", "bob@acme.com")],
            phones=[],
        )
    )
    bob = service.create(
        make_draft(
            given_name="Bob",
            family_name="Smith",
            organization="ACME Corp",
            title="VP",
            emails=[],
            phones=[],
            tags=["golf"],
        )
    )
    interactions = InteractionService(database=database, clock=clock)
    interactions.log(InteractionDraft([bob], summary="Golf"))
    kept, other = service.get(robert), service.get(bob)
    menu_action(window, "&Contacts", "Find &Duplicates…").trigger()
    qtbot.waitUntil(lambda: view.duplicates_dialog is not None, timeout=10_000)
    dialog = view.duplicates_dialog
    title = dialog.choices["title"][1]
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton, pos=title.rect().center())
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    assert service.get(robert).draft.title == "VP" and bob not in view.model.ids()
    assert [r.draft.summary for r in interactions.timeline(robert)] == ["Golf"]
    assert window.undo_action.text() == "&Undo Merge Contacts"
    _press(qtbot, window, view, CTRL)
    assert service.get(robert) == kept and service.get(bob) == other
    assert bob in view.model.ids()
    assert [r.draft.summary for r in interactions.timeline(bob)] == ["Golf"]
    assert interactions.timeline(robert) == []
    _press(qtbot, window, view, CTRL_SHIFT)
    assert service.get(robert).draft.title == "VP" and bob not in view.model.ids()
    assert service.get(robert).draft.tags == ["golf", "mentor"]


def test_an_import_that_merges_clears_undo_so_an_older_undo_cannot_wipe_what_it_added(
    qtbot, window, view, service, tmp_path
):
    """QA: Ctrl+Z of a title edit made before an import put the whole contact back as it
    was, the phone and e-mail the import had merged in gone for good."""
    ada = service.create(make_draft(uid="urn:uuid:ada", emails=[], phones=[]))
    view.select_contact(ada)
    panel = view.panel
    panel.job_title.setFocus()
    panel.job_title.selectAll()
    qtbot.keyClicks(panel.job_title, "Countess")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.isEnabled()
    card = tmp_path / "ada.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nUID:urn:uuid:ada\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\n"
        "TEL;TYPE=WORK:+44 20 7946 0958\nEND:VCARD\n"
    )
    window.import_files([card])
    qtbot.waitUntil(lambda: window.import_flow.preview is not None, timeout=10_000)
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        window.import_flow.preview.accept()
    assert not window.undo_action.isEnabled()
    assert "Undo history cleared" in window.statusBar().currentMessage()
    _press(qtbot, window, view, CTRL)
    draft = service.get(ada).draft
    assert draft.title == "Countess" and [p.value for p in draft.phones] == ["+44 20 7946 0958"]
