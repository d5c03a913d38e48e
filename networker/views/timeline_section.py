"""A contact's timeline in the panel: the reciprocity balance, quick logging in two
clicks (kind, and it is logged for now), Log… for the full dialog, and every interaction,
newest first (right-click to edit or delete; both undoable)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from networker.domain.interactions import InteractionDraft, InteractionKind, InteractionRecord
from networker.services.interactions import InteractionService
from networker.views import look, text
from networker.views.undo import InteractionHistory

QUICK_KINDS = (
    InteractionKind.COFFEE_CHAT,
    InteractionKind.CALL,
    InteractionKind.EMAIL,
    InteractionKind.MESSAGE,
    InteractionKind.MEETING,
    InteractionKind.THANK_YOU,
)


class TimelineSection(QWidget):
    # A passing message for the status bar.
    status_message = Signal(str)

    def __init__(
        self,
        *,
        interactions: InteractionService,
        history: InteractionHistory,
        log_with: Callable[[list[int]], None],
        edit_with: Callable[[InteractionRecord], None],
        parent: QWidget | None = None,
    ) -> None:
        """Reading goes to ``interactions``; every change to ``history`` (undoable);
        ``log_with`` and ``edit_with`` open the full dialog."""
        super().__init__(parent)
        self.setObjectName("timeline")
        self._interactions = interactions
        self._history = history
        self._log_with = log_with
        self._edit_with = edit_with
        self._contact_id: int | None = None

        self.balance = text.plain_label()
        self.balance.setObjectName("reciprocity")
        self.balance.setWordWrap(True)
        look.muted(self.balance)
        self.quick_log = QToolButton()
        self.quick_log.setObjectName("quickLog")
        self.quick_log.setText("Quick log")
        self.quick_log.setToolTip("Log an interaction for now, in two clicks")
        self.quick_log.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.quick_log)
        for kind in QUICK_KINDS:
            action = menu.addAction(kind.label)
            action.setData(kind)
        menu.triggered.connect(self._on_quick_log)
        self.quick_log.setMenu(menu)
        self.log_button = QPushButton("Log…")
        self.log_button.setToolTip("Log an interaction with every detail (Ctrl+L)")
        self.log_button.clicked.connect(self._on_log)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.quick_log)
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        self.list = QListWidget()
        self.list.setObjectName("timelineList")
        self.list.setMinimumHeight(90)
        self.list.setWordWrap(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.balance)
        layout.addLayout(buttons)
        layout.addWidget(self.list)

    @property
    def contact_id(self) -> int | None:
        return self._contact_id

    @Slot(object)
    def show_contact(self, contact_id: int | None) -> None:
        self._contact_id = contact_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        contact_id = self._contact_id
        enabled = contact_id is not None
        self.quick_log.setEnabled(enabled)
        self.log_button.setEnabled(enabled)
        if contact_id is None:
            self.balance.setText("")
            return
        self.balance.setText(self._interactions.balance(contact_id).words)
        records = self._interactions.timeline(contact_id)
        for record in records:
            self.list.addItem(_item(record, contact_id))
        if not records:
            self.list.addItem(
                QListWidgetItem("No interactions yet. Log a first one with Quick log.")
            )

    @Slot(object)
    def _on_quick_log(self, action: object) -> None:
        kind = action.data()  # type: ignore[attr-defined]
        if self._contact_id is None or not isinstance(kind, InteractionKind):
            return
        self._history.log(InteractionDraft([self._contact_id], kind))
        self.status_message.emit(f"Logged: {kind.label.lower()}, now.")

    @Slot()
    def _on_log(self) -> None:
        if self._contact_id is not None:
            self._log_with([self._contact_id])

    @Slot(QPoint)
    def _on_context_menu(self, where: QPoint) -> None:
        item = self.list.itemAt(where)
        interaction_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if interaction_id is None:
            return
        menu = QMenu(self)
        edit = menu.addAction("&Edit Interaction…")
        delete = menu.addAction("&Delete Interaction")
        chosen = menu.exec(self.list.viewport().mapToGlobal(where))
        if chosen is edit:
            self.edit(int(interaction_id))
        elif chosen is delete:
            self.delete(int(interaction_id))

    def edit(self, interaction_id: int) -> None:
        self._edit_with(self._interactions.get(interaction_id))

    def delete(self, interaction_id: int) -> None:
        """Delete at once: Edit > Undo (Ctrl+Z) brings it back, with its reminders."""
        self._history.delete(interaction_id)
        self.status_message.emit("Interaction deleted. Undo (Ctrl+Z) brings it back.")


def _item(record: InteractionRecord, contact_id: int) -> QListWidgetItem:
    draft = record.draft
    when = draft.occurred_at.astimezone() if draft.occurred_at else record.created_at
    others = [
        name
        for other, name in zip(draft.contact_ids, record.contact_names, strict=False)
        if other != contact_id
    ]
    line = f"{when:%d %b %Y} · {draft.kind.label}"
    if draft.summary:
        line += f" · {draft.summary}"
    if draft.value.value:
        line += " · you helped" if draft.value.value == "given" else " · they helped"
    if others:
        line += f" (with {', '.join(others)})"
    item = QListWidgetItem(line)  # a list item shows its text as plain text
    item.setData(Qt.ItemDataRole.UserRole, record.id)
    if draft.notes:
        item.setToolTip(text.plain_tooltip(draft.notes))
    return item
