"""Writing every contact or every event out to a file, safely: a temporary file, fsync,
then rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from peewee import SqliteDatabase

from networker.clock import Clock, SystemClock
from networker.domain.contacts import ContactDraft, ContactRecord
from networker.domain.progress import Progress, no_progress
from networker.formats import csv_formats, vcard
from networker.paths import refuse_data_folder_target
from networker.storage import contacts as store
from networker.storage import events as event_store
from networker.storage import salvage

# How often an export reports how far it got (and learns of a Cancel).
PROGRESS_EVERY = 100


@dataclass(frozen=True)
class ReadableExport:
    """What an export from a damaged database saved, and how many contacts it lost."""

    saved: int
    unreadable: int


class ExportCancelledError(Exception):
    """The user cancelled; the target file was left as it was."""


@dataclass(frozen=True)
class ExportScope:
    """Which contacts an export writes (the window asks; the command line writes all):
    these ``ids`` (the selection, or what a search shows), or all; archived ones only
    when ``include_archived`` (an archived contact named in ``ids`` was chosen)."""

    ids: tuple[int, ...] | None = None
    include_archived: bool = False

    def chosen(self, every: list[int], archived: set[int]) -> list[int]:
        """``every`` (in its order) narrowed to this scope."""
        if self.ids is not None:
            wanted = set(self.ids)
            return [i for i in every if i in wanted]
        if self.include_archived:
            return every
        return [i for i in every if i not in archived]


@dataclass(frozen=True)
class ContactCounts:
    active: int
    archived: int


class ExportService:
    def __init__(
        self, *, database: SqliteDatabase, data_dir: Path | None = None, clock: Clock | None = None
    ) -> None:
        """``data_dir``: the folder no export may write into; by default the database's.
        ``clock``: when the export is made (an iCalendar file's DTSTAMP)."""
        self._db = database
        self._data_dir = data_dir or database_folder(database)
        self._clock = clock or SystemClock()

    def counts(self) -> ContactCounts:
        """How many contacts there are, archived and not."""
        archived = len(store.archived_ids(self._db))
        return ContactCounts(len(store.all_ids(self._db)) - archived, archived)

    def drafts(
        self, progress: Progress = no_progress, scope: ExportScope | None = None
    ) -> Iterator[ContactDraft]:
        """Every contact (or ``scope``'s); raises ExportCancelledError when ``progress``
        answers False."""
        return (record.draft for record in self.records(progress, scope))

    def records(
        self, progress: Progress = no_progress, scope: ExportScope | None = None
    ) -> Iterator[ContactRecord]:
        """Every contact (or those of ``scope``) with its stored state (archived)."""
        ids = store.all_ids(self._db)
        if scope is not None:
            ids = scope.chosen(ids, store.archived_ids(self._db))
        for done, contact_id in enumerate(ids):
            if done % PROGRESS_EVERY == 0 and not progress(done, len(ids)):
                raise ExportCancelledError()
            record = store.load_contact(self._db, contact_id)
            if record is not None:
                yield record
        progress(len(ids), len(ids))

    def export_vcards(
        self,
        target: str,
        *,
        version: str = "3.0",
        progress: Progress = no_progress,
        scope: ExportScope | None = None,
    ) -> int:
        """Write every contact to ``target`` (a path, or "-" for standard output).
        Cancelled (``progress`` answered False), the target is left as it was."""
        count = 0
        with _atomic_text_output(target, self._data_dir) as out:
            for record in self.records(progress, scope):
                out.write(vcard.card_text(record.draft, version=version, archived=record.archived))
                count += 1
        return count

    def export_readable_vcards(
        self, target: str, progress: Progress | None = None
    ) -> ReadableExport:
        """From a damaged database: every contact that can still be read, as vCards.

        Raises ExportCancelledError when ``progress`` answers False (nothing written).
        """
        ids = salvage.readable_contact_ids(self._db)
        saved = unreadable = 0
        with _atomic_text_output(target, self._data_dir) as out:
            for done, contact_id in enumerate(ids):
                if progress is not None and done % 100 == 0 and not progress(done, len(ids)):
                    raise ExportCancelledError()
                record = salvage.read_record(self._db, contact_id)
                if record is None:
                    unreadable += 1
                    continue
                # Every field, Networker's own and the archive mark too (X-NETWORKER-*):
                # what is saved is all that was read.
                out.write(vcard.card_text(record.draft, version="3.0", archived=record.archived))
                saved += 1
        return ReadableExport(saved=saved, unreadable=unreadable)

    def export_ics(self, target: str, *, progress: Progress = no_progress) -> int:
        """Every event as one iCalendar file (series, their edited occurrences, the
        zones they use); returns how many events (VEVENTs) were written."""
        from networker.formats.icalendar_out import OutgoingEvent, calendar_text

        if not progress(0, 0):
            raise ExportCancelledError()
        records = event_store.every(self._db)
        contacts = {a.contact_id for r in records for a in r.draft.attendees if a.contact_id}
        emails = event_store.first_emails(self._db, [c for c in contacts if c is not None])
        outgoing = []
        for done, record in enumerate(records):
            if done % PROGRESS_EVERY == 0 and not progress(done, len(records)):
                raise ExportCancelledError()
            names = {
                a.contact_id: name
                for a, name in zip(record.draft.attendees, record.attendee_names, strict=False)
                if a.contact_id is not None
            }
            outgoing.append(OutgoingEvent(record.draft, emails, names))
        text = calendar_text(outgoing, now=self._clock.now())
        with _atomic_text_output(target, self._data_dir) as out:
            out.write(text)
        progress(len(records), len(records))
        return len(records)

    def export_csv(
        self, target: str, *, progress: Progress = no_progress, scope: ExportScope | None = None
    ) -> int:
        """Every contact (or ``scope``'s) as CSV, the archive mark too; formula-looking
        cells are neutralised (see guard())."""
        records = ((r.draft, r.archived) for r in self.records(progress, scope))
        with _atomic_text_output(target, self._data_dir) as out:
            return csv_formats.write_csv_records(records, out)


def database_folder(database: SqliteDatabase) -> Path:
    """The folder of the database file, also when it was opened by a ``file:`` URI."""
    name = str(database.database)
    if name.startswith("file:"):
        name = unquote(urlsplit(name).path)
    return Path(name).absolute().parent


@contextlib.contextmanager
def _atomic_text_output(target: str, data_dir: Path) -> Iterator[TextIO]:
    if target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    # Every export comes through here: nothing in the data folder is ever a target.
    refuse_data_folder_target(target, data_dir)
    path = Path(target)
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/full, a FIFO): write into it. Renaming a temporary
        # file over it would replace the device itself (measured as root: /dev/full
        # became a regular file and the export "succeeded").
        with path.open("w", encoding="utf-8", newline="") as out:
            yield out
        return
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
