"""What an import would do, before it does it: new, merged (and how), unchanged, records
older than what the user has, problems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networker.services.importing import SAME_PERSON, Change, FileReport
from networker.views import text
from networker.views.button_mnemonics import give_buttons_mnemonics

NEW_SHOWN_OPEN = 200  # up to this many new people are listed unfolded


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _shown_as(change: Change) -> str:
    """A record's line: its name, who it is, and why it matched a contact you have."""
    words = change.name + (f" — {change.role}" if change.role else "")
    return words + (f" ({change.matched_by})" if change.matched_by else "")


def _counts(reports: list[FileReport]) -> list[str]:
    """What the files hold, said for contacts and for events apart."""
    contacts = [r for r in reports if not r.holds_events]
    events = [r for r in reports if r.holds_events]
    said = []
    if contacts or not events:
        new = sum(r.imported for r in contacts)
        said.append(
            f"{_plural(new, 'new contact', 'new contacts')}, "
            f"{sum(r.updated for r in contacts):,} merged into contacts you have, "
            f"{sum(r.unchanged for r in contacts):,} unchanged"
        )
    if events:
        new = sum(r.imported for r in events)
        said.append(
            f"{_plural(new, 'new event', 'new events')}, "
            f"{sum(r.updated for r in events):,} changed, "
            f"{sum(r.unchanged for r in events):,} unchanged"
        )
    return said


class ImportPreviewDialog(QDialog):
    def __init__(self, reports: list[FileReport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle("Import")
        self.resize(620, 460)
        new = sum(r.imported for r in reports)
        merged = sum(r.updated for r in reports)
        unchanged = sum(r.unchanged for r in reports)
        duplicates = sum(len(r.possible_duplicates) for r in reports)
        problems = sum(len(r.errors) for r in reports) + sum(1 for r in reports if r.unreadable)
        older = sum(len(r.older) for r in reports)
        self.summary = text.plain_label(
            ", ".join(_counts(reports))
            + f", {_plural(problems, 'problem', 'problems')}."
            + (f" {older:,} older than what you have: their current roles stay." if older else "")
        )
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        groups = {
            "new": QTreeWidgetItem([f"New ({new:,})"]),
            "merged": QTreeWidgetItem([f"Merged ({merged:,})"]),
            "unchanged": QTreeWidgetItem([f"Unchanged ({unchanged:,})"]),
            "possible duplicate": QTreeWidgetItem(
                [f"Possible duplicates, added as new unless you tick ({duplicates:,})"]
            ),
        }
        problem_group = QTreeWidgetItem([f"Problems ({problems:,})"])
        holds_events = any(r.holds_events for r in reports)
        warning_group = QTreeWidgetItem(
            ["Warnings" if holds_events else "Left out of some contacts"]
        )
        older_group = QTreeWidgetItem(
            [f"Older than what you have ({older:,}): their current roles stay"]
        )
        older_group.setData(0, Qt.ItemDataRole.UserRole, "older")
        self._choices: list[tuple[QTreeWidgetItem, Path, int, str]] = []
        for report in reports:
            for change in report.changes:
                item = QTreeWidgetItem(groups[change.action], [_shown_as(change)])
                for detail in change.details:
                    QTreeWidgetItem(item, [detail])
                if change.duplicate_of:
                    same = QTreeWidgetItem(
                        item, [f"The same person as “{change.duplicate_of}”: merge them"]
                    )
                    same.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    same.setCheckState(0, Qt.CheckState.Unchecked)
                    self._choices.append((same, report.path, change.record, SAME_PERSON))
                    item.setExpanded(True)
                for field, yours, theirs in change.conflicts:
                    choice = QTreeWidgetItem(
                        item,
                        [f"{field.replace('_', ' ')}: use “{theirs}” from the file "
                         f"(yours: “{yours}”)"],
                    )  # fmt: skip
                    choice.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    choice.setCheckState(0, Qt.CheckState.Unchecked)
                    self._choices.append((choice, report.path, change.record, field))
                    item.setExpanded(True)
            if report.unreadable:
                QTreeWidgetItem(problem_group, [report.unreadable])
            for problem in report.errors:
                QTreeWidgetItem(
                    problem_group,
                    [f"{report.path.name}, {report.record_word} {problem.record} "
                     f"(line {problem.line}): {problem.reason}"],
                )  # fmt: skip
            for warning in report.warnings:
                QTreeWidgetItem(
                    warning_group,
                    [f"{report.path.name}, {report.record_word} {warning.record}: "
                     f"{warning.reason}"],
                )  # fmt: skip
            for notice in report.older:
                QTreeWidgetItem(older_group, [f"{report.path.name}, card {notice.record}: "
                                              f"{notice.reason}"])  # fmt: skip
        for group in (*groups.values(), older_group, problem_group, warning_group):
            if group.childCount():
                self.tree.addTopLevelItem(group)
        # Who is coming in, at a glance (QA: "New" was the one group folded); a big
        # import's thousands stay folded under their count.
        groups["new"].setExpanded(new <= NEW_SHOWN_OPEN)
        groups["merged"].setExpanded(True)
        groups["possible duplicate"].setExpanded(True)
        problem_group.setExpanded(True)
        older_group.setExpanded(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self._anything_new = bool(new or merged)
        self.import_button.setEnabled(self._anything_new)
        if not self._anything_new:
            self.summary.setText(self.summary.text() + " There is nothing new to import.")
        if self._choices:
            self.summary.setText(
                self.summary.text() + " Where the file differs from your contacts, yours stay "
                "unless you tick the file's value."
            )
            groups["unchanged"].setExpanded(True)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # One tag for everyone in these files: an event's or a group's people, found
        # again later in the sidebar.
        self.tag = QLineEdit()
        self.tag.setObjectName("importTag")
        self.tag.setPlaceholderText("e.g. PMI meetup 2026 (optional)")
        self.tag.setClearButtonEnabled(True)
        self.tag.textChanged.connect(self._update_import_button)
        tag_label = QLabel("&Tag everyone from this import:")
        tag_label.setBuddy(self.tag)
        tag_row = QHBoxLayout()
        tag_row.addWidget(tag_label)
        tag_row.addWidget(self.tag, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(tag_row)
        layout.addWidget(self.buttons)
        give_buttons_mnemonics(self)

    def tag_everyone(self) -> str:
        return " ".join(self.tag.text().split()).replace(",", " ")

    def take_theirs(self) -> dict[tuple[Path, int], set[str]]:
        """The fields, per record, for which the user picked the file's value."""
        chosen: dict[tuple[Path, int], set[str]] = {}
        for item, path, record, field in self._choices:
            if item.checkState(0) == Qt.CheckState.Checked:
                chosen.setdefault((path, record), set()).add(field)
        return chosen

    @Slot(QTreeWidgetItem, int)
    def _on_item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        self._update_import_button()

    @Slot()
    def _update_import_button(self) -> None:
        # A tag alone is worth an import: the people of a file already imported get it.
        self.import_button.setEnabled(
            self._anything_new or bool(self.take_theirs()) or bool(self.tag_everyone())
        )
