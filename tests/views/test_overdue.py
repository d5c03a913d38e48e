"""Who is overdue, seen as a user sees it: Today's capped keep-in-touch section and its
way to all of them, the Contacts page's Overdue view, and the list's last-interaction
and next-due columns (issue "Nurture the network")."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea

from networker.domain.interactions import InteractionDraft, InteractionKind, Value
from networker.domain.reminders import ReminderKind
from networker.itemmodels.contact_table import HEADERS, LAST_INTERACTION, NEXT_DUE
from networker.services.interactions import InteractionService
from networker.views.log_interaction_dialog import LogInteractionDialog
from networker.views.today_view import PER_SECTION, OwedRow
from tests.conftest import make_draft
from tests.views.conftest import menu_action
from tests.views.test_today_and_logging import rows, today

DAY = dt.timedelta(days=1)


def people(service, count, **fields):
    return [
        service.create(
            make_draft(
                given_name=f"Person {n:03d}",
                family_name="",
                emails=[],
                phones=[],
                tags=[],
                **fields,
            )
        )
        for n in range(count)
    ]


def cell(model, contact_id, column):
    return model.index(model.row_of(contact_id), column).data()


def test_today_shows_a_screenful_and_leads_to_everyone_overdue(qtbot, window, service, clock):
    overdue = people(service, PER_SECTION + 5, cadence_days=10)
    people(service, 3)  # no cadence: never overdue
    clock.advance(20 * DAY)
    page = today(qtbot, window)
    assert len(rows(page)) == PER_SECTION
    assert page.counts_now == {ReminderKind.KEEP_IN_TOUCH: PER_SECTION + 5}
    assert window.status_label.text() == f"{PER_SECTION + 5} due today"
    button = page.findChild(QPushButton, "showAllOverdue")
    assert button.text() == f"Show all {PER_SECTION + 5} overdue in Contacts"
    button.setFocus()  # reached by Tab from the rows above it; pressed with Space
    page.findChild(QScrollArea).ensureWidgetVisible(button)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    contacts = window.host.current()
    assert contacts.objectName() == "contactsView"
    assert contacts.views.currentItem().text() == f"Overdue ({PER_SECTION + 5})"
    assert sorted(contacts.model.ids()) == sorted(overdue)
    assert menu_action(window, "&Contacts", "Show &Overdue Only").isChecked()


def test_the_overdue_view_follows_a_logged_interaction(qtbot, window, view, service, clock):
    ada, grace = people(service, 2, cadence_days=10)
    clock.advance(11 * DAY)
    view.views.setCurrentRow(1)
    assert sorted(view.model.ids()) == sorted([ada, grace])
    assert view.model.overdue_only
    interactions = InteractionService(
        database=service._db, clock=clock, on_change=service._on_change
    )
    interactions.log(InteractionDraft([ada], InteractionKind.COFFEE_CHAT))
    qtbot.waitUntil(lambda: view.model.ids() == [grace])
    assert view.views.currentItem().text() == "Overdue (1)"
    menu_action(window, "&Contacts", "Show &Overdue Only").trigger()  # off again
    assert sorted(view.model.ids()) == sorted([ada, grace])


def test_an_empty_overdue_view_says_how_people_get_there(qtbot, window, view, service):
    people(service, 2)
    view.views.setCurrentRow(1)
    assert view.model.rowCount() == 0
    assert "Keep in touch every" in view.empty_state.text()


def test_the_list_shows_and_sorts_by_last_interaction_and_next_due(
    qtbot, window, view, service, clock
):
    assert HEADERS[LAST_INTERACTION] == "Last interaction" and HEADERS[NEXT_DUE] == "Next due"
    ada, grace, linus = people(service, 3, cadence_days=30)
    interactions = InteractionService(
        database=service._db, clock=clock, on_change=service._on_change
    )
    interactions.log(
        InteractionDraft([grace], InteractionKind.CALL, occurred_at=clock.now() - 40 * DAY)
    )
    interactions.log(InteractionDraft([linus], InteractionKind.CALL, occurred_at=clock.now()))
    model = view.model
    qtbot.waitUntil(lambda: cell(model, linus, LAST_INTERACTION) != "")
    local = clock.local(clock.now())
    assert cell(model, linus, LAST_INTERACTION) == f"{local:%d %b %Y}"
    assert cell(model, ada, LAST_INTERACTION) == ""  # never in touch
    assert cell(model, linus, NEXT_DUE) == f"{local + 30 * DAY:%d %b %Y}"
    grace_row = model.index(model.row_of(grace), NEXT_DUE)
    assert grace_row.data(Qt.ItemDataRole.ForegroundRole) is not None  # overdue: in red
    header = view.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().center().__class__(header.sectionViewportPosition(NEXT_DUE) + 5, 5),
    )
    assert model.ids() == [grace, ada, linus]  # the longest overdue first
    assert view.sort_choice.currentText() == "Sort by next due"
    view.sort_choice.setCurrentIndex(view.sort_choice.findText("Sort by last interaction"))
    assert model.ids()[:2] == [linus, grace]  # most recent first; never in touch last


def test_give_back_names_who_helped_until_something_is_given(qtbot, window, service, clock):
    grace, linus = people(service, 2)
    interactions = InteractionService(database=service._db, clock=clock)
    interactions.log(
        InteractionDraft([grace], InteractionKind.INTRODUCTION, occurred_at=clock.now() - 20 * DAY,
                         value=Value.RECEIVED, value_kind="introduction")
    )  # fmt: skip
    interactions.log(  # over a year ago: no longer a nudge
        InteractionDraft([linus], InteractionKind.CALL, occurred_at=clock.now() - 400 * DAY,
                         value=Value.RECEIVED)
    )  # fmt: skip
    page = today(qtbot, window)
    (row,) = page.body.findChildren(OwedRow)
    assert row.owed.contact_id == grace
    local = clock.local(clock.now() - 20 * DAY)
    # (Their organization tells apart people of one name.)
    assert f"Person 000 (Analytical Engines) helped you (introduction, {local:%d %b})" in [
        label.text() for label in row.findChildren(QLabel)
    ]
    qtbot.mouseClick(row.log_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(LogInteractionDialog)
    assert dialog.contact_ids() == [grace]
    assert dialog.value.currentData() is Value.GIVEN  # giving back, ready to say what
    dialog.reject()
    qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)
    assert window.host.current().selected_ids() == [grace]
    interactions.log(InteractionDraft([grace], InteractionKind.EMAIL, value=Value.GIVEN))
    page = today(qtbot, window)
    assert page.body.findChildren(OwedRow) == []


def test_done_on_today_takes_the_contact_out_of_the_overdue_view(
    qtbot, window, view, service, clock
):
    ada, grace = people(service, 2, cadence_days=10)
    clock.advance(11 * DAY)
    view.views.setCurrentRow(1)
    assert sorted(view.model.ids()) == sorted([ada, grace])
    page = today(qtbot, window)
    row = next(r for r in rows(page) if r.reminder.contact_id == ada)
    qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.ids() == [grace])
    assert view.views.currentItem().text() == "Overdue (1)"
