"""The window hosts pages it knows only by their entries (views/pages.py)."""

import pytest

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from networker.domain.changes import Changes
from networker.services.backups import BackupService
from networker.views.main_window import MainWindow
from networker.views.pages import Command, Page, PageEntry
from tests.views.conftest import menu_action


class NotesPage(Page):
    """A small page of its own, as a feature would add one."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel("notes")
        QVBoxLayout(self).addWidget(self.label)
        self.applied: list[Changes] = []
        self.restored: dict[str, QByteArray] = {}
        self.leave = True
        self.pinged = 0

    def status_text(self) -> str:
        return f"{self.pinged} pings"

    def ping(self) -> None:
        self.pinged += 1
        self.status_changed.emit()

    def apply_changes(self, changes: Changes) -> None:
        self.applied.append(changes)

    def save_state(self) -> dict[str, QByteArray]:
        return {"width": QByteArray(b"321")}

    def restore_state(self, state: dict[str, QByteArray]) -> None:
        self.restored = state

    def may_leave(self) -> bool:
        return self.leave


def entry(name: str, built: list[str]) -> PageEntry:
    def build() -> NotesPage:
        built.append(name)
        return NotesPage()

    return PageEntry(
        object_name=name,
        title=name.title(),
        icon="contacts.svg",
        build=build,
        commands=(Command(f"&{name.title()}", "&Ping", NotesPage.ping, "Ctrl+Shift+P"),),
    )


@pytest.fixture
def backups(database, data_paths, clock):
    return BackupService(database=database, paths=data_paths, clock=clock)


def make_window(qtbot, backups, settings, built, tasks=None):
    window = MainWindow(
        pages=[entry("first", built), entry("second", built)],
        backups=backups,
        importer=lambda: None,
        exporter=lambda: None,
        tasks=tasks,
        settings=settings,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_only_the_first_page_is_built_at_start_and_others_on_first_show(qtbot, backups, settings):
    built: list[str] = []
    other = make_window(qtbot, backups, settings, built)
    assert built == ["first"]
    qtbot.keyClick(other, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert built == ["first", "second"]
    assert other.host.current() is other.page("second")
    assert other.page("second").objectName() == "second"
    qtbot.keyClick(other, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert other.host.current() is other.page("first")


def test_a_command_shows_its_page_and_the_status_bar_follows_the_page(qtbot, backups, settings):
    built: list[str] = []
    other = make_window(qtbot, backups, settings, built)
    assert other.status_label.text() == "0 pings"
    menu_action(other, "&Second", "&Ping").trigger()
    second = other.page("second")
    assert other.host.current() is second and second.pinged == 1
    assert other.status_label.text() == "1 pings"


def test_a_hidden_page_gets_the_changes_it_missed_when_shown(qtbot, backups, settings):
    built: list[str] = []
    other = make_window(qtbot, backups, settings, built)
    second = other.page("second")
    other.host.apply_changes(Changes.of_contacts([1]))
    other.host.apply_changes(Changes(goals=True))
    first = other.page("first")
    assert first.applied == [Changes.of_contacts([1]), Changes(goals=True)]
    assert second.applied == []
    other.show_page("second")
    assert second.applied == [Changes(contact_ids=frozenset({1}), goals=True)]


def test_layout_of_a_page_never_built_is_kept_for_the_next_run(qtbot, backups, settings):
    built: list[str] = []
    other = make_window(qtbot, backups, settings, built)
    other.show_page("second")
    other.save_layout()
    again = make_window(qtbot, backups, settings, [])
    again.restore_layout()
    assert again.page("first").restored == {"width": QByteArray(b"321")}
    again.save_layout()  # the first page only; the second's state stays as it was saved
    third = make_window(qtbot, backups, settings, [])
    third.restore_layout()
    assert third.page("second").restored == {"width": QByteArray(b"321")}


def test_a_page_with_unsaved_edits_keeps_the_window_open(qtbot, backups, settings):
    built: list[str] = []
    other = make_window(qtbot, backups, settings, built)
    other.page("first").leave = False
    quits: list[bool] = []
    other.quit_requested.connect(lambda: quits.append(True))
    assert not other.close()
    assert other.isVisible() and quits == []
    other.page("first").leave = True
    assert other.close()
    assert quits == [True]


def test_the_navigation_lists_each_page_with_its_icon(qtbot, window):
    from networker.app import resource_icon

    window.host.set_icons(resource_icon)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == ["Today", "Contacts", "Calendar", "Goals"]  # Today first
    for row in range(window.navigation.count()):
        assert not window.navigation.item(row).icon().pixmap(20, 20).isNull()


def test_no_two_items_of_a_menu_share_a_mnemonic(qtbot, window):
    import re

    for menu_action_ in window.menuBar().actions():
        letters = [
            found.group(1).lower()
            for action in menu_action_.menu().actions()
            if (found := re.search(r"&([^&])", action.text().replace("&&", "")))
        ]
        assert len(letters) == len(set(letters)), (menu_action_.text(), letters)


def test_the_menu_bar_mnemonics_are_unique(window):
    """Alt+C opened Contacts or Calendar in turn, Alt+G Goals or Go."""
    for name in ("calendarView", "goalsView"):
        window.show_page(name)  # their menus come with them
    titles = [a.text() for a in window.menuBar().actions() if a.text()]
    keys = [t[t.index("&") + 1].lower() for t in titles if "&" in t]
    assert len(keys) == len(titles) and len(set(keys)) == len(keys), titles
