"""Bringing contacts in from files: read, match, merge, and write in one transaction."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import (
    Birthday,
    ContactDraft,
    effective_display_name,
    new_uid,
    phone_digits,
)
from networker.domain.merging import describe, merge, same_contact
from networker.formats import csv_formats, vcard
from networker.formats.input_files import SIZE_WARNING, open_input
from networker.formats.reports import ParsedRecord, RecordProblem, UnreadableFileError
from networker.storage import contacts as store
from networker.storage.db import is_read_only, write_transaction

log = logging.getLogger(__name__)

CHANGES_LISTED = 5000

Thumbnailer = Callable[[bytes], bytes]


@dataclass
class FileReport:
    path: Path
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RecordProblem] = field(default_factory=list)
    warnings: list[RecordProblem] = field(default_factory=list)
    unreadable: str | None = None  # why the whole file could not be read
    changes: list[Change] = field(default_factory=list)
    format_name: str = ""

    def note(self, change: Change) -> None:
        # The preview lists the first few thousand; memory must not grow with file size.
        if len(self.changes) < CHANGES_LISTED or change.conflicts:
            self.changes.append(change)

    def summary(self) -> str:
        return (
            f"{self.path}: imported {self.imported}, updated {self.updated}, "
            f"unchanged {self.unchanged}, skipped {self.skipped}, errors {len(self.errors)}"
        )


@dataclass(frozen=True)
class Survey:
    """Read before a preview: the column mapping each CSV of unknown layout needs
    (its header and a sample row), and about how many records the files hold."""

    columns: dict[Path, tuple[list[str], list[str]]]
    records: int


@dataclass(frozen=True)
class Change:
    """One record's fate in an import, for the preview."""

    name: str
    action: str  # "new", "merged" or "unchanged"
    details: tuple[str, ...] = ()
    # Fields where the file says something else than the contact: (field, yours, theirs).
    # The stored value stays unless the user picks the file's in the preview.
    conflicts: tuple[tuple[str, str, str], ...] = ()
    record: int = 0


CONFLICT_FIELDS = (
    "display_name", "given_name", "family_name", "organization", "title", "birthday",
    "notes", "how_we_met", "school",
)  # fmt: skip


class _PreviewDone(Exception):
    """Raised inside the transaction of a preview so that nothing is kept."""


class ImportCancelledError(Exception):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was imported.")


def looks_like_vcard(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore").lstrip("\ufeff").lstrip().encode()
    first = text[:40].upper()
    return first.split(b":")[0].split(b".")[-1] == b"BEGIN" and b"VCARD" in first


# Below this a vCard file is parsed in the importing process: starting the parsing
# processes (each imports vobject) costs about 0.3 s.
PARALLEL_FROM_BYTES = 1 << 20


def _default_parse_processes() -> int:
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores >= 2 else 0


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import runs.

    Parsing allocates millions of short-lived objects and almost no cycles, so the
    collector kept walking the growing set of live ones for nothing: 8-13% of a 10,000
    card import (peak memory unchanged). No collection is forced at the end: this may
    be a worker thread, and Qt wrappers collected there crash (see tasks.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ImportService:
    def __init__(
        self,
        *,
        database: SqliteDatabase,
        clock: Clock,
        thumbnailer: Thumbnailer | None,
        on_change: ChangeListener = ignore_changes,
        parse_processes: int | None = None,
        parallel_from_bytes: int = PARALLEL_FROM_BYTES,
    ) -> None:
        """``parse_processes``: how many other processes parse a large vCard file
        (None: one per core when there are at least two, else none); files smaller
        than ``parallel_from_bytes`` are parsed here (starting a process costs more)."""
        self._parse_processes = (
            parse_processes if parse_processes is not None else _default_parse_processes()
        )
        self._parallel_from = parallel_from_bytes
        self._db = database
        self._clock = clock
        self._thumbnailer = thumbnailer
        self._on_change = on_change
        self._mappings: dict[Path, dict[int, str]] = {}
        self._take_theirs: dict[tuple[Path, int], set[str]] = {}

    def import_files(
        self,
        paths: Sequence[Path],
        *,
        is_cancelled: Callable[[], bool] = lambda: False,
        on_record: Callable[[int], None] = lambda done: None,
        preview: bool = False,
        csv_mappings: dict[Path, dict[int, str]] | None = None,
        take_theirs: dict[tuple[Path, int], set[str]] | None = None,
    ) -> list[FileReport]:
        """Import every file in one transaction: all of it lands, or none of it does.

        ``preview`` runs exactly the same steps and then rolls them back, so the
        reports say what an import would do.
        """
        reports = [FileReport(path) for path in paths]
        changed: list[int] = []
        run_id = None
        self._mappings = csv_mappings or {}
        self._take_theirs = take_theirs or {}
        try:
            if not preview:
                names = ", ".join(p.name for p in paths)
                run_id = store.start_import_run(self._db, names, at=self._clock.now())
            with _collector_paused():
                self._run(reports, is_cancelled, on_record, changed, preview=preview, run_id=run_id)
        except _PreviewDone:
            return reports
        except ImportCancelledError:
            self._end_run(run_id, "cancelled")
            raise
        except Exception:
            self._end_run(run_id, "failed")
            raise
        if changed:
            self._on_change(Changes.of_contacts(changed))
        return reports

    def _run(
        self,
        reports: list[FileReport],
        is_cancelled: Callable[[], bool],
        on_record: Callable[[int], None],
        changed: list[int],
        *,
        preview: bool,
        run_id: int | None,
    ) -> None:
        now = self._clock.now()
        done = 0
        with write_transaction(self._db):
            keys = store.match_keys(self._db)
            self._writer = store.BulkWriter(self._db, now=now)
            for report in reports:
                try:
                    records = self._read(report.path, report)
                    for item in records:
                        if is_cancelled():
                            raise ImportCancelledError()
                        done += 1
                        on_record(done)
                        if isinstance(item, RecordProblem):
                            report.skipped += 1
                            report.errors.append(item)
                            continue
                        self._apply(item, report, keys, now, changed)
                except UnreadableFileError as exc:
                    report.unreadable = f"{report.path} cannot be imported: {exc}"
            self._writer.flush()
            if preview:
                raise _PreviewDone()
            if run_id is not None:
                store.set_import_run_status(self._db, run_id, "finished")

    @staticmethod
    def columns_to_map(path: Path) -> tuple[list[str], list[str]] | None:
        """For a CSV of no known layout, its header and a sample row; None otherwise
        (also when it cannot be read: the import itself then reports why).
        Reads the file: call it off the GUI thread (see survey())."""
        if path.suffix.lower() != ".csv":
            return None
        try:
            with open_input(path) as file:
                try:
                    csv_formats.detect(file)
                    return None
                except UnreadableFileError:
                    return csv_formats.header_columns(file)
        except (OSError, UnreadableFileError, csv.Error):
            return None

    @classmethod
    def survey(cls, paths: Sequence[Path]) -> Survey:
        """What the window needs before a preview, read on a worker thread: the CSVs
        that need a column mapping, and about how many records there are."""
        columns = {}
        for path in paths:
            if (found := cls.columns_to_map(path)) is not None:
                columns[path] = found
        return Survey(columns=columns, records=cls.count_records(paths))

    def _end_run(self, run_id: int | None, status: str) -> None:
        if run_id is None:
            return
        try:
            with write_transaction(self._db):
                store.set_import_run_status(self._db, run_id, status)
        except Exception:  # a full disk, say: the run then reads as unfinished, which is true
            log.warning("could not mark import run %s as %s", run_id, status)

    def unfinished_runs(self) -> list[tuple[int, str, str]]:
        """Imports that were killed before they finished: (id, started at, files)."""
        return store.unfinished_import_runs(self._db)

    def acknowledge_unfinished(self, run_ids: list[int]) -> None:
        if is_read_only(self._db):
            return  # said once per start then: it cannot be marked as said
        with write_transaction(self._db):
            for run_id in run_ids:
                store.set_import_run_status(self._db, run_id, "interrupted")

    @staticmethod
    def count_records(paths: Sequence[Path]) -> int:
        """About how many records the files hold (for a progress bar), without parsing.
        Reads every file: call it off the GUI thread (see survey())."""
        total = 0
        for path in paths:
            try:
                with open_input(path) as file:
                    csv_file = path.suffix.lower() == ".csv"
                    while chunk := file.read(1 << 20):
                        total += (
                            chunk.count(b"\n") if csv_file else chunk.upper().count(b"BEGIN:VCARD")
                        )
            except (OSError, UnreadableFileError):
                continue
        return total

    def _read(self, path: Path, report: FileReport) -> Iterable[ParsedRecord | RecordProblem]:
        # Only reading errors become a report; a failing write ends the transaction.
        try:
            yield from self._read_file(path, report)
        except OSError as exc:
            raise UnreadableFileError(f"it cannot be read: {exc.strerror or exc}.") from exc

    def _read_file(self, path: Path, report: FileReport) -> Iterable[ParsedRecord | RecordProblem]:
        with open_input(path) as file:
            info = os.fstat(file.fileno())
            if info.st_size > SIZE_WARNING:
                report.warnings.append(
                    RecordProblem(0, 0, "the file is larger than 100 MB: reading it takes a while")
                )
            head = file.read(64)
            if not head.strip():
                raise UnreadableFileError("it is empty: no contacts were found.")
            file.seek(0)
            if looks_like_vcard(head):
                report.format_name = "vCard"
                large = info.st_size >= self._parallel_from
                yield from vcard.read_vcards(
                    file,
                    thumbnailer=self._thumbnailer,
                    processes=self._parse_processes if large else 0,
                )
            elif path.suffix.lower() in (".vcf", ".vcard"):
                raise UnreadableFileError("it is not a vCard file (no BEGIN:VCARD line).")
            elif path in self._mappings:
                report.format_name = "CSV"
                yield from csv_formats.read_csv(file, mapping=self._mappings[path])
            else:
                try:
                    kind, _line, _delimiter = csv_formats.detect(file)
                except UnreadableFileError as exc:
                    raise UnreadableFileError(
                        f"it is neither a vCard file nor a CSV export: {exc}"
                    ) from exc
                report.format_name = f"{kind.name} CSV"
                yield from csv_formats.read_csv(file)

    def _apply(
        self,
        item: ParsedRecord,
        report: FileReport,
        keys: store.MatchKeys,
        now: dt.datetime,
        changed: list[int],
    ) -> None:
        draft = item.draft
        for warning in item.warnings:
            report.warnings.append(RecordProblem(item.record, item.line, warning))
        name = store.name_key(draft.given_name, draft.family_name, draft.display_name,
                              draft.organization)  # fmt: skip
        if not (name[0] or draft.emails or draft.phones or draft.organization):
            report.skipped += 1
            report.errors.append(
                RecordProblem(item.record, item.line, "the card has no name, email or phone")
            )
            return
        contact_id = _find(keys, draft, name)
        label = effective_display_name(draft)
        writer = self._writer
        if contact_id is None:
            contact_id = writer.add(draft, uid=draft.uid or new_uid())
            report.imported += 1
            report.note(Change(label, "new"))
        else:
            if contact_id >= writer.first_pending:
                writer.flush()  # the match is one this import added: read it back whole
            record = store.load_contact(contact_id)
            if record is None:  # pragma: no cover (the keys were read in this transaction)
                return
            merged = merge(record.draft, draft)
            role_changes: list[tuple[str, str, str]] = []
            if report.format_name == "LinkedIn CSV":
                # LinkedIn knows a person's current role better than an old note does.
                for field in ("organization", "title"):
                    old, new = getattr(record.draft, field), getattr(draft, field)
                    if new and old and new != old:
                        setattr(merged, field, new)
                        role_changes.append((field, old, new))
            for field in self._take_theirs.get((report.path, item.record), set()):
                if field in CONFLICT_FIELDS and getattr(draft, field) not in (None, ""):
                    setattr(merged, field, getattr(draft, field))
            conflicts = tuple(
                (field, _shown(getattr(merged, field)), _shown(getattr(draft, field)))
                for field in CONFLICT_FIELDS
                if getattr(draft, field) not in (None, "")
                and getattr(merged, field) not in (None, "")
                and getattr(merged, field) != getattr(draft, field)
            )
            if same_contact(merged, record.draft):
                report.unchanged += 1
                report.note(
                    Change(record.draft.display_name, "unchanged", (), conflicts, item.record)
                )
                _remember(keys, contact_id, draft, name)
                return
            store.update_contact(contact_id, merged, now=now)
            for field, old, new in role_changes:
                store.add_change(contact_id, field=field, old=old, new=new, at=now,
                                 source=report.path.name)  # fmt: skip
            report.updated += 1
            report.note(
                Change(
                    record.draft.display_name,
                    "merged",
                    describe(record.draft, merged),
                    conflicts,
                    item.record,
                )
            )
        writer.add_source(contact_id, file_name=report.path.name, format_name=report.format_name)
        _remember(keys, contact_id, draft, name)
        changed.append(contact_id)


def _shown(value: object) -> str:
    if isinstance(value, Birthday):
        return value.iso()
    return " ".join(str(value).split())[:120]


def _find(keys: store.MatchKeys, draft: ContactDraft, name: tuple[str, str]) -> int | None:
    """UID, else a shared email, else a shared phone, else the same name and organization."""
    if draft.uid and draft.uid in keys.uids:
        return keys.uids[draft.uid]
    for url in draft.urls:
        if (profile := store.linkedin_key(url.value)) and (found := keys.profiles.get(profile)):
            return found
    for email in draft.emails:
        if (found := keys.emails.get(email.value.casefold())) is not None:
            return found
    for phone in draft.phones:
        digits = phone_digits(phone.value)
        if len(digits) >= 7 and (found := keys.phones.get(digits)) is not None:
            return found
    if name[0]:
        found = keys.names.get(name)
        if found is None and not name[1]:
            # No organization on the card: the one stored contact of that name, if only one.
            found = keys.bare_names.get(name[0])
        return found
    return None


def _remember(
    keys: store.MatchKeys, contact_id: int, draft: ContactDraft, name: tuple[str, str]
) -> None:
    if draft.uid:
        keys.uids.setdefault(draft.uid, contact_id)
    for email in draft.emails:
        keys.emails.setdefault(email.value.casefold(), contact_id)
    for phone in draft.phones:
        digits = phone_digits(phone.value)
        if len(digits) >= 7:
            keys.phones.setdefault(digits, contact_id)
    for url in draft.urls:
        if profile := store.linkedin_key(url.value):
            keys.profiles.setdefault(profile, contact_id)
    if name[0]:
        keys.remember_name(name, contact_id)
