"""Adding or editing an event: what, when (all day, or a start and an end in a time
zone), where, who, the organizing group, a reminder and how it repeats.

The dialog only builds an EventDraft; ``save_with`` (the page, through its undo
history) writes it and raises EventValidationError when it cannot, which the dialog
shows inline under the fields (an end before the start is refused there, not in a
message box).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QDate, QStringListModel, Qt, QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from networker.domain.events import EventDraft, EventKind, EventValidationError, InterviewStage
from networker.domain.repeat import Frequency, Repeat, repeat_of
from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics
from networker.views.goal_history import GoalChoice
from networker.views.goal_links import GoalChecklist, offered
from networker.views.people_picker import Creator, Finder, PeoplePicker

# The reminder offsets offered: (words, minutes before the start).
REMINDERS: tuple[tuple[str, int | None], ...] = (
    ("No reminder", None),
    ("At the start", 0),
    ("15 minutes before", 15),
    ("1 hour before", 60),
    ("1 day before", 24 * 60),
    ("1 week before", 7 * 24 * 60),
)
FLOATING = "Floating (the same clock time anywhere)"


@functools.cache
def zone_names() -> list[str]:
    """Every IANA zone this system knows, by name (read once: about 600)."""
    return sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> dt.date:
    day = value.toPython()
    assert isinstance(day, dt.date)
    return day


def _time(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class EventDialog(QDialog):
    def __init__(
        self,
        *,
        initial: EventDraft,
        save_with: Callable[[EventDraft], object],
        find: Finder,
        create_contact: Creator | None,
        attendee_names: Sequence[tuple[int, str]] = (),
        groups: Sequence[str] = (),
        editing: bool = False,
        series_note: str = "",
        goals: Sequence[GoalChoice] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``initial``: the event as it is (or, new, its day and time); ``series_note``
        says what an edit changes ("Only 3 December is changed"); ``goals``: the goals
        it can be linked to (none: the row is left out, its links stay as they are)."""
        super().__init__(parent)
        self.setObjectName("eventDialog")
        self.setWindowTitle("Edit Event" if editing else "New Event")
        self._initial = initial
        self._save_with = save_with

        self.title = QLineEdit(initial.title)
        self.title.setObjectName("eventTitle")
        self.title.setPlaceholderText("PMI chapter meeting, coffee with Ada…")
        self.kind = QComboBox()
        self.kind.setObjectName("eventKind")
        for kind in EventKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(self.kind.findData(initial.kind))

        self.all_day = QCheckBox("&All day")
        self.all_day.setObjectName("eventAllDay")
        self.start_day = QDateEdit()
        self.start_day.setObjectName("eventStartDay")
        self.end_day = QDateEdit()
        self.end_day.setObjectName("eventEndDay")
        self.start_time = QTimeEdit()
        self.start_time.setObjectName("eventStartTime")
        self.end_time = QTimeEdit()
        self.end_time.setObjectName("eventEndTime")
        for edit in (self.start_day, self.end_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
        for time_edit in (self.start_time, self.end_time):
            time_edit.setDisplayFormat("HH:mm")
        self.zone = QComboBox()
        self.zone.setObjectName("eventZone")
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems([*zone_names(), FLOATING])
        completer = QCompleter(self.zone.model(), self.zone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.zone.setCompleter(completer)
        self.zone.setToolTip("The time zone the times are in: type to search (“Paris”)")
        self._fill_times(initial)
        self._last_start_day = self.start_day.date()
        self._last_start_time = self.start_time.time()
        self.all_day.toggled.connect(self._on_all_day)
        self.start_day.dateChanged.connect(self._on_start_day)
        self.start_time.timeChanged.connect(self._on_start_time)

        self.location = QLineEdit(initial.location)
        self.location.setObjectName("eventLocation")
        self.url = QLineEdit(initial.url)
        self.url.setObjectName("eventUrl")
        self.url.setPlaceholderText("https://…")
        self.group = QLineEdit(initial.group)
        self.group.setObjectName("eventGroup")
        self.group.setPlaceholderText("The association or group that organizes it")
        group_completer = QCompleter(QStringListModel(list(groups), self), self.group)
        group_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        group_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.group.setCompleter(group_completer)
        self.notes = QPlainTextEdit(initial.notes)
        self.notes.setObjectName("eventNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.attendees = PeoplePicker(
            find=find, create=create_contact, chosen=attendee_names,
            placeholder="Who is coming? Type a name", name="eventAttendees",
        )  # fmt: skip

        self.reminder = QComboBox()
        self.reminder.setObjectName("eventReminder")
        for words, minutes in REMINDERS:
            self.reminder.addItem(words, minutes)
        index = self.reminder.findData(initial.reminder_minutes)
        if index < 0 and initial.reminder_minutes is not None:
            self.reminder.addItem(f"{initial.reminder_minutes} minutes before",
                                  initial.reminder_minutes)  # fmt: skip
            index = self.reminder.count() - 1
        self.reminder.setCurrentIndex(max(index, 0))

        self.frequency = QComboBox()
        self.frequency.setObjectName("eventRepeat")
        for frequency in Frequency:
            self.frequency.addItem(frequency.label, frequency)
        self.interval = QSpinBox()
        self.interval.setObjectName("eventInterval")
        self.interval.setRange(1, 99)
        self.interval.setPrefix("every ")
        self.ends = QComboBox()
        self.ends.setObjectName("eventEnds")
        self.ends.addItem("Never ends", "never")
        self.ends.addItem("Ends after", "count")
        self.ends.addItem("Ends on", "until")
        self.count = QSpinBox()
        self.count.setObjectName("eventCount")
        self.count.setRange(1, 999)
        self.count.setSuffix(" times")
        self.count.setValue(10)
        self.until = QDateEdit(_qdate(self._start_day() + dt.timedelta(days=90)))
        self.until.setObjectName("eventUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("d MMM yyyy")
        self._kept_rule = ""  # a rule the row cannot show (from a file): kept as it is
        self._fill_repeat(initial.rrule)
        self.frequency.currentIndexChanged.connect(self._update_repeat)
        self.ends.currentIndexChanged.connect(self._update_repeat)

        # The goals it is for ("mentor search"): a linked event counts for their "only
        # linked" targets, and its brief names them.
        linked = initial.goal_ids or ()
        choices = offered(goals, linked)
        self.goals = GoalChecklist()
        self.goals.setObjectName("eventGoals")
        self.goals.set_goals(choices, linked)
        self._offers_goals = bool(choices)

        self.problem = text.plain_label()
        self.problem.setObjectName("eventProblem")
        self.problem.setWordWrap(True)
        look.validation_message(self.problem)
        self.problem.hide()
        self.note = text.plain_label(series_note)
        look.muted(self.note)
        self.note.setVisible(bool(series_note))

        when = QHBoxLayout()
        when.addWidget(self.start_day)
        when.addWidget(self.start_time)
        when.addWidget(text.plain_label("to"))
        when.addWidget(self.end_day)
        when.addWidget(self.end_time)
        when.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addWidget(self.all_day)
        repeat = QHBoxLayout()
        repeat.addWidget(self.frequency)
        repeat.addWidget(self.interval)
        repeat.addWidget(self.ends)
        repeat.addWidget(self.count)
        repeat.addWidget(self.until)
        repeat.addStretch(1)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        # A row of several fields: its label's key goes to the first (a label made
        # for a layout would show the "&" itself).
        form.addRow(text.buddy_label("&Kind", self.kind), top)
        form.addRow(text.buddy_label("W&hen", self.start_day), when)  # &Web address has the W
        form.addRow("Time &zone", self.zone)
        form.addRow(text.buddy_label("&Repeat", self.frequency), repeat)
        form.addRow("&Location", self.location)
        form.addRow("&Web address", self.url)
        form.addRow("Organized &by", self.group)
        form.addRow(text.buddy_label("&People", self.attendees.search), self.attendees)
        form.addRow("Re&mind me", self.reminder)
        form.addRow("&Notes", self.notes)
        if self._offers_goals:
            form.addRow("G&oals", self.goals)
        else:
            self.goals.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.title.setFocus()
        self.resize(640, self.sizeHint().height())

    # Filling the fields

    def _fill_times(self, draft: EventDraft) -> None:
        start, end = draft.start, draft.end
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            self.all_day.setChecked(False)
            zone = draft.zone
            if start.tzinfo is not None and zone:
                start = start.astimezone(zoneinfo.ZoneInfo(zone))
                end = end.astimezone(zoneinfo.ZoneInfo(zone))
            self.start_day.setDate(_qdate(start.date()))
            self.start_time.setTime(QTime(start.hour, start.minute))
            self.end_day.setDate(_qdate(end.date()))
            self.end_time.setTime(QTime(end.hour, end.minute))
            self.zone.setCurrentText(zone if zone else FLOATING)
        else:
            assert not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime)
            self.all_day.setChecked(True)
            self.start_day.setDate(_qdate(start))
            last = max(end - dt.timedelta(days=1), start)  # shown inclusive
            self.end_day.setDate(_qdate(last))
            self.start_time.setTime(QTime(9, 0))
            self.end_time.setTime(QTime(10, 0))
            self.zone.setCurrentText(draft.zone or _default_zone())
        self._on_all_day(self.all_day.isChecked())

    def _fill_repeat(self, rule: str) -> None:
        repeat = repeat_of(rule)
        if repeat is None:
            self._kept_rule = rule
            self.frequency.addItem("As the file says", "kept")
            self.frequency.setCurrentIndex(self.frequency.count() - 1)
            repeat = Repeat()
        else:
            self.frequency.setCurrentIndex(self.frequency.findData(repeat.frequency))
            self.interval.setValue(repeat.interval)
            if repeat.count is not None:
                self.ends.setCurrentIndex(1)
                self.count.setValue(repeat.count)
            elif repeat.until is not None:
                self.ends.setCurrentIndex(2)
                self.until.setDate(_qdate(repeat.until))
        self._update_repeat()

    @Slot()
    def _update_repeat(self) -> None:
        frequency = self.frequency.currentData()
        repeats = isinstance(frequency, Frequency) and frequency is not Frequency.NONE
        self.interval.setVisible(repeats)
        self.ends.setVisible(repeats)
        if repeats:
            assert isinstance(frequency, Frequency)
            self.interval.setSuffix(f" {frequency.unit}" if self.interval.value() != 1 else
                                    f" {frequency.unit.rstrip('s')}")  # fmt: skip
        self.count.setVisible(repeats and self.ends.currentData() == "count")
        self.until.setVisible(repeats and self.ends.currentData() == "until")

    @Slot(bool)
    def _on_all_day(self, all_day: bool) -> None:
        self.start_time.setVisible(not all_day)
        self.end_time.setVisible(not all_day)
        self.zone.setEnabled(not all_day)

    @Slot(QDate)
    def _on_start_day(self, day: QDate) -> None:
        """Moving the start moves the end with it (the length stays)."""
        old, self._last_start_day = self._last_start_day, day
        self.end_day.setDate(self.end_day.date().addDays(old.daysTo(day)))

    @Slot(QTime)
    def _on_start_time(self, value: QTime) -> None:
        old, self._last_start_time = self._last_start_time, value
        if self.start_day.date() == self.end_day.date():
            self.end_time.setTime(self.end_time.time().addSecs(old.secsTo(value)))

    def _start_day(self) -> dt.date:
        return _day(self.start_day.date())

    # The result

    def draft(self) -> EventDraft:
        """What the fields say (validated on save, not here)."""
        start_day, end_day = _day(self.start_day.date()), _day(self.end_day.date())
        zone = self.zone.currentText().strip()
        if self.all_day.isChecked():
            start: dt.date | dt.datetime = start_day
            end: dt.date | dt.datetime = end_day + dt.timedelta(days=1)
            zone = ""
        else:
            naive_start = dt.datetime.combine(start_day, _time(self.start_time.time()))
            naive_end = dt.datetime.combine(end_day, _time(self.end_time.time()))
            if zone == FLOATING or not zone:
                zone = ""
                start, end = naive_start, naive_end
            else:
                try:
                    tz = zoneinfo.ZoneInfo(zone)
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    tz = None
                if tz is None:
                    start, end = naive_start, naive_end  # validation names the zone
                else:
                    start, end = naive_start.replace(tzinfo=tz), naive_end.replace(tzinfo=tz)
        kind = self.kind.currentData()
        assert isinstance(kind, EventKind)
        stage = self._initial.stage
        if kind is EventKind.INFORMATIONAL_INTERVIEW and stage is None:
            stage = InterviewStage.SCHEDULED
        elif kind is not EventKind.INFORMATIONAL_INTERVIEW:
            stage = None
        draft = replace(
            self._initial,
            title=self.title.text().strip(),
            kind=kind,
            start=start,
            end=end,
            zone=zone,
            location=self.location.text().strip(),
            url=self.url.text().strip(),
            group=self.group.text().strip(),
            notes=self.notes.toPlainText(),
            reminder_minutes=self.reminder.currentData(),
            rrule=self._rule(),
            stage=stage,
            goal_ids=self.goals.goal_ids() if self._offers_goals else None,
        )
        return draft.with_contacts(self.attendees.ids())

    def _rule(self) -> str:
        frequency = self.frequency.currentData()
        if frequency == "kept":
            return self._kept_rule
        assert isinstance(frequency, Frequency)
        ends = self.ends.currentData()
        return Repeat(
            frequency,
            self.interval.value(),
            self.count.value() if ends == "count" else None,
            _day(self.until.date()) if ends == "until" else None,
        ).rule()

    def accept(self) -> None:
        draft = self.draft()
        try:
            self._save_with(draft)
        except EventValidationError as error:
            self.show_problem(" ".join(error.problems))
            return
        super().accept()

    def show_problem(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()
        ends_early = "ends before it starts" in words
        look.mark_invalid(self.end_day, ends_early)
        look.mark_invalid(self.end_time, ends_early)
        look.mark_invalid(self.title, "title" in words)


def _default_zone() -> str:
    from networker.clock import local_zone_name

    return local_zone_name() or FLOATING
