"""The Goals page's entry in the window: its menu commands, and how to build it.

Apart from goals_view.py so that the window's start imports none of the page (its
dialogs, chart, the calendar's kinds): the module loads when the page is first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from networker.views.pages import Command, Page, PageEntry, page_method

if TYPE_CHECKING:
    from networker.clock import Clock
    from networker.services.goals import GoalService
    from networker.tasks import TaskRunner
    from networker.views.goal_history import GoalHistory
    from networker.views.people_picker import Finder


def goals_page(
    *,
    goals: Callable[[], GoalService],
    tasks: TaskRunner,
    clock: Clock,
    find: Finder,
    tag_names: Callable[[], list[str]],
    can_open: Callable[[str], bool] = lambda _name: False,
    history: GoalHistory | None = None,
) -> PageEntry:
    """``goals`` makes the service on first use; ``can_open`` says whether the window
    has a page (an event opens on the calendar once there is one); ``history`` makes
    deleting a goal undoable."""

    def build() -> Page:
        from networker.views.goals_view import GoalsView

        view = GoalsView(
            goals=goals(), tasks=tasks, clock=clock, find=find, tag_names=tag_names,
            can_open=can_open, history=history,
        )  # fmt: skip
        view.refresh()
        return view

    return PageEntry(
        object_name="goalsView",
        title="Goals",
        icon="goals.svg",
        build=build,
        commands=(
            Command("&Goals", "&New Goal…", page_method("new_goal"), "Ctrl+Shift+G"),
            Command("&Goals", "&Edit Goal…", page_method("edit_goal"), keys_shown="Return"),
            Command("&Goals", "Suggested &Goals…", page_method("offer_seeds")),
            Command(
                "&Goals", "Set Nu&mber Done…", page_method("set_number"), separator_before=True
            ),
            Command("&Goals", "&Link Contacts…", page_method("link_contacts")),
            Command(
                "&Goals",
                "&Delete Goal…",
                page_method("delete_goal"),
                separator_before=True,
                keys_shown=QKeySequence.StandardKey.Delete,
            ),
        ),
    )
