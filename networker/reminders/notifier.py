"""How a due reminder reaches the user. The scheduler knows only ``Notifier``."""

from __future__ import annotations

import html
import sys
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


def tray_text(text: str, *, platform: str = sys.platform) -> str:
    """Contact-supplied text as the tray shows it, inert (RELIABILITY case 33): on Linux
    Qt hands the message to the desktop's notification service, which renders a subset
    of HTML (links, images), so it is escaped there; elsewhere it is shown as it is."""
    return html.escape(text, quote=False) if platform.startswith("linux") else text


class TrayNotifier(QObject):
    """Balloons (or desktop notifications) from the tray icon; a click on one asks for
    the window on its reminders."""

    clicked = Signal(object)  # the Notification last shown

    def __init__(self, tray: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray = tray
        self._last: Notification | None = None
        tray.messageClicked.connect(self._on_clicked)

    def notify(self, notification: Notification) -> None:
        self._last = notification
        self._tray.showMessage(
            tray_text(notification.title),
            tray_text(notification.body),
            QSystemTrayIcon.MessageIcon.Information,
            10_000,
        )

    def _on_clicked(self) -> None:
        if self._last is not None:
            self.clicked.emit(self._last)
