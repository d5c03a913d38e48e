"""Editing interactions and undoing what was done to them (issue "Nurture": "edit and
delete with Undo"), through the window's Edit > Undo and the timeline."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from networker.domain.interactions import InteractionDraft, InteractionKind, Value
from networker.services.interactions import InteractionService
from networker.views.log_interaction_dialog import LogInteractionDialog
from tests.conftest import make_draft
from tests.views.conftest import menu_action
from tests.views.test_today_and_logging import open_log_dialog


def test_editing_an_interaction_shows_it_saves_it_and_undo_puts_it_back(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    reading = InteractionService(database=database, clock=clock)
    logged = reading.log(
        InteractionDraft([ada], InteractionKind.CALL, summary="Intro", value=Value.RECEIVED,
                         value_kind="referral")
    )  # fmt: skip
    view.select_contact(ada)
    view.timeline.edit(logged)
    dialog = window.findChild(LogInteractionDialog)
    assert dialog.windowTitle() == "Edit Interaction"
    assert dialog.contact_ids() == [ada]
    assert dialog.summary.text() == "Intro"
    assert dialog.kind.currentData() is InteractionKind.CALL
    assert dialog.value.currentData() is Value.RECEIVED
    assert dialog.value_kind.currentText() == "referral"
    dialog.summary.selectAll()
    qtbot.keyClicks(dialog.summary, "Intro to the board")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)
    (record,) = reading.timeline(ada)
    assert record.id == logged  # edited in place, not logged again
    assert record.draft.summary == "Intro to the board"
    assert record.draft.value is Value.RECEIVED
    assert menu_action(window, "&Edit", "&Undo Edit Interaction").isEnabled()
    menu_action(window, "&Edit", "&Undo Edit Interaction").trigger()
    assert reading.timeline(ada)[0].draft.summary == "Intro"
    menu_action(window, "&Edit", "&Redo Edit Interaction").trigger()
    assert reading.timeline(ada)[0].draft.summary == "Intro to the board"


def test_undo_follows_an_interaction_deleted_and_brought_back(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    reading = InteractionService(database=database, clock=clock)
    view.select_contact(ada)
    call = next(a for a in view.timeline.quick_log.menu().actions() if a.text() == "Call")
    call.trigger()  # Quick log: undoable too
    (logged,) = reading.timeline(ada)
    history = view.timeline._history
    history.update(logged.id, InteractionDraft([ada], InteractionKind.CALL, summary="Later"))
    history.delete(logged.id)
    stack = history.stack
    stack.undo()  # the delete: back, under a new id
    stack.undo()  # the edit, on the interaction as it now is
    (back,) = reading.timeline(ada)
    assert back.draft.summary == ""
    stack.undo()  # the quick log
    assert reading.timeline(ada) == []
    for _ in range(3):
        stack.redo()
    assert reading.timeline(ada) == []  # logged, edited, deleted again


def test_undo_of_an_interaction_whose_contact_is_gone_is_dropped_not_raised(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    reading = InteractionService(database=database, clock=clock)
    logged = reading.log(InteractionDraft([ada], InteractionKind.CALL, summary="Intro"))
    view.select_contact(ada)
    view.timeline.delete(logged)
    service.delete([ada])
    history = view.timeline._history
    history.stack.undo()  # nobody to log it with any more
    assert reading.timeline(ada) == []
    assert history.stack.count() == 0  # dropped: nothing left to undo or redo
    assert not window.undo_action.isEnabled()


def test_ctrl_l_logging_can_be_undone(qtbot, window, service, database, clock):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    dialog = open_log_dialog(qtbot, window)
    qtbot.keyClicks(dialog.search, "lovel")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)
    reading = InteractionService(database=database, clock=clock)
    assert len(reading.timeline(ada)) == 1
    assert window.undo_action.text() == "&Undo Log coffee chat"
    window.undo_action.trigger()
    assert reading.timeline(ada) == []


def test_a_contact_edit_archive_and_tag_can_be_undone(qtbot, window, view, service):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace", title="Engineer"))
    view.select_contact(ada)
    view.panel.job_title.setText("Chief Engineer")
    view.panel.job_title.textEdited.emit("Chief Engineer")
    assert view.panel.save()
    assert service.get(ada).draft.title == "Chief Engineer"
    undo = window.undo_action
    assert undo.text() == "&Undo Edit Ada Lovelace"
    undo.trigger()
    assert service.get(ada).draft.title == "Engineer"
    window.redo_action.trigger()
    assert service.get(ada).draft.title == "Chief Engineer"
    view.set_archived_selected(True)
    assert service.get(ada).archived
    undo.trigger()
    assert not service.get(ada).archived
    view.select_contact(ada)  # back in the list
    view._on_tag_requested("speaker", True)
    assert "speaker" in service.get(ada).draft.tags
    undo.trigger()
    assert "speaker" not in service.get(ada).draft.tags
    count = window.undo_action.parent().findChild(QUndoStack).count()
    view._on_tag_requested("speaker", False)  # nothing to remove: nothing to undo
    assert window.undo_action.parent().findChild(QUndoStack).count() == count
