"""One small signal hub: services report what changed, every page hears it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from networker.domain.changes import Changes


class ChangeHub(QObject):
    # A Changes record (domain/changes.py); each receiver decides what to refresh.
    changed = Signal(object)

    @Slot(object)
    def notify(self, changes: Changes) -> None:
        """Safe to call from any thread: Qt queues the signal to receivers' threads."""
        if changes:
            self.changed.emit(changes)
