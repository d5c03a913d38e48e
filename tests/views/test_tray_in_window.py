"""Reminders in the running app: with a tray (monkeypatched; the real one is tried under
Xvfb) closing hides the window and says so once; without one, closing quits."""

from PySide6.QtWidgets import QSystemTrayIcon

from networker.app import start_reminders
from networker.services.reminders import ReminderService


def start(window, database, clock, settings, **options):
    from networker.itemmodels.hub import ChangeHub

    return start_reminders(
        window=window,
        reminders=ReminderService(database=database, clock=clock),
        clock=clock,
        tasks=window.tasks,
        hub=ChangeHub(),
        log_interaction=lambda ids: None,
        settings=settings,
        **options,
    )


def test_without_a_tray_closing_still_quits(qtbot, window, database, clock, settings):
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen
    scheduler = start(window, database, clock, settings)
    assert window.scheduler is scheduler and scheduler.tick.isActive()
    assert not window.keep_running_when_closed
    assert window.findChild(QSystemTrayIcon) is None


def test_with_a_tray_closing_hides_and_says_so_once(
    qtbot, window, database, clock, settings, monkeypatch
):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    shown: list[str] = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, t, b, *a: shown.append(b))
    start(window, database, clock, settings)
    tray = window.findChild(QSystemTrayIcon, "trayIcon")
    assert tray is not None and window.keep_running_when_closed
    quits: list[bool] = []
    window.quit_requested.connect(lambda: quits.append(True))
    assert window.close()
    assert not window.isVisible() and quits == []
    assert len(shown) == 1 and "keeps running in the tray" in shown[0]
    window.show()
    window.close()
    assert len(shown) == 1  # once
    window.keep_running_when_closed = False  # so the test's teardown really closes it


def test_started_hidden_on_a_desktop_without_a_tray_the_window_shows(
    qtbot, window, database, clock, settings
):
    window.hide()
    start(window, database, clock, settings, show_without_tray=True)
    assert window.isVisible()


def test_the_file_menu_turns_the_log_in_start_on_and_off(qtbot, window):
    from networker import autostart
    from tests.views.conftest import menu_action

    action = menu_action(window, "&File", "&Start Networker When I Log In")
    assert action.isCheckable() and not action.isChecked()
    action.trigger()
    assert autostart.is_enabled()
    action.trigger()
    assert not autostart.is_enabled()


def test_the_file_menu_turns_running_in_the_tray_off_and_it_is_remembered(
    qtbot, window, database, clock, settings, monkeypatch
):
    from tests.views.conftest import menu_action

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    start(window, database, clock, settings)
    action = menu_action(window, "&File", "&Keep Running in the Tray When Closed")
    assert action.isChecked() and window.keep_running_when_closed
    action.trigger()
    assert not window.keep_running_when_closed
    assert settings.value("tray/keep_running", type=bool) is False
    quits: list[bool] = []
    window.quit_requested.connect(lambda: quits.append(True))
    window.close()
    assert quits == [True]  # closing quits again
