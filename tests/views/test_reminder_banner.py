"""Where the desktop has no system tray (offscreen has none), due reminders show in a
banner at the top of the window, with the fake clock: Open Today goes there, Not Now
hides it until something else comes due."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon

from networker.views.reminder_banner import ReminderBanner
from tests.conftest import make_draft
from tests.views.test_tray_in_window import start


def check(qtbot, scheduler):
    with qtbot.waitSignal(scheduler.checked, timeout=5000):
        scheduler.check()


def test_due_reminders_show_in_a_banner_without_a_tray(
    qtbot, window, database, clock, settings, contacts
):
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen
    contacts.create(make_draft(given_name="<b>Ada</b>", family_name="", cadence_days=7))
    scheduler = start(window, database, clock, settings)
    banner = window.findChild(ReminderBanner, "reminderBanner")
    assert banner is not None
    check(qtbot, scheduler)
    assert not banner.isVisible()  # nothing due yet

    clock.advance(dt.timedelta(days=8))
    check(qtbot, scheduler)
    assert banner.isVisible()
    assert banner.label.text() == "Due now: Keep in touch with <b>Ada</b> (every 7 days)"
    assert banner.label.textFormat() == Qt.TextFormat.PlainText  # a name is text
    assert banner.geometry().top() < window.pages.mapTo(window, window.pages.rect().topLeft()).y()

    window.show_page("contactsView")
    qtbot.mouseClick(banner.open_button, Qt.MouseButton.LeftButton)
    assert window.host.current().objectName() == "todayView"

    qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    check(qtbot, scheduler)
    assert not banner.isVisible()  # the same reminder: still put off

    contacts.create(make_draft(given_name="Grace", family_name="", cadence_days=1))
    clock.advance(dt.timedelta(days=2))
    check(qtbot, scheduler)
    assert banner.isVisible()  # something new came due
    assert banner.label.text().startswith("2 reminders due: ")


def test_with_a_tray_there_is_no_banner(qtbot, window, database, clock, settings, monkeypatch):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    start(window, database, clock, settings)
    assert window.findChild(ReminderBanner) is None
