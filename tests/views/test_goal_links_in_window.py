"""Issue 13's links, from where the things are, driven as a user would against a real
database file: an event linked to goals in its dialog, an interaction when it is logged
(ticked at first with its people's goals) and when it is edited from the timeline,
contacts added to a goal from the list, the linked events and interactions listed on
the goal and opened from there, and a deleted goal brought back by Edit > Undo."""

import datetime as dt
import re

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from networker.domain.goals import PastPeriod, Period, TargetDraft, TargetKind
from networker.domain.interactions import InteractionKind
from networker.storage import goals as goal_store
from networker.storage.db import write_transaction
from networker.views.goal_links import GoalPickerDialog
from networker.views.log_interaction_dialog import LogInteractionDialog
from tests.conftest import make_draft
from tests.views.conftest import menu_action
from tests.views.test_goals_view import add_goal, after, bars, goals_page, settled
from tests.views.test_today_and_logging import open_log_dialog

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def local_zone(monkeypatch):
    """New events are planned in the computer's zone: here, the fixed clock's."""
    monkeypatch.setattr("networker.views.calendar_view.local_zone_name", lambda: "UTC")


def calendar(qtbot, window):
    page = window.show_page("calendarView")
    qtbot.waitUntil(lambda: page.content is not None and not page._loading)
    return page


def ticked(checklist):
    return [
        checklist.item(row).text()
        for row in range(checklist.count())
        if checklist.item(row).checkState() == Qt.CheckState.Checked
    ]


def rows(widget):
    return [widget.item(row).text() for row in range(widget.count())]


def mnemonic(words):
    found = re.search(r"&([^&])", words.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_an_event_is_linked_in_its_dialog_and_opens_from_the_goal(qtbot, window):
    goals = goals_page(qtbot, window)
    mentor = add_goal(qtbot, goals, TargetDraft(TargetKind.EVENTS_ATTENDED, 2, only_linked=True))
    add_goal(qtbot, goals, TargetDraft(TargetKind.MANUAL, 1), title="New role")
    page = calendar(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.grid.setFocus()
    QTest.keyClick(page.grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert rows(dialog.goals) == ["Find a mentor", "New role"] and ticked(dialog.goals) == []
    QTest.keyClicks(dialog.title, "PMI chapter")
    QTest.keyClick(dialog, Qt.Key.Key_O, ALT)  # G&oals
    assert dialog.goals.hasFocus()
    QTest.keyClick(dialog.goals, Qt.Key.Key_Space)  # ticks the first
    assert ticked(dialog.goals) == ["Find a mentor"]
    QTest.keyClick(dialog.title, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: page.panel.title.text() == "PMI chapter")
    event_id = page.current_occurrence().event_id
    assert page._events.get(event_id).draft.goal_ids == (mentor,)
    assert page.panel.brief.text().startswith("For your goals: Find a mentor")

    # The goal lists it; Enter opens it on the Calendar.
    goals = goals_page(qtbot, window)
    goals.select_goal(mentor)
    qtbot.waitUntil(lambda: rows(goals.linked_list) != [])
    assert rows(goals.linked_list) == ["28 Nov 2026  Event: PMI chapter"]
    goals.linked_list.setFocus()
    goals.linked_list.setCurrentRow(0)
    QTest.keyClick(goals.linked_list, Qt.Key.Key_Return)
    assert window.host.current() is page
    qtbot.waitUntil(lambda: page.current_occurrence() is not None)
    assert page.current_occurrence().event_id == event_id

    # Edit… unticks it; Edit > Undo links it again.
    page.edit_selected()
    dialog = page.dialog
    assert ticked(dialog.goals) == ["Find a mentor"]
    dialog.goals.setFocus()
    dialog.goals.setCurrentRow(0)
    QTest.keyClick(dialog.goals, Qt.Key.Key_Space)
    dialog.accept()
    assert page._events.get(event_id).draft.goal_ids == ()
    window.undo_action.trigger()
    assert page._events.get(event_id).draft.goal_ids == (mentor,)


def test_an_interaction_logged_for_a_goal_moves_its_progress_at_once(
    qtbot, window, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    bob = service.create(make_draft(given_name="Bob", family_name="Byte", tags=[]))
    page = goals_page(qtbot, window)
    mentor = add_goal(qtbot, page, TargetDraft(TargetKind.NEW_CONTACTS, 5, only_linked=True))
    intros = add_goal(
        qtbot, page, TargetDraft(TargetKind.INTERACTIONS, 3, only_linked=True), title="Intros"
    )
    after(qtbot, page, lambda: page._goals.link(mentor, "contact", [ada]))
    window.page("contactsView").model.wait_for_loader()

    # Ctrl+L on the Goals page: Bob has no goal, Ada's is ticked once she is with it.
    dialog = open_log_dialog(qtbot, window)
    assert rows(dialog.goals) == ["Find a mentor", "Intros"] and ticked(dialog.goals) == []
    QTest.keyClicks(dialog.search, "Bob")
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert ticked(dialog.goals) == [] and not dialog.goals_hint.isVisible()
    QTest.keyClicks(dialog.search, "Ada")
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.contact_ids() == [bob, ada]
    assert ticked(dialog.goals) == ["Find a mentor"] and dialog.goals_hint.isVisibleTo(dialog)
    QTest.keyClick(dialog, Qt.Key.Key_O, ALT)
    assert dialog.goals.hasFocus()
    QTest.keyClick(dialog.goals, Qt.Key.Key_Down)
    QTest.keyClick(dialog.goals, Qt.Key.Key_Space)  # Intros too
    assert ticked(dialog.goals) == ["Find a mentor", "Intros"]
    assert bars(page, intros) == ["0 of 3"]
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        QTest.keyClick(dialog.summary, Qt.Key.Key_Return)
    settled(qtbot, page)
    assert bars(page, intros) == ["1 of 3"]  # the page open, no restart
    page.select_goal(intros)
    qtbot.waitUntil(lambda: bool(rows(page.linked_list)))
    assert rows(page.linked_list) == ["28 Nov 2026  coffee chat: Ada Lovelace, Bob Byte"]
    # Enter on it opens the contact it was with.
    page.linked_list.setFocus()
    page.linked_list.setCurrentRow(0)
    QTest.keyClick(page.linked_list, Qt.Key.Key_Return)
    contacts = window.host.current()
    assert contacts.objectName() == "contactsView"
    assert contacts.selected_contacts() in ([ada], [bob])

    # Edited from Bob's timeline: Intros unticked, and the Goals page follows.
    contacts.select_contact(bob)
    (logged,) = [r.id for r in contacts.timeline._interactions.timeline(bob)]
    contacts.timeline.edit(logged)
    dialog = window.findChild(LogInteractionDialog)
    assert dialog.windowTitle() == "Edit Interaction"
    assert ticked(dialog.goals) == ["Find a mentor", "Intros"]
    dialog.goals.setFocus()
    dialog.goals.setCurrentRow(1)
    QTest.keyClick(dialog.goals, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    page = goals_page(qtbot, window)
    qtbot.waitUntil(lambda: bars(page, intros) == ["0 of 3"], timeout=5000)
    after(qtbot, page, menu_action(window, "&Edit", "&Undo Edit Interaction").trigger)
    assert bars(page, intros) == ["1 of 3"]
    assert page.selected_goal == intros


def test_without_goals_the_log_dialog_leaves_the_goals_row_out(qtbot, window, service):
    """Logging without any goal to offer leaves the row out (and links nothing)."""
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    window.page("contactsView").select_contact(ada)
    dialog = open_log_dialog(qtbot, window)
    assert not dialog.goals.isVisibleTo(dialog)
    assert dialog.draft().goal_ids is None
    assert dialog.draft().kind is InteractionKind.COFFEE_CHAT


def test_contacts_are_added_to_a_goal_from_the_list_and_undo_takes_them_off(
    qtbot, window, view, service
):
    ann = service.create(make_draft(given_name="Ann", family_name="A", tags=[]))
    ben = service.create(make_draft(given_name="Ben", family_name="B", tags=[]))
    goals = goals_page(qtbot, window)
    add_goal(qtbot, goals, TargetDraft(TargetKind.MANUAL, 1), title="Other")
    mentor = add_goal(qtbot, goals, TargetDraft(TargetKind.NEW_CONTACTS, 2, only_linked=True))
    view = window.show_page("contactsView")
    view.model.wait_for_loader()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.select_all()
    where = view.table.visualRect(view.model.index(view.model.row_of(ann), 0)).center()
    menu = view.context_menu_at(where)
    assert view.selected_ids() == sorted([ann, ben], key=view.model.row_of)
    next(a for a in menu.actions() if a.text() == "Add to &Goal…").trigger()
    dialog = window.findChild(GoalPickerDialog)
    assert rows(dialog.goals) == ["Other", "Find a mentor"]
    qtbot.waitUntil(dialog.goals.hasFocus)  # keys go to the goals at once
    QTest.keyClick(dialog.goals, Qt.Key.Key_Down)
    QTest.keyClick(dialog.goals, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    linked = goals._goals.linked(mentor).contacts
    assert sorted(i for i, _n in linked) == sorted([ann, ben])
    assert window.statusBar().currentMessage().startswith("Added 2 contacts to “Find a mentor”.")
    goals = goals_page(qtbot, window)
    goals.select_goal(mentor)
    qtbot.waitUntil(lambda: goals.linked_label.text() == "Ann A, Ben B")
    assert bars(goals, mentor) == ["2 of 2"]
    after(qtbot, goals, menu_action(window, "&Edit", "&Undo Add to “Find a mentor”").trigger)
    assert goals._goals.linked(mentor).contacts == ()
    assert bars(goals, mentor) == ["0 of 2"]
    # The Contacts menu does the same for the contact open.
    view = window.show_page("contactsView")
    view.select_contact(ben)
    menu_action(window, "&Contacts", "Add to &Goal…").trigger()
    dialog = window.findChild(GoalPickerDialog)
    dialog.goals.setCurrentRow(1)
    dialog.accept()
    assert [i for i, _n in goals._goals.linked(mentor).contacts] == [ben]


def test_a_deleted_goal_comes_back_whole_with_edit_undo(
    qtbot, window, service, confirm_answers, database, clock
):
    answers, asked = confirm_answers
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    page = goals_page(qtbot, window)
    goal_id = add_goal(
        qtbot,
        page,
        TargetDraft(TargetKind.MANUAL, 3, manual_count=2),
        TargetDraft(TargetKind.NEW_CONTACTS, 2, only_linked=True),
    )
    after(qtbot, page, lambda: page._goals.link(goal_id, "contact", [ada]))
    past = PastPeriod(Period(dt.date(2026, 10, 1), dt.date(2026, 10, 31)), False, ((1, 3),))
    with write_transaction(database):
        goal_store.close_period(database, goal_id, past, now=clock.now())
    before = page._goals.get(goal_id)
    assert bars(page, goal_id) == ["2 of 3", "1 of 2"]
    page.list.setFocus()
    answers.append(True)
    after(qtbot, page, lambda: QTest.keyClick(page.list, Qt.Key.Key_Delete))
    assert asked[0].endswith("Edit > Undo brings it back.")
    assert page.progress == []
    assert window.statusBar().currentMessage() == (
        "Goal deleted: Find a mentor. Edit > Undo brings it back."
    )
    undo = menu_action(window, "&Edit", "&Undo Delete Goal “Find a mentor”")
    after(qtbot, page, undo.trigger)
    assert page._goals.get(goal_id) == before  # the same id, targets and numbers
    assert bars(page, goal_id) == ["2 of 3", "1 of 2"]
    assert page.linked_label.text() == "Ada Lovelace"
    assert goal_store.history(database, goal_id) == [past]
    # QA: the status bar still said "Goal deleted … Edit > Undo brings it back".
    assert window.statusBar().currentMessage() == "Undone: Delete Goal “Find a mentor”"
    after(qtbot, page, window.redo_action.trigger)
    assert page.progress == []
    assert window.statusBar().currentMessage() == "Redone: Delete Goal “Find a mentor”"


def test_a_linked_item_is_unlinked_with_delete_and_undo_links_it_again(qtbot, window, service):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    page = goals_page(qtbot, window)
    goal_id = add_goal(qtbot, page, TargetDraft(TargetKind.INTERACTIONS, 3, only_linked=True))
    interactions = window.page("todayView")._interactions()
    from networker.domain.interactions import InteractionDraft

    draft = InteractionDraft([ada], InteractionKind.CALL, goal_ids=(goal_id,))
    after(qtbot, page, lambda: interactions.log(draft))
    assert bars(page, goal_id) == ["1 of 3"]
    page.linked_list.setFocus()
    page.linked_list.setCurrentRow(0)
    after(qtbot, page, lambda: QTest.keyClick(page.linked_list, Qt.Key.Key_Delete))
    assert bars(page, goal_id) == ["0 of 3"] and not page.linked_list.isVisibleTo(page)
    after(qtbot, page, window.undo_action.trigger)
    assert bars(page, goal_id) == ["1 of 3"]


def test_the_goals_rows_have_a_mnemonic_of_their_own(qtbot, window):
    menus = {mnemonic(action.text()) for action in window.menuBar().actions()}
    goals = goals_page(qtbot, window)
    add_goal(qtbot, goals, TargetDraft(TargetKind.MANUAL, 1))
    dialog = open_log_dialog(qtbot, window)
    letters = [
        mnemonic(label.text()) for label in dialog.findChildren(QLabel) if label.buddy() is not None
    ]
    assert letters.count("o") == 1 and "o" not in menus
    label = next(label for label in dialog.findChildren(QLabel) if label.text() == "G&oals")
    assert label.buddy() is dialog.goals
    dialog.reject()
    page = calendar(qtbot, window)
    page.new_event()
    event_letters = [
        mnemonic(label.text())
        for label in page.dialog.findChildren(QLabel)
        if label.buddy() is not None
    ]
    assert event_letters.count("o") == 1
    page.dialog.reject()


def test_who_you_met_and_a_stage_change_are_undone_with_edit_undo(qtbot, window, database):
    from networker.domain.events import Attendee, EventKind, InterviewStage
    from tests.views.test_calendar_view import TODAY, add, select_in_agenda, settle

    contacts = window.page("contactsView")._contacts
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    window.page("contactsView").model.wait_for_loader()
    mentor = add_goal(qtbot, goals_page(qtbot, window), TargetDraft(TargetKind.MANUAL, 1))
    page = calendar(qtbot, window)
    events = page._events
    mixer = add(events, "Alumni mixer", TODAY - dt.timedelta(days=2), 18, EventKind.ALUMNI,
                goal_ids=(mentor,))  # fmt: skip
    page.grid.select(TODAY - dt.timedelta(days=2))
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Alumni mixer")
    # Over: the brief is gone, the panel still names its goals.
    assert page.panel.goals.text() == "For your goals: Find a mentor"
    page.who_met()
    dialog = page.met_dialog
    QTest.keyClicks(dialog.people.search, "Lovelace")
    QTest.keyClick(dialog.people.search, Qt.Key.Key_Return)
    QTest.keyClicks(dialog.new_name, "Grace Hopper")
    QTest.keyClick(dialog.new_name, Qt.Key.Key_Return)
    dialog.accept()
    settle(qtbot, page)

    def count(sql):
        return database.execute_sql(sql).fetchone()[0]

    assert count("SELECT count(*) FROM interaction WHERE event_id IS NOT NULL") == 2
    assert count("SELECT count(*) FROM contact") == 2
    undo = menu_action(window, "&Edit", "&Undo Who You Met at “Alumni mixer”")
    undo.trigger()
    assert count("SELECT count(*) FROM interaction") == 0
    assert count("SELECT count(*) FROM contact") == 1  # Grace, made there, went too
    assert events.get(mixer).draft.contact_ids == ()
    window.redo_action.trigger()
    assert count("SELECT count(*) FROM interaction WHERE event_id IS NOT NULL") == 2

    interview = add(
        events, "Informational interview: Ada", TODAY - dt.timedelta(days=1), 15,
        EventKind.INFORMATIONAL_INTERVIEW, attendees=(Attendee(contact_id=ada),),
        stage=InterviewStage.SCHEDULED,
    )  # fmt: skip
    page.grid.select(TODAY - dt.timedelta(days=1))
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Informational interview: Ada")
    page.panel.stage.setFocus()
    QTest.keyClick(page.panel.stage, Qt.Key.Key_Down)  # Done
    QTest.keyClicks(page.learned_dialog.notes, "Talk to the data team")
    page.learned_dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Save
    ).click()
    settle(qtbot, page)
    assert events.get(interview).draft.stage is InterviewStage.DONE
    menu_action(window, "&Edit", "&Undo Stage “Done”").trigger()
    settle(qtbot, page)
    assert events.get(interview).draft.stage is InterviewStage.SCHEDULED
    assert count("SELECT count(*) FROM interaction WHERE kind = 'informational interview'") == 0
    assert page.panel.stage.currentData() is InterviewStage.SCHEDULED
