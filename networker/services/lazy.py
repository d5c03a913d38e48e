"""The services of one open database, each imported and built on first use.

The window's first page (Today) reads on a worker after the first paint, and the other
pages are built when first shown: so none of the services needs to be imported before
the window paints (measured: ~25 ms of imports and dataclass creation for contacts,
interactions, reminders and milestones alone). Each method is the factory its callers
take: ``services.contacts`` is passed, ``services.contacts()`` is the service.

Today's worker may be the first to ask for a service, so building is guarded by a lock:
whichever thread asks first builds it, and every caller gets that one instance.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import Changes

if TYPE_CHECKING:
    from networker.formats.reports import Thumbnailer
    from networker.services.contacts import ContactService
    from networker.services.duplicates import DuplicateService
    from networker.services.encounters import EncounterService
    from networker.services.events import EventService
    from networker.services.exporting import ExportService
    from networker.services.goals import GoalService
    from networker.services.importing import ImportService
    from networker.services.interactions import InteractionService
    from networker.services.milestones import MilestoneService
    from networker.services.reminders import ReminderService

T = TypeVar("T")


class Services:
    def __init__(
        self,
        *,
        database: SqliteDatabase,
        clock: Clock,
        on_change: Callable[[Changes], None],
        thumbnailer: Thumbnailer,
    ) -> None:
        self._database = database
        self._clock = clock
        self._on_change = on_change
        self._thumbnailer = thumbnailer
        self._built: dict[str, Any] = {}
        self._lock = threading.RLock()  # (a service built from another's build: no deadlock)

    def _once(self, name: str, build: Callable[[], T]) -> T:
        with self._lock:
            if name not in self._built:
                self._built[name] = build()
            built: T = self._built[name]
            return built

    def _standard(self, module: str, name: str) -> Any:
        """The service ``name`` of networker.services.``module``, which takes the
        database, the clock and the change callback; imported on first use."""

        def build() -> Any:
            cls = getattr(importlib.import_module(f"networker.services.{module}"), name)
            return cls(database=self._database, clock=self._clock, on_change=self._on_change)

        return self._once(module, build)

    def contacts(self) -> ContactService:
        return cast("ContactService", self._standard("contacts", "ContactService"))

    def interactions(self) -> InteractionService:
        return cast("InteractionService", self._standard("interactions", "InteractionService"))

    def reminders(self) -> ReminderService:
        return cast("ReminderService", self._standard("reminders", "ReminderService"))

    def milestones(self) -> MilestoneService:
        return cast("MilestoneService", self._standard("milestones", "MilestoneService"))

    def events(self) -> EventService:
        return cast("EventService", self._standard("events", "EventService"))

    def goals(self) -> GoalService:
        return cast("GoalService", self._standard("goals", "GoalService"))

    def encounters(self) -> EncounterService:
        return cast("EncounterService", self._standard("encounters", "EncounterService"))

    def duplicates(self) -> DuplicateService:
        return cast("DuplicateService", self._standard("duplicates", "DuplicateService"))

    def importer(self) -> ImportService:
        def build() -> ImportService:
            from networker.services.importing import ImportService

            return ImportService(
                database=self._database,
                clock=self._clock,
                thumbnailer=self._thumbnailer,
                on_change=self._on_change,
            )

        return self._once("importer", build)

    def exporter(self) -> ExportService:
        def build() -> ExportService:
            from networker.services.exporting import ExportService

            return ExportService(database=self._database, clock=self._clock)

        return self._once("exporter", build)
