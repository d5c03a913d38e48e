"""The Contacts page's entry in the window: its menu commands, and how to build it.

Apart from contacts_view.py so that the window's start imports none of the page (the
list, the editor, its sections and dialogs): Today is shown first, and the page's
module loads when it is first shown, as calendar_entry.py and goals_entry.py do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

from networker.views.pages import Command, Page, PageEntry, page_method

if TYPE_CHECKING:
    from networker.clock import Clock
    from networker.domain.interactions import InteractionRecord
    from networker.formats.reports import Thumbnailer
    from networker.itemmodels.contact_table import ContactTableModel
    from networker.services.contacts import ContactService
    from networker.services.duplicates import DuplicateService
    from networker.services.events import EventService
    from networker.services.interactions import InteractionService
    from networker.services.milestones import MilestoneService
    from networker.tasks import TaskRunner
    from networker.views.contacts_view import AddToGoal, ContactsView
    from networker.views.undo import InteractionHistory


def contacts_page(
    *,
    contacts: Callable[[], ContactService],
    model: Callable[[], ContactTableModel],
    thumbnailer: Thumbnailer,
    duplicates: Callable[[], DuplicateService],
    tasks: TaskRunner,
    interactions: Callable[[], InteractionService],
    history: Callable[[], InteractionHistory],
    milestones: Callable[[], MilestoneService],
    clock: Clock,
    log_with: Callable[[list[int]], None],
    edit_with: Callable[[InteractionRecord], None],
    events: Callable[[], EventService] | None = None,
    add_to_goal: AddToGoal | None = None,
) -> PageEntry:
    """The Contacts page and its menu commands, for the window to host; the services,
    the list's model and the undo history are made when the page is built."""

    def build() -> ContactsView:
        from networker.views.contacts_view import ContactsView

        return ContactsView(
            contacts=contacts(),
            model=model(),
            thumbnailer=thumbnailer,
            duplicates=duplicates,
            tasks=tasks,
            interactions=interactions(),
            history=history(),
            milestones=milestones(),
            clock=clock,
            log_with=log_with,
            edit_with=edit_with,
            events=events() if events is not None else None,
            add_to_goal=add_to_goal,
        )

    def bind_show_archived(page: Page, action: QAction) -> None:
        view: Any = page  # a ContactsView
        action.setChecked(view.show_archived.isChecked())
        view.show_archived.toggled.connect(action.setChecked)

    def bind_overdue_only(page: Page, action: QAction) -> None:
        from networker.domain.listing import OVERDUE

        view: Any = page
        action.setChecked(view.model.overdue_only)
        view.views.chosen.connect(lambda target: action.setChecked(target == OVERDUE))

    standard = QKeySequence.StandardKey
    return PageEntry(
        object_name="contactsView",
        title="Contacts",
        icon="contacts.svg",
        build=build,
        commands=(
            Command("&File", "&New Contact", page_method("new_contact"), standard.New),
            Command("&Edit", "&Find", page_method("focus_search"), standard.Find),
            Command(
                "&Edit",
                "Select &All Contacts",
                page_method("select_all"),
                keys_shown=standard.SelectAll,
            ),
            Command(
                "&Edit",
                "&Delete…",
                page_method("delete_selected"),
                separator_before=True,
                keys_shown=standard.Delete,
            ),
            Command("&Contacts", "&Archive", page_method("archive_selected")),
            Command("&Contacts", "&Unarchive", page_method("unarchive_selected")),
            Command("&Contacts", "Find &Duplicates…", page_method("find_duplicates")),
            Command("&Contacts", "Add to &Goal…", page_method("add_selected_to_goal")),
            Command(
                "&Contacts",
                "Show A&rchived",
                page_method("set_show_archived"),
                checkable=True,
                bind=bind_show_archived,
                separator_before=True,
            ),
            Command("&Contacts", "Save &Search…", page_method("save_search")),
            Command(
                "&Contacts",
                "Show &Overdue Only",
                page_method("set_overdue_only"),
                checkable=True,
                bind=bind_overdue_only,
            ),
        ),
    )
