"""The Calendar page, driven by mouse and keyboard against a real database: adding,
editing and deleting events, the month's markers and the agenda, one occurrence or the
whole series, "Who did you meet?", an interview's stages, and a contact's events."""

import datetime as dt

import pytest

from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from networker.domain.events import Attendee, EventDraft, EventKind, InterviewStage
from tests.conftest import make_draft
from tests.views.conftest import assert_mnemonics_reach_fields, menu_action

UTC = dt.UTC
TODAY = dt.date(2026, 11, 28)  # the fixed clock's day (tests/conftest.py)


@pytest.fixture(autouse=True)
def local_zone(monkeypatch):
    """New events are planned in the computer's zone: here, the fixed clock's."""
    monkeypatch.setattr("networker.views.calendar_view.local_zone_name", lambda: "UTC")


@pytest.fixture
def page(qtbot, window):
    page = window.show_page("calendarView")
    settle(qtbot, page)
    return page


@pytest.fixture
def events(page):
    return page._events


def settle(qtbot, page):
    """Wait until the page has read what it shows."""
    qtbot.waitUntil(lambda: page.content is not None and not page._loading)


def at(day, hour, minutes=90):
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)
    return start, start + dt.timedelta(minutes=minutes)


def add(events, title, day, hour=18, kind=EventKind.MEETUP, **fields):
    start, end = at(day, hour)
    return events.add(
        EventDraft(title=title, kind=kind, start=start, end=end, zone="UTC", **fields)
    )


def agenda_titles(page):
    return [o.title for o in page.agenda_occurrences()]


def select_in_agenda(qtbot, page, title):
    for row in range(page.agenda.count()):
        occurrence = page.agenda.item(row).data(Qt.ItemDataRole.UserRole)
        if occurrence is not None and occurrence.title == title:
            rect = page.agenda.visualItemRect(page.agenda.item(row))
            QTest.mouseClick(page.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert page.current_occurrence().title == title
            return occurrence
    raise LookupError(title)


def met(page, name):
    """Who did you meet? answered by keyboard with the first match for ``name``."""
    page.who_met()
    dialog = page.met_dialog
    QTest.keyClicks(dialog.people.search, name)
    QTest.keyClick(dialog.people.search, Qt.Key.Key_Return)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    return dialog


def lunch_on(qtbot, page, day):
    page.grid.select(day)
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Alumni lunch")


def test_the_page_is_listed_after_contacts_and_says_what_to_do_when_empty(qtbot, window, page):
    titles = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    assert titles == ["Today", "Contacts", "Calendar", "Goals"]
    assert page.objectName() == "calendarView"
    assert page.heading.text() == "November 2026"
    assert agenda_titles(page) == []
    words = [page.agenda.item(r).text() for r in range(page.agenda.count())]
    assert any("Double-click a day" in w and "Ctrl+N" in w for w in words)
    assert "Select an event" in page.panel.empty.text()


def test_the_agenda_elides_long_lines_instead_of_scrolling_sideways(qtbot, window, page, events):
    """QA: the empty agenda's hint ran off to the right under a sideways scroll bar."""
    hint = next(
        page.agenda.item(r)
        for r in range(page.agenda.count())
        if "Double-click" in page.agenda.item(r).text()
    )
    assert "Ctrl+N" in hint.toolTip()
    title = "Annual general meeting of the " + "very " * 25 + "long-named association"
    add(events, title, dt.date(2026, 11, 28))
    settle(qtbot, page)
    qtbot.waitUntil(lambda: title in agenda_titles(page))
    page.agenda.doItemsLayout()
    assert page.agenda.horizontalScrollBar().maximum() == 0
    item = next(
        page.agenda.item(r)
        for r in range(page.agenda.count())
        if title in page.agenda.item(r).text()
    )
    assert "long-named association" in item.toolTip()


def test_ctrl_n_adds_an_event_on_the_selected_day(qtbot, window, page, events):
    page.grid.setFocus()
    QTest.keyClick(page.grid, Qt.Key.Key_Right)  # Sunday 29
    settle(qtbot, page)
    QTest.keyClick(page.grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog.isVisible() and dialog.start_day.date().toPython() == dt.date(2026, 11, 29)
    assert_mnemonics_reach_fields(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog.title, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.attendees.search.hasFocus)  # QA: "&People" went nowhere
    dialog.title.setFocus()
    QTest.keyClicks(dialog.title, "PMI meet-up")
    QTest.keyClick(dialog.title, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    settle(qtbot, page)
    [occurrence] = events.between_days(dt.date(2026, 11, 29), dt.date(2026, 11, 29))
    assert occurrence.title == "PMI meet-up"
    assert occurrence.start == dt.datetime(2026, 11, 29, 9, 0, tzinfo=occurrence.start.tzinfo)
    assert [m.title for m in page.grid.marks[dt.date(2026, 11, 29)]] == ["PMI meet-up"]
    assert page.current_occurrence().title == "PMI meet-up"  # the new event is shown
    assert page.panel.title.text() == "PMI meet-up"
    # Undo takes it away again.
    page._history.stack.undo()
    settle(qtbot, page)
    assert events.between_days(dt.date(2026, 11, 29), dt.date(2026, 11, 29)) == []


def test_double_clicking_a_day_adds_there_and_esc_adds_nothing(qtbot, page, events):
    day = dt.date(2026, 11, 12)
    QTest.mouseDClick(page.grid, Qt.MouseButton.LeftButton, pos=page.grid.cell_rect(day).center())
    dialog = page.dialog
    assert dialog.isVisible()
    assert dialog.start_day.date().toPython() == day
    QTest.keyClicks(dialog.title, "Not this one")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert events.between_days(day, day) == []


def test_an_end_before_the_start_is_refused_inline(qtbot, page, events, modal_dialogs):
    page.new_button.click()
    dialog = page.dialog
    QTest.keyClicks(dialog.title, "Backwards")
    dialog.start_time.setTime(QTime(18, 0))
    dialog.end_time.setTime(QTime(17, 0))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert "ends before it starts" in dialog.problem.text()
    assert dialog.problem.textFormat() == Qt.TextFormat.PlainText
    assert list(modal_dialogs) == []  # inline, not a message box
    assert events.between_days(TODAY, TODAY) == []
    dialog.end_time.setTime(QTime(19, 0))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert [o.title for o in events.between_days(TODAY, TODAY)] == ["Backwards"]


def test_enter_edits_the_selected_event_and_delete_deletes_it_undoably(qtbot, page, events):
    event_id = add(events, "Coffee with Ada", TODAY, 15, EventKind.COFFEE_CHAT)
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Coffee with Ada")
    QTest.keyClick(page.agenda, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog.title.text() == "Coffee with Ada"
    dialog.title.clear()
    QTest.keyClicks(dialog.title, "Coffee with Ada and Bob")
    QTest.keyClick(dialog.title, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert events.get(event_id).draft.title == "Coffee with Ada and Bob"
    assert events.get(event_id).draft.kind is EventKind.COFFEE_CHAT
    assert agenda_titles(page) == ["Coffee with Ada and Bob"]

    page.grid.setFocus()
    QTest.keyClick(page.grid, Qt.Key.Key_Delete)
    settle(qtbot, page)
    assert events.between_days(TODAY, TODAY) == []
    assert agenda_titles(page) == []
    page._history.stack.undo()
    settle(qtbot, page)
    assert agenda_titles(page) == ["Coffee with Ada and Bob"]
    page._history.stack.undo()  # and the edit
    settle(qtbot, page)
    assert agenda_titles(page) == ["Coffee with Ada"]


def test_the_month_marks_each_day_and_moves_by_keys_and_buttons(qtbot, page, events):
    add(events, "Web Summit", TODAY, kind=EventKind.CONFERENCE)
    events.add(
        EventDraft(title="Lisbon trip", kind=EventKind.CONFERENCE, start=dt.date(2026, 12, 9),
                   end=dt.date(2026, 12, 12))
    )  # fmt: skip
    add(events, "Far ahead", TODAY + dt.timedelta(days=15))
    add(events, "Just in", TODAY + dt.timedelta(days=14))
    settle(qtbot, page)
    assert [m.title for m in page.grid.marks[TODAY]] == ["Web Summit"]
    assert page.grid.marks[TODAY][0].time == "18:00"
    # The agenda: the selected day and the fourteen after it.
    assert agenda_titles(page) == ["Web Summit", "Lisbon trip", "Just in"]
    page.grid.setFocus()
    QTest.keyClick(page.grid, Qt.Key.Key_PageDown)
    settle(qtbot, page)
    assert page.heading.text() == "December 2026"
    assert page.grid.selected == dt.date(2026, 12, 28)
    assert [d.day for d in sorted(page.grid.marks) if d.month == 12][:3] == [9, 10, 11]
    assert page.status_text() == "3 events in December"
    QTest.keyClick(page.grid, Qt.Key.Key_Left)
    QTest.keyClick(page.grid, Qt.Key.Key_Up)
    assert page.grid.selected == dt.date(2026, 12, 20)
    QTest.keyClick(page.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, page)
    assert page.grid.selected == TODAY and page.heading.text() == "November 2026"
    QTest.mouseClick(page.buttons["calendarNextWeek"], Qt.MouseButton.LeftButton)
    assert page.grid.selected == dt.date(2026, 12, 5)
    QTest.mouseClick(page.buttons["calendarPreviousMonth"], Qt.MouseButton.LeftButton)
    assert page.grid.selected == dt.date(2026, 11, 5)
    QTest.keyClick(page.grid, Qt.Key.Key_Home)
    settle(qtbot, page)
    assert page.grid.selected == TODAY
    # A click on a day shows it in the agenda.
    day = TODAY + dt.timedelta(days=2)
    QTest.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=page.grid.cell_rect(day).center())
    settle(qtbot, page)
    assert page.content.agenda_first == day
    assert agenda_titles(page) == ["Lisbon trip", "Just in", "Far ahead"]


def test_one_occurrence_or_the_whole_series(qtbot, page, events, modal_dialogs):
    series = add(events, "Guild evening", TODAY, 18, EventKind.ASSOCIATION, rrule="FREQ=WEEKLY")
    settle(qtbot, page)
    assert agenda_titles(page) == ["Guild evening"] * 3  # 28 Nov, 5 and 12 Dec
    select_in_agenda(qtbot, page, "Guild evening")
    page.agenda.setCurrentRow(page.agenda.currentRow() + 2)  # 5 December
    assert page.current_occurrence().start.date() == dt.date(2026, 12, 5)

    modal_dialogs.click("This Event Only")
    QTest.keyClick(page.agenda, Qt.Key.Key_Return)
    assert "repeats" in modal_dialogs[-1]
    dialog = page.dialog
    assert dialog.start_day.date().toPython() == dt.date(2026, 12, 5)
    assert "Only" in dialog.note.text()
    dialog.title.clear()
    QTest.keyClicks(dialog.title, "Guild evening: holiday party")
    QTest.keyClick(dialog.title, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert agenda_titles(page) == ["Guild evening", "Guild evening: holiday party",
                                   "Guild evening"]  # fmt: skip
    assert events.get(series).draft.title == "Guild evening"

    modal_dialogs.click("All Events in the Series")
    select_in_agenda(qtbot, page, "Guild evening")
    QTest.keyClick(page.agenda, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog.start_day.date().toPython() == TODAY
    dialog.location.setText("Guild house")
    QTest.keyClick(dialog.title, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert events.get(series).draft.location == "Guild house"
    assert agenda_titles(page)[1] == "Guild evening: holiday party"  # the one kept its own

    # Deleting one leaves the others.
    modal_dialogs.click("This Event Only")
    select_in_agenda(qtbot, page, "Guild evening")
    QTest.keyClick(page.agenda, Qt.Key.Key_Delete)
    settle(qtbot, page)
    assert agenda_titles(page) == ["Guild evening: holiday party", "Guild evening"]
    page._history.stack.undo()
    settle(qtbot, page)
    assert agenda_titles(page) == ["Guild evening", "Guild evening: holiday party",
                                   "Guild evening"]  # fmt: skip
    # And the whole series goes, edited occurrence too; Undo brings it all back.
    modal_dialogs.click("All Events in the Series")
    select_in_agenda(qtbot, page, "Guild evening")
    QTest.keyClick(page.agenda, Qt.Key.Key_Delete)
    settle(qtbot, page)
    assert agenda_titles(page) == []
    page._history.stack.undo()
    settle(qtbot, page)
    assert agenda_titles(page) == ["Guild evening", "Guild evening: holiday party",
                                   "Guild evening"]  # fmt: skip


def test_who_did_you_meet_waits_for_the_event_to_start(qtbot, page, events, window):
    """QA: Calendar > Who Did You Meet? opened for a meeting still to come."""
    add(events, "Investor breakfast", TODAY + dt.timedelta(days=1), 9)
    page.grid.select(TODAY + dt.timedelta(days=1))
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Investor breakfast")
    menu_action(window, "Calenda&r", "&Who Did You Meet?…").trigger()
    assert getattr(page, "met_dialog", None) is None
    assert "has not started yet" in window.statusBar().currentMessage()


def test_after_an_event_who_did_you_meet(qtbot, page, events, window, database):
    contacts = window.page("contactsView")._contacts
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    window.page("contactsView").model.wait_for_loader()
    event_id = add(events, "Alumni mixer", TODAY - dt.timedelta(days=2), 18, EventKind.ALUMNI)
    page.grid.select(TODAY - dt.timedelta(days=2))
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Alumni mixer")
    assert page.panel.prompt.isVisible()
    assert "Who did you meet?" in page.panel.prompt_text.text()
    QTest.mouseClick(page.panel.prompt_button, Qt.MouseButton.LeftButton)
    dialog = page.met_dialog
    assert_mnemonics_reach_fields(dialog)  # QA: "&New" showed its "&"
    QTest.keyClicks(dialog.people.search, "Lovelace")
    QTest.keyClick(dialog.people.search, Qt.Key.Key_Return)
    assert dialog.people.ids() == [ada]
    QTest.keyClicks(dialog.new_name, "Grace Hopper")
    QTest.keyClick(dialog.new_name, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.new_organization, "Navy")
    QTest.keyClick(dialog.new_organization, Qt.Key.Key_Return)
    assert dialog.people.chosen.count() == 2
    # The default follow-ups: the next day (today, as the mixer was two days ago) and a
    # week after the event; the second is unticked for this test.
    assert dialog.next_day_on.date().toPython() == TODAY
    assert dialog.week_later_on.date().toPython() == dt.date(2026, 12, 3)
    dialog.week_later.click()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible(), dialog.problem.text()
    settle(qtbot, page)
    logged = database.execute_sql(
        "SELECT i.kind, i.event_id, ic.contact_id FROM interaction i"
        " JOIN interaction_contact ic ON ic.interaction_id = i.id ORDER BY i.id"
    ).fetchall()
    grace = logged[1][2]
    assert logged == [("event encounter", event_id, ada), ("event encounter", event_id, grace)]
    assert contacts.get(grace).draft.organization == "Navy"
    reminders = database.execute_sql(
        "SELECT contact_id, kind, due_at FROM reminder WHERE event_id = ? ORDER BY contact_id",
        (event_id,),
    ).fetchall()
    assert reminders == [(ada, "follow-up", "2026-11-28 09:00:00"),
                         (grace, "follow-up", "2026-11-28 09:00:00")]  # fmt: skip
    assert events.get(event_id).draft.contact_ids == (ada, grace)
    select_in_agenda(qtbot, page, "Alumni mixer")
    assert not page.panel.prompt.isVisible()  # asked once: someone was met
    assert page.panel.attendees.count() == 2


def test_an_interview_moves_through_its_stages(qtbot, page, events, window, database):
    contacts = window.page("contactsView")._contacts
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    event_id = add(
        events, "Informational interview: Ada", TODAY - dt.timedelta(days=1), 15,
        EventKind.INFORMATIONAL_INTERVIEW, attendees=(Attendee(contact_id=ada),),
        stage=InterviewStage.SCHEDULED,
    )  # fmt: skip
    page.grid.select(TODAY - dt.timedelta(days=1))
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Informational interview: Ada")
    assert "Stage: Scheduled" in page.agenda.currentItem().text()
    stage = page.panel.stage
    assert stage.isVisible() and stage.currentData() is InterviewStage.SCHEDULED
    stage.setFocus()
    QTest.keyClick(stage, Qt.Key.Key_Down)  # Done
    learned = page.learned_dialog
    assert learned.isVisible()
    QTest.keyClicks(learned.notes, "Talk to the data team first")
    learned.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    settle(qtbot, page)
    assert events.get(event_id).draft.stage is InterviewStage.DONE
    assert "Stage: Done" in page.agenda.currentItem().text()
    assert database.execute_sql("SELECT kind, notes, event_id FROM interaction").fetchall() == [
        ("informational interview", "Talk to the data team first", event_id)
    ]
    assert database.execute_sql(
        "SELECT kind, due_at FROM reminder WHERE event_id = ? ORDER BY due_at", (event_id,)
    ).fetchall() == [("thank-you", "2026-11-28 09:00:00"), ("follow-up", "2026-12-28 09:00:00")]
    assert "Say thank you to Ada Lovelace for the interview" in page.panel.reminders.text()
    # Thanked closes the thank-you.
    stage = page.panel.stage
    stage.setFocus()
    QTest.keyClick(stage, Qt.Key.Key_Down)
    settle(qtbot, page)
    assert events.get(event_id).draft.stage is InterviewStage.THANKED
    assert "Say thank you" not in page.panel.reminders.text()
    assert "Report back to Ada Lovelace" in page.panel.reminders.text()


def test_cancelling_what_was_learned_keeps_the_stage(qtbot, page, events):
    event_id = add(events, "Interview", TODAY, 8, EventKind.INFORMATIONAL_INTERVIEW,
                   stage=InterviewStage.SCHEDULED)  # fmt: skip
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Interview")
    page.panel.stage.setFocus()
    QTest.keyClick(page.panel.stage, Qt.Key.Key_Down)
    QTest.keyClick(page.learned_dialog, Qt.Key.Key_Escape)
    assert page.panel.stage.currentData() is InterviewStage.SCHEDULED
    assert events.get(event_id).draft.stage is InterviewStage.SCHEDULED


def test_the_panel_opens_attendees_and_a_contacts_panel_opens_its_events(
    qtbot, page, events, window
):
    contacts_page = window.page("contactsView")
    ada = contacts_page._contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    contacts_page.model.wait_for_loader()
    event_id = add(events, "Portfolio night", TODAY + dt.timedelta(days=20), 18,
                   attendees=(Attendee(contact_id=ada),))  # fmt: skip
    add(events, "Other evening", TODAY + dt.timedelta(days=20), 20)
    # The contact's panel lists the event; a click opens it on the Calendar page.
    window.show_page("contactsView")
    contacts_page.select_contact(ada)
    listed = contacts_page.events_section.list
    qtbot.waitUntil(lambda: listed.count() == 1)
    assert "Portfolio night" in listed.item(0).text()
    QTest.mouseClick(
        listed.viewport(), Qt.MouseButton.LeftButton,
        pos=listed.visualItemRect(listed.item(0)).center(),
    )  # fmt: skip
    assert window.host.current() is page
    settle(qtbot, page)
    assert page.grid.selected == TODAY + dt.timedelta(days=20)
    assert page.current_occurrence().event_id == event_id
    assert page.panel.title.text() == "Portfolio night"
    # Before the event: the brief names Ada; Enter on her opens her contact.
    assert "Ada Lovelace, never in touch yet" in page.panel.brief.text()
    page.panel.attendees.setFocus()
    page.panel.attendees.setCurrentRow(0)
    QTest.keyClick(page.panel.attendees, Qt.Key.Key_Return)
    assert window.host.current() is contacts_page
    assert contacts_page.panel.contact_id == ada


def test_contact_text_is_plain_everywhere_on_the_page(qtbot, page, events):
    add(events, "<b>bold</b> <img src=x>", TODAY, 12, location="<i>here</i>",
        notes="<script>x</script>")  # fmt: skip
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "<b>bold</b> <img src=x>")
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert page.panel.title.text() == "<b>bold</b> <img src=x>"


def test_opening_a_series_shows_its_next_occurrence(qtbot, page, events):
    series = add(events, "Monthly guild", dt.date(2026, 3, 3), 18, EventKind.ASSOCIATION,
                 rrule="FREQ=MONTHLY")  # fmt: skip
    page.open_item(series)
    settle(qtbot, page)
    assert page.grid.selected == dt.date(2026, 12, 3)
    assert page.current_occurrence().series_id == series
    page.open_item(987654)  # deleted meanwhile: said, nothing else
    assert page.grid.selected == dt.date(2026, 12, 3)


def test_the_brief_names_the_goals_an_event_is_linked_to(qtbot, window, page, events):
    """Issue 12: the brief before an event names the goals it is linked to."""
    from networker.domain.goals import GoalDraft, TargetDraft, TargetKind

    goals = window.page("goalsView")._goals
    target = (TargetDraft(TargetKind.MANUAL, 3),)
    ends = TODAY + dt.timedelta(days=90)
    mentor = goals.add(GoalDraft("Find a mentor", target, starts_on=TODAY, ends_on=ends))
    event_id = add(events, "Design leaders' breakfast", TODAY + dt.timedelta(days=2))
    goals.link(mentor, "event", [event_id])
    page.open_item(event_id)
    settle(qtbot, page)
    assert page.panel.brief.text().startswith("For your goals: Find a mentor")


def test_the_next_month_is_painted_at_once_from_what_was_read_ahead(qtbot, page, events):
    """Issue 12's figure: switching months painted only after a read on a worker."""
    next_month = dt.date(2026, 12, 15)
    add(events, "December meetup", next_month)
    settle(qtbot, page)  # the change reached the page: read again, and ahead
    from networker.views.month_grid import grid_start

    qtbot.waitUntil(lambda: grid_start(2026, 12) in page._marks_ahead)
    page.next_month()  # no event loop between: painted from what was read ahead
    assert page.painted_first == page.grid.first_day
    assert [m.title for m in page.grid.marks[next_month]] == ["December meetup"]
    settle(qtbot, page)
    # A change of data forgets what was read ahead (it would show the old events).
    add(events, "Another", dt.date(2027, 1, 5))
    qtbot.waitUntil(lambda: grid_start(2027, 1) in page._marks_ahead)
    page.next_month()
    assert [m.title for m in page.grid.marks[dt.date(2027, 1, 5)]] == ["Another"]


def click_bar(page, day, index=0):
    QTest.mouseClick(
        page.grid, Qt.MouseButton.LeftButton, pos=page.grid.bar_rect(day, index).center()
    )


def test_a_click_on_a_bar_chooses_that_occurrence_for_enter_and_delete(
    qtbot, page, events, modal_dialogs
):
    """QA: with the 23 December lunch chosen in the agenda, a click on the 9 December bar
    and Enter asked to change "the one on Wednesday 23 December"."""
    add(events, "Alumni lunch", dt.date(2026, 12, 2), 12, EventKind.ALUMNI, rrule="FREQ=WEEKLY")
    add(events, "Board call", dt.date(2026, 12, 9), 16)
    page.grid.select(dt.date(2026, 12, 9))
    settle(qtbot, page)
    assert agenda_titles(page) == ["Alumni lunch", "Board call", "Alumni lunch", "Alumni lunch"]
    page.agenda.setCurrentRow(page.agenda.count() - 1)  # Wednesday 23 December
    assert page.current_occurrence().start.date() == dt.date(2026, 12, 23)
    assert page.grid.chosen == (page.current_occurrence().series_id,
                                page.current_occurrence().original_start)  # fmt: skip

    # The bar on the day shown: chosen at once, the panel follows.
    click_bar(page, dt.date(2026, 12, 9))
    assert page.current_occurrence().start.date() == dt.date(2026, 12, 9)
    assert "9 December" in page.panel.when.text()
    QTest.keyClick(page.grid, Qt.Key.Key_Return)
    assert "Wednesday 09 December" in modal_dialogs[-1]
    # The second bar of the day: that event.
    click_bar(page, dt.date(2026, 12, 9), 1)
    assert page.current_occurrence().title == "Board call"

    # From another day: the 23 December lunch chosen again, the selected day moved on.
    page.agenda.setCurrentRow(page.agenda.count() - 1)
    page.grid.select(dt.date(2026, 12, 10))
    settle(qtbot, page)
    page.agenda.setCurrentRow(page.agenda.count() - 1)
    assert page.current_occurrence().start.date() == dt.date(2026, 12, 23)
    click_bar(page, dt.date(2026, 12, 9))
    # Enter before the new day is read acts on the bar clicked, never on 23 December.
    QTest.keyClick(page.grid, Qt.Key.Key_Return)
    assert "Wednesday 09 December" in modal_dialogs[-1]
    settle(qtbot, page)
    assert page.current_occurrence().start.date() == dt.date(2026, 12, 9)
    assert page.panel.title.text() == "Alumni lunch" and "9 December" in page.panel.when.text()
    modal_dialogs.click("This Event Only")
    QTest.keyClick(page.grid, Qt.Key.Key_Delete)
    settle(qtbot, page)
    assert "Wednesday 09 December" in modal_dialogs[-1]
    december = events.between_days(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    lunches = [o.start.date().day for o in december if o.title == "Alumni lunch"]
    assert lunches == [2, 16, 23, 30]


def test_a_click_on_a_day_chooses_the_day_not_an_event_chosen_before(
    qtbot, page, events, modal_dialogs
):
    add(events, "Alumni lunch", dt.date(2026, 12, 2), 12, EventKind.ALUMNI, rrule="FREQ=WEEKLY")
    page.grid.select(dt.date(2026, 12, 10))
    settle(qtbot, page)
    page.agenda.setCurrentRow(page.agenda.count() - 1)  # 23 December
    day = dt.date(2026, 12, 11)  # nothing that day
    QTest.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=page.grid.cell_rect(day).center())
    QTest.keyClick(page.grid, Qt.Key.Key_Return)
    assert page.current_occurrence() is None and not modal_dialogs
    settle(qtbot, page)
    assert page.current_occurrence() is None
    assert page.panel.shown is None and page.panel.stack.currentWidget() is page.panel.empty
    QTest.keyClick(page.grid, Qt.Key.Key_Delete)
    assert not modal_dialogs
    # A day with an event, clicked beside its bar: its event.
    day = dt.date(2026, 12, 16)
    rect = page.grid.cell_rect(day)
    QTest.mouseClick(
        page.grid, Qt.MouseButton.LeftButton, pos=QPoint(rect.center().x(), rect.bottom() - 2)
    )
    settle(qtbot, page)
    assert page.current_occurrence().start.date() == day


def test_ctrl_n_adds_an_event_however_the_page_was_reached(qtbot, window):
    """QA: from the navigation (Ctrl+3, or a click on Calendar) Ctrl+N made a contact;
    only a click in the month made it add an event, as the page's button says."""
    new_contact = menu_action(window, "&File", "&New Contact")
    new_event = menu_action(window, "&File", "New E&vent…")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigation.setFocus()
    assert new_contact.shortcut().toString() == "Ctrl+N" and new_event.shortcut().isEmpty()

    qtbot.keyClick(window.navigation, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.host.current()
    assert page.objectName() == "calendarView"
    settle(qtbot, page)
    # The File menu says what Ctrl+N does here.
    assert new_event.shortcut().toString() == "Ctrl+N" and new_contact.shortcut().isEmpty()
    assert window.navigation.hasFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog.isVisible() and page.dialog.windowTitle() == "New Event"
    assert window.host.current() is page
    QTest.keyClick(page.dialog, Qt.Key.Key_Escape)
    # Ctrl+T goes to today from there too.
    page.grid.select(TODAY + dt.timedelta(days=40))
    qtbot.keyClick(window.navigation, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.grid.selected == TODAY

    # A click on the navigation item, then Ctrl+N: an event again.
    qtbot.keyClick(window.navigation, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert new_contact.shortcut().toString() == "Ctrl+N" and new_event.shortcut().isEmpty()
    calendar_row = next(r for r in range(window.navigation.count())
                        if window.navigation.item(r).text() == "Calendar")  # fmt: skip
    rect = window.navigation.visualItemRect(window.navigation.item(calendar_row))
    QTest.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.host.current() is page
    page.dialog = None
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.windowTitle() == "New Event"
    QTest.keyClick(page.dialog, Qt.Key.Key_Escape)

    # On Today and Contacts, Ctrl+N is still New Contact.
    contacts = window.page("contactsView")
    for number in (Qt.Key.Key_1, Qt.Key.Key_2):
        qtbot.keyClick(window.navigation, number, Qt.KeyboardModifier.ControlModifier)
        window.navigation.setFocus()
        with qtbot.waitSignal(new_contact.triggered, timeout=1000):
            qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert window.host.current() is contacts


def test_who_did_you_meet_is_asked_once_per_occurrence_of_a_series(qtbot, page, events, window):
    """QA: answered for one lunch of a weekly series, the question left every other."""
    contacts = window.page("contactsView")._contacts
    contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    window.page("contactsView").model.wait_for_loader()
    first = TODAY - dt.timedelta(days=14)
    add(events, "Alumni lunch", first, 12, EventKind.ALUMNI, rrule="FREQ=WEEKLY")
    for day in (first, first + dt.timedelta(days=7)):
        lunch_on(qtbot, page, day)
        assert page.panel.prompt.isVisible(), day
    lunch_on(qtbot, page, first)
    met(page, "Lovelace")
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Alumni lunch")
    assert not page.panel.prompt.isVisible()  # answered for this one
    # Who was met is listed with it (QA round 2: "Nobody recorded yet" after a save).
    people = [page.panel.attendees.item(r).text() for r in range(page.panel.attendees.count())]
    assert people == ["Ada Lovelace (met here)"]
    lunch_on(qtbot, page, first + dt.timedelta(days=7))
    assert page.panel.prompt.isVisible()  # still asked for the next
    assert page.panel.attendees.count() == 0


def test_who_you_met_at_one_of_a_series_stays_with_that_one(qtbot, page, events, window, database):
    """QA: someone added in "Who did you meet?" for one lunch of a weekly series joined
    every lunch to come; and the panel listed two identical follow-ups without dates."""
    contacts = window.page("contactsView")._contacts
    contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    window.page("contactsView").model.wait_for_loader()
    first = TODAY - dt.timedelta(days=7)
    series = add(events, "Alumni lunch", first, 12, EventKind.ALUMNI, rrule="FREQ=WEEKLY")
    lunch_on(qtbot, page, first)
    assert page.current_occurrence().start.date() == first
    dialog = met(page, "Lovelace")
    assert not dialog.isVisible(), dialog.problem.text()
    settle(qtbot, page)
    assert events.get(series).draft.contact_ids == ()  # the series' people are unchanged
    [(kind, when)] = database.execute_sql("SELECT kind, occurred_at FROM interaction").fetchall()
    assert kind == "event encounter" and when.startswith(first.isoformat())
    # The panel: each follow-up with its day.
    select_in_agenda(qtbot, page, "Alumni lunch")
    lines = page.panel.reminders.text().splitlines()
    assert lines == [
        "• Follow up with Ada Lovelace: met at Alumni lunch, due Sat 28 Nov",
        "• Follow up with Ada Lovelace: met at Alumni lunch, due Sun 29 Nov",
    ]
    # Met again (logged twice): the same follow-ups are not listed twice.
    dialog = met(page, "Lovelace")
    settle(qtbot, page)
    select_in_agenda(qtbot, page, "Alumni lunch")
    assert len(database.execute_sql("SELECT id FROM reminder").fetchall()) == 4
    assert page.panel.reminders.text().splitlines() == lines
    # The lunch to come has no one added.
    page.grid.select(TODAY + dt.timedelta(days=7))
    settle(qtbot, page)
    assert page.panel.shown.occurrence.start.date() == TODAY + dt.timedelta(days=7)
    assert page.panel.attendees.count() == 0


def test_the_people_field_stays_beside_its_label(qtbot, window, page):
    """QA: in New Event, adding a person moved the People field down, away from its
    label (the picker grew while its matches showed, and kept the room around it)."""
    contacts = window.page("contactsView")._contacts
    contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    window.page("contactsView").model.wait_for_loader()
    page.new_event()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    label = next(w for w in dialog.findChildren(QLabel) if w.text() == "&People")
    search = dialog.attendees.search

    def apart() -> int:
        label_middle = label.mapTo(dialog, label.rect().center()).y()
        return abs(search.mapTo(dialog, search.rect().center()).y() - label_middle)

    assert apart() <= 4
    QTest.keyClicks(search, "Lovelace")
    QTest.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.attendees.chosen.count() == 1)
    for _ in range(3):  # the layout requests posted by the matches shown, then hidden
        QApplication.processEvents()
    assert apart() <= 4
