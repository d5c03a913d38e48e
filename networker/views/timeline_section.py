"""A contact's timeline in the panel: the reciprocity balance, quick logging in two
clicks (kind, and it is logged for now), Log… for the full dialog, Milestone… for their
news, and every interaction and milestone, newest first (right-click to edit or delete;
an interaction's edit and delete can be undone; Enter on a milestone edits it)."""

from __future__ import annotations

import datetime as dt
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

from networker.clock import Clock
from networker.domain.interactions import InteractionDraft, InteractionKind, InteractionRecord
from networker.domain.jobs import Stint
from networker.domain.milestones import MilestoneRecord
from networker.services.interactions import InteractionService
from networker.services.milestones import MilestoneService
from networker.views import look, text
from networker.views.milestone_dialog import MilestoneDialog
from networker.views.undo import InteractionHistory

# Which record a timeline item shows (its id is in UserRole).
MILESTONE_ROLE = Qt.ItemDataRole.UserRole + 1

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
        milestones: MilestoneService,
        clock: Clock,
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
        self._milestones = milestones
        self._clock = clock
        self.milestone_dialog: MilestoneDialog | None = None
        self._log_with = log_with
        self._edit_with = edit_with
        self._contact_id: int | None = None

        self.balance = text.plain_label()
        self.balance.setObjectName("reciprocity")
        self.balance.setWordWrap(True)
        look.muted(self.balance)
        self.jobs = text.plain_label()
        self.jobs.setObjectName("jobHistory")
        self.jobs.setWordWrap(True)
        look.muted(self.jobs)
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
        self.milestone_button = QPushButton("Milestone…")
        self.milestone_button.setObjectName("addMilestone")
        self.milestone_button.setToolTip(
            "Note their news: a new job, a promotion, an award, a publication"
        )
        self.milestone_button.clicked.connect(self.add_milestone)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.quick_log)
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.milestone_button)
        buttons.addStretch(1)
        self.list = QListWidget()
        self.list.setObjectName("timelineList")
        self.list.setMinimumHeight(90)
        self.list.setWordWrap(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.list.itemActivated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.balance)
        layout.addWidget(self.jobs)
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
        for button in (self.quick_log, self.log_button, self.milestone_button):
            button.setEnabled(enabled)
        if contact_id is None:
            self.balance.setText("")
            self.jobs.hide()
            return
        self.balance.setText(self._interactions.balance(contact_id).words)
        history = self._milestones.job_history(contact_id)
        self.jobs.setText(job_history_words(history))
        self.jobs.setVisible(len(history) > 1)  # one role is the panel's own fields
        entries: list[tuple[tuple[dt.date, dt.time], QListWidgetItem]] = []
        for record in self._interactions.timeline(contact_id):
            when = self._clock.local(record.draft.occurred_at or record.created_at)
            entries.append(((when.date(), when.time()), _item(record, contact_id)))
        for milestone in self._milestones.of_contact(contact_id):
            # News comes before what was said that day (a chat after it congratulates).
            entries.append(((milestone.draft.happened_on, dt.time.min), _milestone_item(milestone)))
        entries.sort(key=lambda entry: entry[0], reverse=True)  # stable: each newest first
        for _when, item in entries:
            self.list.addItem(item)
        if not entries:
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
        record_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if item is None or record_id is None:
            return
        # A milestone's delete asks first; an interaction's can be undone.
        on_edit: Callable[[int], None]
        on_delete: Callable[[int], None]
        if item.data(MILESTONE_ROLE):
            texts, on_edit, on_delete = ("Milestone…", "Milestone…"), self.edit_milestone, (
                self.delete_milestone
            )  # fmt: skip
        else:
            texts, on_edit, on_delete = ("Interaction…", "Interaction"), self.edit, self.delete
        menu = QMenu(self)
        edit = menu.addAction(f"&Edit {texts[0]}")
        delete = menu.addAction(f"&Delete {texts[1]}")
        chosen = menu.exec(self.list.viewport().mapToGlobal(where))
        if chosen is edit:
            on_edit(int(record_id))
        elif chosen is delete:
            on_delete(int(record_id))

    @Slot(QListWidgetItem)
    def _on_activated(self, item: QListWidgetItem) -> None:
        if item.data(MILESTONE_ROLE):
            self.edit_milestone(int(item.data(Qt.ItemDataRole.UserRole)))

    def edit(self, interaction_id: int) -> None:
        self._edit_with(self._interactions.get(interaction_id))

    def delete(self, interaction_id: int) -> None:
        """Delete at once: Edit > Undo (Ctrl+Z) brings it back, with its reminders."""
        self._history.delete(interaction_id)
        self.status_message.emit("Interaction deleted. Undo (Ctrl+Z) brings it back.")

    # Their news

    @Slot()
    def add_milestone(self) -> None:
        if self._contact_id is not None:
            self._open_milestone(None)

    def edit_milestone(self, milestone_id: int) -> None:
        self._open_milestone(self._milestones.get(milestone_id))

    def _open_milestone(self, editing: MilestoneRecord | None) -> None:
        assert self._contact_id is not None
        dialog = MilestoneDialog(
            milestones=self._milestones,
            contact_id=self._contact_id,
            today=self._clock.today(),
            editing=editing,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_milestone_saved)
        self.milestone_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_milestone_saved(self, _milestone_id: int) -> None:
        self.status_message.emit("Milestone saved: a reminder to congratulate them is on Today.")

    def delete_milestone(self, milestone_id: int) -> None:
        if text.confirm(
            self,
            "Delete Milestone",
            "Delete this milestone?\n\nIts reminder to congratulate them goes too.",
            "Delete",
        ):
            self._milestones.delete(milestone_id)
            self.status_message.emit("Milestone deleted.")


def job_history_words(history: list[Stint]) -> str:
    """The roles, newest first, each with the days the sources showed it."""

    def span(stint: Stint) -> str:
        start = f"{stint.started_on:%d %b %Y}" if stint.started_on else ""
        if stint.ended_on is None:
            return f"since {start}" if start else "now"
        end = f"{stint.ended_on:%d %b %Y}"
        return f"{start} to {end}" if start else f"until {end}"

    return "Roles: " + "; ".join(
        f"{stint.role.words} ({span(stint)})" for stint in reversed(history)
    )


def _milestone_item(record: MilestoneRecord) -> QListWidgetItem:
    item = QListWidgetItem(f"{record.draft.happened_on:%d %b %Y} · {record.words}")
    item.setData(Qt.ItemDataRole.UserRole, record.id)
    item.setData(MILESTONE_ROLE, True)
    font = item.font()
    font.setBold(True)  # their news stands out among what the user did
    item.setFont(font)
    item.setToolTip("Their news: Enter or double-click to edit, right-click to delete")
    return item


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
