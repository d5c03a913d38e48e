"""The reminder scheduler: one timer to the next due time, and a check that notifies what
came due, once per due time, at most five a minute (RELIABILITY case 35).

It checks at start (catching up on what came due while Networker was closed), when the
timer fires, when reminders, interactions or contacts change, and when the clock jumps
(the computer slept, or the time was changed): a minute's tick asks clock.JumpWatch. The
timer is clamped below 2**31-1 ms, the most a QTimer takes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from networker.clock import Clock, JumpWatch
from networker.domain.changes import Changes
from networker.domain.reminders import NOTIFICATIONS_PER_MINUTE, Due, plan_notifications
from networker.reminders.notification_text import notification_body
from networker.reminders.notifier import Notifier
from networker.services.reminders import (
    DueReminder,
    ReminderContext,
    ReminderService,
    SchedulerReading,
)
from networker.tasks import TaskRunner

MAX_TIMER_MS = 2**31 - 1
TICK_MS = 60_000

Contexts = dict[tuple[str, int | None, str], ReminderContext]
# What a check reads: the reminders due now (the earliest, a count, those not yet told),
# when the next comes due, and the contexts of those to be told one by one.
Reading = tuple[SchedulerReading, Contexts]
# The reminders due now named in the tray's menu and the banner (the rest are counted).
SHOWN = 5


class ReminderScheduler(QObject):
    # The earliest reminders due now and how many are due in all (the tray's count and
    # menu, an in-window banner).
    due_changed = Signal(object, int)
    # A check finished (for tests and the benchmark).
    checked = Signal()

    def __init__(
        self,
        *,
        reminders: ReminderService,
        clock: Clock,
        notifier: Notifier,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reminders = reminders
        self._clock = clock
        self._notifier = notifier
        self._tasks = tasks
        self._jumps = JumpWatch(clock)
        self._sent: list[dt.datetime] = []
        self._checking = False
        self._again = False
        self._waiting = False  # due reminders held back by the limit a minute
        self.due: list[DueReminder] = []
        self.due_count = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._on_tick)

    def start(self) -> None:
        """Catch up on what came due while Networker was closed, then keep watching."""
        self.tick.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        self.tick.stop()

    @Slot(object)
    def on_changes(self, changes: Changes) -> None:
        if changes.reminders or changes.interactions or changes.contacts:
            self.check()

    @Slot()
    def _on_tick(self) -> None:
        if self._jumps.check() is not None or self._waiting:
            self.check()

    @Slot()
    def check(self) -> None:
        """Read what is due on a worker, then notify on the GUI thread."""
        if self._checking:
            self._again = True
            return
        self._checking = True
        reminders, now = self._reminders, self._clock.now()

        def read(_progress: object) -> Reading:
            reading = reminders.scheduler_reading(now, SHOWN)
            # The context of those that may be notified one by one (a storm's summary
            # names no contact): a few contacts' rows, read here off the GUI thread.
            return reading, reminders.contexts(reading.fresh[:NOTIFICATIONS_PER_MINUTE])

        self._tasks.run(
            read,
            name="reminder-check",
            on_success=self._on_read,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _on_read(self, result: Reading) -> None:
        self._checking = False
        if self._again:
            self._again = False
            self.check()
            return
        reading, contexts = result
        self.due, self.due_count = reading.due, reading.count
        self._notify(reading.fresh, contexts)
        self.due_changed.emit(reading.due, reading.count)
        self._arm(reading.next_due)
        self.checked.emit()

    @Slot(object)
    def _on_failed(self, _error: Exception) -> None:
        self._checking = False
        self._arm(None)

    def _notify(self, fresh: list[DueReminder], contexts: Contexts) -> None:
        now = self._clock.now()
        self._sent = [when for when in self._sent if now - when < dt.timedelta(minutes=1)]
        local_now = self._clock.local_now()
        planned = plan_notifications(
            [
                Due(i, r.title, notification_body(r, contexts.get(r.key), local_now=local_now))
                for i, r in enumerate(fresh)
            ],
            self._sent,
            now,
        )
        covered = [fresh[i] for n in planned for i in n.reminder_ids]
        for notification in planned:
            self._notifier.notify(notification)
            self._sent.append(now)
        if covered:
            self._reminders.mark_notified(covered)
        self._waiting = len(covered) < len(fresh)

    def _arm(self, next_due: dt.datetime | None) -> None:
        if next_due is None:
            self.timer.stop()
            return
        wait = (next_due - self._clock.now()).total_seconds() * 1000
        self.timer.start(int(max(0, min(wait, MAX_TIMER_MS))))
