"""Today: what needs the user now, each with its actions (done, snooze, log, open).

What is due comes from the reminder service on a worker (the keep-in-touch reminders
are computed over the whole network); the page shows it in sections and refreshes
when reminders, interactions or contacts change.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QBoxLayout,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from networker.clock import Clock
from networker.domain.changes import Changes
from networker.domain.reminders import MORNING, ReminderKind, Snooze
from networker.tasks import TaskRunner
from networker.views import look, text
from networker.views.adaptive import WidthWatcher
from networker.views.pages import OVERDUE_CONTACTS, Page, PageEntry

if TYPE_CHECKING:
    # The services and what they return: imported when first read (on the worker),
    # not before the first paint.
    from networker.domain.events import Occurrence
    from networker.domain.interactions import Owed
    from networker.services.agenda import GoalBehind, TodayContent
    from networker.services.events import EventService
    from networker.services.goals import GoalService
    from networker.services.interactions import InteractionService
    from networker.services.reminders import DueReminder, ReminderService
    from networker.views.reminder_history import ReminderHistory

# Opens Log Interaction with these contacts (and a favour to start from).
LogWith = Callable[..., None]

DASH = "\N{EN DASH}"
# How far ahead "coming up" looks.
AHEAD = dt.timedelta(days=7)
# At most this many people are shown under "Give back".
OWED_SHOWN = 5
# At most this many reminders of a kind are shown; the rest are counted (and overdue
# keep-in-touch people are one click away on the Contacts page's Overdue view).
PER_SECTION = 25

SECTIONS = (
    (ReminderKind.FOLLOW_UP, "Follow-ups"),
    (ReminderKind.THANK_YOU, "Say thank you"),
    (ReminderKind.CONGRATULATE, "Congratulate"),
    (ReminderKind.BIRTHDAY, "Birthdays"),
    (ReminderKind.KEEP_IN_TOUCH, "Keep in touch"),
    (ReminderKind.EVENT, "Events"),
)

NOTHING_DUE = (
    "Nothing needs you today.\n\n"
    "To be reminded of the people who matter, open one on the Contacts page and set "
    "“Keep in touch every”, or give a tag a default cadence. Log each coffee chat, call "
    "or introduction with Ctrl+L: a follow-up day you give it comes back here."
)
EMPTY = (
    "Nothing needs you today.\n\n"
    "Networker reminds you here (and later in the system tray) when to follow up, to "
    "say thank you, and to get back in touch. To start: import your network "
    "(File > Import…, or drop a LinkedIn or vCard export on the window), set "
    "“Keep in touch every” on the people who matter, and log your first coffee chat "
    "with Ctrl+L."
)


def today_page(
    *,
    reminders: Callable[[], ReminderService],
    interactions: Callable[[], InteractionService],
    clock: Clock,
    tasks: TaskRunner,
    log_with: LogWith,
    has_contacts: Callable[[], bool],
    events: Callable[[], EventService] | None = None,
    defer: Callable[[Callable[[], None]], None] | None = None,
    history: Callable[[], ReminderHistory],
    goals: Callable[[], GoalService] | None = None,
) -> PageEntry:
    """``defer`` runs the first read later (the app: after the window's first paint);
    the services are made when first read (on the worker: none of them is imported
    before the window paints)."""

    def build() -> TodayView:
        view = TodayView(
            reminders=reminders,
            interactions=interactions,
            clock=clock,
            tasks=tasks,
            log_with=log_with,
            has_contacts=has_contacts,
            events=events,
            goals=goals,
            history=history,
        )
        (defer or _at_once)(view.refresh)
        return view

    return PageEntry(object_name="todayView", title="Today", icon="today.svg", build=build)


def _at_once(work: Callable[[], None]) -> None:
    work()


def read_content(
    reminders: ReminderService,
    interactions: InteractionService,
    now: dt.datetime,
    events: Callable[[], EventService] | None = None,
    goals: Callable[[], GoalService] | None = None,
) -> TodayContent:
    """What the page shows (on the worker: the agenda's modules load here, not before
    the first paint)."""
    from networker.services.agenda import read_today

    return read_today(
        reminders,
        interactions,
        now,
        ahead=AHEAD,
        per_section=PER_SECTION,
        owed_shown=OWED_SHOWN,
        events=events() if events is not None else None,
        goals=goals,
    )


class TodayView(Page):
    refreshed = Signal()

    def __init__(
        self,
        *,
        reminders: Callable[[], ReminderService],
        interactions: Callable[[], InteractionService],
        clock: Clock,
        tasks: TaskRunner,
        log_with: LogWith,
        has_contacts: Callable[[], bool],
        events: Callable[[], EventService] | None = None,
        history: Callable[[], ReminderHistory],
        goals: Callable[[], GoalService] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``history``: done, snooze and dismiss as undoable commands."""
        super().__init__(parent)
        self.setObjectName("todayView")
        self._history = history
        self._events = events
        self.upcoming: list[Occurrence] = []
        self._goals = goals
        self.goals_behind: tuple[GoalBehind, ...] = ()
        self._has_contacts = has_contacts
        self._reminders = reminders
        self._interactions = interactions
        self.owed: list[Owed] = []
        self.who: dict[int, str] = {}  # contact id -> organization (and what tells apart)
        self.owed_count = 0
        self._clock = clock
        self._tasks = tasks
        self._log_with = log_with
        self._loading = False
        self._again = False
        self.due: list[DueReminder] = []
        self.counts_now: dict[ReminderKind, int] = {}  # all due now, shown or not
        self.counts_ahead: dict[ReminderKind, int] = {}  # all due by a week from now

        self.heading = text.plain_label()
        look.heading(self.heading)
        self.summary = text.plain_label()
        look.muted(self.summary)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(6)
        self.body_layout.addStretch(1)  # stays last: entries go before it
        self._entries: list[tuple[object, QWidget]] = []  # what the page shows, in order
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        # Rows put their buttons under their words when the page is narrow.
        self._rows_width = 0
        WidthWatcher(scroll.viewport(), self._fit_rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

    # The page's part in the window

    def status_text(self) -> str:
        count = sum(self.counts_now.values())
        return f"{count:,} due today" if count else ""

    def apply_changes(self, changes: Changes) -> None:
        if (
            changes.reminders
            or changes.interactions
            or changes.contacts
            or changes.goals
            or changes.events
        ):
            self.refresh()

    # Loading

    @Slot()
    def refresh(self) -> None:
        """Read what is due on a worker; a refresh asked for meanwhile runs after it."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        now, reminders, interactions = self._clock.now(), self._reminders, self._interactions
        events, goals = self._events, self._goals
        self._tasks.run(
            lambda _progress: read_content(reminders(), interactions(), now, events, goals),
            name="today",
            on_success=self._show,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _show(self, content: TodayContent) -> None:
        self._loading = False
        if self._again:  # something changed while this was read: read again, show that
            self._again = False
            self.refresh()
            return
        self.due = content.reminders.due
        self.counts_now = content.reminders.counts_now
        self.counts_ahead = content.reminders.counts_until
        self.owed, self.owed_count = content.owed, content.owed_count
        self.upcoming = content.events
        self.goals_behind = content.goals_behind
        from networker.views.people_words import who_they_are  # (not before the first paint)

        people = list(content.people.values())
        self.who = {p.id: words for p, words in zip(people, who_they_are(people), strict=True)}
        self._fill()
        self.status_changed.emit()
        self.refreshed.emit()

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._loading = False
        self.summary.setText(f"What is due could not be read: {error}")

    def _fill(self) -> None:
        """Show what was read. Only what changed is rebuilt: logging one interaction
        takes one row away, not the page (widgets cost a few ms each to make)."""
        local = self._clock.local_now()
        self.heading.setText(f"Today, {local:%A %d %B}")
        now = self._clock.now()
        now_due = [r for r in self.due if r.due <= now]
        later = [r for r in self.due if r.due > now]
        due_now = sum(self.counts_now.values())
        coming = sum(self.counts_ahead.values()) - due_now
        self.summary.setText(
            f"{due_now:,} to do now, {coming:,} coming up this week." if self.due else ""
        )
        wanted: list[tuple[object, Callable[[], QWidget]]] = []
        if not self.due and not self.owed and not self.upcoming and not self.goals_behind:
            words = NOTHING_DUE if self._has_contacts() else EMPTY
            wanted.append((("empty", words), lambda: _empty_state(words)))
        for kind, title in SECTIONS:
            items = [r for r in now_due if r.kind is kind]
            if kind is ReminderKind.KEEP_IN_TOUCH:
                items.sort(key=lambda r: r.due)  # longest overdue first
            if items:
                wanted += self._section(title, items, now)
                wanted += self._more(kind, self.counts_now.get(kind, 0) - len(items))
        if self.owed:
            wanted.append((("title", "Give back"), _give_back_title))
            wanted += [
                (("owed", o, self.who.get(o.contact_id, "")), functools.partial(OwedRow, o, self))
                for o in self.owed
            ]
            if self.owed_count > len(self.owed):
                hidden = self.owed_count - len(self.owed)
                wanted.append((("more", hidden), lambda: _more_label(hidden)))
        if self.upcoming:
            wanted.append(
                (("title", "Events this week"), lambda: _section_title("Events this week"))
            )
            wanted += [
                ((o, _event_when(o, self._clock)), functools.partial(EventRow, o, self))
                for o in self.upcoming
            ]
        if self.goals_behind:
            wanted.append((("title", "Goals behind"), lambda: _section_title("Goals behind")))
            wanted += [
                (("goal", g), functools.partial(GoalBehindRow, g, self)) for g in self.goals_behind
            ]
        if later:
            wanted += self._section("Coming up this week", later, now)
        self._show_entries(wanted)

    def _fit_rows(self, width: int) -> None:
        self._rows_width = width
        for _key, widget in self._entries:
            if isinstance(widget, _ActionRow):
                widget.fit(width)

    def _show_entries(self, wanted: list[tuple[object, Callable[[], QWidget]]]) -> None:
        """Make the page's widgets the ``wanted`` ones, in order: those already shown
        stay, the rest are made or deleted (the stretch at the end stays last)."""
        old_keys = [key for key, _widget in self._entries]
        new_keys = [key for key, _make in wanted]
        entries = list(self._entries)
        import difflib  # (not before the first paint)

        matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
        for tag, a1, a2, b1, b2 in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            for _key, widget in entries[a1:a2]:
                self.body_layout.removeWidget(widget)
                widget.hide()
                widget.setParent(None)  # gone from the page now, deleted later
                widget.deleteLater()
            made = [(key, make()) for key, make in wanted[b1:b2]]
            for _key, widget in made:
                if isinstance(widget, _ActionRow):
                    widget.fit(self._rows_width)
            for offset, (_key, widget) in enumerate(made):
                self.body_layout.insertWidget(a1 + offset, widget)
            entries[a1:a2] = made
        self._entries = entries

    def _section(
        self, title: str, items: list[DueReminder], now: dt.datetime
    ) -> list[tuple[object, Callable[[], QWidget]]]:
        section: list[tuple[object, Callable[[], QWidget]]] = [
            (("title", title), lambda: _section_title(title))
        ]
        for reminder in items:
            when = _when(reminder.due, now, self._clock)
            if who := self.who.get(reminder.contact_id or 0):  # the same name told apart
                when = f"{when} · {who}"
            section.append(((reminder, when), functools.partial(ReminderRow, reminder, when, self)))
        return section

    def _more(self, kind: ReminderKind, hidden: int) -> list[tuple[object, Callable[[], QWidget]]]:
        """What a capped section leaves out: a count, and for keep in touch the way to
        all of them."""
        if hidden <= 0:
            return []
        if kind is ReminderKind.KEEP_IN_TOUCH:
            label = f"Show all {hidden + PER_SECTION:,} overdue in Contacts"
            return [(("all overdue", label), lambda: self._show_all_button(label))]
        return [(("more", kind, hidden), lambda: _more_label(hidden))]

    def _show_all_button(self, label: str) -> QWidget:
        button = QPushButton(label)
        button.setObjectName("showAllOverdue")
        button.clicked.connect(self.show_all_overdue)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(button)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        return holder

    @Slot()
    def show_all_overdue(self) -> None:
        self.open_requested.emit("contactsView", OVERDUE_CONTACTS)

    # Acting on a reminder (from its row)

    def done(self, reminder: DueReminder) -> None:
        self._history().done(reminder)
        self.status_message.emit(f"Done: {reminder.title}")

    def snooze(self, reminder: DueReminder, choice: Snooze | dt.date) -> None:
        """Snooze for a while, or until a chosen day's morning."""
        until = self._history().snooze(
            reminder,
            choice if isinstance(choice, Snooze) else self._clock.at(choice, MORNING),
        )
        when = until.astimezone(self._clock.local_now().tzinfo)
        self.status_message.emit(f"Snoozed until {when:%a %d %b %H:%M}: {reminder.title}")

    def dismiss(self, reminder: DueReminder) -> None:
        self._history().dismiss(reminder)
        self.status_message.emit(f"Dismissed: {reminder.title}")

    def open_contact(self, reminder: DueReminder) -> None:
        """Show what the reminder is about: its contact, or its event."""
        if reminder.contact_id is not None:
            self.open_requested.emit("contactsView", reminder.contact_id)
        elif reminder.event_id is not None:
            self.open_event(reminder.event_id)

    def open_event(self, event_id: int) -> None:
        self.open_requested.emit("calendarView", event_id)

    def log(self, reminder: DueReminder) -> None:
        self._log_with([reminder.contact_id] if reminder.contact_id is not None else [])

    def give_back(self, contact_id: int) -> None:
        """Log what the user gives back: the dialog starts on "I helped them"."""
        from networker.domain.interactions import Value

        self._log_with([contact_id], Value.GIVEN)

    def open_contact_id(self, contact_id: int) -> None:
        self.open_requested.emit("contactsView", contact_id)

    def open_goal(self, goal_id: int) -> None:
        self.open_requested.emit("goalsView", goal_id)


class _ActionRow(QFrame):
    """A row's words with its buttons beside them, or under them when the page is too
    narrow for both (QA at 640 px and a large font: buttons cut, a sideways scroll
    bar). The page says how wide it is (``fit``): a row that decided from its own
    width would never narrow, its minimum being that of the words and buttons side by
    side (adaptive.py)."""

    WORDS_ROOM = 30  # average characters the words keep beside the buttons

    def _lay_out(self, words: QVBoxLayout, buttons: list[QWidget]) -> None:
        self._buttons = QWidget()
        row = QHBoxLayout(self._buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in buttons:
            row.addWidget(button)
        self._layout: QBoxLayout = QHBoxLayout(self)
        self._layout.addLayout(words, 1)
        self._layout.addWidget(self._buttons)
        self.stacked = False

    def fit(self, width: int) -> None:
        """Arrange for a page ``width`` pixels wide."""
        room = self.fontMetrics().averageCharWidth() * self.WORDS_ROOM
        stacked = width < room + self._buttons.sizeHint().width() + 24
        if stacked == self.stacked:
            return
        from PySide6.QtCore import Qt  # (its enums not before the first paint)

        self.stacked = stacked
        self._layout.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        self._layout.setAlignment(
            self._buttons, Qt.AlignmentFlag.AlignLeft if stacked else Qt.AlignmentFlag(0)
        )


class _OpenRow(_ActionRow):
    """A row that says what and when, with the way to it on another page (Open)."""

    def __init__(self, name: str, first: str, second: str, tip: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip(tip)
        self.open_button.clicked.connect(self._open)
        self._lay_out(_two_lines(first, second), [self.open_button])

    @Slot()
    def _open(self) -> None:
        raise NotImplementedError


class GoalBehindRow(_OpenRow):
    """A goal short of its pace: how far, and the way to it."""

    def __init__(self, goal: GoalBehind, page: TodayView) -> None:
        super().__init__(
            "goalBehindRow", goal.title,
            f"{goal.progress:,g} of {goal.target:,g} so far: behind",
            "Show the goal, what counted and what to do next",
        )  # fmt: skip
        self.goal = goal
        self._page = page

    @Slot()
    def _open(self) -> None:
        self._page.open_goal(self.goal.goal_id)


class OwedRow(_ActionRow):
    """Someone who helped and got nothing back yet: a nudge to offer value."""

    def __init__(self, owed: Owed, page: TodayView) -> None:
        super().__init__()
        self.setObjectName("owedRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.owed = owed
        self._page = page
        what = f"{owed.value_kind}, " if owed.value_kind else ""
        local = page._clock.local(owed.received_at)
        who = page.who.get(owed.contact_id)
        words = _two_lines(
            f"{owed.name}{f' ({who})' if who else ''} helped you ({what}{local:%d %b})",
            "Nothing given back since: an introduction, an article, a hand?",
        )
        self.log_button = QPushButton("Log…")
        self.log_button.setToolTip("Log what you give back (mark it “value given”)")
        self.log_button.clicked.connect(self._log)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Show the contact")
        self.open_button.clicked.connect(self._open)
        self._lay_out(words, [self.log_button, self.open_button])

    @Slot()
    def _log(self) -> None:
        self._page.give_back(self.owed.contact_id)

    @Slot()
    def _open(self) -> None:
        self._page.open_contact_id(self.owed.contact_id)


class ReminderRow(_ActionRow):
    """One reminder: what, when, and its buttons."""

    def __init__(self, reminder: DueReminder, when_text: str, page: TodayView) -> None:
        super().__init__()
        self.setObjectName("reminderRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.reminder = reminder
        self._page = page
        words = _two_lines(reminder.title, when_text)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("Mark it done")
        self.done_button.clicked.connect(self._done)
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        # Each with its letter: the open menu takes it (H, T, N, D, I) (QA).
        labels = {Snooze.HOUR: "For 1 &hour", Snooze.TOMORROW_MORNING: "&Tomorrow morning",
                  Snooze.NEXT_WEEK: "&Next week"}  # fmt: skip
        for choice in Snooze:
            action = menu.addAction(labels.get(choice, choice.value.capitalize()))
            action.setData(choice)
        until_day = menu.addAction("Until a &Day…")
        until_day.setData("day")
        menu.addSeparator()
        dismiss = menu.addAction("D&ismiss")
        dismiss.setData("dismiss")
        menu.triggered.connect(self._snooze_chosen)
        self.snooze_button.setMenu(menu)
        self.log_button = QPushButton("Log…")
        self.log_button.setToolTip("Log an interaction with them (closes follow-ups you act on)")
        self.log_button.clicked.connect(self._log)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip(
            "Show the event" if reminder.event_id is not None else "Show the contact"
        )
        self.open_button.clicked.connect(self._open)
        self.open_button.setEnabled(
            reminder.contact_id is not None or reminder.event_id is not None
        )
        self.log_button.setEnabled(reminder.event_id is None)
        self._lay_out(
            words, [self.done_button, self.snooze_button, self.log_button, self.open_button]
        )

    @Slot()
    def _done(self) -> None:
        self._page.done(self.reminder)

    @Slot(QObject)
    def _snooze_chosen(self, action: QObject) -> None:
        choice = action.data()  # type: ignore[attr-defined]
        if choice == "dismiss":
            self._page.dismiss(self.reminder)
        elif isinstance(choice, Snooze):
            self._page.snooze(self.reminder, choice)
        elif choice == "day":
            self.day_dialog = SnoozeDayDialog(self._page._clock.today(), self)
            self.day_dialog.chosen.connect(lambda day: self._page.snooze(self.reminder, day))
            self.day_dialog.open()

    @Slot()
    def _log(self) -> None:
        self._page.log(self.reminder)

    @Slot()
    def _open(self) -> None:
        self._page.open_contact(self.reminder)


class EventRow(_OpenRow):
    """An event this week: what, when and where, and the way to it on the Calendar."""

    def __init__(self, occurrence: Occurrence, page: TodayView) -> None:
        details = [_event_when(occurrence, page._clock), occurrence.kind.label]
        if occurrence.location:
            details.append(occurrence.location)
        super().__init__(
            "eventRow", occurrence.title, " · ".join(details), "Show the event on the Calendar"
        )
        self.occurrence = occurrence
        self._page = page

    @Slot()
    def _open(self) -> None:
        self._page.open_event(self.occurrence.event_id)


def _event_when(occurrence: Occurrence, clock: Clock) -> str:
    """When, in local time: "Tue 8 Dec, 18:30 to 20:00", or "Thu 10 Dec, all day"."""
    start, end = occurrence.start, occurrence.end
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        first = occurrence.first_day(clock.local_now().tzinfo or dt.UTC)
        return f"{first:%a} {first.day} {first:%b}, all day"
    local_start, local_end = clock.local(start), clock.local(end)
    day = f"{local_start:%a} {local_start.day} {local_start:%b}"
    if local_end.date() == local_start.date():
        return f"{day}, {local_start:%H:%M}{DASH}{local_end:%H:%M}"
    until = f"{local_end:%a} {local_end.day} {local_end:%b} {local_end:%H:%M}"
    return f"{day}, {local_start:%H:%M} {DASH} {until}"


class SnoozeDayDialog(QDialog):
    """Which day a reminder comes back on (in the morning): from tomorrow, a calendar
    at hand."""

    chosen = Signal(object)  # dt.date

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snoozeDayDialog")
        self.setWindowTitle("Snooze Until")
        tomorrow = today + dt.timedelta(days=1)
        self.day = QDateEdit(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.day.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMMM yyyy")
        label = QLabel("&Back on")
        label.setBuddy(self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.day, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        from networker.views.button_mnemonics import give_buttons_mnemonics  # (not at start)

        give_buttons_mnemonics(self)
        self.day.setFocus()

    def accept(self) -> None:
        day = self.day.date().toPython()
        assert isinstance(day, dt.date)
        self.chosen.emit(day)
        super().accept()


def _two_lines(first: str, second: str) -> QVBoxLayout:
    """A row's words: what (wrapped), and under it, muted, when or why (plain text)."""
    title = text.plain_label(first)
    title.setWordWrap(True)
    under = text.plain_label(second)
    under.setWordWrap(True)  # with who it is, long too: never holding the page wide
    look.muted(under)
    words = QVBoxLayout()
    words.setSpacing(0)
    words.addWidget(title)
    words.addWidget(under)
    return words


def _empty_state(words: str) -> QWidget:
    empty = text.plain_label(words)
    empty.setObjectName("todayEmpty")
    empty.setWordWrap(True)
    look.empty_state(empty)
    return empty


def _section_title(title: str) -> QWidget:
    label = text.plain_label(title)
    look.section_title(label)
    return label


def _give_back_title() -> QWidget:
    label = _section_title("Give back")
    label.setToolTip("They helped you over the last year; you have not helped them since")
    return label


def _more_label(hidden: int) -> QWidget:
    more = text.plain_label(f"and {hidden:,} more")
    look.muted(more)
    return more


def _when(due: dt.datetime, now: dt.datetime, clock: Clock) -> str:
    local = due.astimezone(clock.local_now().tzinfo)
    today = clock.today()
    if local.date() == today:
        return f"Today, {local:%H:%M}" if due > now else f"Due since {local:%H:%M} today"
    days = (today - local.date()).days
    if days > 0:
        return "Due yesterday" if days == 1 else f"Overdue by {days} days"
    return f"{local:%A %d %B, %H:%M}"
