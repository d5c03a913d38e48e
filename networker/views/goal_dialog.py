"""Setting a goal: its title, purpose, period, status and targets (New Goal, Edit Goal),
the first-run offer of the suggested goals, and the people linked to a goal.

What cannot be saved is said beside its field, in words (a target of 0, a period that
ends before it starts, a goal without a target); nothing is saved until all is well.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from networker.domain.contacts import Source
from networker.domain.events import EventKind
from networker.domain.goals import (
    AMOUNT_MAX,
    GoalDraft,
    GoalValidationError,
    Purpose,
    Repeat,
    Status,
    TargetDraft,
    TargetFilters,
    TargetKind,
    validate,
)
from networker.domain.interactions import InteractionKind
from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics
from networker.views.people_picker import Finder
from networker.views.people_words import told_apart

SaveGoal = Callable[[GoalDraft], None]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day


def _error_label(name: str) -> QLabel:
    label = text.plain_label()
    label.setObjectName(name)
    label.setWordWrap(True)
    look.validation_message(label)
    label.setContentsMargins(0, 0, 0, 0)
    label.hide()
    return label


def _show_error(label: QLabel, words: str) -> None:
    label.setText(words)
    label.setVisible(bool(words))


class TargetEditor(QFrame):
    """One target: what it counts, how many, and its filters."""

    def __init__(self, target: TargetDraft, tags: Sequence[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("targetEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._id = target.id
        self._manual_count = target.manual_count
        self.kind = QComboBox()
        self.kind.setObjectName("targetKind")
        for kind in TargetKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(list(TargetKind).index(target.kind))
        self.amount = QSpinBox()
        self.amount.setObjectName("targetAmount")
        self.amount.setRange(-AMOUNT_MAX, AMOUNT_MAX)
        self.amount.setValue(target.amount)
        self.amount.setAccessibleName("How many")
        self.kinds = QToolButton()
        self.kinds.setObjectName("targetKinds")
        self.kinds.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.kinds_menu = QMenu(self.kinds)
        self.kinds.setMenu(self.kinds_menu)
        self._chosen_kinds = set(target.filters.kinds)
        self.tag = QComboBox()
        self.tag.setObjectName("targetTag")
        self.tag.setEditable(True)
        self.tag.addItem("")
        self.tag.addItems(list(tags))
        self.tag.setCurrentText(target.filters.tag)
        if (tag_edit := self.tag.lineEdit()) is not None:
            tag_edit.setPlaceholderText("any tag")
        self.source = QComboBox()
        self.source.setObjectName("targetSource")
        self.source.addItem("Any way we met", "")
        for source in Source:
            self.source.addItem(source.label, source.value)
        self.source.setCurrentIndex(max(0, self.source.findData(target.filters.source)))
        self.organization = QLineEdit(target.filters.organization)
        self.organization.setObjectName("targetOrganization")
        self.organization.setPlaceholderText("any organization")
        self.only_linked = QCheckBox("Only &linked")
        self.only_linked.setObjectName("targetOnlyLinked")
        self.only_linked.setToolTip(
            "Count only contacts, events and interactions linked to this goal"
        )
        self.only_linked.setChecked(target.only_linked)
        self.remove = QPushButton("Remove")
        self.remove.setObjectName("removeTarget")
        self.error = _error_label("targetError")

        first = QHBoxLayout()
        first.addWidget(self.amount)
        first.addWidget(self.kind, 1)
        first.addWidget(self.kinds)
        first.addWidget(self.remove)
        second = QHBoxLayout()
        self.tag_label = QLabel("Tag")
        second.addWidget(self.tag_label)
        second.addWidget(self.tag, 1)
        second.addWidget(self.source, 1)
        second.addWidget(self.organization, 1)
        second.addWidget(self.only_linked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.error)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def target_kind(self) -> TargetKind:
        kind = self.kind.currentData()
        assert isinstance(kind, TargetKind)
        return kind

    @Slot()
    def _kind_changed(self) -> None:
        kind = self.target_kind()
        self.kinds.setVisible(kind.counts_kinds)
        self.kinds_menu.clear()
        choices = (
            [(k.value, k.label) for k in InteractionKind]
            if kind is TargetKind.INTERACTIONS
            else [(k.value, k.label) for k in EventKind]
        )
        valid = {value for value, _label in choices}
        self._chosen_kinds &= valid
        for value, label in choices:
            action = QAction(label, self.kinds_menu)
            action.setCheckable(True)
            action.setChecked(value in self._chosen_kinds)
            action.setData(value)
            action.toggled.connect(self._kinds_toggled)
            self.kinds_menu.addAction(action)
        tagged = kind in (TargetKind.NEW_CONTACTS, TargetKind.OVERDUE_REACHED)
        self.tag_label.setVisible(tagged)
        self.tag.setVisible(tagged)
        self.source.setVisible(kind is TargetKind.NEW_CONTACTS)
        self.organization.setVisible(kind is TargetKind.NEW_CONTACTS)
        self.only_linked.setVisible(kind is not TargetKind.MANUAL)
        self._kinds_text()

    @Slot(bool)
    def _kinds_toggled(self, _checked: bool) -> None:
        self._chosen_kinds = {str(a.data()) for a in self.kinds_menu.actions() if a.isChecked()}
        self._kinds_text()

    def _kinds_text(self) -> None:
        kinds = [a.text() for a in self.kinds_menu.actions() if a.isChecked()]
        self.kinds.setText(", ".join(kinds) if kinds else "of any kind")

    def choose_kinds(self, values: Sequence[str]) -> None:
        for action in self.kinds_menu.actions():
            action.setChecked(action.data() in values)

    def draft(self) -> TargetDraft:
        kind = self.target_kind()
        ordered = [str(a.data()) for a in self.kinds_menu.actions() if a.isChecked()]
        filters = TargetFilters(
            kinds=tuple(ordered) if kind.counts_kinds else (),
            tag=self.tag.currentText().strip() if self.tag.isVisibleTo(self) else "",
            source=str(self.source.currentData() or "") if kind is TargetKind.NEW_CONTACTS else "",
            organization=self.organization.text().strip()
            if kind is TargetKind.NEW_CONTACTS
            else "",
        )
        return TargetDraft(
            kind=kind,
            amount=self.amount.value(),
            filters=filters,
            only_linked=self.only_linked.isChecked() and kind is not TargetKind.MANUAL,
            manual_count=self._manual_count,
            id=self._id,
        )


class GoalDialog(QDialog):
    """New Goal and Edit Goal: ``save_with`` stores the draft (and may refuse it)."""

    def __init__(
        self,
        *,
        save_with: SaveGoal,
        today: dt.date,
        tags: Sequence[str] = (),
        editing: GoalDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goalDialog")
        self.setWindowTitle("Edit Goal" if editing else "New Goal")
        self._save_with = save_with
        self._tags = list(tags)
        draft = editing or GoalDraft(
            title="",
            targets=(TargetDraft(TargetKind.INTERACTIONS, 4),),
            starts_on=today.replace(day=1),
            repeat=Repeat.MONTHLY,
        )
        self.title = QLineEdit(draft.title)
        self.title.setObjectName("goalTitle")
        self.title.setPlaceholderText("Find a mentor")
        self.title_error = _error_label("titleError")
        self.purpose = QComboBox()
        self.purpose.setObjectName("goalPurpose")
        for purpose in Purpose:
            self.purpose.addItem(purpose.label, purpose)
        self.purpose.setCurrentIndex(list(Purpose).index(draft.purpose))
        self.description = QPlainTextEdit(draft.description)
        self.description.setObjectName("goalDescription")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(56)
        self.description.setPlaceholderText("Why it matters (optional)")
        self.repeat = QComboBox()
        self.repeat.setObjectName("goalRepeat")
        for repeat in Repeat:
            self.repeat.addItem(repeat.label, repeat)
        self.repeat.setCurrentIndex(list(Repeat).index(draft.repeat))
        self.starts = QDateEdit(_qdate(draft.starts_on))
        self.starts.setObjectName("goalStarts")
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("d MMM yyyy")
        ends = draft.ends_on or draft.starts_on + dt.timedelta(days=90)
        self.ends = QDateEdit(_qdate(ends))
        self.ends.setObjectName("goalEnds")
        self.ends.setCalendarPopup(True)
        self.ends.setDisplayFormat("d MMM yyyy")
        self.ends_label = QLabel("&to")
        self.ends_label.setBuddy(self.ends)
        self.period_error = _error_label("periodError")
        self.status = QComboBox()
        self.status.setObjectName("goalStatus")
        for status in Status:
            self.status.addItem(status.label, status)
        self.status.setCurrentIndex(list(Status).index(draft.status))

        period = QHBoxLayout()
        period.addWidget(self.repeat)
        period.addWidget(QLabel("from"))
        period.addWidget(self.starts)
        period.addWidget(self.ends_label)
        period.addWidget(self.ends)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("", self.title_error)
        form.addRow("&Purpose", self.purpose)
        form.addRow("&Description", self.description)
        form.addRow(text.buddy_label("P&eriod", self.repeat), period)
        form.addRow("", self.period_error)
        form.addRow("&Status", self.status)

        targets_title = text.plain_label("Targets: what counts, and how many in each period")
        look.section_title(targets_title)
        self.targets_error = _error_label("targetsError")
        self.targets_box = QWidget()
        self.targets_layout = QVBoxLayout(self.targets_box)
        self.targets_layout.setContentsMargins(0, 0, 0, 0)
        self.targets_layout.addStretch(1)
        self.editors: list[TargetEditor] = []
        for target in draft.targets:
            self.add_target(target)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.targets_box)
        self.add_button = QPushButton("&Add Target")
        self.add_button.setObjectName("addTarget")
        self.add_button.clicked.connect(self._add_clicked)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(targets_title)
        layout.addWidget(self.targets_error)
        layout.addWidget(scroll, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.buttons)
        give_buttons_mnemonics(self)
        self.repeat.currentIndexChanged.connect(self._repeat_changed)
        self._repeat_changed()
        self.resize(680, 560)
        self.title.setFocus()

    @Slot()
    def _repeat_changed(self) -> None:
        ranged = self.repeat.currentData() is Repeat.NONE
        self.ends.setVisible(ranged)
        self.ends_label.setVisible(ranged)

    @Slot()
    def _add_clicked(self) -> None:
        editor = self.add_target(TargetDraft(TargetKind.INTERACTIONS, 4))
        editor.amount.setFocus()

    def add_target(self, target: TargetDraft) -> TargetEditor:
        editor = TargetEditor(target, self._tags, self.targets_box)
        editor.remove.clicked.connect(self._remove_clicked)
        self.targets_layout.insertWidget(len(self.editors), editor)
        self.editors.append(editor)
        return editor

    @Slot()
    def _remove_clicked(self) -> None:
        editor = self.sender().parent()
        if isinstance(editor, TargetEditor) and editor in self.editors:
            self.editors.remove(editor)
            self.targets_layout.removeWidget(editor)
            editor.hide()
            editor.deleteLater()

    def draft(self) -> GoalDraft:
        repeat = self.repeat.currentData()
        assert isinstance(repeat, Repeat)
        return GoalDraft(
            title=self.title.text().strip(),
            targets=tuple(e.draft() for e in self.editors),
            starts_on=_day(self.starts),
            ends_on=_day(self.ends) if repeat is Repeat.NONE else None,
            repeat=repeat,
            purpose=self.purpose.currentData(),
            description=self.description.toPlainText().strip(),
            status=self.status.currentData(),
        )

    def show_problems(self, problems: Sequence[tuple[str, str]]) -> None:
        """Each problem beside its field; the first field with one gets the focus."""
        by_place: dict[str, list[str]] = {}
        for where, words in problems:
            by_place.setdefault(where, []).append(words)
        _show_error(self.title_error, " ".join(by_place.get("title", [])))
        _show_error(self.period_error, " ".join(by_place.get("period", [])))
        _show_error(self.targets_error, " ".join(by_place.get("targets", [])))
        look.mark_invalid(self.title, "title" in by_place)
        for number, editor in enumerate(self.editors):
            words = " ".join(by_place.get(f"target {number}", []))
            _show_error(editor.error, words)
            look.mark_invalid(editor.amount, bool(words))
        if "title" in by_place:
            self.title.setFocus()
        elif "period" in by_place:
            self.ends.setFocus()
        else:
            for number, editor in enumerate(self.editors):
                if f"target {number}" in by_place:
                    editor.amount.setFocus()
                    editor.amount.selectAll()
                    break

    def accept(self) -> None:
        draft = self.draft()
        problems = validate(draft)
        if not problems:
            try:
                self._save_with(draft)
            except GoalValidationError as exc:
                problems = exc.problems
        self.show_problems(problems)
        if not problems:
            super().accept()


class SeedGoalsDialog(QDialog):
    """The first run: goals drawn from networking on purpose, to tick and adjust."""

    def __init__(
        self,
        *,
        seeds: Sequence[GoalDraft],
        save_with: Callable[[list[GoalDraft]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seedGoalsDialog")
        self.setWindowTitle("Suggested Goals")
        self._save_with = save_with
        self.rows: list[tuple[QCheckBox, GoalDraft, list[QSpinBox]]] = []
        intro = text.plain_label(
            "Pick the goals you want to work on. Networker counts their progress from what "
            "you log: change the numbers to suit you, now or later."
        )
        intro.setWordWrap(True)
        body = QWidget()
        rows = QVBoxLayout(body)
        for number, seed in enumerate(seeds):
            check = QCheckBox(seed.title)
            check.setObjectName(f"seedGoal{number}")
            check.setChecked(number < 2)
            look.section_title(check)  # type: ignore[arg-type]
            rows.addWidget(check)
            period = (
                f"every {seed.repeat.noun}"
                if seed.repeat is not Repeat.NONE
                else f"until {seed.ends_on:%d %B %Y}"
            )
            spins = []
            for target in seed.targets:
                spin = QSpinBox()
                spin.setRange(1, AMOUNT_MAX)
                spin.setValue(target.amount)
                spin.setAccessibleName(target.describe())
                what = dataclasses.replace(target, amount=0).describe().removeprefix("0 ")
                line = QHBoxLayout()
                line.setContentsMargins(24, 0, 0, 0)
                line.addWidget(spin)
                words = text.plain_label(f"{what}, {period}")
                words.setWordWrap(True)  # (QA: a long line scrolled the whole list sideways)
                line.addWidget(words, 1)
                rows.addLayout(line)
                spins.append(spin)
            self.rows.append((check, seed, spins))
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add Chosen Goals")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.resize(560, 560)

    def chosen(self) -> list[GoalDraft]:
        found = []
        for check, seed, spins in self.rows:
            if check.isChecked():
                targets = tuple(
                    dataclasses.replace(t, amount=s.value())
                    for t, s in zip(seed.targets, spins, strict=True)
                )
                found.append(dataclasses.replace(seed, targets=targets))
        return found

    def accept(self) -> None:
        if chosen := self.chosen():
            self._save_with(chosen)
        super().accept()


class LinkContactsDialog(QDialog):
    """The people a goal is about: search, tick, untick."""

    def __init__(
        self,
        *,
        find: Finder,
        linked: list[tuple[int, str]],
        save_with: Callable[[list[int], list[int]], None],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkContactsDialog")
        self.setWindowTitle(f"Link Contacts to “{title}”")
        self._find = find
        self._save_with = save_with
        self._before = {i for i, _n in linked}
        self._chosen = dict(linked)
        self.search = QLineEdit()
        self.search.setObjectName("linkSearch")
        self.search.setPlaceholderText("Type a name, organization or tag")
        self.search.textChanged.connect(self._search)
        self.results = QListWidget()
        self.results.setObjectName("linkResults")
        self.results.itemChanged.connect(self._ticked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self._show([(i, n) for i, n in linked])
        self.resize(420, 420)

    @Slot(str)
    def _search(self, query: str) -> None:
        if not query.strip():
            self._show(sorted(self._chosen.items(), key=lambda p: p[1].casefold()))
            return
        found = self._find(query.strip())
        self._show([(s.id, shown) for s, shown in zip(found, told_apart(found), strict=True)])

    def _show(self, people: list[tuple[int, str]]) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for contact_id, name in people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, contact_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = contact_id in self._chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.results.addItem(item)
        self.results.blockSignals(False)

    @Slot(QListWidgetItem)
    def _ticked(self, item: QListWidgetItem) -> None:
        contact_id = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self._chosen[contact_id] = item.text()
        else:
            self._chosen.pop(contact_id, None)

    def accept(self) -> None:
        add = [i for i in self._chosen if i not in self._before]
        remove = [i for i in self._before if i not in self._chosen]
        self._save_with(add, remove)
        super().accept()
