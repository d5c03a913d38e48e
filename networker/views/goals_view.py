"""The Goals page: every goal with a progress bar per target, the time left and whether
it keeps pace; beside it the chosen goal's detail (its targets, the chart, what counted,
suggestions, links, the streak of a repeating goal).

Progress is read on a worker (aggregate queries, milliseconds) whenever interactions,
contacts, events or goals change; the GUI thread only puts the numbers into the rows it
already has, so logging an interaction updates this page without rebuilding it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from networker.clock import Clock
from networker.domain.changes import Changes
from networker.domain.goals import (
    ChartSeries,
    GoalDraft,
    GoalProgress,
    Repeat,
    expected_by,
    on_track,
    seed_goals,
)
from networker.services.goals import GoalNotFoundError, GoalService, Suggestion
from networker.storage.goals import CountedItem, Linked
from networker.tasks import TaskRunner
from networker.views import look, text
from networker.views.adaptive import WidthWatcher
from networker.views.goal_chart import GoalChart
from networker.views.goal_dialog import GoalDialog, LinkContactsDialog, SeedGoalsDialog
from networker.views.goal_history import GoalHistory
from networker.views.pages import Page
from networker.views.people_picker import Finder

EMPTY = (
    "No goals yet.\n\n"
    "A goal says what you are networking for (a mentor, a role in a new field, a "
    "community) and how you will know you are getting there: informational interviews "
    "a month, new contacts in an industry, events attended. Networker counts them from "
    "what you log, so the numbers are always true."
)
BEHIND_COLOUR = look.ERROR_COLOUR
CARD_SIDE_BY_SIDE = 260  # narrower, a card puts its pace under its title
GOALS_NARROW_WIDTH = 760  # the page narrower than this: the detail under the goals
GOAL_LIST_MIN_WIDTH = 160
GOAL_DETAIL_MIN_WIDTH = 300


@dataclass(frozen=True)
class GoalDetail:
    goal_id: int
    target_index: int
    series: ChartSeries | None
    counted: list[CountedItem]
    suggestions: list[Suggestion]
    linked: Linked


@dataclass(frozen=True)
class GoalsContent:
    progress: list[GoalProgress]
    detail: GoalDetail | None


def read_goals(goals: GoalService, goal_id: int | None, target_index: int) -> GoalsContent:
    """Everything the page shows (on a worker): progress of every goal, and the chosen
    goal's detail."""
    progress = goals.progress()
    ids = [p.goal.id for p in progress]
    if goal_id not in ids:
        goal_id = ids[0] if ids else None
        target_index = 0
    return GoalsContent(progress, read_detail(goals, goal_id, target_index))


def read_detail(goals: GoalService, goal_id: int | None, target_index: int) -> GoalDetail | None:
    if goal_id is None:
        return None
    try:
        record = goals.get(goal_id)
    except GoalNotFoundError:
        return None
    if not record.draft.targets:
        return GoalDetail(goal_id, 0, None, [], [], goals.linked(goal_id))
    target_index = min(max(0, target_index), len(record.draft.targets) - 1)
    return GoalDetail(
        goal_id,
        target_index,
        goals.chart(goal_id, target_index),
        goals.counted(goal_id, target_index),
        goals.suggestions(goal_id),
        goals.linked(goal_id),
    )


class GoalCard(QFrame):
    """A goal in the list: its title, pace and time left, and a bar per target. Updated
    in place when the numbers change."""

    def __init__(self, progress: GoalProgress) -> None:
        super().__init__()
        self.setObjectName("goalCard")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.set_selected(False)
        self.title = text.plain_label()
        self.title.setWordWrap(True)
        look.section_title(self.title)
        self.title.setContentsMargins(0, 0, 0, 0)
        self.pace = text.plain_label()
        self.pace.setObjectName("goalPace")
        self.time_left = text.plain_label()
        self.time_left.setWordWrap(True)  # "30 days left · every month" in a narrow list
        look.muted(self.time_left)
        self.bars: list[tuple[QLabel, QProgressBar]] = []
        # The pace beside the title, or under it once the card is too narrow for both
        # (QA: at 640 px the title ran into "On track").
        self._top = top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self.title, 1)
        top.addWidget(self.pace)
        self.targets = QVBoxLayout()
        self.targets.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.time_left)
        layout.addLayout(self.targets)
        self.show_progress(progress)

    def arrange_for(self, width: int) -> None:
        """The pace beside the title, or under it at a width too narrow for both."""
        narrow = width < CARD_SIDE_BY_SIDE
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self._top.direction() != direction:
            self._top.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange_for(event.size().width())

    def set_selected(self, selected: bool) -> None:
        """The chosen goal's card is tinted with the highlight (its words stay readable:
        the list's own highlight would be the colour of the titles)."""
        palette = self.palette()
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else palette
        colour = QColor(base.color(QPalette.ColorRole.Base))
        if selected:
            highlight = base.color(QPalette.ColorRole.Highlight)
            colour = QColor(
                (colour.red() * 4 + highlight.red()) // 5,
                (colour.green() * 4 + highlight.green()) // 5,
                (colour.blue() * 4 + highlight.blue()) // 5,
            )
        palette.setColor(QPalette.ColorRole.Window, colour)
        self.setPalette(palette)

    def show_progress(self, progress: GoalProgress) -> None:
        """The card says what ``progress`` says; nothing is touched when nothing changed
        (a logged interaction changes a goal or two, not twenty)."""
        if getattr(self, "progress", None) == progress:
            return
        self.progress = progress
        goal = progress.goal.draft
        self.title.setText(goal.title)
        pace = progress.pace()
        if pace != self.pace.text():
            self._show_pace(pace)
        self._show_numbers(progress)

    def _show_pace(self, pace: str) -> None:
        self.pace.setText(pace)
        colour = (
            BEHIND_COLOUR
            if pace == "Behind"
            else self.palette().color(QPalette.ColorRole.Highlight)
            if pace in ("On track", "Achieved")
            else self.palette().color(QPalette.ColorRole.PlaceholderText)
        )
        self.pace.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")

    def _show_numbers(self, progress: GoalProgress) -> None:
        goal = progress.goal.draft
        words = [progress.time_left()]
        if goal.repeat is not Repeat.NONE:
            words.append(f"every {goal.repeat.noun}")
            if progress.streak:
                words.append(f"{progress.streak} in a row")
        self.time_left.setText(" · ".join(words))
        while len(self.bars) < len(progress.targets):
            label = text.plain_label()
            label.setWordWrap(True)
            bar = QProgressBar()
            bar.setObjectName("targetBar")
            bar.setTextVisible(True)
            bar.setMaximumHeight(14)
            self.targets.addWidget(label)
            self.targets.addWidget(bar)
            self.bars.append((label, bar))
        while len(self.bars) > len(progress.targets):
            label, bar = self.bars.pop()
            for widget in (label, bar):
                self.targets.removeWidget(widget)
                widget.deleteLater()
        for (label, bar), target in zip(self.bars, progress.targets, strict=True):
            what = target.target.describe().split(" ", 1)[1]
            label.setText(what[:1].upper() + what[1:])
            bar.setRange(0, target.amount)
            bar.setValue(min(target.count, target.amount))
            bar.setFormat(f"{target.count:,} of {target.amount:,}")
            bar.setAccessibleName(f"{label.text()}: {target.count} of {target.amount}")


class GoalList(QListWidget):
    """The goals, a card each as wide as the list; Enter edits the current one, Delete
    asks to delete it."""

    edit_requested = Signal()
    delete_requested = Signal()

    def fit_cards(self) -> None:
        """Each card as wide as the list, as high as its words need at that width."""
        width = max(120, self.viewport().width() - 2 * self.spacing())
        for row in range(self.count()):
            item = self.item(row)
            card = self.itemWidget(item) if item is not None else None
            if item is not None and card is not None:
                if isinstance(card, GoalCard):
                    card.arrange_for(width)
                height = card.heightForWidth(width) if card.hasHeightForWidth() else -1
                item.setSizeHint(QSize(width, max(height, card.minimumSizeHint().height())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_cards()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Delete):
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)


class LinkedList(QListWidget):
    """What is linked to the goal; Delete asks to unlink the current one."""

    unlink_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete:
            self.unlink_requested.emit()
        else:
            super().keyPressEvent(event)


class GoalsView(Page):
    refreshed = Signal()

    def __init__(
        self,
        *,
        goals: GoalService,
        tasks: TaskRunner,
        clock: Clock,
        find: Finder,
        tag_names: Callable[[], list[str]],
        can_open: Callable[[str], bool] = lambda _name: False,
        history: GoalHistory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goalsView")
        self._history = history
        self._goals = goals
        self._tasks = tasks
        self._clock = clock
        self._find = find
        self._tag_names = tag_names
        self._can_open = can_open
        self.loading = False
        self._again = False
        self.last_show_seconds = 0.0
        self.progress: list[GoalProgress] = []
        self.detail: GoalDetail | None = None
        self.selected_goal: int | None = None
        self.selected_target = 0
        self.cards: dict[int, GoalCard] = {}
        self.dialog: QDialog | None = None

        self.heading = text.plain_label("Goals")
        look.heading(self.heading)
        self.summary = text.plain_label()
        look.muted(self.summary)
        self.new_button = QPushButton("&New Goal…")
        self.new_button.setObjectName("newGoal")
        self.new_button.clicked.connect(self.new_goal)
        header = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.heading)
        words.addWidget(self.summary)
        header.addLayout(words, 1)
        header.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.list = GoalList()
        self.list.setObjectName("goalList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.currentRowChanged.connect(self._goal_chosen)
        self.list.edit_requested.connect(self.edit_goal)
        self.list.delete_requested.connect(self.delete_goal)
        self.list.itemDoubleClicked.connect(self._edit_item)

        self.empty = QWidget()
        self.empty.setObjectName("goalsEmpty")
        empty_words = text.plain_label(EMPTY)
        empty_words.setWordWrap(True)
        look.empty_state(empty_words)
        self.seed_button = QPushButton("Start with &Suggested Goals…")
        self.seed_button.setObjectName("offerSeeds")
        self.seed_button.clicked.connect(self.offer_seeds)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addWidget(empty_words)
        empty_row = QHBoxLayout()
        empty_row.addSpacing(24)
        empty_row.addWidget(self.seed_button)
        empty_row.addStretch(1)
        empty_layout.addLayout(empty_row)
        empty_layout.addStretch(1)

        self.detail_panel = self._build_detail()
        self.splitter = QSplitter()
        self.splitter.setObjectName("goalsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        # Small minimum widths of their own (adaptive.py says why): side by side, or
        # the detail under the goals on a narrow window (QA: at 640 px the detail was
        # cut and its Edit button hidden).
        self.list.setMinimumWidth(GOAL_LIST_MIN_WIDTH)
        self.detail_panel.setMinimumWidth(GOAL_DETAIL_MIN_WIDTH)
        self.narrow: bool | None = None
        WidthWatcher(self, self._fit_width)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

    def _fit_width(self, width: int) -> None:
        """Below GOALS_NARROW_WIDTH the detail goes under the goals."""
        narrow = width < GOALS_NARROW_WIDTH
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.splitter.setOrientation(
            Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        )
        if narrow:  # the goals in a band above, the detail (with its chart) below
            height = max(self.splitter.height(), 400)
            self.splitter.setSizes([height * 2 // 5, height - height * 2 // 5])
        else:
            shared = max(self.splitter.width(), width - 32)
            self.splitter.setSizes([shared * 2 // 5, shared - shared * 2 // 5])

    def _build_detail(self) -> QWidget:
        self.detail_title = text.plain_label()
        self.detail_title.setObjectName("goalDetailTitle")
        self.detail_title.setWordWrap(True)  # a long title never pushes Edit… away
        look.heading(self.detail_title)
        self.detail_meta = text.plain_label()
        self.detail_meta.setWordWrap(True)
        look.muted(self.detail_meta)
        self.detail_description = text.plain_label()
        self.detail_description.setWordWrap(True)
        self.streak = text.plain_label()
        self.streak.setObjectName("goalStreak")
        self.streak.setWordWrap(True)
        self.target_list = QListWidget()
        self.target_list.setObjectName("targetList")
        self.target_list.currentRowChanged.connect(self._target_chosen)
        self.chart = GoalChart()
        self.chart_legend = text.plain_label(
            "Solid: done so far · dashed: on track · dotted: the target"
        )
        look.muted(self.chart_legend)
        self.counted_title = text.plain_label("What counted")
        self.counted_list = QListWidget()
        self.counted_list.setObjectName("countedList")
        self.counted_list.setToolTip("Enter or double-click: show the contact, or who it was with")
        self._counted_shown: list[CountedItem] = []
        self._suggestions_shown: list[Suggestion] = []
        self.counted_list.itemActivated.connect(self._open_counted)
        self.suggestion_list = QListWidget()
        self.suggestion_list.setObjectName("suggestionList")
        self.suggestion_list.itemActivated.connect(self._open_suggestion)
        self.linked_label = text.plain_label()
        self.linked_label.setObjectName("goalLinked")
        self.linked_label.setWordWrap(True)
        # The events and interactions linked to the goal: Enter or a double-click opens
        # one (an event on the Calendar, an interaction at its contact), Delete unlinks.
        self.linked_list = LinkedList()
        self.linked_list.setObjectName("linkedList")
        self.linked_list.setToolTip(
            "Enter or double-click: open it (an event in the Calendar, an interaction at "
            "its contact). Delete: unlink it from the goal."
        )
        self.linked_list.itemActivated.connect(self._open_counted)
        self.linked_list.unlink_requested.connect(self.unlink_current)
        self.linked_list.setMaximumHeight(130)
        self._linked_shown: list[CountedItem] = []
        self.link_button = QPushButton("&Link Contacts…")
        self.link_button.setObjectName("linkContacts")
        self.link_button.clicked.connect(self.link_contacts)
        self.number_button = QPushButton("Set N&umber Done…")
        self.number_button.setObjectName("setNumber")
        self.number_button.clicked.connect(self.set_number)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editGoal")
        self.edit_button.clicked.connect(self.edit_goal)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 0, 4, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.detail_title, 1)
        title_row.addWidget(self.edit_button)
        layout.addLayout(title_row)
        layout.addWidget(self.detail_meta)
        layout.addWidget(self.detail_description)
        layout.addWidget(self.streak)
        layout.addWidget(_title("Targets"))
        layout.addWidget(self.target_list)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.chart_legend)
        for heading, widget in (
            (self.counted_title, self.counted_list),
            (_title("Next steps"), self.suggestion_list),
        ):
            look.section_title(heading)
            layout.addWidget(heading)
            layout.addWidget(widget)
        layout.addWidget(_title("Linked to this goal"))
        layout.addWidget(self.linked_label)
        layout.addWidget(self.linked_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.number_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.counted_list.setMaximumHeight(150)
        self.suggestion_list.setMaximumHeight(110)
        scroll = QScrollArea()
        scroll.setObjectName("goalDetail")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        return scroll

    # The page's part in the window

    def status_text(self) -> str:
        behind = sum(p.behind for p in self.progress)
        return f"{behind} of {len(self.progress)} goals behind" if behind else ""

    def apply_changes(self, changes: Changes) -> None:
        if changes.goals or changes.interactions or changes.contacts or changes.events:
            self.refresh()

    def save_state(self) -> dict[str, QByteArray]:
        return {"splitter": self.splitter.saveState()}

    def restore_state(self, state: dict[str, QByteArray]) -> None:
        if splitter := state.get("splitter"):
            self.splitter.restoreState(splitter)

    # Loading

    @Slot()
    def refresh(self) -> None:
        """Read progress on a worker; a refresh asked for meanwhile runs after it."""
        if self.loading:
            self._again = True
            return
        self.loading = True
        goals, goal_id, target = self._goals, self.selected_goal, self.selected_target
        self._tasks.run(
            lambda _progress: read_goals(goals, goal_id, target),
            name="goals",
            on_success=self._show,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _show(self, content: GoalsContent) -> None:
        started = time.perf_counter()
        self.loading = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.progress = content.progress
        self._fill_list()
        self._show_detail(content.detail)
        self.status_changed.emit()
        self.last_show_seconds = time.perf_counter() - started
        self.refreshed.emit()

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self.loading = False
        self.summary.setText(f"Progress could not be read: {error}")

    def _fill_list(self) -> None:
        """The cards, in the goals' order: existing ones get the new numbers; the list
        is rebuilt only when goals came or went."""
        ids = [p.goal.id for p in self.progress]
        self.stack.setCurrentWidget(self.splitter if ids else self.empty)
        behind = sum(p.behind for p in self.progress)
        self.summary.setText(
            f"{len(ids)} goal{'s' if len(ids) != 1 else ''}, {behind} behind"
            if ids
            else "Set what you are networking for; progress is counted for you."
        )
        if ids != list(self.cards):
            self.list.blockSignals(True)
            self.list.clear()
            self.cards = {}
            for progress in self.progress:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, progress.goal.id)
                card = GoalCard(progress)
                self.list.addItem(item)
                self.list.setItemWidget(item, card)
                self.cards[progress.goal.id] = card
            self.list.blockSignals(False)
            self.list.fit_cards()
        else:
            for progress in self.progress:
                card = self.cards[progress.goal.id]
                rows_before = len(card.bars)
                card.show_progress(progress)
                if len(card.bars) != rows_before:
                    self.list.fit_cards()
        if self.selected_goal not in self.cards:
            self.selected_goal = ids[0] if ids else None
            self.selected_target = 0
        if self.selected_goal is not None:
            row = ids.index(self.selected_goal)
            if self.list.currentRow() != row:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
        self._mark_selected()

    def _mark_selected(self) -> None:
        for goal_id, card in self.cards.items():
            card.set_selected(goal_id == self.selected_goal)

    def _progress_of(self, goal_id: int | None) -> GoalProgress | None:
        return next((p for p in self.progress if p.goal.id == goal_id), None)

    def _show_detail(self, detail: GoalDetail | None) -> None:
        self.detail = detail
        progress = self._progress_of(detail.goal_id if detail else None)
        self.detail_panel.setVisible(progress is not None)
        if detail is None or progress is None:
            return
        goal = progress.goal.draft
        self.detail_title.setText(goal.title)
        period = f"{progress.period.first:%d %b} to {progress.period.last:%d %b %Y}" + (
            f", every {goal.repeat.noun}" if goal.repeat is not Repeat.NONE else ""
        )
        self.detail_meta.setText(
            f"{goal.purpose.label} · {period} · {progress.time_left()} · {progress.pace()}"
        )
        self.detail_description.setText(goal.description)
        self.detail_description.setVisible(bool(goal.description))
        self.streak.setText(_streak_words(progress))
        self.streak.setVisible(goal.repeat is not Repeat.NONE)
        self.target_list.blockSignals(True)
        if self.target_list.count() != len(progress.targets):
            self.target_list.clear()
            self.target_list.addItems(["" for _ in progress.targets])
        for row, target in enumerate(progress.targets):
            item = self.target_list.item(row)
            if item is not None:
                wanted = expected_by(target.amount, progress.elapsed)
                pace = (
                    " ✓"
                    if target.met
                    else f" (behind: {wanted:,} by now)"
                    if not on_track(target, progress.elapsed)
                    else ""
                )
                item.setText(f"{target.target.describe()}: {target.count:,} done{pace}")
        self.target_list.setCurrentRow(detail.target_index)
        self.target_list.blockSignals(False)
        rows = max(1, self.target_list.count())
        self.target_list.setFixedHeight(
            rows * max(18, self.target_list.sizeHintForRow(0))
            + 2 * self.target_list.frameWidth()
            + 4
        )
        self.selected_target = detail.target_index
        self.chart.set_series(detail.series)
        self._fill_counted(detail.counted)
        self._fill_suggestions(detail.suggestions)
        names = [name for _id, name in detail.linked.contacts]
        people = text.isolated(names[:12]) + (
            f" and {len(names) - 12} more" if len(names) > 12 else ""
        )
        items = detail.linked.items
        if not people:
            people = (
                "No people linked yet."
                if items
                else "Nothing yet: link the people this goal is about (and events and "
                "interactions from the Calendar and Log Interaction)."
            )
        self.linked_label.setText(people)
        self._fill_linked(items)
        manual = progress.targets[detail.target_index].target if progress.targets else None
        self.number_button.setEnabled(manual is not None and manual.kind.value == "manual")

    def _fill_counted(self, counted: Sequence[CountedItem]) -> None:
        """The rows of what counted, reused: a refresh that changes nothing here makes
        and destroys no item (items left to the garbage collector cost the GUI thread
        at the next collection)."""
        if counted == self._counted_shown and self.counted_list.count():
            return
        self._counted_shown = list(counted)
        rows: list[tuple[str, object]] = [
            (f"{self._clock.local(found.at):%d %b}  {found.title}", found) for found in counted
        ]
        rows = rows or [("Nothing yet in this period.", None)]
        _fill_rows(self.counted_list, rows)

    def _fill_linked(self, items: Sequence[CountedItem]) -> None:
        self.linked_list.setVisible(bool(items))
        if items == self._linked_shown and self.linked_list.count():
            return
        self._linked_shown = list(items)
        rows: list[tuple[str, object]] = [
            (f"{self._clock.local(item.at):%d %b %Y}  "
             f"{'Event: ' if item.kind == 'event' else ''}{item.title}", item)
            for item in items
        ]  # fmt: skip
        _fill_rows(self.linked_list, rows)
        shown = min(max(len(rows), 1), 5)
        self.linked_list.setFixedHeight(
            shown * max(18, self.linked_list.sizeHintForRow(0)) + 2 * self.linked_list.frameWidth()
        )

    def _fill_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        if suggestions == self._suggestions_shown and self.suggestion_list.count():
            return
        self._suggestions_shown = list(suggestions)
        rows: list[tuple[str, object]] = [(s.text, s) for s in suggestions]
        _fill_rows(self.suggestion_list, rows or [("Nothing to suggest now.", None)])

    # Choosing

    @Slot(int)
    def _goal_chosen(self, row: int) -> None:
        item = self.list.item(row)
        if item is None:
            return
        self.selected_goal = int(item.data(Qt.ItemDataRole.UserRole))
        self.selected_target = 0
        self._mark_selected()
        self._read_detail()

    @Slot(int)
    def _target_chosen(self, row: int) -> None:
        if row < 0 or row == self.selected_target:
            return
        self.selected_target = row
        self._read_detail()

    def _read_detail(self) -> None:
        goals, goal_id, target = self._goals, self.selected_goal, self.selected_target
        self._tasks.run(
            lambda _progress: read_detail(goals, goal_id, target),
            name="goal detail",
            on_success=self._detail_read,
        )

    @Slot(object)
    def _detail_read(self, detail: GoalDetail | None) -> None:
        if detail is not None and detail.goal_id == self.selected_goal:
            self._show_detail(detail)
            self.refreshed.emit()

    def open_item(self, item: object) -> None:
        """Show a goal (Today's "Open" on a goal behind)."""
        if isinstance(item, int):
            self.selected_goal, self.selected_target = item, 0
            if item in self.cards:
                self.select_goal(item)
            else:
                self.refresh()

    def select_goal(self, goal_id: int) -> None:
        ids = list(self.cards)
        if goal_id in ids:
            self.list.setCurrentRow(ids.index(goal_id))

    # Opening what counted

    @Slot(QListWidgetItem)
    def _open_counted(self, item: QListWidgetItem) -> None:
        found = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(found, CountedItem):
            return
        if found.kind == "event" and self._can_open("calendarView"):
            self.open_requested.emit("calendarView", found.id)
        elif found.contact_id is not None:
            self.open_requested.emit("contactsView", found.contact_id)

    @Slot(QListWidgetItem)
    def _open_suggestion(self, item: QListWidgetItem) -> None:
        suggestion = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(suggestion, Suggestion):
            return
        if suggestion.kind == "contact":
            self.open_requested.emit("contactsView", suggestion.id)
        elif self._can_open("calendarView"):
            self.open_requested.emit("calendarView", suggestion.id)

    # Commands

    def _current(self) -> GoalProgress | None:
        return self._progress_of(self.selected_goal)

    @Slot()
    def new_goal(self) -> None:
        self._open_dialog(
            GoalDialog(
                save_with=self._add,
                today=self._clock.today(),
                tags=self._tag_names(),
                parent=self,
            )
        )

    def _add(self, draft: GoalDraft) -> None:
        goal_id = self._goals.add(draft)
        self.selected_goal, self.selected_target = goal_id, 0
        self.status_message.emit(f"Goal added: {draft.title}")

    @Slot(QListWidgetItem)
    def _edit_item(self, _item: QListWidgetItem) -> None:
        self.edit_goal()

    @Slot()
    def edit_goal(self) -> None:
        current = self._current()
        if current is None:
            return
        goal_id = current.goal.id

        def save(draft: GoalDraft) -> None:
            self._goals.update(goal_id, draft)
            self.status_message.emit(f"Goal saved: {draft.title}")

        self._open_dialog(
            GoalDialog(
                save_with=save,
                today=self._clock.today(),
                tags=self._tag_names(),
                editing=current.goal.draft,
                parent=self,
            )
        )

    @Slot()
    def offer_seeds(self) -> None:
        self._open_dialog(
            SeedGoalsDialog(
                seeds=seed_goals(self._clock.today()), save_with=self._add_seeds, parent=self
            )
        )

    def _add_seeds(self, drafts: list[GoalDraft]) -> None:
        self._goals.add_many(drafts)
        self.status_message.emit(f"{len(drafts)} goal{'s' if len(drafts) != 1 else ''} added")

    def _open_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _dialog_closed(self) -> None:
        self.dialog = None

    @Slot()
    def delete_goal(self) -> None:
        current = self._current()
        if current is None:
            return
        title = current.goal.title
        undo = " Edit > Undo brings it back." if self._history is not None else ""
        if not text.confirm(
            self,
            "Delete Goal",
            f"Delete the goal “{title}”? Its targets, links and past periods go with it; "
            f"what you logged stays.{undo}",
            "Delete Goal",
        ):
            return
        try:
            if self._history is not None:
                self._history.delete(current.goal.id)
            else:
                self._goals.delete(current.goal.id)
        except GoalNotFoundError as error:
            self.status_message.emit(str(error))
            return
        self.status_message.emit(f"Goal deleted: {title}.{undo}")

    @Slot()
    def unlink_current(self) -> None:
        """Take the chosen event or interaction off the goal (Edit > Undo links it again)."""
        item = self.linked_list.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        current = self._current()
        if not isinstance(found, CountedItem) or current is None:
            return
        if self._history is not None:
            self._history.unlink(current.goal.id, found.kind, found.id)
        else:
            self._goals.unlink(current.goal.id, found.kind, [found.id])
        self.status_message.emit(f"Unlinked from “{current.goal.title}”: {found.title}")

    @Slot()
    def set_number(self) -> None:
        """The number done of the chosen manual target (what the app cannot see)."""
        current = self._current()
        if current is None or not current.targets:
            return
        target = current.targets[min(self.selected_target, len(current.targets) - 1)]
        if target.target.kind.value != "manual" or target.target.id is None:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("setNumberDialog")
        dialog.setWindowTitle("Set Number Done")
        dialog.setLabelText(f"{target.target.describe()}: how many are done?")
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(0, 1_000_000)
        dialog.setIntValue(target.count)
        goal_id, target_id = current.goal.id, target.target.id

        def chosen(value: int) -> None:
            self._goals.set_manual_count(goal_id, target_id, value)

        dialog.intValueSelected.connect(chosen)
        self._open_dialog(dialog)

    @Slot()
    def link_contacts(self) -> None:
        current = self._current()
        if current is None:
            return
        goal_id = current.goal.id
        linked = self.detail.linked if self.detail and self.detail.goal_id == goal_id else None

        def save(add: list[int], remove: list[int]) -> None:
            if add:
                self._goals.link(goal_id, "contact", add)
            if remove:
                self._goals.unlink(goal_id, "contact", remove)

        self._open_dialog(
            LinkContactsDialog(
                find=self._find,
                linked=_told_apart(linked) if linked else [],
                save_with=save,
                title=current.goal.title,
                parent=self,
            )
        )


def _title(words: str) -> QLabel:
    label = text.plain_label(words)
    look.section_title(label)
    return label


def _fill_rows(widget: QListWidget, rows: Sequence[tuple[str, object]]) -> None:
    """The list shows ``rows`` (text, data; data None: a muted line that cannot be
    chosen), its items reused in place."""
    while widget.count() > len(rows):
        widget.takeItem(widget.count() - 1)
    enabled = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    for row, (words, data) in enumerate(rows):
        item = widget.item(row)
        if item is None:
            item = QListWidgetItem()
            widget.addItem(item)
        item.setText(words)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(enabled if data is not None else Qt.ItemFlag.NoItemFlags)


def _streak_words(progress: GoalProgress) -> str:
    history = progress.history[-12:]
    if not history:
        return f"The first {progress.goal.draft.repeat.noun}: no past ones yet."
    marks = "  ".join(
        f"{'✓' if p.achieved else '✗'} {_period_name(p.period.first, progress)}" for p in history
    )
    run = progress.streak
    noun = progress.goal.draft.repeat.noun
    lead = f"{run} {noun}{'s' if run != 1 else ''} achieved in a row. " if run else ""
    return f"{lead}{marks}"


def _period_name(first: dt.date, progress: GoalProgress) -> str:
    repeat = progress.goal.draft.repeat
    if repeat is Repeat.QUARTERLY:
        return f"Q{(first.month - 1) // 3 + 1} {first:%y}"
    if repeat is Repeat.MONTHLY:
        return f"{first:%b}"
    return f"{first:%d %b}"


def _told_apart(linked: Linked) -> list[tuple[int, str]]:
    """The linked people as the Link Contacts list shows them: with their organization,
    and their title where two would read the same (QA: four "Amara Johnson"s)."""
    from networker.domain.listing import ContactSummary
    from networker.views.people_words import told_apart

    people = [
        ContactSummary(contact_id, name, organization, title, "", False, None)
        for (contact_id, name), (organization, title) in zip(
            linked.contacts, linked.roles, strict=True
        )
    ]
    return [(p.id, words) for p, words in zip(people, told_apart(people), strict=True)]
