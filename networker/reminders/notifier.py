"""How a due reminder reaches the user. The scheduler knows only ``Notifier``."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from networker.domain.reminders import Notification


class Notifier(Protocol):
    def notify(self, notification: Notification) -> None: ...


class RecordingNotifier:
    """Keeps what would have been shown: for tests."""

    def __init__(self) -> None:
        self.shown: list[Notification] = []

    def notify(self, notification: Notification) -> None:
        self.shown.append(notification)


class NullNotifier:
    def notify(self, notification: Notification) -> None:
        pass


class TrayNotifier(QObject):
    """Balloons from the tray icon; a click on one asks for the window on its reminders.

    The text goes as it is: Qt's own balloon (an XEmbed tray on Linux; Windows; macOS)
    shows title and message as plain text (measured with Qt 6.11: both labels are
    Qt.PlainText), so escaping would show "&lt;". Where the desktop has a notification
    service, desktop_notifications.DesktopNotifier is used instead (it escapes what the
    service reads as markup); this one serves only where none answered, and then Qt's
    D-Bus tray finds no service to hand the message to either."""

    clicked = Signal(object)  # the Notification last shown

    def __init__(self, tray: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray = tray
        self._last: Notification | None = None
        tray.messageClicked.connect(self._on_clicked)

    def notify(self, notification: Notification) -> None:
        self._last = notification
        self._tray.showMessage(
            notification.title,
            notification.body,
            QSystemTrayIcon.MessageIcon.Information,
            10_000,
        )

    def _on_clicked(self) -> None:
        if self._last is not None:
            self.clicked.emit(self._last)
