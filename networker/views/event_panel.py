"""One event beside the agenda: when and where, who is coming (Enter or a click opens
the contact), the brief before it (who is already in the network, when you were last in
touch, what is still open), and after it "Who did you meet?". An informational
interview shows its stage, which the user moves along here.

The panel shows what the page hands it (EventView) and says what the user asked for
through signals; it reads and writes nothing itself. Every text is plain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from networker.domain.events import EventKind, EventRecord, InterviewStage, Occurrence
from networker.domain.repeat import describe
from networker.services.encounters import BriefLine
from networker.views import look, text
from networker.views.month_grid import kind_colour

_DASH = "\u2013"  # an en dash between two times
EMPTY = (
    "Select an event in the agenda to see who is coming, what to prepare and, once it is "
    "over, who you met."
)


@dataclass(frozen=True)
class EventView:
    """What the panel shows of one occurrence."""

    occurrence: Occurrence
    record: EventRecord
    when: str  # the local time in words
    ended: bool
    met_anyone: bool  # an encounter was logged for it
    brief: list[BriefLine]
    reminders: list[tuple[str, dt.date]]  # its open reminders: title, day due
    goals: tuple[str, ...] = ()  # the goals it is linked to
    # Who was met at this occurrence of a series (they are not the series' attendees).
    met: tuple[tuple[int, str], ...] = ()


def _wrapped(name: str = "") -> QLabel:
    label = text.plain_label()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class EventPanel(QWidget):
    edit_requested = Signal()
    delete_requested = Signal()
    met_requested = Signal()
    contact_requested = Signal(int)
    link_requested = Signal(str)
    stage_chosen = Signal(object)  # InterviewStage | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventPanel")
        self.shown: EventView | None = None

        self.empty = text.plain_label(EMPTY)
        self.empty.setObjectName("eventPanelEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        look.empty_state(self.empty)

        # The after-event prompt: a banner at the top of the panel.
        self.prompt = QFrame()
        self.prompt.setObjectName("metPrompt")
        look.banner(self.prompt)
        self.prompt_text = _wrapped()
        self.prompt_button = QPushButton("Who Did You Meet?…")
        self.prompt_button.setObjectName("metPromptButton")
        self.prompt_button.clicked.connect(self.met_requested)
        prompt_layout = QHBoxLayout(self.prompt)
        prompt_layout.addWidget(self.prompt_text, 1)
        prompt_layout.addWidget(self.prompt_button)

        self.title = _wrapped("eventPanelTitle")
        look.heading(self.title)
        self.kind = text.plain_label()
        self.kind.setObjectName("eventPanelKind")
        self.when = _wrapped("eventPanelWhen")
        self.repeat = _wrapped("eventPanelRepeat")
        look.muted(self.repeat)
        self.location = _wrapped("eventPanelLocation")
        self.group = _wrapped("eventPanelGroup")
        self.goals = _wrapped("eventPanelGoals")
        self.url = _wrapped("eventPanelUrl")
        self.open_url = QPushButton("Open")
        self.open_url.setToolTip("Open the event's web page")
        self.open_url.clicked.connect(self._open_url)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.open_url)
        self.url_row = QWidget()
        self.url_row.setLayout(url_row)
        url_row.setContentsMargins(0, 0, 0, 0)

        self.stage = QComboBox()
        self.stage.setObjectName("eventStage")
        self.stage.setToolTip("Where this informational interview stands")
        for stage in InterviewStage:
            self.stage.addItem(stage.label, stage)
        self.stage.activated.connect(self._on_stage)
        self.stage_label = text.plain_label("Stage")
        stage_row = QHBoxLayout()
        stage_row.setContentsMargins(0, 0, 0, 0)
        stage_row.addWidget(self.stage_label)
        stage_row.addWidget(self.stage, 1)
        self.stage_row = QWidget()
        self.stage_row.setLayout(stage_row)

        self.people_title = text.plain_label("People")
        look.section_title(self.people_title)
        self.attendees = QListWidget()
        self.attendees.setObjectName("eventAttendees")
        self.attendees.setToolTip("Click or press Enter to open the contact")
        self.attendees.itemActivated.connect(self._open_attendee)
        self.attendees.itemClicked.connect(self._open_attendee)
        self.no_attendees = _wrapped()
        look.muted(self.no_attendees)

        self.brief_title = text.plain_label("Before you go")
        look.section_title(self.brief_title)
        self.brief = _wrapped("eventBrief")
        self.reminders_title = text.plain_label("Open reminders")
        look.section_title(self.reminders_title)
        self.reminders = _wrapped("eventReminders")
        self.notes_title = text.plain_label("Notes")
        look.section_title(self.notes_title)
        self.notes = _wrapped("eventPanelNotes")

        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("eventEdit")
        self.edit_button.setToolTip("Change the event (Enter)")
        self.edit_button.clicked.connect(self.edit_requested)
        self.met_button = QPushButton("Who Did You Meet?…")
        self.met_button.setObjectName("eventWhoMet")
        self.met_button.clicked.connect(self.met_requested)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("eventDelete")
        self.delete_button.setToolTip("Delete the event (Delete; Edit > Undo brings it back)")
        self.delete_button.clicked.connect(self.delete_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.met_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        body = QWidget()
        details = QVBoxLayout(body)
        details.setContentsMargins(12, 8, 12, 8)
        for widget in (self.prompt, self.title, self.kind, self.when, self.repeat,
                       self.stage_row, self.location, self.group, self.goals, self.url_row,
                       self.people_title, self.attendees, self.no_attendees, self.brief_title,
                       self.brief, self.reminders_title, self.reminders, self.notes_title,
                       self.notes):  # fmt: skip
            details.addWidget(widget)
        details.addLayout(buttons)
        details.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)
        self._details = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # Showing

    def show_nothing(self, words: str = EMPTY) -> None:
        self.shown = None
        self.empty.setText(words)
        self.stack.setCurrentWidget(self.empty)

    def show_event(self, view: EventView) -> None:
        self.shown = view
        draft = view.record.draft
        self.title.setText(draft.title)
        self.kind.setText(draft.kind.label + (f" · {draft.stage.label}" if draft.stage else ""))
        palette = self.kind.palette()
        palette.setColor(QPalette.ColorRole.WindowText, kind_colour(draft.kind))
        self.kind.setPalette(palette)
        self.when.setText(view.when)
        repeat = describe(draft.rrule) if draft.rrule else ""
        if view.record.series_id is not None:
            repeat = "One occurrence of a series, changed on its own"
        self.repeat.setText(repeat)
        self.repeat.setVisible(bool(repeat))
        self._line(self.location, "Where", draft.location)
        self._line(self.group, "Organized by", draft.group)
        # Before it, the brief names its goals; after it, this line does (Edit… changes them).
        self._line(
            self.goals, "For your goals", text.isolated(list(view.goals)) if view.ended else ""
        )
        self._line(self.url, "Web", draft.url)
        self.url_row.setVisible(bool(draft.url))
        interview = draft.kind is EventKind.INFORMATIONAL_INTERVIEW
        self.stage_row.setVisible(interview)
        if interview:
            self.stage.setCurrentIndex(max(self.stage.findData(draft.stage), 0))

        self.attendees.clear()
        names = view.record.attendee_names
        for attendee, name in zip(view.record.draft.attendees, names, strict=False):
            item = QListWidgetItem(name or attendee.email or "(no name)")
            item.setData(Qt.ItemDataRole.UserRole, attendee.contact_id)
            if attendee.contact_id is None:
                item.setToolTip(text.plain_tooltip(f"{attendee.email}: not in your network"))
            self.attendees.addItem(item)
        listed = {a.contact_id for a in view.record.draft.attendees}
        for contact_id, name in view.met:
            if contact_id not in listed:
                item = QListWidgetItem(f"{name} (met here)")
                item.setData(Qt.ItemDataRole.UserRole, contact_id)
                self.attendees.addItem(item)
        self.attendees.setVisible(self.attendees.count() > 0)
        rows = min(max(self.attendees.count(), 1), 6)  # as tall as the people listed
        self.attendees.setFixedHeight(rows * self.attendees.sizeHintForRow(0) + 6)
        self.no_attendees.setText(
            "Nobody yet. Add the people you expect with Edit…"
            if not view.ended
            else "Nobody recorded yet."
        )
        self.no_attendees.setVisible(self.attendees.count() == 0)

        brief = [] if view.ended else [_brief_line(line) for line in view.brief]
        if view.goals and not view.ended:
            brief.insert(0, f"For your goals: {text.isolated(list(view.goals))}")
        self.brief.setText("\n\n".join(brief))
        self.brief_title.setVisible(bool(brief))
        self.brief.setVisible(bool(brief))
        # Each with its day: the next day's and the week's follow-ups read alike.
        self.reminders.setText(
            "\n".join(f"• {title}, due {day:%a %d %b}" for title, day in view.reminders)
        )
        self.reminders_title.setVisible(bool(view.reminders))
        self.reminders.setVisible(bool(view.reminders))
        self.notes.setText(draft.notes)
        self.notes_title.setVisible(bool(draft.notes.strip()))
        self.notes.setVisible(bool(draft.notes.strip()))

        prompt = view.ended and not view.met_anyone
        self.prompt.setVisible(prompt)
        if prompt:
            self.prompt_text.setText(f"“{draft.title}” is over. Who did you meet?")
        self.met_button.setVisible(view.ended and not prompt)
        self.stack.setCurrentWidget(self._details)

    @staticmethod
    def _line(label: QLabel, what: str, value: str) -> None:
        label.setText(f"{what}: {value}" if value else "")
        label.setVisible(bool(value))

    # What the user asks for

    @Slot(QListWidgetItem)
    def _open_attendee(self, item: QListWidgetItem) -> None:
        contact_id = item.data(Qt.ItemDataRole.UserRole)
        if contact_id is not None:
            self.contact_requested.emit(int(contact_id))

    @Slot()
    def _open_url(self) -> None:
        if self.shown is not None:
            self.link_requested.emit(self.shown.record.draft.url)

    @Slot(int)
    def _on_stage(self, index: int) -> None:
        stage = self.stage.itemData(index)
        if self.shown is not None and stage != self.shown.record.draft.stage:
            self.stage_chosen.emit(stage)

    def revert_stage(self) -> None:
        """The stage change was not made (cancelled): show the stored one again."""
        if self.shown is not None:
            self.stage.setCurrentIndex(max(self.stage.findData(self.shown.record.draft.stage), 0))


def _brief_line(line: BriefLine) -> str:
    if line.last_on is None:
        last = "never in touch yet"
    else:
        last = f"last in touch {line.last_on:%d %b %Y}: {line.last_interaction}"
    words = f"{line.name}, {last}"
    if line.follow_ups:
        words += "\nOpen: " + "; ".join(line.follow_ups)
    return words


def when_words(occurrence: Occurrence, local: dt.tzinfo | None, zone: str) -> str:
    """An occurrence's time in words: local, and the event's own zone when it differs."""
    start, end = occurrence.start, occurrence.end
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        assert not isinstance(end, dt.datetime)
        last = max(end - dt.timedelta(days=1), start)
        if last == start:
            return f"{start:%A %d %B %Y}, all day"
        return f"{start:%a %d %b} {_DASH} {last:%a %d %b %Y}, all day"
    shown_start, shown_end = start.astimezone(local), end.astimezone(local)
    if shown_start.date() == shown_end.date():
        words = f"{shown_start:%A %d %B %Y}, {shown_start:%H:%M}{_DASH}{shown_end:%H:%M}"
    else:
        words = f"{shown_start:%a %d %b %H:%M} {_DASH} {shown_end:%a %d %b %Y %H:%M}"
    own = start.tzinfo
    if zone and own is not None and start.utcoffset() != shown_start.utcoffset():
        words += f"\n({start:%H:%M} {zone})"
    return words
