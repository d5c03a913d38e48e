"""One small signal hub: services report changes, every page hears them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot


class ChangeHub(QObject):
    # The ids of the changed contacts; an empty list means "reload everything".
    contacts_changed = Signal(object)

    @Slot(object)
    def notify_contacts(self, ids: list[int]) -> None:
        """Safe to call from any thread: Qt queues the signal to receivers' threads."""
        self.contacts_changed.emit(list(ids))
