"""Log Interaction (Ctrl+L from anywhere): who, what kind, a note, Enter to save.

Logging must take seconds or users stop: the search field has the focus, typing finds
people over the whole network, Enter picks the first match and moves on to the summary
(Enter in an empty search, once someone is picked, saves), and everything else has a
sensible default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from networker.domain.interactions import (
    VALUE_KINDS,
    InteractionDraft,
    InteractionKind,
    InteractionRecord,
    InteractionValidationError,
    Value,
)
from networker.domain.listing import ContactSummary
from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics
from networker.views.goal_history import GoalChoice
from networker.views.goal_links import GoalChecklist, offered
from networker.views.people_picker import RESULTS_SHOWN, Finder, SearchField
from networker.views.people_words import told_apart


class LogInteractionDialog(QDialog):
    saved = Signal()

    def __init__(
        self,
        *,
        save_with: Callable[[InteractionDraft], object],
        find: Finder,
        now: dt.datetime,
        with_contacts: Sequence[ContactSummary] = (),
        editing: InteractionRecord | None = None,
        favour: Value = Value.NONE,
        goals: Sequence[GoalChoice] = (),
        goals_of: Callable[[list[int]], list[int]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``save_with`` logs (or, ``editing`` one, saves) the draft, undoably; it
        raises InteractionValidationError when it cannot. ``goals``: the goals it can be
        linked to; ``goals_of`` says which goals some contacts are linked to (a new
        interaction starts linked to those of the people it is with)."""
        super().__init__(parent)
        self.setObjectName("logInteractionDialog")
        self.setWindowTitle("Edit Interaction" if editing else "Log Interaction")
        self._save_with = save_with
        self._find = find
        self._chosen: dict[int, str] = {}

        self.search = SearchField()
        self.search.setObjectName("interactionContactSearch")
        self.search.setPlaceholderText("Who? Type a name, organization or email")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.to_results.connect(self._to_results)
        self.search.pick_first.connect(self._pick_first)
        self.results = QListWidget()
        self.results.setObjectName("interactionContactResults")
        self.results.setMaximumHeight(150)
        self.results.itemActivated.connect(self._pick)
        self.results.hide()
        self.chosen = QListWidget()
        self.chosen.setObjectName("interactionContacts")
        self.chosen.setMaximumHeight(80)
        self.chosen.setToolTip("Delete removes the selected person")
        self.chosen.installEventFilter(self)
        self.results.installEventFilter(self)

        self.kind = QComboBox()
        for kind in InteractionKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(self.kind.findData(InteractionKind.COFFEE_CHAT))
        self.when = QDateTimeEdit(QDateTime(_qdate(now.date()), QTime(now.hour, now.minute)))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("What it was about, in a few words")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes: what you learnt, what you promised")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.follow_up = QCheckBox("Follow up on")
        self.follow_up_on = QDateEdit(_qdate(now.date() + dt.timedelta(days=7)))
        self.follow_up_on.setCalendarPopup(True)
        self.follow_up_on.setDisplayFormat("yyyy-MM-dd")  # as When shows its date
        self.follow_up_on.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_on.setEnabled)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up)
        follow.addWidget(self.follow_up_on, 1)
        self.value = QComboBox()
        self.value.addItem("No favour either way", Value.NONE)
        self.value.addItem("I helped them", Value.GIVEN)
        self.value.addItem("They helped me", Value.RECEIVED)
        self.value_kind = QComboBox()
        self.value_kind.setEditable(True)
        self.value_kind.addItems(["", *VALUE_KINDS])
        self.value_kind.setEnabled(False)
        self.value.currentIndexChanged.connect(
            lambda _i: self.value_kind.setEnabled(self.value.currentData() is not Value.NONE)
        )
        value = QHBoxLayout()
        value.addWidget(self.value, 1)
        value.addWidget(self.value_kind, 1)
        # Ticked at first for a new one: the goals its people are linked to. It counts
        # for them through those people anyway, but a link of its own keeps it counted
        # when a person is unlinked later (the chat was for that goal when it was had).
        self._goals_of = goals_of
        linked = editing.draft.goal_ids or () if editing is not None else ()
        choices = offered(goals, linked)
        self.goals = GoalChecklist()
        self.goals.setObjectName("interactionGoals")
        self.goals.set_goals(choices, linked)
        self.goals_hint = text.plain_label("Ticked: the goals the people chosen are linked to.")
        look.muted(self.goals_hint)
        self.goals_hint.hide()
        self._offers_goals = bool(choices)
        self._follows_people = editing is None and goals_of is not None
        self.problem = text.plain_label()
        look.validation_message(self.problem)
        self.problem.hide()

        form = QFormLayout()
        form.addRow("&With", self.search)
        form.addRow("", self.results)
        form.addRow("", self.chosen)
        form.addRow("&Kind", self.kind)
        form.addRow("W&hen", self.when)
        form.addRow("&Summary", self.summary)
        form.addRow("&Notes", self.notes)
        form.addRow("", follow)
        favour_label = QLabel("&Favour")
        favour_label.setBuddy(self.value)  # a row of two fields: Alt+F goes to the first
        form.addRow(favour_label, value)
        if self._offers_goals:
            goals_label = QLabel("G&oals")
            goals_label.setBuddy(self.goals)
            form.addRow(goals_label, self.goals)
            form.addRow("", self.goals_hint)
        else:
            self.goals.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.resize(520, self.sizeHint().height())
        for summary, shown in zip(with_contacts, told_apart(with_contacts), strict=True):
            self._add(summary.id, shown)
        self.value.setCurrentIndex(self.value.findData(favour))  # Give back: "I helped them"
        if editing is not None:
            self._fill(editing, now)
        self.search.setFocus()

    def _fill(self, record: InteractionRecord, now: dt.datetime) -> None:
        """Show an interaction to edit (its contacts are given as ``with_contacts``)."""
        draft = record.draft
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        when = (draft.occurred_at or now).astimezone(now.tzinfo)
        self.when.setDateTime(QDateTime(_qdate(when.date()), QTime(when.hour, when.minute)))
        self.summary.setText(draft.summary)
        self.notes.setPlainText(draft.notes)
        if draft.follow_up_on is not None:
            self.follow_up.setChecked(True)
            self.follow_up_on.setDate(_qdate(draft.follow_up_on))
        self.value.setCurrentIndex(self.value.findData(draft.value))
        self.value_kind.setCurrentText(draft.value_kind)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.search.setFocus()

    # Choosing people

    @Slot(str)
    def _on_search(self, query: str) -> None:
        self.results.clear()
        if not query.strip():
            self.results.hide()
            return
        found = self._find(query)[:RESULTS_SHOWN]
        for summary, label in zip(found, told_apart(found), strict=True):
            item = QListWidgetItem(label)
            # The chosen list shows the row as picked (QA: four "Amara Johnson"s).
            item.setData(Qt.ItemDataRole.UserRole, (summary.id, label))
            self.results.addItem(item)
        self.results.setVisible(self.results.count() > 0)
        if self.results.count():
            self.results.setCurrentRow(0)

    @Slot()
    def _to_results(self) -> None:
        if self.results.count():
            self.results.setFocus()

    @Slot()
    def _pick_first(self) -> None:
        """Enter in the search: the first match is picked and the summary is next (QA:
        "Enter, type the summary, Enter" typed the summary into the search); Alt+W goes
        back for one more person."""
        if self.results.count():
            self._pick(self.results.item(0))

    @Slot(QListWidgetItem)
    def _pick(self, item: QListWidgetItem) -> None:
        """Someone picked: the summary is next (Alt+W goes back for one more)."""
        contact_id, name = item.data(Qt.ItemDataRole.UserRole)
        self._add(contact_id, name)
        self.search.clear()
        self.summary.setFocus()

    def _add(self, contact_id: int, name: str) -> None:
        if contact_id in self._chosen:
            return
        self._chosen[contact_id] = name
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, contact_id)
        self.chosen.addItem(item)
        self.problem.hide()
        self._follow_people()

    def _follow_people(self) -> None:
        """Until the user ticks a goal themselves, the goals ticked are those of the
        people chosen."""
        if not self._follows_people or self.goals.touched or self._goals_of is None:
            return
        if not self._offers_goals:
            return
        theirs = self._goals_of(self.contact_ids())
        self.goals.tick(theirs)
        self.goals_hint.setVisible(bool(theirs))

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.results
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            # Enter on a match picks it; it never reaches the dialog, where Enter saves
            # (QA: Down, Down, Enter saved a coffee chat with nobody's summary).
            if (item := self.results.currentItem()) is not None:
                self._pick(item)
            return True
        if (
            watched is self.chosen
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            for item in self.chosen.selectedItems():
                self._chosen.pop(item.data(Qt.ItemDataRole.UserRole), None)
                self.chosen.takeItem(self.chosen.row(item))
            self._follow_people()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def contact_ids(self) -> list[int]:
        return list(self._chosen)

    # Saving

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter anywhere but the search field (and the notes) saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)

    def draft(self) -> InteractionDraft:
        when = self.when.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        follow_up = self.follow_up_on.date().toPython() if self.follow_up.isChecked() else None
        assert follow_up is None or isinstance(follow_up, dt.date)
        return InteractionDraft(
            contact_ids=self.contact_ids(),
            kind=self.kind.currentData(),
            occurred_at=when.astimezone(),  # entered in local time
            summary=self.summary.text().strip(),
            notes=self.notes.toPlainText().strip(),
            follow_up_on=follow_up,
            value=self.value.currentData(),
            value_kind=self.value_kind.currentText().strip()
            if self.value.currentData() is not Value.NONE
            else "",
            # No goals to offer: the links (of an edited one) stay as they are.
            goal_ids=self.goals.goal_ids() if self._offers_goals else None,
        )

    @Slot()
    def save(self) -> None:
        try:
            self._save_with(self.draft())
        except InteractionValidationError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.search.setFocus()
            return
        self.saved.emit()
        self.accept()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
