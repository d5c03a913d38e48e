"""Contacts > Keep in Touch by Tag…: a tag's default cadence, set in the window."""

import datetime as dt

from PySide6.QtCore import Qt

from networker.domain.reminders import ReminderKind
from networker.itemmodels.contact_table import NEXT_DUE
from networker.views.tag_cadence_dialog import TagCadenceDialog
from tests.conftest import make_draft
from tests.views.conftest import menu_action
from tests.views.test_today_and_logging import rows, today


def open_dialog(qtbot, window):
    menu_action(window, "&Contacts", "Keep in Touch by &Tag…").trigger()
    qtbot.waitUntil(lambda: window.findChild(TagCadenceDialog) is not None)
    return window.findChild(TagCadenceDialog)


def test_a_tag_cadence_set_by_keyboard_reaches_the_list_and_today(
    qtbot, window, view, service, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="", tags=["mentor"]))
    own = service.create(
        make_draft(given_name="Grace", family_name="", tags=["mentor"], cadence_days=90)
    )
    dialog = open_dialog(qtbot, window)
    spin = dialog.spins["mentor"]
    assert spin.text() == "No default"
    spin.setFocus()
    qtbot.keyClicks(spin.lineEdit(), "30")
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # Enter saves the dialog
    qtbot.waitUntil(lambda: not dialog.isVisible())
    model = view.model
    due = clock.local(clock.now() + dt.timedelta(days=30))
    qtbot.waitUntil(lambda: model.index(model.row_of(ada), NEXT_DUE).data() == f"{due:%d %b %Y}")
    own_due = clock.local(clock.now() + dt.timedelta(days=90))
    assert model.index(model.row_of(own), NEXT_DUE).data() == f"{own_due:%d %b %Y}"  # her own
    clock.advance(dt.timedelta(days=31))
    (row,) = rows(today(qtbot, window))
    assert row.reminder.kind is ReminderKind.KEEP_IN_TOUCH and row.reminder.contact_id == ada
    assert "every 30 days" in row.reminder.title
    again = open_dialog(qtbot, window)
    assert again.spins["mentor"].value() == 30
    again.spins["mentor"].setValue(0)  # back to no default
    again.save()
    assert rows(today(qtbot, window)) == []


def test_without_tags_the_dialog_says_how_to_get_some(qtbot, window, service):
    service.create(make_draft(tags=[]))
    dialog = open_dialog(qtbot, window)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.save_button.isEnabled()
    assert "Tag the people who matter" in dialog.empty.text()
