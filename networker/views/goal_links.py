"""Linking things to goals from where they are: the goals ticked in the Log Interaction
and event dialogs (GoalChecklist), and the goal chosen by "Add to Goal…" for the
contacts chosen in the list (GoalPickerDialog). views/goal_history.py makes the changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics
from networker.views.goal_history import GoalChoice

_ID = Qt.ItemDataRole.UserRole
ACTIVE = "Active"
ROWS_SHOWN = 4


def offered(choices: Sequence[GoalChoice], linked: Iterable[int]) -> list[GoalChoice]:
    """The goals to offer: the active ones, and any other the item is linked to (so
    that it can be unlinked)."""
    keep = set(linked)
    return [c for c in choices if c[2] == ACTIVE or c[0] in keep]


class GoalChecklist(QListWidget):
    """The goals, each with a tick box (Space ticks the current one)."""

    ticked = Signal()  # the user ticked or unticked one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goalChecklist")
        self.setToolTip("Tick the goals this counts toward (Space ticks)")
        self.touched = False
        self.itemChanged.connect(self._on_changed)

    def set_goals(self, choices: Sequence[GoalChoice], checked: Iterable[int]) -> None:
        chosen = set(checked)
        self.blockSignals(True)
        self.clear()
        for goal_id, title, status in choices:
            item = QListWidgetItem(title if status == ACTIVE else f"{title} ({status.lower()})")
            item.setData(_ID, goal_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if goal_id in chosen else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.addItem(item)
        self.blockSignals(False)
        if self.count():  # where Space ticks, without looking chosen
            self.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        rows = min(max(self.count(), 1), ROWS_SHOWN)
        row = self.sizeHintForRow(0) if self.count() else 0
        self.setFixedHeight(rows * max(row, 16) + 2 * self.frameWidth() + 4)

    def tick(self, goal_ids: Iterable[int]) -> None:
        """Tick exactly these (not the user's doing: ``touched`` stays as it is)."""
        wanted = set(goal_ids)
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            on = int(item.data(_ID)) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def goal_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.item(row).data(_ID))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )

    @Slot(QListWidgetItem)
    def _on_changed(self, _item: QListWidgetItem) -> None:
        self.touched = True
        self.ticked.emit()


class GoalPickerDialog(QDialog):
    """Choose one goal (Add to Goal…): Enter or a double-click takes the current one."""

    def __init__(
        self,
        *,
        choices: Sequence[GoalChoice],
        what: str,
        choose_with: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goalPickerDialog")
        self.setWindowTitle("Add to Goal")
        self._choose_with = choose_with
        question = text.plain_label(f"Link {what} to which goal?")
        question.setWordWrap(True)
        hint = text.plain_label(
            "Linked people count for the goal's “only linked” targets, and their overdue "
            "keeping in touch is suggested on the Goals page."
        )
        hint.setWordWrap(True)
        look.muted(hint)
        self.goals = QListWidget()
        self.goals.setObjectName("goalPickerList")
        for goal_id, title, status in choices:
            item = QListWidgetItem(title if status == ACTIVE else f"{title} ({status.lower()})")
            item.setData(_ID, goal_id)
            self.goals.addItem(item)
        self.goals.setCurrentRow(0)
        self.goals.itemActivated.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add to Goal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.goals, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.goals.setFocus()
        self.resize(380, 320)

    def accept(self) -> None:
        item = self.goals.currentItem()
        if item is not None:
            self._choose_with(int(item.data(_ID)))
        super().accept()
