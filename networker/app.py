"""The composition root: the one place that builds and wires Networker.

Start-up order, and why:
1. paths: resolve the data directory and prove it writable (exit 1 with a message if not);
2. logging into that directory (warnings and tracebacks; never field values);
3. the QApplication (before the database, so that problems with it can be shown
   in a message box) and the image allocation limit (before any image is decoded);
   then the single-instance lock: a second start with the same data directory hands
   its files to the first one and exits before it opens the database;
4. the database: open, check, refuse or offer a fresh one, migrate;
5. the task runner (tasks.py: every piece of work off the GUI thread), the services,
   the change hub (one Changes record, domain/changes.py) and the item models (the
   first screen of contacts);
6. the pages, listed in navigation order as PageEntry values (views/pages.py); the
   main window builds only the first one, the others on first show; its remembered
   layout; show;
7. once the window has painted (views/first_paint.py; a zero-delay timer would run
   before the paint): the rest of the contact index on a worker thread, the window and
   navigation icons, the local server that hears later starts, the health check and
   the daily backup as tasks, the report of an unfinished import, files to import.

The way out is QuitPath, whatever asks for it (Ctrl+Q, closing the window, the desktop
session ending): the pages stop, every task ends, the WAL is checkpointed, the lock is
released. Closing the window may instead only hide it (keep_running_when_closed).
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from peewee import SqliteDatabase

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from networker import APP_ID, APP_NAME, ORG_NAME, __version__, autostart, garbage
from networker.clock import Clock, SystemClock
from networker.imaging import limit_image_allocation, make_thumbnail
from networker.itemmodels.hub import ChangeHub
from networker.logging_setup import configure_logging
from networker.paths import (
    DataDirError,
    DataPaths,
    is_shared_with_others,
    prepare_data_dir,
    resolve_data_dir,
)
from networker.services.backups import BackupService
from networker.services.lazy import Services
from networker.settings import ui_settings
from networker.single_instance import Role, SingleInstance
from networker.storage import backup as backup_store
from networker.storage.db import (
    DRIVER_ERRORS,
    checkpoint,
    data_version,
    is_damage,
    open_database,
    own_writes,
    read_first_rows,
    release_thread_connection,
    write_problem,
)
from networker.storage.errors import (
    CorruptDatabaseError,
    MigrationError,
    NewerDatabaseError,
    StorageError,
)
from networker.tasks import TaskRunner
from networker.views import field_keys, startup_dialogs
from networker.views.calendar_entry import calendar_page
from networker.views.contacts_entry import contacts_page
from networker.views.first_paint import AfterFirstPaint
from networker.views.goal_history import GoalHistory, add_contacts_to_goal
from networker.views.goals_entry import goals_page
from networker.views.main_window import MainWindow
from networker.views.startup_dialogs import DamagedChoice
from networker.views.today_view import today_page


class AskDamaged(Protocol):
    def __call__(
        self,
        message: str,
        aside_name: str,
        *,
        can_restore: bool,
        save_readable: Callable[[], None] | None,
    ) -> DamagedChoice: ...


if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from networker.domain.interactions import InteractionDraft, InteractionRecord, Value
    from networker.domain.listing import ContactSummary
    from networker.domain.progress import Progress
    from networker.itemmodels.contact_table import ContactTableModel
    from networker.itemmodels.external_changes import ExternalChanges
    from networker.reminders.notifier import Notifier
    from networker.reminders.scheduler import ReminderScheduler
    from networker.reminders.tray import Tray
    from networker.services.contacts import ContactService
    from networker.services.exporting import ReadableExport
    from networker.services.reminders import ReminderService
    from networker.views.event_history import EventHistory
    from networker.views.reminder_history import ReminderHistory
    from networker.views.undo import InteractionHistory

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    return resource_icon("networker.svg")


def resource_icon(name: str) -> QIcon:
    """An SVG of networker.resources as an icon (after the first paint: the imports and
    the SVG icon engine cost several milliseconds)."""
    from importlib import resources

    from PySide6.QtGui import QIcon  # (building the class costs 2 ms)

    with resources.as_file(resources.files("networker.resources") / name) as path:
        return QIcon(str(path))


def _set_application_icon() -> None:
    # After the first paint: reading the SVG (importlib.resources, the SVG icon engine)
    # costs about 10 ms, and the title bar shows the icon a moment later all the same.
    QApplication.setWindowIcon(app_icon())


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )


def make_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    limit_image_allocation()
    garbage.install(app)
    field_keys.install(app)
    return app


def open_data(
    paths: DataPaths,
    *,
    clock: Clock,
    ask: AskDamaged | None,
    verify: bool = True,
    read_only: str | None = None,
) -> SqliteDatabase:
    """Open the database; a damaged one is never overwritten.

    With ``ask`` (the window's start), a damaged or foreign file can be set aside
    for a fresh database or the latest backup (a damaged one after saving what can
    still be read); without it the error is raised. ``read_only`` (the reason): a
    read-only session, where nothing can be set aside either.
    """
    if read_only is not None:
        return open_database(
            paths.database,
            backups_dir=paths.backups,
            clock=clock,
            verify=verify,
            read_only=read_only,
        )
    try:
        return open_database(paths.database, backups_dir=paths.backups, clock=clock, verify=verify)
    except (NewerDatabaseError, MigrationError):
        raise  # the file is sound: nothing to set aside
    except StorageError as exc:
        if ask is None:
            raise
        suffix = f"damaged-{clock.local_now():%Y%m%d-%H%M%S}"
        latest = backup_store.list_automatic_backups(paths.backups)
        choice = ask(
            str(exc),
            f"{paths.database.name}.{suffix}",
            can_restore=bool(latest),
            save_readable=(
                _readable_saver(paths.database) if isinstance(exc, CorruptDatabaseError) else None
            ),
        )
        if choice is DamagedChoice.QUIT:
            raise
        log.warning("database refused (%s); kept aside as %s", type(exc).__name__, suffix)
        backup_store.move_aside(paths.database, suffix)
        if choice is DamagedChoice.RESTORE_LATEST:
            backup_store.restore_backup(latest[-1], paths.database, clock=clock)
        return open_database(paths.database, backups_dir=paths.backups, clock=clock)


def _readable_saver(path: Path) -> Callable[[], None]:
    """'Save What Can Be Read…' before the window exists: the damaged file, read-only."""

    def export(target: str, progress: Progress) -> ReadableExport:
        from networker.services.exporting import ExportService
        from networker.storage.salvage import damaged_file

        with damaged_file(path) as damaged:
            return ExportService(database=damaged).export_readable_vcards(target, progress)

    return functools.partial(startup_dialogs.save_what_can_be_read, export)


def build_main_window(
    *,
    database: SqliteDatabase,
    paths: DataPaths,
    clock: Clock,
    settings: QSettings,
    after_paint: AfterFirstPaint | None = None,
    hidden: bool = False,
) -> MainWindow:
    """The window and everything it shows; with ``after_paint``, the contact list's
    background load waits for the window's first paint. ``hidden``: the window is not
    shown at start, unless the desktop has no tray to start in."""
    hub = ChangeHub()
    # Every worker thread's own connection is closed when its work ends.
    tasks = TaskRunner(cleanup=functools.partial(release_thread_connection, database))
    backups = BackupService(database=database, paths=paths, clock=clock, on_change=hub.notify)
    # Every other service, and the contact list's model, is imported and built on first
    # use: Today is shown first and reads on a worker after the first paint.
    services = Services(
        database=database, clock=clock, on_change=hub.notify, thumbnailer=make_thumbnail
    )
    # The first read, before the window: a contact table whose pages are damaged is
    # found here and the start asks what to do (the full check runs after the paint).
    read_first_rows(database)

    @functools.cache
    def contact_model() -> ContactTableModel:
        from networker.itemmodels.contact_table import ContactTableModel

        model = ContactTableModel(
            contacts=services.contacts(),
            hub=hub,
            tasks=tasks,
            defer=after_paint.defer if after_paint else None,
            parent=window,
        )
        model.loading_changed.connect(_freeze_after_loading)
        model.load()
        return model

    def find(query: str) -> list[ContactSummary]:
        return contact_model().find(query)

    # Edit > Undo: the window's one undo stack (logging, editing, deleting interactions).
    undo_stack = QUndoStack()
    goal_history = GoalHistory(stack=undo_stack, goals=services.goals)

    @functools.cache
    def interaction_history() -> InteractionHistory:
        from networker.views.undo import InteractionHistory

        return InteractionHistory(stack=undo_stack, interactions=services.interactions())

    @functools.cache
    def reminder_history() -> ReminderHistory:
        from networker.views.reminder_history import ReminderHistory

        return ReminderHistory(stack=undo_stack, reminders=services.reminders())

    @functools.cache
    def event_history() -> EventHistory:
        from networker.views.event_history import EventHistory

        return EventHistory(stack=undo_stack, events=services.events())

    def log_interaction(with_ids: list[int], favour: Value | None = None) -> None:
        open_interaction_dialog(with_ids, None, favour)

    def edit_interaction(record: InteractionRecord) -> None:
        open_interaction_dialog(record.draft.contact_ids, record)

    def open_interaction_dialog(
        with_ids: list[int], editing: InteractionRecord | None, favour: Value | None = None
    ) -> None:
        from networker.domain.interactions import Value
        from networker.views.log_interaction_dialog import LogInteractionDialog

        known = services.contacts().summaries(with_ids)
        goal_service = services.goals()

        def goals_of(contact_ids: list[int]) -> list[int]:
            return goal_service.goals_of("contact", contact_ids)

        def save(draft: InteractionDraft) -> None:
            if editing is None:
                interaction_history().log(draft)
            else:
                interaction_history().update(editing.id, draft)

        dialog = LogInteractionDialog(
            save_with=save,
            find=find,
            now=clock.local_now(),
            with_contacts=[known[i] for i in with_ids if i in known],
            editing=editing,
            favour=Value.NONE if favour is None else favour,
            goals=goal_history.choices(),
            goals_of=goals_of,
            parent=window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # The pages, in navigation order (Ctrl+1, Ctrl+2, …); each is built on first show.
    pages = [
        today_page(
            reminders=services.reminders,
            interactions=services.interactions,
            clock=clock,
            tasks=tasks,
            log_with=log_interaction,
            has_contacts=lambda: services.contacts().count(include_archived=True, up_to=1) > 0,
            events=services.events,
            defer=after_paint.defer if after_paint else None,
            goals=services.goals,
            history=reminder_history,
        ),
        contacts_page(
            contacts=services.contacts,
            model=contact_model,
            thumbnailer=make_thumbnail,
            duplicates=services.duplicates,
            tasks=tasks,
            interactions=services.interactions,
            history=interaction_history,
            milestones=services.milestones,
            clock=clock,
            log_with=log_interaction,
            edit_with=edit_interaction,
            events=services.events,
            add_to_goal=functools.partial(add_contacts_to_goal, goal_history),
        ),
        calendar_page(
            events=services.events,
            encounters=services.encounters,
            contacts=services.contacts,
            find=find,
            history=event_history,
            clock=clock,
            tasks=tasks,
        ),
        goals_page(
            goals=services.goals,
            tasks=tasks,
            clock=clock,
            find=find,
            tag_names=lambda: services.contacts().tag_names(),
            can_open=lambda name: any(e.object_name == name for e in window.host.entries),
            history=goal_history,
        ),
    ]
    window = MainWindow(
        pages=pages,
        backups=backups,
        importer=services.importer,
        exporter=services.exporter,
        tasks=tasks,
        settings=settings,
    )
    for child in (hub, tasks, undo_stack):
        child.setParent(window)
    window.add_undo_stack(undo_stack)
    hub.changed.connect(window.host.apply_changes)
    window.add_window_action(
        "&File",
        "&Log Interaction…",
        lambda: log_interaction(window.selected_contacts()),
        "Ctrl+L",
    )
    window.add_window_action(
        "&Contacts",
        "Keep in Touch by &Tag…",
        lambda: _edit_tag_cadences(window, services.contacts(), services.reminders()),
        at_end=True,
    )
    if sys.platform.startswith("linux"):
        window.add_window_action(
            "&File",
            "&Start Networker When I Log In",
            functools.partial(_set_autostart, str(paths.root)),
            checked=autostart.is_enabled(),
            at_end=True,
        )
    # A QThread destroyed while running aborts the process: a window closed for good
    # (in tests too, where no quit path runs) first lets its tasks end.
    window.quit_requested.connect(tasks.shut_down)
    if after_paint is None:  # a test: the list is there at once
        contact_model()
    else:  # the app: reminders come from the tray; the list loads after the paint
        after_paint.defer(
            lambda: start_reminders(
                window=window,
                reminders=services.reminders(),
                clock=clock,
                tasks=tasks,
                hub=hub,
                log_interaction=log_interaction,
                settings=settings,
                show_without_tray=hidden,
            )
        )
        after_paint.defer(contact_model)
        after_paint.defer(functools.partial(watch_other_processes, window, database, hub))
    return window


def watch_other_processes(
    window: MainWindow, database: SqliteDatabase, hub: ChangeHub
) -> ExternalChanges:
    """What another process commits (``networker import`` in a terminal) refreshes the
    pages, checked every moment and when the window is activated."""
    from networker.itemmodels.external_changes import ExternalChanges

    watcher = ExternalChanges(
        data_version=lambda: data_version(database),
        own_writes=own_writes,
        notify=hub.notify,
        parent=window,
    )
    app = QApplication.instance()
    if isinstance(app, QApplication):  # (a slot of the watcher: gone with the window)
        app.applicationStateChanged.connect(watcher.on_application_state)
    window.quit_requested.connect(watcher.stop)
    return watcher


def _set_autostart(data_dir: str, on: bool) -> None:
    if on:
        autostart.enable(data_dir)
    else:
        autostart.disable()


def _edit_tag_cadences(
    window: MainWindow, contacts: ContactService, reminders: ReminderService
) -> None:
    from networker.views.tag_cadence_dialog import TagCadenceDialog

    dialog = TagCadenceDialog(
        tags=contacts.tag_names(),
        cadences=reminders.tag_cadences(),
        save_with=reminders.set_tag_cadences,
        parent=window,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def start_reminders(
    *,
    window: MainWindow,
    reminders: ReminderService,
    clock: Clock,
    tasks: TaskRunner,
    hub: ChangeHub,
    log_interaction: Callable[[list[int]], None],
    settings: QSettings,
    show_without_tray: bool = False,
) -> ReminderScheduler:
    """After the first paint: the tray icon where the desktop has a tray (then closing
    the window keeps Networker running there), and the scheduler that notifies through
    the desktop's notification service where one answers on the session bus, else
    through the tray's balloons. Without a tray, closing quits as before and reminders
    show in a banner at the top of the window, and on Today."""
    from PySide6.QtWidgets import QSystemTrayIcon

    from networker.reminders.notifier import NullNotifier, TrayNotifier
    from networker.reminders.scheduler import ReminderScheduler
    from networker.reminders.tray import Tray

    notifier: Notifier = NullNotifier()
    if sys.platform.startswith("linux"):
        from networker.reminders.desktop_notifications import DesktopNotifier

        if desktop := DesktopNotifier.connect_session(parent=window):
            desktop.clicked.connect(lambda _n: _show_today(window))
            notifier = desktop
    tray: Tray | None = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = Tray(icon=app_icon(), reminders=reminders, parent=window)
        tray.show_requested.connect(window.bring_forward)
        tray.log_requested.connect(lambda: log_interaction([]))
        tray.quit_requested.connect(window.request_quit)
        tray.open_requested.connect(functools.partial(_open_item, window))
        if isinstance(notifier, NullNotifier):
            tray_notifier = TrayNotifier(tray.icon, parent=tray)
            tray_notifier.clicked.connect(lambda _n: _show_today(window))
            notifier = tray_notifier
        window.keep_running_when_closed = bool(settings.value("tray/keep_running", True, type=bool))
        window.add_window_action(
            "&File",
            "&Keep Running in the Tray When Closed",
            functools.partial(_set_keep_running, window, settings),
            checked=window.keep_running_when_closed,
            at_end=True,
        )
        window.hidden_to_tray.connect(functools.partial(_say_still_running, notifier, settings))
        tray.show()
    scheduler = ReminderScheduler(
        reminders=reminders, clock=clock, notifier=notifier, tasks=tasks, parent=window
    )
    hub.changed.connect(scheduler.on_changes)
    if tray is not None:
        scheduler.due_changed.connect(tray.set_due)
    else:  # nowhere else to show them while the window is open on another page
        from networker.views.reminder_banner import ReminderBanner

        banner = ReminderBanner()
        banner.open_today_requested.connect(functools.partial(_show_today, window))
        window.add_banner(banner)
        scheduler.due_changed.connect(banner.show_due)
    scheduler.start()
    window.scheduler = scheduler
    if tray is None and show_without_tray and not window.isVisible():
        window.bring_forward()  # started hidden (at log-in) on a desktop without a tray
    return scheduler


def _set_keep_running(window: MainWindow, settings: QSettings, on: bool) -> None:
    window.keep_running_when_closed = on
    settings.setValue("tray/keep_running", on)


def _open_item(window: MainWindow, page: str, item: object) -> None:
    window.bring_forward()
    window.open_item(page, item)


def _show_today(window: MainWindow) -> None:
    window.bring_forward()
    window.show_page("todayView")


def _say_still_running(notifier: Notifier, settings: QSettings) -> None:
    """The first time the window is closed: one line saying where Networker went."""
    from networker.domain.reminders import Notification

    if settings.value("tray/notice_shown", False, type=bool):
        return
    settings.setValue("tray/notice_shown", True)
    notifier.notify(
        Notification(
            APP_NAME,
            "Networker keeps running in the tray to remind you. Quit from its menu or with Ctrl+Q.",
            (),
        )
    )


def _freeze_after_loading(loading: bool) -> None:
    # The contact index is hundreds of thousands of long-lived objects: once it is
    # loaded, keep the cyclic garbage collector from walking them again on every full
    # collection (measured: a 60 ms pause in a search keystroke at 100,000 contacts).
    if not loading:
        gc.freeze()


def start_background_checks(window: MainWindow, backups: BackupService) -> None:
    """After the window shows: the full health check, then (only on a healthy file,
    so that a damaged one never pushes good backups out) the daily backup."""

    def back_up(_healthy: object) -> None:
        window.tasks.run(lambda _progress: backups.automatic(), name="automatic-backup")

    window.tasks.run(
        lambda _progress: backups.check_health(),
        name="health-check",
        on_success=back_up,
        on_failure=window.on_database_damaged,
    )


class QuitPath:
    """The one way out of Networker, whatever asked for it (Ctrl+Q, closing the window,
    the desktop session ending): the pages stop, every task ends, the WAL is folded
    back into the database, and the single-instance lock is released. Runs once."""

    def __init__(
        self, *, window: MainWindow, database: SqliteDatabase, instance: SingleInstance
    ) -> None:
        self._window = window
        self._database = database
        self._instance = instance
        self._done = False

    def quit(self) -> None:
        self.finish()
        QApplication.quit()

    def finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._window.host.shutdown()
        self._window.tasks.shut_down()
        try:
            checkpoint(self._database)
        except DRIVER_ERRORS as exc:  # a damaged or vanished file: nothing to fold back
            log.warning("no checkpoint at quit: %s", exc)
        self._instance.release()


def _install_excepthook(paths: DataPaths, *, interactive: bool) -> None:
    """Errors that escape: a message for people, the traceback to the log file.
    Not ``interactive`` (the smoke test): say it on stderr and exit 1, never wait on a
    dialog that nobody will answer."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, StorageError):
            # A problem with a message for people (the database busy, say): the change
            # was rolled back whole; say so, no traceback.
            log.warning("not done: %s", type(value).__name__)
            message = str(value)
        else:
            log.critical(
                "unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb))
            )
            message = (
                "Something went wrong, and Networker could not finish what it was doing. "
                f"Your saved data is safe. Details are in the log file {paths.log}."
            )
        if not interactive:
            print(f"networker: {message}", file=sys.stderr)
            QApplication.exit(1)
        elif QApplication.instance() is None:
            return
        elif isinstance(value, StorageError):
            startup_dialogs.show_problem(message)
        else:
            startup_dialogs.show_fatal(message)

    sys.excepthook = hook


def run_gui(
    *,
    data_dir: str | None,
    smoke_test: bool,
    files: list[str] | None = None,
    clock: Clock | None = None,
    hidden: bool = False,
) -> int:
    """``hidden``: start in the tray (the log-in start), the window shown only where the
    desktop has no tray."""
    clock = clock or SystemClock()
    if not has_display():
        if not smoke_test:
            print(
                "networker: no graphical display was found (DISPLAY and WAYLAND_DISPLAY are "
                "unset). Start Networker from a desktop session.",
                file=sys.stderr,
            )
            return 1
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    root = resolve_data_dir(data_dir, os.environ)
    try:
        paths = prepare_data_dir(root, allow_read_only=True)
    except DataDirError as exc:
        print(f"networker: {exc}", file=sys.stderr)
        if not smoke_test:
            make_application(sys.argv[:1])
            startup_dialogs.show_fatal(str(exc))
        return 1
    configure_logging(None if paths.read_only else paths.log)
    log.info("Networker %s, SQLite %s, data in %s", __version__, sqlite3.sqlite_version, root)
    shared = is_shared_with_others(paths.root)
    if shared:
        log.warning("the data folder can be read by other users; consider chmod 700")
    app = make_application(sys.argv[:1])
    instance = SingleInstance(paths.root)
    if smoke_test:
        instance.try_first(listen=False)  # beside a running window: neither joins nor blocks
    else:
        role = instance.claim(files or [], listen=False)
        if role is Role.HANDED_OVER:
            return 0
        if role is Role.NO_ANSWER:
            startup_dialogs.show_fatal(
                "Networker is already running with this data folder but does not answer. "
                "If it has stopped responding, close it and start Networker again."
            )
            return 1
    ask = None if smoke_test else startup_dialogs.ask_damaged_database
    # A database that cannot be written (RELIABILITY case 7): a read-only session.
    read_only = paths.read_only or (
        write_problem(paths.database) if paths.database.exists() else None
    )
    if read_only and not smoke_test and not startup_dialogs.ask_read_only(read_only):
        return 1
    try:
        # The full quick_check runs on a worker once the window shows.
        database = open_data(paths, clock=clock, ask=ask, verify=False, read_only=read_only)
    except (NewerDatabaseError, MigrationError) as exc:
        print(f"networker: {exc}", file=sys.stderr)
        if not smoke_test:
            startup_dialogs.show_fatal(str(exc))
        return 1
    except StorageError as exc:
        # The window's start already showed this in the damaged-database question
        # (not asked in a read-only session: nothing can be set aside there).
        print(f"networker: {exc}", file=sys.stderr)
        if read_only and not smoke_test:
            startup_dialogs.show_fatal(str(exc))
        return 1
    except OSError as exc:
        message = f"The database {paths.database} cannot be opened: {exc.strerror or exc}."
        print(f"networker: {message}", file=sys.stderr)
        if not smoke_test:
            startup_dialogs.show_fatal(message)
        return 1
    _install_excepthook(paths, interactive=not smoke_test)
    # Modules and classes live as long as the app: keep the cyclic collector from walking
    # them again (the contact loader's gc.collect() took 10 ms before the first paint).
    gc.freeze()

    def build(database: SqliteDatabase) -> tuple[MainWindow, AfterFirstPaint]:
        after_paint = AfterFirstPaint()  # a fresh one: nothing of a failed window runs later
        window = build_main_window(
            database=database,
            paths=paths,
            clock=clock,
            settings=ui_settings(),
            after_paint=after_paint,
            hidden=hidden and not smoke_test,
        )
        return window, after_paint

    try:
        window, after_paint = build(database)
    except DRIVER_ERRORS as exc:
        if not is_damage(exc):
            raise
        # A read at start-up found damage before the background check did: ask now.
        database.close()
        try:
            database = open_data(paths, clock=clock, ask=ask, verify=True, read_only=read_only)
        except (StorageError, OSError) as exc:
            print(f"networker: {exc}", file=sys.stderr)
            return 1
        window, after_paint = build(database)
    after_paint.setParent(window)
    after_paint.watch(window)
    # Closing the window no longer ends Networker by itself: QuitPath does, once.
    app.setQuitOnLastWindowClosed(False)
    quit_path = QuitPath(window=window, database=database, instance=instance)
    window.quit_requested.connect(quit_path.quit)
    app.aboutToQuit.connect(quit_path.finish)  # the desktop session ends, say
    window.restore_layout()
    if shared:
        startup_dialogs.shared_folder_notice(window, paths.root)
    if read_only:
        startup_dialogs.read_only_notice(window, read_only)
    if not hidden or smoke_test:
        window.show()
    instance.deliver_to(window.take_over_start)
    # What the first screen does not need waits until the window has painted. Later
    # starts are heard then too; until then they wait.
    after_paint.defer(_set_application_icon)
    after_paint.defer(functools.partial(window.host.set_icons, resource_icon))
    after_paint.defer(instance.listen)
    after_paint.defer(functools.partial(start_background_checks, window, window.backups))
    if not smoke_test:
        after_paint.defer(window.report_unfinished_imports)
    if files and not smoke_test:
        after_paint.defer(functools.partial(window.import_files, [Path(f) for f in files]))
    if smoke_test:
        after_paint.defer(functools.partial(_finish_smoke_test, window))
    status = app.exec()
    database.close()
    return status


def _finish_smoke_test(window: MainWindow) -> None:
    # The icon is rendered too: a bundle that lost the SVG or Qt's SVG icon engine fails.
    if QApplication.windowIcon().pixmap(32, 32).isNull():
        print("networker: the application icon could not be rendered", file=sys.stderr)
        QApplication.exit(1)
    elif window.isVisible():
        print("smoke-test ok", flush=True)
        window.close()
        QApplication.quit()
    else:
        QApplication.exit(1)
