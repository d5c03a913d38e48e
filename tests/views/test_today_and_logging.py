"""The Today page and Log Interaction (Ctrl+L), driven as a user would."""

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.services.interactions import InteractionService
from networker.views.log_interaction_dialog import LogInteractionDialog
from networker.views.today_view import ReminderRow
from tests.conftest import make_draft
from tests.views.conftest import menu_action


def settled(qtbot, page):
    """Wait until the page shows what is due now (its reads run on a worker)."""
    qtbot.waitUntil(lambda: not page._loading, timeout=5000)
    return page


def today(qtbot, window):
    page = window.show_page("todayView")
    page.refresh()
    return settled(qtbot, page)


def rows(page):
    return page.body.findChildren(ReminderRow)


def test_today_is_the_first_page_and_teaches_a_new_user_the_loop(qtbot, window):
    assert window.host.current().objectName() == "todayView"
    page = today(qtbot, window)
    empty = page.findChild(QLabel, "todayEmpty")
    assert "log your first coffee chat" in empty.text()
    assert rows(page) == []


def test_a_due_keep_in_touch_shows_and_done_takes_it_away(qtbot, window, service, clock):
    ada = service.create(make_draft(given_name="Ada", family_name="", cadence_days=30))
    clock.advance(dt.timedelta(days=40))
    page = today(qtbot, window)
    (row,) = rows(page)
    assert row.reminder.contact_id == ada
    texts = [label.text() for label in row.findChildren(QLabel)]
    assert "Keep in touch with Ada (every 30 days)" in texts
    assert "Overdue by 10 days · Analytical Engines" in texts  # (who, among namesakes)
    assert window.status_label.text() == "1 due today"
    qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    settled(qtbot, page)
    assert rows(page) == []
    assert window.statusBar().currentMessage() == ("Done: Keep in touch with Ada (every 30 days)")


def test_done_dismiss_and_snooze_on_today_can_be_undone_and_redone(qtbot, window, service, clock):
    """QA: a Done clicked by mistake could not be taken back."""
    ada = service.create(make_draft(given_name="Ada", family_name="", cadence_days=30))
    clock.advance(dt.timedelta(days=40))
    page = today(qtbot, window)
    next_due = service.summaries([ada])[ada].next_due

    def press(extra=Qt.KeyboardModifier.NoModifier):  # Ctrl+Z, or Ctrl+Shift+Z with Shift
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | extra)
        return settled(qtbot, page)

    def menu_action(row, data):
        return next(a for a in row.snooze_button.menu().actions() if a.data() == data)

    (row,) = rows(page)
    qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    settled(qtbot, page)
    assert rows(page) == [] and service.summaries([ada])[ada].next_due != next_due
    press()
    qtbot.waitUntil(lambda: len(rows(page)) == 1)
    assert service.summaries([ada])[ada].next_due == next_due  # as it was
    assert window.statusBar().currentMessage().startswith("Undone: Done")
    press(Qt.KeyboardModifier.ShiftModifier)  # redo
    qtbot.waitUntil(lambda: rows(page) == [])
    press()
    qtbot.waitUntil(lambda: len(rows(page)) == 1)
    (row,) = rows(page)
    menu_action(row, "dismiss").trigger()
    qtbot.waitUntil(lambda: rows(page) == [])
    press()
    qtbot.waitUntil(lambda: len(rows(page)) == 1)
    (row,) = rows(page)
    row.snooze_button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: [r.reminder.due > clock.now() for r in rows(page)] == [True])
    press()
    qtbot.waitUntil(lambda: [r.reminder.due > clock.now() for r in rows(page)] == [False])


def test_snooze_hides_a_reminder_until_it_is_due_again(qtbot, window, service, clock):
    service.create(make_draft(given_name="Ada", family_name="", cadence_days=7))
    clock.advance(dt.timedelta(days=8))
    page = today(qtbot, window)
    (row,) = rows(page)
    hour = row.snooze_button.menu().actions()[0]
    hour.trigger()
    settled(qtbot, page)
    assert [r.reminder.due > clock.now() for r in rows(page)] == [True]  # coming up
    assert "Snoozed until" in window.statusBar().currentMessage()


def test_open_shows_the_contact_on_the_contacts_page(qtbot, window, service, clock):
    ada = service.create(make_draft(given_name="Ada", family_name="", cadence_days=7))
    clock.advance(dt.timedelta(days=8))
    (row,) = rows(today(qtbot, window))
    qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)
    contacts = window.host.current()
    assert contacts.objectName() == "contactsView"
    assert contacts.selected_ids() == [ada]


def open_log_dialog(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(LogInteractionDialog) is not None)
    dialog = window.findChild(LogInteractionDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search)
    return dialog


def test_ctrl_l_logs_an_interaction_from_anywhere_by_keyboard(
    qtbot, window, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    dialog = open_log_dialog(qtbot, window)
    qtbot.keyClicks(dialog.search, "lovel")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # picks the first match
    assert dialog.contact_ids() == [ada]
    # The summary is next: typed where the focus is (QA: it went into the search).
    assert QApplication.focusWidget() is dialog.summary
    qtbot.keyClicks(QApplication.focusWidget(), "Compilers")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter saves
    timeline = InteractionService(database=database, clock=clock).timeline(ada)
    assert [(r.draft.kind, r.draft.summary) for r in timeline] == [
        (InteractionKind.COFFEE_CHAT, "Compilers")
    ]


def test_enter_on_the_second_match_picks_it_and_saves_nothing(qtbot, window, service):
    """QA: Ctrl+L, two matches, Down Down Enter saved a coffee chat at once, and the
    summary typed next went into the window's search field."""
    service.create(make_draft(given_name="Søren", family_name="Kowalski", organization="Acme"))
    other = service.create(
        make_draft(given_name="Søren", family_name="Kowalski", organization="Globex")
    )
    dialog = open_log_dialog(qtbot, window)
    qtbot.keyClicks(dialog.search, "kowalski")
    qtbot.waitUntil(lambda: dialog.results.count() == 2)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    picked = dialog.results.currentItem().data(Qt.ItemDataRole.UserRole)[0]
    saved = []
    dialog.saved.connect(lambda: saved.append(True))
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert dialog.isVisible() and saved == []
    assert dialog.contact_ids() == [picked] and picked in (other, picked)
    assert QApplication.focusWidget() is dialog.summary


def test_logging_from_the_contacts_page_is_with_the_selected_contact(qtbot, window, view, service):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    view.select_contact(ada)
    dialog = open_log_dialog(qtbot, window)
    assert dialog.contact_ids() == [ada]


def test_an_interaction_without_anyone_is_refused_in_the_dialog(qtbot, window):
    menu_action(window, "&File", "&Log Interaction…").trigger()
    dialog = window.findChild(LogInteractionDialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.text() == "An interaction needs at least one contact."


def test_with_contacts_but_nothing_due_today_says_how_to_be_reminded(qtbot, window, service):
    service.create(make_draft())
    empty = today(qtbot, window).findChild(QLabel, "todayEmpty")
    assert empty.text().startswith("Nothing needs you today.")
    assert "import your network" not in empty.text()
    assert "Keep in touch every" in empty.text()


def test_quick_log_from_the_panel_in_two_clicks_shows_on_the_timeline(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    view.select_contact(ada)
    timeline = view.timeline
    assert timeline.contact_id == ada
    assert timeline.balance.text() == "No help given or received in the last 12 months."
    call = next(a for a in timeline.quick_log.menu().actions() if a.text() == "Call")
    call.trigger()  # the second click: the menu's item
    assert [timeline.list.item(r).text() for r in range(timeline.list.count())] == [
        f"{clock.now().astimezone():%d %b %Y} · Call"
    ]
    assert window.statusBar().currentMessage() == "Logged: call, now."


def test_an_interaction_deleted_from_the_timeline_comes_back_with_ctrl_z(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    reading = InteractionService(database=database, clock=clock)
    logged = reading.log(
        InteractionDraft([ada], InteractionKind.MEETING, summary="Board",
                         follow_up_on=clock.today() + dt.timedelta(days=3))
    )  # fmt: skip
    view.select_contact(ada)
    view.timeline.delete(logged)  # at once: no question, it can be undone
    assert reading.timeline(ada) == []
    assert "Undo (Ctrl+Z)" in window.statusBar().currentMessage()
    assert window.undo_action.text() == "&Undo Delete Interaction"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (back,) = reading.timeline(ada)
    assert back.draft.summary == "Board" and back.draft.follow_up_on is not None
    assert view.timeline.list.count() == 1  # the timeline shows it again
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # Redo: deleted again
    assert reading.timeline(ada) == []


def test_snooze_until_a_chosen_day_brings_it_back_that_morning(qtbot, window, service, clock):
    service.create(make_draft(given_name="Ada", family_name="", cadence_days=7))
    clock.advance(dt.timedelta(days=8))
    page = today(qtbot, window)
    (row,) = rows(page)
    until_day = next(a for a in row.snooze_button.menu().actions() if a.data() == "day")
    assert until_day.text() == "Until a &Day…"
    until_day.trigger()
    dialog = row.day_dialog
    assert dialog.day.date().toPython() == clock.today() + dt.timedelta(days=1)  # at least
    qtbot.keyClick(dialog.day, Qt.Key.Key_Up)  # the day part: one more day
    back_on = clock.today() + dt.timedelta(days=2)
    assert dialog.day.date().toPython() == back_on
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    settled(qtbot, page)
    (later,) = rows(page)
    assert later.reminder.due == clock.at(back_on, dt.time(9, 0))
    assert "Snoozed until" in window.statusBar().currentMessage()


def test_the_favour_row_has_a_working_mnemonic(qtbot, window):
    dialog = open_log_dialog(qtbot, window)
    favour = next(label for label in dialog.findChildren(QLabel) if label.text() == "&Favour")
    assert favour.buddy() is dialog.value
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.value.hasFocus()


def test_this_weeks_events_and_their_reminders_are_on_today(qtbot, window, database, clock):
    from networker.domain.events import EventDraft, EventKind
    from networker.services.events import EventService
    from networker.views.today_view import EventRow

    events = EventService(database=database, clock=clock, on_change=window_changes(window))
    start = clock.now() + dt.timedelta(days=2)
    meetup = events.add(EventDraft(
        "Women in Tech meetup", start, start + dt.timedelta(hours=2), EventKind.MEETUP, "UTC",
        location="Impact Hub", reminder_minutes=3 * 24 * 60,
    ))  # fmt: skip
    events.add(EventDraft("Next month", start + dt.timedelta(days=30),
                          start + dt.timedelta(days=30, hours=1), zone="UTC"))  # fmt: skip
    page = today(qtbot, window)
    (row,) = page.body.findChildren(EventRow)
    words = [label.text() for label in row.findChildren(QLabel)]
    assert words == [
        "Women in Tech meetup",
        "Mon 30 Nov, 09:00\N{EN DASH}11:00 · Meet-up · Impact Hub",
    ]
    # Its reminder (three days ahead) is due now; Open on it leads to the event too.
    (reminder,) = rows(page)
    assert reminder.reminder.event_id == meetup
    assert not reminder.log_button.isEnabled() and reminder.open_button.isEnabled()
    asked = []
    page.open_requested.connect(lambda name, item: asked.append((name, item)))
    qtbot.mouseClick(reminder.open_button, Qt.MouseButton.LeftButton)
    assert window.host.current().objectName() == "calendarView"
    window.show_page("todayView")
    qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)
    assert asked == [("calendarView", meetup), ("calendarView", meetup)]
    window.show_page("todayView")
    # Deleting the event takes both away without a restart.
    events.delete(meetup)
    settled(qtbot, page)
    assert page.body.findChildren(EventRow) == [] and rows(page) == []


def window_changes(window):
    """What a service outside the window reports reaches the window's pages."""
    return lambda changes: window.host.apply_changes(changes)


def test_at_640_px_and_a_large_font_the_buttons_go_under_the_words(qtbot, window, service, clock):
    """QA: at 640 px Today cut its buttons and scrolled sideways."""
    from PySide6.QtWidgets import QScrollArea

    from tests.views.test_narrow_window import resized

    service.create(make_draft(given_name="Maximiliane", family_name="von Hohenzollern",
                              organization="Bundesverband der Deutschen Industrie e.V.",
                              cadence_days=30))  # fmt: skip
    clock.advance(dt.timedelta(days=40))
    app = QApplication.instance()
    font = app.font()
    large = font.__class__(font)
    large.setPointSize(14)
    try:
        for shown_font in (font, large):
            app.setFont(shown_font)
            page = today(qtbot, window)
            for width in (640, 1100, 1920):
                resized(qtbot, window, width)
                assert window.width() == width
                (row,) = rows(page)
                if shown_font is large:
                    assert row.stacked is (width == 640), width
                scroll = page.findChild(QScrollArea)
                assert page.body.width() <= scroll.viewport().width(), width
                right = row.open_button.mapTo(row, row.open_button.rect().topRight()).x()
                assert right <= row.width(), width
    finally:
        app.setFont(font)


def test_people_of_one_name_are_told_apart_when_logging(qtbot, window, service):
    """QA: four "Amara Johnson"s, two at Müller GmbH, read alike in the search and in
    the people chosen."""
    for organization, title in (("Müller GmbH", "CTO"), ("Müller GmbH", "Sales"),
                                ("Acme", ""), ("", "")):  # fmt: skip
        service.create(make_draft(given_name="Amara", family_name="Johnson",
                                  organization=organization, title=title))  # fmt: skip
    dialog = open_log_dialog(qtbot, window)
    qtbot.keyClicks(dialog.search, "amara johnson")
    shown = [dialog.results.item(row).text() for row in range(dialog.results.count())]
    assert sorted(shown) == [
        "Amara Johnson",
        "Amara Johnson · Acme",
        "Amara Johnson · Müller GmbH · CTO",
        "Amara Johnson · Müller GmbH · Sales",
    ]
    first = shown[0]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert [dialog.chosen.item(row).text() for row in range(dialog.chosen.count())] == [first]
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_todays_rows_tell_apart_people_of_one_name(qtbot, window, service, clock):
    """QA: four "Amara Johnson"s on Today, with nothing to tell them apart."""
    for organization, title in (("Müller GmbH", "CTO"), ("Müller GmbH", "Sales"), ("", "")):
        amara = make_draft(given_name="Amara", family_name="Johnson", cadence_days=30)
        service.create(dataclasses.replace(amara, organization=organization, title=title))
    clock.advance(dt.timedelta(days=40))
    page = today(qtbot, window)
    seconds = sorted(row.findChildren(QLabel)[1].text() for row in rows(page))
    assert seconds == [
        "Overdue by 10 days",
        "Overdue by 10 days · Müller GmbH · CTO",
        "Overdue by 10 days · Müller GmbH · Sales",
    ]


def test_a_daily_series_is_one_line_of_this_weeks_events(qtbot, window, database, clock):
    """QA round 2: a daily stand-up filled Today's "Events this week"."""
    from networker.domain.events import EventDraft
    from networker.services.events import EventService
    from networker.views.today_view import EventRow

    events = EventService(database=database, clock=clock, on_change=window_changes(window))
    start = clock.now() + dt.timedelta(hours=3)
    events.add(EventDraft("Stand-up", start, start + dt.timedelta(minutes=15), zone="UTC",
                          rrule="FREQ=DAILY"))  # fmt: skip
    events.add(EventDraft("Meetup", start + dt.timedelta(days=2),
                          start + dt.timedelta(days=2, hours=2), zone="UTC"))  # fmt: skip
    page = today(qtbot, window)
    titles = [row.findChildren(QLabel)[0].text() for row in page.body.findChildren(EventRow)]
    assert titles == ["Stand-up", "Meetup"]  # the series at its next occurrence only
