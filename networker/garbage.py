"""Python's cyclic garbage collected on the GUI thread only, from a timer.

Left to itself the collector runs in whichever thread happens to allocate, a worker
included; a Qt widget's wrapper collected there makes shiboken delete the widget a
second time later (a crash, seen in tests). The cure used to be a full collection
before every task started, on the GUI thread: 20-30 ms at 100,000 contacts, because the
list model's views (lists of 100,000 ids and search texts, rebuilt after the start-up
freeze) are walked each time. Instead, automatic collection is switched off and this
timer collects with the collector's own thresholds (pyqtgraph's and Anki's approach);
a full collection, the costly one, runs at most once a minute.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

CHECK_MS = 1000
FULL_EVERY_SECONDS = 60.0

_INSTALLED = "guiThreadCollector"
_alive = 0  # collectors in charge; automatic collection comes back when none is left


class GuiThreadCollector(QObject):
    """Owns cyclic garbage collection while it lives (it is the application's child)."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._thresholds = gc.get_threshold()
        self._last_full = monotonic()
        global _alive
        _alive += 1
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self.destroyed.connect(_enable_automatic)

    @Slot()
    def check(self) -> int:
        """Collect the generations that are due; returns the oldest collected (-1: none)."""
        young, middle, old = gc.get_count()
        first, second, third = self._thresholds
        if young <= first:
            return -1
        if middle <= second:
            gc.collect(0)
            return 0
        now = self._monotonic()
        if old <= third or now - self._last_full < FULL_EVERY_SECONDS:
            gc.collect(1)
            return 1
        gc.collect(2)
        self._last_full = now
        return 2


def install(parent: QObject) -> GuiThreadCollector:
    """Start collecting from ``parent``'s thread (the GUI thread) alone; once."""
    # (Not parent.findChild: its first call makes PySide build 18 enums, 40 ms of a
    # start.)
    existing = parent.property(_INSTALLED)
    if isinstance(existing, GuiThreadCollector):
        return existing
    collector = GuiThreadCollector(parent)
    parent.setProperty(_INSTALLED, collector)
    return collector


def collects_automatically() -> bool:
    """True when no GuiThreadCollector is in charge (a script, a test without one)."""
    return gc.isenabled()


@Slot()
def _enable_automatic() -> None:
    global _alive
    _alive -= 1
    if _alive == 0:
        gc.enable()
