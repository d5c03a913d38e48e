"""The system tray icon (objectName ``trayIcon``): the count of due reminders in its
tooltip and as a badge on the icon, and a menu: Show Networker, the next due reminders
(each opens its contact), Log Interaction…, Snooze All 1 Hour, Quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from networker import APP_NAME
from networker.domain.reminders import Snooze
from networker.services.reminders import DueReminder, ReminderService

MENU_REMINDERS = 5
ICON_SIZE = 64


class Tray(QObject):
    show_requested = Signal()
    log_requested = Signal()
    quit_requested = Signal()
    # What a chosen reminder is about: the page's objectName and the item there (its
    # contact on the Contacts page, its event on the Calendar).
    open_requested = Signal(str, object)

    def __init__(
        self, *, icon: QIcon, reminders: ReminderService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._base = icon
        self._reminders = reminders
        self._due: list[DueReminder] = []
        self._count = 0
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setObjectName("trayIcon")
        self.icon.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self._build_menu()

    def show(self) -> None:
        self.icon.show()

    @Slot(object)
    @Slot(object, int)
    def set_due(self, due: list[DueReminder], count: int | None = None) -> None:
        """What is due now (the earliest of it, and how many in all when more): the
        tooltip, the badge and the menu follow."""
        self._due = list(due)
        count = len(self._due) if count is None else count
        self._count = count
        noun = "reminder" if count == 1 else "reminders"
        self.icon.setToolTip(f"{APP_NAME}: {count} {noun} due" if count else APP_NAME)
        self.icon.setIcon(_with_badge(self._base, count) if count else self._base)
        self._build_menu()

    def _build_menu(self) -> None:
        self.menu.clear()
        show = self.menu.addAction(f"Show {APP_NAME}")
        show.triggered.connect(self.show_requested)
        if self._due:
            self.menu.addSeparator()
            for reminder in self._due[:MENU_REMINDERS]:
                # QAction text is plain; '&' would be read as a mnemonic.
                action = QAction(reminder.title.replace("&", "&&"), self.menu)
                action.setData(_subject(reminder))
                action.setEnabled(_subject(reminder) is not None)
                action.triggered.connect(self._on_reminder_chosen)
                self.menu.addAction(action)
            shown = min(len(self._due), MENU_REMINDERS)
            if self._count > shown:
                more = self.menu.addAction(f"{self._count - shown:,} more on Today…")
                more.triggered.connect(self.show_requested)
        self.menu.addSeparator()
        log = self.menu.addAction("Log Interaction…")
        log.triggered.connect(self.log_requested)
        snooze = self.menu.addAction("Snooze All 1 Hour")
        snooze.setEnabled(bool(self._due))
        snooze.triggered.connect(self.snooze_all)
        self.menu.addSeparator()
        quit_action = self.menu.addAction("Quit")
        quit_action.triggered.connect(self.quit_requested)

    @Slot()
    def _on_reminder_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and isinstance(action.data(), tuple):
            self.open_requested.emit(*action.data())

    @Slot()
    def snooze_all(self) -> None:
        self._reminders.snooze_all_due(Snooze.HOUR)  # all of them, not only those shown

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()


def _with_badge(icon: QIcon, count: int) -> QIcon:
    """The icon with the count in a red circle at its top right."""
    pixmap = QPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    size = ICON_SIZE // 2 + 4
    circle = QRect(ICON_SIZE - size, 0, size, size)
    painter.setBrush(QColor("#c62828"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(circle)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size // 2 + 2)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)


def _subject(reminder: DueReminder) -> tuple[str, int] | None:
    """Where a reminder leads: its contact, else its event."""
    if reminder.contact_id is not None:
        return ("contactsView", reminder.contact_id)
    if reminder.event_id is not None:
        return ("calendarView", reminder.event_id)
    return None
