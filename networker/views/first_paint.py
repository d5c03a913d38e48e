"""Start-up work that waits until the window has painted once.

A zero-delay timer is not enough: Qt delivers it before the window's first paint
(measured: the import service, the local server and the index loader all ran
between show() and the paint, 25 ms at an empty database). This gate holds such work
until the watched window's first paint event has been handled, or until a fallback
delay for a window that is never painted (started minimized, say).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000


class AfterFirstPaint(QObject):
    """``defer(work)`` runs ``work`` from the event loop once the window has painted."""

    def __init__(self, *, fallback_ms: int = FALLBACK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fallback_ms = fallback_ms
        self._pending: list[Callable[[], object]] = []
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def defer(self, work: Callable[[], object]) -> None:
        if self._open:
            QTimer.singleShot(0, work)
        else:
            self._pending.append(work)

    def watch(self, window: QWidget) -> None:
        """Open when ``window`` has painted (call before showing it)."""
        window.installEventFilter(self)
        QTimer.singleShot(self._fallback_ms, self.open)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Seen before the paint is done: the timer fires once the whole window painted.
            QTimer.singleShot(0, self.open)
        return False

    @Slot()
    def open(self) -> None:
        if self._open:
            return
        self._open = True
        pending, self._pending = self._pending, []
        for work in pending:  # each on its own: one failing does not stop the others
            QTimer.singleShot(0, work)
