"""Work off the GUI thread, in one place (QtCore only; Anki's taskman is the model).

The application owns one TaskRunner. ``run()`` starts a piece of work on its own thread
and calls back on the GUI thread: ``on_success`` with the result, ``on_failure`` with the
exception, ``on_progress`` with (done, total). The work is handed a Progress callable
(domain/progress.py) that reports and answers False once the task was cancelled. After
each piece of work, on its thread, the runner's ``cleanup`` runs (closing that thread's
own database connection). At quit, ``wait_all()`` lets every task end first.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from networker import garbage
from networker.domain.progress import Progress

log = logging.getLogger(__name__)

Work = Callable[[Progress], Any]


class Task(QThread):
    """One piece of work on its own thread. Results come back as signals on the thread
    that owns the task, once the worker thread has ended, so a receiver may drop the
    task at once (Qt aborts the process when a QThread is destroyed while running)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(
        self,
        work: Work,
        *,
        cleanup: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._cleanup = cleanup
        self._cancelled = threading.Event()
        self.cancel_at_quit = False
        self._outcome: tuple[bool, object] | None = None
        self.finished.connect(self._deliver)  # queued: emitted on the worker thread

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop; it learns it at its next progress report."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _report(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)  # queued to the GUI thread
        return not self._cancelled.is_set()

    def run(self) -> None:
        try:
            self._outcome = (True, self._work(self._report))
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
        (self.succeeded if ok else self.failed).emit(value)


class TaskRunner(QObject):
    """Starts tasks, keeps them until they end, and waits for all of them at quit."""

    def __init__(self, *, cleanup: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cleanup = cleanup
        self._running: set[Task] = set()
        self._shut_down = False

    def run(
        self,
        work: Work,
        *,
        name: str,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        cancel_at_quit: bool = False,
    ) -> Task:
        """``cancel_at_quit``: quitting cancels it (an export, which leaves the target
        as it was) instead of waiting for it (an import, which the user confirmed)."""
        task = Task(work, cleanup=self._cleanup, parent=self)
        task.setObjectName(name)
        task.cancel_at_quit = cancel_at_quit
        if self._shut_down:
            # A callback delivered after quit began (a health check's success starting
            # the backup, say): a task started now would outlive the runner.
            log.info("not started, Networker is quitting: %s", name)
            return task
        if on_success is not None:
            task.succeeded.connect(on_success)
        task.failed.connect(on_failure if on_failure is not None else _log_failure)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        task.finished.connect(self._forget)
        self._running.add(task)
        if garbage.collects_automatically():
            # No GuiThreadCollector in charge (garbage.py): collect here, on the GUI
            # thread, so that the worker is unlikely to find a widget wrapper to collect.
            gc.collect()
        task.start()
        return task

    @property
    def running(self) -> list[Task]:
        return sorted(self._running, key=lambda task: task.objectName())

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def wait_all(self) -> None:
        """Block until every task has ended (in tests, and at quit)."""
        while self._running:
            task = self._running.pop()
            task.wait()

    @Slot()
    def shut_down(self) -> None:
        """At quit: start nothing more, cancel what may be cancelled, and let every
        running task end."""
        self._shut_down = True
        for task in self._running:
            if task.cancel_at_quit:
                task.cancel()
        self.wait_all()

    @Slot()
    def _forget(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._running.discard(task)
            task.deleteLater()


def _log_failure(error: Exception) -> None:
    log.warning("background work failed: %s", error)
