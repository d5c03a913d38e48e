"""Keys a text field would take that the window means (views/field_keys.py)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import make_draft


def test_ctrl_z_right_after_a_save_undoes_the_save_not_the_typing(qtbot, window, view, service):
    """QA: Ctrl+Z with the focus still in the field just saved took the typing back
    and left the form unsaved; Edit > Undo undid the save."""
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace", title="Countess"))
    view.select_contact(ada)
    panel = view.panel
    panel.job_title.setFocus()
    panel.job_title.selectAll()
    QTest.keyClicks(panel.job_title, "Analyst")
    QTest.keyClick(panel.job_title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert service.get(ada).draft.title == "Analyst"
    assert panel.job_title.hasFocus()
    QTest.keyClick(panel.job_title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: service.get(ada).draft.title == "Countess")
    qtbot.waitUntil(lambda: panel.job_title.text() == "Countess")
    assert not panel.is_dirty
    QTest.keyClick(
        panel.job_title,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: service.get(ada).draft.title == "Analyst")
    # (QTest leaves Shift held when the redo refilled the field under the key: let go.)
    QTest.keyRelease(panel.job_title, Qt.Key.Key_Shift)


def test_ctrl_z_while_typing_still_undoes_the_typing(qtbot, window, view, service):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace", title="Countess"))
    view.select_contact(ada)
    panel = view.panel
    panel.job_title.setFocus()
    panel.job_title.end(False)
    QTest.keyClicks(panel.job_title, "!")
    QTest.keyClick(panel.job_title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.job_title.text() == "Countess"
    assert service.get(ada).draft.title == "Countess"


def test_a_new_contact_is_undone_by_ctrl_z_and_redone(qtbot, window, view, service):
    """QA round 2: Ctrl+Z after making a contact undid something older instead."""
    from tests.views.conftest import menu_action

    menu_action(window, "&File", "&New Contact").trigger()
    panel = view.panel
    QTest.keyClicks(panel.given_name, "Nina")
    panel.family_name.setFocus()
    QTest.keyClicks(panel.family_name, "Newcomer")
    QTest.keyClick(panel.family_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: service.count() == 1)
    assert window.undo_action.text() == "&Undo New Contact Nina Newcomer"
    QTest.keyClick(panel.family_name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: service.count() == 0)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: service.count() == 1)
    assert service.index().ids  # back, whole
