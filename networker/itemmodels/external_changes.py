"""Changes another process made to the database (``networker import`` in a terminal
while the window is open, say) reach the window as if it had made them.

SQLite's ``PRAGMA data_version`` on the GUI thread's connection changes whenever any
other connection commits: a worker's or another process's. A change that came while
this process committed nothing was another process's: every page then refreshes
(Changes.everything). One that came together with a write of ours is taken for ours;
an outside change in the same second is then seen only with the next one, which is
why saving a contact never relies on the window being up to date (the panel saves
only the fields the user changed, over what the file holds then).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot

from networker.domain.changes import Changes

log = logging.getLogger(__name__)

CHECK_MS = 1500


class ExternalChanges(QObject):
    def __init__(
        self,
        *,
        data_version: Callable[[], int],
        own_writes: Callable[[], int],
        notify: Callable[[Changes], None],
        parent: QObject | None = None,
        interval_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._data_version = data_version
        self._own_writes = own_writes
        self._notify = notify
        self._version = data_version()
        self._writes = own_writes()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @Slot()
    def check(self) -> bool:
        """Look now (also when the window is activated); True when an outside change
        was found and reported."""
        try:
            version = self._data_version()
        except Exception:  # a file gone or damaged: the health check reports it
            log.info("the database's data version could not be read", exc_info=True)
            return False
        writes = self._own_writes()
        outside = version != self._version and writes == self._writes
        self._version, self._writes = version, writes
        if outside:
            log.info("the database was changed by another process: refreshing")
            self._notify(Changes.everything())
        return outside

    @Slot(Qt.ApplicationState)
    def on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def stop(self) -> None:
        self._timer.stop()
