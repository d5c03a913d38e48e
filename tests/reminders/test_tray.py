"""The tray icon and its menu, and how the app starts reminders with and without a tray
(offscreen there is no tray host: the real tray is tried under Xvfb)."""

import datetime as dt

from PySide6.QtGui import QIcon, QPixmap

from networker.domain.reminders import ReminderKind
from networker.reminders.tray import Tray
from networker.services.reminders import DueReminder, ReminderService
from tests.conftest import make_draft


def due(title, contact_id, minutes=0):
    when = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC) - dt.timedelta(minutes=minutes)
    return DueReminder(ReminderKind.FOLLOW_UP, title, when, contact_id, f"o{contact_id}")


def icon():
    pixmap = QPixmap(32, 32)
    pixmap.fill()
    return QIcon(pixmap)


def texts(tray):
    return [action.text() for action in tray.menu.actions() if not action.isSeparator()]


def test_the_tray_counts_what_is_due_and_lists_it(qapp, database, clock):
    tray = Tray(icon=icon(), reminders=ReminderService(database=database, clock=clock))
    assert tray.icon.objectName() == "trayIcon"
    assert texts(tray) == ["Show Networker", "Log Interaction…", "Snooze All 1 Hour", "Quit"]
    opened: list[tuple[str, object]] = []
    tray.open_requested.connect(lambda page, item: opened.append((page, item)))
    tray.set_due([due("Follow up with Ada & Co", 1), due("Say thank you to Grace", 2)])
    assert tray.icon.toolTip() == "Networker: 2 reminders due"
    assert texts(tray)[1:3] == ["Follow up with Ada && Co", "Say thank you to Grace"]
    tray.menu.actions()[3].trigger()  # Grace's
    assert opened == [("contactsView", 2)]
    tray.set_due([])
    assert tray.icon.toolTip() == "Networker"


def test_an_event_reminder_in_the_tray_leads_to_its_event(qapp, database, clock):
    tray = Tray(icon=icon(), reminders=ReminderService(database=database, clock=clock))
    opened: list[tuple[str, object]] = []
    tray.open_requested.connect(lambda page, item: opened.append((page, item)))
    when = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)
    meetup = DueReminder(ReminderKind.EVENT, "Meetup (Sat 28 Nov, 10:00)", when, None, "7:x",
                         event_id=7)  # fmt: skip
    tray.set_due([meetup])
    tray.menu.actions()[2].trigger()
    assert opened == [("calendarView", 7)]


def test_snooze_all_puts_every_due_reminder_off_an_hour(qapp, database, clock, contacts):
    reminders = ReminderService(database=database, clock=clock)
    contacts.create(make_draft(given_name="Ada", family_name="", cadence_days=7))
    clock.advance(dt.timedelta(days=8))
    tray = Tray(icon=icon(), reminders=reminders)
    tray.set_due(reminders.due())
    tray.snooze_all()
    assert reminders.due() == []
    clock.advance(dt.timedelta(hours=1))
    assert len(reminders.due()) == 1
