"""Their news on a contact's timeline, and its congratulation on Today, driven as a user
would: add, edit and delete a milestone by keyboard and menu."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.domain.milestones import MilestoneKind
from networker.services.interactions import InteractionService
from networker.services.milestones import MilestoneService
from networker.views.timeline_section import MILESTONE_ROLE
from networker.views.today_view import ReminderRow
from tests.conftest import make_draft

HOSTILE = "<b>CTO</b> at <a href='file:///etc/passwd'>Babbage</a>"


def lines(timeline):
    return [timeline.list.item(r).text() for r in range(timeline.list.count())]


def open_dialog(qtbot, timeline, start):
    start()
    dialog = timeline.milestone_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.words.hasFocus)  # the keyboard starts on the text
    return dialog


def today_rows(qtbot, window):
    page = window.show_page("todayView")
    page.refresh()
    qtbot.waitUntil(lambda: not page._loading, timeout=5000)
    return page, page.body.findChildren(ReminderRow)


def test_a_milestone_added_by_keyboard_sits_among_interactions_by_date(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    interactions = InteractionService(database=database, clock=clock)
    for days_ago, summary in ((10, "Before"), (1, "After")):
        when = clock.now().astimezone() - dt.timedelta(days=days_ago)
        interactions.log(InteractionDraft([ada], InteractionKind.CALL, when, summary))
    view.select_contact(ada)
    timeline = view.timeline
    dialog = open_dialog(qtbot, timeline, timeline.milestone_button.click)
    assert dialog.windowTitle() == "Add Milestone"
    dialog.kind.setCurrentIndex(dialog.kind.findData(MilestoneKind.PROMOTION))
    dialog.day.setDate(dialog.day.date().addDays(-5))
    qtbot.keyClicks(dialog.words, HOSTILE)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.words, Qt.Key.Key_Return)  # Enter saves
    day = clock.today()
    assert lines(timeline) == [
        f"{clock.now().astimezone() - dt.timedelta(days=1):%d %b %Y} · Call · After",
        f"{day - dt.timedelta(days=5):%d %b %Y} · Promotion: {HOSTILE}",
        f"{clock.now().astimezone() - dt.timedelta(days=10):%d %b %Y} · Call · Before",
    ]
    assert timeline.list.item(1).data(MILESTONE_ROLE)
    assert window.statusBar().currentMessage().startswith("Milestone saved")


def test_enter_on_a_milestone_edits_it_and_escape_cancels(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    milestones = MilestoneService(database=database, clock=clock)
    from networker.domain.milestones import MilestoneDraft

    milestones.add(MilestoneDraft(ada, MilestoneKind.AWARD, clock.today(), "Turing Award"))
    view.select_contact(ada)
    timeline = view.timeline
    timeline.list.setFocus()
    timeline.list.setCurrentRow(0)

    def press_enter():
        qtbot.keyClick(timeline.list, Qt.Key.Key_Return)

    dialog = open_dialog(qtbot, timeline, press_enter)
    assert dialog.windowTitle() == "Edit Milestone"
    assert dialog.words.text() == "Turing Award"
    dialog.words.selectAll()
    qtbot.keyClicks(dialog.words, "changed, then cancelled")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.words, Qt.Key.Key_Escape)
    assert lines(timeline) == [f"{clock.today():%d %b %Y} · Award: Turing Award"]
    dialog = open_dialog(qtbot, timeline, press_enter)
    dialog.words.selectAll()
    qtbot.keyClicks(dialog.words, "ACM Turing Award")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert lines(timeline) == [f"{clock.today():%d %b %Y} · Award: ACM Turing Award"]


def test_a_milestone_can_be_deleted_with_its_reminder(
    qtbot, window, view, service, database, clock, confirm_answers
):
    answers, asked = confirm_answers
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    view.select_contact(ada)
    timeline = view.timeline
    dialog = open_dialog(qtbot, timeline, timeline.milestone_button.click)
    qtbot.keyClicks(dialog.words, "Notes on the Engine")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.words, Qt.Key.Key_Enter)
    (item_id,) = [m.id for m in MilestoneService(database=database, clock=clock).of_contact(ada)]
    answers.append(True)
    timeline.delete_milestone(item_id)
    assert "Delete this milestone?" in asked[0]
    assert lines(timeline) == ["No interactions yet. Log a first one with Quick log."]
    _page, rows = today_rows(qtbot, window)
    assert rows == []


def test_today_asks_to_congratulate_and_logging_closes_it(
    qtbot, window, view, service, database, clock
):
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    view.select_contact(ada)
    dialog = open_dialog(qtbot, view.timeline, view.timeline.milestone_button.click)
    qtbot.keyClicks(dialog.words, "CTO at Babbage & Co")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.words, Qt.Key.Key_Return)
    page, (row,) = today_rows(qtbot, window)
    titles = [label.text() for label in page.body.findChildren(QLabel)]
    assert "Congratulate" in titles
    assert row.reminder.title == "Congratulate Ada Lovelace: new job, CTO at Babbage & Co"
    for button in (row.done_button, row.snooze_button, row.log_button, row.open_button):
        assert button.isEnabled()
    # Being in touch after the news is the congratulation: the quick log closes it.
    call = next(a for a in view.timeline.quick_log.menu().actions() if a.text() == "Call")
    window.show_page("contactsView")
    call.trigger()
    _page, rows = today_rows(qtbot, window)
    assert rows == []


def test_done_on_today_closes_a_congratulation(qtbot, window, view, service, database, clock):
    from networker.domain.milestones import MilestoneDraft

    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    MilestoneService(database=database, clock=clock).add(
        MilestoneDraft(ada, MilestoneKind.PUBLICATION, clock.today(), "Notes")
    )
    _page, (row,) = today_rows(qtbot, window)
    qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    _page, rows = today_rows(qtbot, window)
    assert rows == []


def test_the_timeline_shows_the_job_history_an_import_found(
    qtbot, window, view, database, clock, tmp_path
):
    from tests.services.test_job_history import NEW, OLD

    importer = window.import_flow.importer  # the window's, which tells the pages
    for name, content in (("new.csv", NEW), ("old.csv", OLD)):
        (tmp_path / name).write_text(content)
        importer.import_files([tmp_path / name])
    contacts = view._contacts
    (ada,) = [i for i in contacts.index().ids if contacts.get(i).draft.given_name == "Ada"]
    view.select_contact(ada)
    timeline = view.timeline
    assert timeline.contact_id == ada and not timeline.jobs.isHidden()
    assert timeline.jobs.text() == (
        "Roles: CTO at Babbage & Co (since 01 Jun 2025); Engineer at Engines "
        "(01 Mar 2024 to 01 Jun 2025)"
    )
    assert lines(timeline)[0] == "01 Jun 2025 · New job: CTO at Babbage & Co"


def test_the_milestone_dialog_mnemonics_are_distinct(qtbot, window, view, service, database, clock):
    import re

    from PySide6.QtWidgets import QAbstractButton

    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    view.select_contact(ada)
    dialog = open_dialog(qtbot, view.timeline, view.timeline.milestone_button.click)

    def mnemonic(text):
        found = re.search(r"&([^&])", text.replace("&&", ""))
        return found.group(1).lower() if found else None

    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    letters = [mnemonic(label.text()) for label in labels]
    letters += [mnemonic(b.text()) for b in dialog.findChildren(QAbstractButton)]
    letters = [letter for letter in letters if letter]
    assert len(labels) == 3 and len(letters) == len(set(letters)), letters
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.words, Qt.Key.Key_Escape)
    assert MilestoneService(database=database, clock=clock).of_contact(ada) == []
