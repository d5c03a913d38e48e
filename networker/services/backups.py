"""Backing up and restoring the whole database."""

from __future__ import annotations

import logging
from pathlib import Path

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.paths import DataPaths
from networker.storage import backup as store
from networker.storage.db import check_health, is_read_only, reopen_database
from networker.storage.errors import StorageError
from networker.storage.migrations import APPLICATION_ID, check_readable

log = logging.getLogger(__name__)


class BackupService:
    def __init__(
        self,
        *,
        database: SqliteDatabase,
        paths: DataPaths,
        clock: Clock,
        on_change: ChangeListener = ignore_changes,
    ) -> None:
        self._db = database
        self._paths = paths
        self._clock = clock
        self._on_change = on_change

    @property
    def backups_dir(self) -> Path:
        return self._paths.backups

    def automatic(self) -> Path | None:
        """The start-up backup: at most once a day, the last seven kept (none in a
        read-only session: nothing changes, and its folder may not be writable; none of
        an empty network: it would only push out a backup worth restoring)."""
        if is_read_only(self._db):
            return None
        if self._db.execute_sql("SELECT 1 FROM contact LIMIT 1").fetchone() is None:
            return None
        return store.automatic_backup(self._db, self._paths.backups, clock=self._clock)

    def suggested_path(self) -> Path:
        return self._paths.backups / f"networker-{self._clock.local_now():%Y-%m-%d-%H%M%S}.sqlite3"

    def back_up_to(self, target: Path) -> Path:
        if target.absolute() == self._paths.database.absolute():
            raise StorageError("A backup cannot replace the database it copies.")
        return store.backup_database(self._db, target)

    def latest_automatic(self) -> Path | None:
        found = store.list_automatic_backups(self._paths.backups)
        return found[-1] if found else None

    def summaries(self) -> list[store.BackupSummary]:
        """The backups in the backups folder, newest first, with their contact counts."""
        return store.backup_summaries(self._paths.backups, application_id=APPLICATION_ID)

    def check(self, source: Path) -> int:
        """Raise a StorageError when ``source`` is not a usable Networker backup."""
        return store.verify_backup_file(
            source, application_id=APPLICATION_ID, check_version=check_readable
        )

    def check_health(self) -> None:
        """The full quick_check; raises CorruptDatabaseError. Meant for a worker thread."""
        check_health(self._db)

    def damaged_suffix(self) -> str:
        """What set_aside_damaged() adds to the file's name, now (to name it in a question)."""
        return f"damaged-{self._clock.local_now():%Y%m%d-%H%M%S}"

    def set_aside_damaged(self, *, restore_latest: bool, suffix: str | None = None) -> Path:
        """Keep the damaged database aside, renamed (``suffix``: the name's ending the
        user was told); carry on with the latest automatic backup or an empty database.
        Returns where the damaged file went."""
        latest = self.latest_automatic() if restore_latest else None
        if latest is not None:
            self.check(latest)
        self._db.close()
        aside = store.move_aside(self._paths.database, suffix or self.damaged_suffix())
        try:
            if latest is not None:
                store.restore_backup(latest, self._paths.database, clock=self._clock)
        finally:
            reopen_database(self._db, backups_dir=self._paths.backups, clock=self._clock)
        log.warning("a damaged database was set aside as %s", aside.name)
        self._on_change(Changes.everything())
        return aside

    def restore(self, source: Path) -> Path | None:
        """Replace the database with ``source``; returns where the current one was kept."""
        if source.absolute() == self._paths.database.absolute():
            raise StorageError("That file is the database in use, not a backup.")
        self.check(source)
        self._db.close()
        try:
            aside = store.restore_backup(source, self._paths.database, clock=self._clock)
        finally:
            reopen_database(self._db, backups_dir=self._paths.backups, clock=self._clock)
        self._on_change(Changes.everything())
        return aside
