"""The Calendar page's entry in the window: its menu commands, and how to build it.

Apart from calendar_view.py so that the window's start imports none of the page (the
month grid, the event panel and dialogs, the encounters service): the module loads when
the page is first shown, as goals_entry.py does for Goals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from networker.views.pages import Command, PageEntry, page_method

if TYPE_CHECKING:
    from networker.clock import Clock
    from networker.services.contacts import ContactService
    from networker.services.encounters import EncounterService
    from networker.services.events import EventService
    from networker.tasks import TaskRunner
    from networker.views.calendar_view import CalendarView
    from networker.views.event_history import EventHistory
    from networker.views.people_picker import Finder


def calendar_page(
    *,
    events: Callable[[], EventService],
    encounters: Callable[[], EncounterService],
    contacts: Callable[[], ContactService],
    find: Finder,
    history: Callable[[], EventHistory],
    clock: Clock,
    tasks: TaskRunner,
) -> PageEntry:
    """The Calendar page and its commands, for the window to host; the services and
    the undo history are made when the page is built."""

    def build() -> CalendarView:
        from networker.views.calendar_view import CalendarView

        view = CalendarView(
            events=events(), encounters=encounters(), contacts=contacts(), find=find,
            history=history(), clock=clock, tasks=tasks,
        )  # fmt: skip
        view.refresh()
        return view

    return PageEntry(
        object_name="calendarView",
        title="Calendar",
        icon="calendar.svg",
        build=build,
        commands=(
            # Ctrl+N is New Contact's key elsewhere; while the Calendar is shown it adds an
            # event, wherever the focus is (the navigation after Ctrl+3), as its button
            # says, and the File menu shows it beside New Event.
            Command("&File", "New E&vent…", page_method("new_event"), page_shortcut="Ctrl+N"),
            Command(
                "Calenda&r",
                "&Today",
                page_method("go_today"),
                keys_shown="Ctrl+T",
                page_shortcut="Ctrl+T",
            ),
            Command("Calenda&r", "&Previous Week", page_method("previous_week")),
            Command("Calenda&r", "&Next Week", page_method("next_week")),
            Command(
                "Calenda&r", "Previous &Month", page_method("previous_month"), keys_shown="PgUp"
            ),
            Command("Calenda&r", "Next M&onth", page_method("next_month"), keys_shown="PgDown"),
            Command(
                "Calenda&r", "&Who Did You Meet?…", page_method("who_met"), separator_before=True
            ),
        ),
    )
