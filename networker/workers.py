"""Running one piece of work off the GUI thread and hearing back on it (QtCore only)."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class BackgroundTask(QThread):
    """Runs ``work`` once on its own thread; the result or the exception comes back
    as a signal on the thread that owns the task (the GUI thread), once the worker
    thread has ended, so a receiver may drop the task at once (Qt aborts the process
    when a QThread is destroyed while still running).

    ``cleanup`` runs on the worker thread after ``work``, whatever happened (closing
    that thread's own database connection, typically).
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        work: Callable[[], object],
        *,
        parent: QObject | None = None,
        cleanup: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._cleanup = cleanup
        self._outcome: tuple[bool, object] | None = None
        self.finished.connect(self._deliver)  # queued: emitted on the worker thread

    def start(self, priority: QThread.Priority = QThread.Priority.InheritPriority) -> None:
        # Collect cyclic garbage here, on the GUI thread: a widget wrapper collected on
        # the worker makes shiboken delete the widget again later (a crash, seen in tests).
        gc.collect()
        super().start(priority)

    @Slot(object)
    def start_after(self, _previous_result: object) -> None:
        """Chain tasks: ``first.succeeded.connect(second.start_after)``."""
        self.start()

    def run(self) -> None:
        try:
            self._outcome = (True, self._work())
        except Exception as exc:  # handed to the GUI thread, which tells the user
            log.warning("background task %s failed: %s", self.objectName(), type(exc).__name__)
            self._outcome = (False, exc)
        finally:
            if self._cleanup is not None:
                self._cleanup()

    @Slot()
    def _deliver(self) -> None:
        self.wait()  # "finished" comes just before the thread really ends
        outcome, self._outcome = self._outcome, None
        if outcome is None:
            return
        ok, value = outcome
        if ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(value)
