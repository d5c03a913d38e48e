"""Due reminders in a strip at the top of the window, where the desktop has no system
tray to show them (app.start_reminders adds it; Today lists them too). Open Today goes
there; Not Now hides the strip until something else comes due."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from networker.services.reminders import DueReminder
from networker.views import look, text

NAMED = 2  # reminders named in the strip; the rest are counted


def banner_text(due: list[DueReminder], count: int | None = None) -> str:
    """``due``: the earliest of them; ``count``: how many in all (default: those)."""
    count = len(due) if count is None else count
    if count == 1 and due:
        return f"Due now: {due[0].title}"
    named = "; ".join(r.title for r in due[:NAMED])
    rest = count - min(len(due), NAMED)
    return f"{count:,} reminders due: {named}" + (f"; and {rest:,} more" if rest > 0 else "")


class ReminderBanner(QFrame):
    open_today_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        look.banner(self)
        self.label = text.plain_label()  # titles carry contacts' names: plain text
        self.label.setObjectName("reminderBannerText")
        self.label.setWordWrap(True)
        self.open_button = QPushButton("Open Today")
        self.open_button.clicked.connect(self._on_open)
        self.later_button = QPushButton("Not Now")
        self.later_button.setToolTip("Hide this until another reminder comes due")
        self.later_button.clicked.connect(self._on_later)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.later_button)
        self._due: list[DueReminder] = []
        self._put_off: set[tuple[str, int | None, str]] = set()  # hidden by Not Now
        self.hide()

    @Slot(object)
    @Slot(object, int)
    def show_due(self, due: list[DueReminder], count: int | None = None) -> None:
        """What is due now (the scheduler's due_changed: the earliest, and how many):
        shown unless all of it was put off with Not Now."""
        self._due = list(due)
        self.label.setText(banner_text(self._due, count) if self._due else "")
        keys = {r.key for r in self._due}
        self._put_off &= keys  # done or dismissed elsewhere: forgotten
        self.setVisible(bool(keys - self._put_off))

    @Slot()
    def _on_open(self) -> None:
        self.open_today_requested.emit()

    @Slot()
    def _on_later(self) -> None:
        self._put_off |= {r.key for r in self._due}
        self.hide()
