"""After an event: "Who did you meet?" Pick people from the network or add them as you
go (a name and an organization: business cards are read later), and choose the
follow-ups each gets (the next day and a week later, unless unticked or moved).

The dialog only gathers Met values; ``save_with`` (the encounter service) records them
in one transaction and raises a ValueError with words for people when it cannot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from networker.domain.contacts import ContactValidationError
from networker.services.encounters import Met
from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics
from networker.views.people_picker import Finder, PeoplePicker

_TICK = Qt.ItemDataRole.UserRole + 2


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class MetDialog(QDialog):
    def __init__(
        self,
        *,
        title: str,
        find: Finder,
        save_with: Callable[[list[Met]], object],
        next_day: dt.date,
        week_later: dt.date,
        attendees: Sequence[tuple[int, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("metDialog")
        self.setWindowTitle("Who Did You Meet?")
        self._save_with = save_with
        self._new: list[tuple[str, str]] = []  # (name, organization) of new people

        heading = text.plain_label(f"Who did you meet at “{title}”?")
        heading.setWordWrap(True)
        look.section_title(heading)
        self.people = PeoplePicker(
            find=find, placeholder="Someone in your network: type a name", name="met"
        )
        self.attendees_hint = text.plain_label(
            "Tick the attendees you spoke with:" if attendees else ""
        )
        self.attendees_hint.setVisible(bool(attendees))
        for contact_id, name in attendees:
            self.people.add(contact_id, name)
        for row in range(self.people.chosen.count()):
            item = self.people.chosen.item(row)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(_TICK, True)  # an attendee counts only when ticked

        self.new_name = QLineEdit()
        self.new_name.setObjectName("metNewName")
        self.new_name.setPlaceholderText("Name of someone new")
        self.new_organization = QLineEdit()
        self.new_organization.setObjectName("metNewOrganization")
        self.new_organization.setPlaceholderText("Organization")
        self.add_new = QPushButton("&Add")
        self.add_new.setObjectName("metAddNew")
        self.add_new.setAutoDefault(False)
        self.add_new.clicked.connect(self._add_new)
        # Enter in these adds the person (not the dialog's Save).
        self.new_name.installEventFilter(self)
        self.new_organization.installEventFilter(self)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_name, 2)
        new_row.addWidget(self.new_organization, 2)
        new_row.addWidget(self.add_new)

        self.next_day = QCheckBox("Follow up on")
        self.next_day.setObjectName("metFollowUpNextDay")
        self.next_day.setChecked(True)
        self.next_day_on = QDateEdit(_qdate(next_day))
        self.next_day_on.setObjectName("metFollowUpNextDayOn")
        self.week_later = QCheckBox("and again on")
        self.week_later.setObjectName("metFollowUpWeekLater")
        self.week_later.setChecked(True)
        self.week_later_on = QDateEdit(_qdate(week_later))
        self.week_later_on.setObjectName("metFollowUpWeekLaterOn")
        for edit in (self.next_day_on, self.week_later_on):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
        self.next_day.toggled.connect(self.next_day_on.setEnabled)
        self.week_later.toggled.connect(self.week_later_on.setEnabled)
        follow = QHBoxLayout()
        follow.addWidget(self.next_day)
        follow.addWidget(self.next_day_on)
        follow.addWidget(self.week_later)
        follow.addWidget(self.week_later_on)
        follow.addStretch(1)

        self.problem = text.plain_label()
        self.problem.setObjectName("metProblem")
        self.problem.setWordWrap(True)
        look.validation_message(self.problem)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(text.buddy_label("&People", self.people.search), self.people)
        form.addRow(text.buddy_label("&New", self.new_name), new_row)
        form.addRow("", follow)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.attendees_hint)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.people.search.setFocus()
        self.resize(600, self.sizeHint().height())

    @Slot()
    def _add_new(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.new_name.setFocus()
            return
        organization = self.new_organization.text().strip()
        self._new.append((name, organization))
        words = f"{name} · {organization}" if organization else name
        item = QListWidgetItem(f"{words} (new)")
        item.setData(Qt.ItemDataRole.UserRole, -len(self._new))  # a new one: below zero
        self.people.chosen.addItem(item)
        self.new_name.clear()
        self.new_organization.clear()
        self.new_name.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched in (self.new_name, self.new_organization)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.new_name.text().strip()
        ):
            self._add_new()
            return True
        return super().eventFilter(watched, event)

    def follow_ups(self) -> tuple[dt.date, ...]:
        days = []
        for box, edit in ((self.next_day, self.next_day_on), (self.week_later, self.week_later_on)):
            if box.isChecked():
                day = edit.date().toPython()
                assert isinstance(day, dt.date)
                days.append(day)
        return tuple(days)

    def met(self) -> list[Met]:
        """Everyone chosen (an attendee only when ticked), with the follow-ups."""
        follow_ups = self.follow_ups()
        found = []
        for row in range(self.people.chosen.count()):
            item = self.people.chosen.item(row)
            key = int(item.data(Qt.ItemDataRole.UserRole))
            if item.data(_TICK) and item.checkState() != Qt.CheckState.Checked:
                continue
            if key < 0:
                name, organization = self._new[-key - 1]
                found.append(Met(name=name, organization=organization, follow_ups=follow_ups))
            else:
                found.append(Met(contact_id=key, follow_ups=follow_ups))
        return found

    def accept(self) -> None:
        try:
            self._save_with(self.met())
        except (ValueError, ContactValidationError) as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        super().accept()
