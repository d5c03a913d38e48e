"""Bringing contacts and events in from files: read, match, merge, and write in one
transaction (an event's part is services/event_import.py)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import (
    Birthday,
    ContactDraft,
    ContactRecord,
    effective_display_name,
    new_uid,
    normalize_tag,
)
from networker.domain.events import EventDraft
from networker.domain.jobs import Role, Verdict, taken
from networker.domain.matching import Key, person_name, phone_key, phone_tail, same_person
from networker.domain.merging import describe, left_out, merge, said, same_contact
from networker.formats.input_files import SIZE_WARNING, open_input
from networker.formats.readers import HEAD_BYTES, ReadOptions, reader_for
from networker.formats.reports import (
    ParsedEvent,
    ParsedRecord,
    RecordProblem,
    Thumbnailer,
    UnreadableFileError,
)
from networker.formats.vcard_parts import related_from_kept
from networker.services.event_import import apply_event
from networker.services.job_history import JobTracker, older_notice
from networker.storage import contacts as store
from networker.storage import import_runs
from networker.storage.db import is_read_only, write_transaction

log = logging.getLogger(__name__)

CHANGES_LISTED = 5000


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
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)
    # Records whose role is older than the contact's: the contact's stayed.
    older: list[RecordProblem] = field(default_factory=list)

    def note(self, change: Change) -> None:
        # The preview lists the first few thousand; memory must not grow with file size.
        if len(self.changes) < CHANGES_LISTED or change.conflicts or change.duplicate_of:
            self.changes.append(change)

    def notices(self) -> list[RecordProblem]:
        """What was left out of records, the possible duplicates and the records older
        than what the user has, in file order."""
        duplicates = [
            RecordProblem(d.record, d.line, f"may be the same person as “{d.contact}” "
                          f"({d.why}): added as a new contact")
            for d in self.possible_duplicates
        ]  # fmt: skip
        return sorted(self.warnings + self.older + duplicates, key=lambda problem: problem.record)

    def conflicts(self) -> list[Conflict]:
        """Where the file says something else than a contact, and which value stayed."""
        return [
            Conflict(change.record, change.name, field, kept, theirs)
            for change in self.changes
            for field, kept, theirs in change.conflicts
        ]

    @property
    def holds_events(self) -> bool:
        """An iCalendar file: its records are events, not contacts."""
        return self.format_name == "iCalendar"

    @property
    def record_word(self) -> str:
        """What one record of the file is called in a report line."""
        return "event" if self.holds_events else "card"

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
    duplicate_of: str = ""  # for "possible duplicate": the contact it may be
    # Who it is, as the preview lists it: "Engineer at Engines" (from the file), and for
    # one matched to a contact, why ("the same email").
    role: str = ""
    matched_by: str = ""


@dataclass(frozen=True)
class Conflict:
    record: int
    contact: str
    field: str
    kept: str  # the contact's value, which stayed
    file: str  # the file's


@dataclass(frozen=True)
class PossibleDuplicate:
    """A record added as a new contact that may be one the user has: it shares a key
    (a phone, an email, a name) with a contact, but something says otherwise (another
    name, another UID, another organization). Ticking it in the preview merges it."""

    record: int
    line: int
    name: str
    contact_id: int
    contact: str
    why: str


# In take_theirs: the record is the person it may be (a possible duplicate), merge it.
SAME_PERSON = "same person"


CONFLICT_FIELDS = (
    "display_name", "given_name", "family_name", "organization", "title", "birthday",
    "notes", "how_we_met", "school",
)  # fmt: skip


class _PreviewDone(Exception):
    """Raised inside the transaction of a preview so that nothing is kept."""


class ImportCancelledError(Exception):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was imported.")


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


def default_phone_region(environ: Mapping[str, str]) -> str:
    """The country of the user's locale (LC_ALL, LC_MESSAGES, LANG: "de_DE.UTF-8" is
    DE), else US: phone numbers written without a country code are read as its."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        match = re.match(r"^[a-z]{2,3}_([A-Z]{2})\b", environ.get(variable, ""))
        if match:
            return match.group(1)
    return "US"


@dataclass
class _Run:
    """What one import works with; nothing of it stays on the service, so two imports
    (a preview and the CLI, say) never share it."""

    mappings: Mapping[Path, Mapping[int, str]]
    take_theirs: Mapping[tuple[Path, int], set[str]]
    prefer_file: bool
    now: dt.datetime
    keys: store.MatchKeys | None = None
    writer: store.BulkWriter | None = None
    # What each file said about each contact when last imported, read before this run
    # writes: (file name, contact id) -> domain.merging.said.
    memory: Mapping[tuple[str, int], bytes] = field(default_factory=dict)
    # The same, the other way round: (file name, what it said) -> the contacts it said
    # it about, taken one by one as this run matches records to them.
    said_to: dict[tuple[str, bytes], list[int]] = field(default_factory=dict)
    jobs: JobTracker | None = None
    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # matched, nothing new for them
    roles_changed: bool = False  # job history or milestones
    tag_everyone: str = ""  # given to every contact of the import ("PMI meetup 2026")
    events_changed: bool = False
    # The events of the file being read that have no UID (event_import._derived_uid).
    without_uid: dict[str, list[EventDraft]] = field(default_factory=dict)
    event_contacts: set[int] = field(default_factory=set)  # attendees of changed events


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
        phone_region: str | None = None,
    ) -> None:
        """``parse_processes``: how many other processes parse a large vCard file
        (None: one per core when there are at least two, else none); files smaller
        than ``parallel_from_bytes`` are parsed here (starting a process costs more)."""
        self._parse_processes = (
            parse_processes if parse_processes is not None else _default_parse_processes()
        )
        self._parallel_from = parallel_from_bytes
        # Phone numbers without a country code are read as numbers of this country.
        self._phone_region = phone_region or default_phone_region(os.environ)
        self._db = database
        self._clock = clock
        self._thumbnailer = thumbnailer
        self._on_change = on_change

    def import_files(
        self,
        paths: Sequence[Path],
        *,
        is_cancelled: Callable[[], bool] = lambda: False,
        on_record: Callable[[int], None] = lambda done: None,
        preview: bool = False,
        csv_mappings: dict[Path, dict[int, str]] | None = None,
        take_theirs: dict[tuple[Path, int], set[str]] | None = None,
        prefer_file: bool = False,
        tag_everyone: str = "",
    ) -> list[FileReport]:
        """Import every file in one transaction: all of it lands, or none of it does.

        ``tag_everyone``: a tag for every contact the files hold (new, merged or already
        as the file says), to find an event's people again later.

        ``prefer_file``: where a file's value differs from a contact's, take the file's
        (as ticking every such value in the preview does); otherwise the contact's stays.

        ``preview`` runs exactly the same steps and then rolls them back, so the
        reports say what an import would do.
        """
        reports = [FileReport(path) for path in paths]
        run = _Run(
            mappings=csv_mappings or {},
            take_theirs=take_theirs or {},
            prefer_file=prefer_file,
            now=self._clock.now(),
            tag_everyone=normalize_tag(tag_everyone),
        )
        changed = run.changed
        run_id = None
        try:
            if not preview:
                names = ", ".join(p.name for p in paths)
                run_id = import_runs.start(self._db, names, at=run.now)
            with _collector_paused():
                self._run(reports, run, is_cancelled, on_record, preview=preview, run_id=run_id)
        except _PreviewDone:
            return reports
        except ImportCancelledError:
            self._end_run(run_id, "cancelled")
            raise
        except Exception:
            self._end_run(run_id, "failed")
            raise
        if changed or run.events_changed:
            self._on_change(
                Changes(contact_ids=frozenset(changed) | frozenset(run.event_contacts),
                        milestones=run.roles_changed,
                        reminders=run.roles_changed or run.events_changed,
                        events=run.events_changed)
            )  # fmt: skip
        return reports

    def _run(
        self,
        reports: list[FileReport],
        run: _Run,
        is_cancelled: Callable[[], bool],
        on_record: Callable[[int], None],
        *,
        preview: bool,
        run_id: int | None,
    ) -> None:
        done = 0
        with write_transaction(self._db):
            run.keys = store.match_keys(self._db)
            run.memory = store.remembered(self._db, (report.path.name for report in reports))
            for (source, contact_id), said_before in sorted(run.memory.items()):
                run.said_to.setdefault((source, said_before), []).append(contact_id)
            run.writer = store.BulkWriter(self._db, now=run.now)
            run.jobs = JobTracker(self._db, self._clock)
            # The files are read in one fixed order, whatever order they were given in:
            # where two files disagree about a person new to the database, the first read
            # gives the value, so the outcome of importing a set of files is always the same.
            for report in sorted(reports, key=lambda report: str(report.path)):
                run.without_uid = {}
                try:
                    records = self._read(report.path, report, run)
                    for item in records:
                        if is_cancelled():
                            raise ImportCancelledError()
                        done += 1
                        on_record(done)
                        if isinstance(item, RecordProblem):
                            report.skipped += 1
                            report.errors.append(item)
                            continue
                        if isinstance(item, ParsedEvent):
                            self._apply_event(item, report, run)
                            continue
                        self._apply(item, report, run)
                except UnreadableFileError as exc:
                    report.unreadable = f"{report.path} cannot be imported: {exc}"
            run.writer.flush()
            # Once every contact of the import exists: their roles over time, and news.
            if roles := run.jobs.write():
                run.changed.extend(roles)
                run.roles_changed = True
            if run.tag_everyone and (everyone := sorted({*run.changed, *run.unchanged})):
                store.add_tag(self._db, everyone, run.tag_everyone, now=run.now)
                run.changed.extend(run.unchanged)
            if preview:
                raise _PreviewDone()
            if run_id is not None:
                import_runs.set_status(self._db, run_id, "finished")

    @staticmethod
    def columns_to_map(path: Path) -> tuple[list[str], list[str]] | None:
        """For a file that needs a column mapping (a CSV of no known layout), its
        header and a sample row; None otherwise (also when it cannot be read: the
        import itself then reports why). Reads the file: call it off the GUI thread."""
        try:
            with open_input(path) as file:
                reader = reader_for(path.suffix, file.read(HEAD_BYTES))
                file.seek(0)
                return reader.columns_to_map(file)
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
                import_runs.set_status(self._db, run_id, status)
        except Exception:  # a full disk, say: the run then reads as unfinished, which is true
            log.warning("could not mark import run %s as %s", run_id, status)

    def unfinished_runs(self) -> list[tuple[int, dt.datetime, str]]:
        """Imports that were killed before they finished: (id, started at, files)."""
        return import_runs.unfinished(self._db)

    def acknowledge_unfinished(self, run_ids: list[int]) -> None:
        if is_read_only(self._db):
            return  # said once per start then: it cannot be marked as said
        with write_transaction(self._db):
            for run_id in run_ids:
                import_runs.set_status(self._db, run_id, "interrupted")

    @staticmethod
    def count_records(paths: Sequence[Path]) -> int:
        """About how many records the files hold (for a progress bar), without parsing.
        Reads every file: call it off the GUI thread (see survey())."""
        total = 0
        for path in paths:
            try:
                with open_input(path) as file:
                    chunk = file.read(1 << 20)
                    reader = reader_for(path.suffix, chunk)
                    while chunk:
                        total += reader.count(chunk)
                        chunk = file.read(1 << 20)
            except (OSError, UnreadableFileError):
                continue
        return total

    def _read(
        self, path: Path, report: FileReport, run: _Run
    ) -> Iterable[ParsedRecord | ParsedEvent | RecordProblem]:
        # Only reading errors become a report; a failing write ends the transaction.
        try:
            yield from self._read_file(path, report, run)
        except OSError as exc:
            raise UnreadableFileError(f"it cannot be read: {exc.strerror or exc}.") from exc

    def _read_file(
        self, path: Path, report: FileReport, run: _Run
    ) -> Iterable[ParsedRecord | ParsedEvent | RecordProblem]:
        with open_input(path) as file:
            info = os.fstat(file.fileno())
            if info.st_size > SIZE_WARNING:
                report.warnings.append(
                    RecordProblem(0, 0, "the file is larger than 100 MB: reading it takes a while")
                )
            reader = reader_for(path.suffix, file.read(HEAD_BYTES))
            file.seek(0)
            large = info.st_size >= self._parallel_from
            options = ReadOptions(
                thumbnailer=self._thumbnailer,
                processes=self._parse_processes if large else 0,
                mapping=run.mappings.get(path),
            )
            report.format_name, records = reader.read(file, options)
            yield from records

    def _apply_event(self, item: ParsedEvent, report: FileReport, run: _Run) -> None:
        """What one event of a calendar file does: new, changed, or nothing."""
        keys, writer = run.keys, run.writer
        assert keys is not None and writer is not None
        for warning in item.warnings:
            report.warnings.append(RecordProblem(item.record, item.line, warning))

        def before_write(contact_ids: tuple[int, ...]) -> None:
            if any(contact_id >= writer.first_pending for contact_id in contact_ids):
                writer.flush()  # attendees this import adds must exist first

        outcome = apply_event(
            self._db,
            item,
            emails=keys.emails,
            now=run.now,
            before_write=before_write,
            without_uid=run.without_uid,
        )
        if outcome.older:
            report.warnings.append(RecordProblem(item.record, item.line, outcome.older))
        if outcome.action == "new":
            report.imported += 1
        elif outcome.action == "merged":
            report.updated += 1
        else:
            report.unchanged += 1
        if outcome.action != "unchanged":
            run.events_changed = True
            run.event_contacts.update(outcome.contact_ids)
        report.note(Change(outcome.title, outcome.action, outcome.details, record=item.record))

    def _apply(self, item: ParsedRecord, report: FileReport, run: _Run) -> None:
        """What one contact record of a file does: a new contact, a merge into the one
        it matches, or nothing when that one already holds it all."""
        keys, now, changed, writer = run.keys, run.now, run.changed, run.writer
        assert keys is not None and writer is not None
        draft = item.draft
        for warning in item.warnings:
            report.warnings.append(RecordProblem(item.record, item.line, warning))
        name = store.name_key(draft.given_name, draft.family_name, draft.display_name,
                              draft.organization)  # fmt: skip
        if not has_data(draft):
            report.skipped += 1
            report.errors.append(RecordProblem(item.record, item.line, NO_DATA))
            return
        match = _find(keys, draft, name, self._phone_region)
        what = said(draft)  # remembered for the next import of this file
        if match == _Match() and not name[0]:
            match = _said_before(self._db, run, report.path.name, draft, what)
        contact_id = match.contact_id
        chosen = run.take_theirs.get((report.path, item.record), set())
        if run.prefer_file:
            chosen = chosen | set(CONFLICT_FIELDS)
        if contact_id is None and match.maybe is not None and SAME_PERSON in chosen:
            contact_id = match.maybe  # the user ticked "the same person" in the preview
        label = effective_display_name(draft)
        uid = draft.uid
        if contact_id is None:
            uid = draft.uid or new_uid()
            contact_id = writer.add(draft, uid=uid, archived=item.archived, met=item.met)
            writer.remember(contact_id, source=report.path.name, said=what)
            report.imported += 1
            role = Role(draft.organization, draft.title)
            if role and (on := self._as_of(item, report, run)) is not None:
                assert run.jobs is not None
                run.jobs.saw(contact_id, role, on, new=True)
            if match.maybe is None:
                report.note(Change(label, "new", record=item.record, role=_role_words(draft)))
            else:
                other = keys.people[match.maybe].label
                report.possible_duplicates.append(
                    PossibleDuplicate(item.record, item.line, label, match.maybe, other, match.why)
                )
                report.note(
                    Change(label, "possible duplicate", (f"may be {other}: {match.why}",),
                           record=item.record, duplicate_of=other)
                )  # fmt: skip
        else:
            if contact_id >= writer.first_pending:
                writer.flush()  # the match is one this import added: read it back whole
            record = store.load_contact(self._db, contact_id)
            if record is None:  # pragma: no cover (the keys were read in this transaction)
                return
            # Related people an older build kept as lines are read first, so that the
            # file's (read now) are not added beside them.
            mine = related_from_kept(record.draft)
            # What the user removed or changed since this file was last imported stays
            # so: the file saying it again does not bring it back.
            theirs = draft
            if (said_before := run.memory.get((report.path.name, contact_id))) is not None:
                theirs = left_out(draft, mine, said_before)
            kept_out = tuple(f"not added again (changed since the last import): {line}"
                             for line in describe(theirs, draft))  # fmt: skip
            merged = merge(mine, theirs, phone_region=self._phone_region)
            role_changes, older = self._role(item, report, run, record, merged, chosen)
            older += kept_out
            for field in chosen:
                if field in CONFLICT_FIELDS and getattr(draft, field) not in (None, ""):
                    setattr(merged, field, getattr(draft, field))
            conflicts = tuple(
                (field, _shown(getattr(merged, field)), _shown(getattr(theirs, field)))
                for field in CONFLICT_FIELDS
                if getattr(theirs, field) not in (None, "")
                and getattr(merged, field) not in (None, "")
                and getattr(merged, field) != getattr(theirs, field)
            )
            writer.remember(contact_id, source=report.path.name, said=what)
            if item.met is not None:  # a contact brought in earlier, met that day
                store.met_on_if_unknown(self._db, contact_id, item.met)
            if same_contact(merged, record.draft):
                report.unchanged += 1
                report.note(
                    Change(record.draft.display_name, "unchanged", older, conflicts, item.record,
                           role=_role_words(draft), matched_by=match.why)
                )  # fmt: skip
                _remember(keys, contact_id, draft, name, uid)
                run.unchanged.append(contact_id)
                return
            store.update_contact(self._db, contact_id, merged, now=now)
            for field, old, new in role_changes:
                store.add_change(self._db, contact_id, field=field, old=old, new=new, at=now,
                                 source=report.path.name)  # fmt: skip
            report.updated += 1
            report.note(
                Change(
                    record.draft.display_name,
                    "merged",
                    older + describe(record.draft, merged),
                    conflicts,
                    item.record,
                    role=_role_words(draft),
                    matched_by=match.why,
                )
            )
        writer.add_source(contact_id, file_name=report.path.name, format_name=report.format_name)
        _remember(keys, contact_id, draft, name, uid)
        changed.append(contact_id)

    def _as_of(self, item: ParsedRecord, report: FileReport, run: _Run) -> dt.date | None:
        """The day a record's role was true by (domain/jobs.py): a LinkedIn export
        without any Connected On date is as of the day it is imported."""
        if item.as_of is not None or report.format_name != "LinkedIn CSV":
            return item.as_of
        return self._clock.local(run.now).date()

    def _role(
        self,
        item: ParsedRecord,
        report: FileReport,
        run: _Run,
        record: ContactRecord,
        merged: ContactDraft,
        chosen: set[str],
    ) -> tuple[list[tuple[str, str, str]], tuple[str, ...]]:
        """Whether the record's role replaces the contact's (domain/jobs.py gives the
        rule): sets the role on ``merged``; returns the fields it changed, and for a
        record older than what the user has, what the preview says about it."""
        jobs = run.jobs
        assert jobs is not None
        have = Role(record.draft.organization, record.draft.title)
        theirs = Role(item.draft.organization, item.draft.title)
        on = self._as_of(item, report, run)
        judged = jobs.judge(record.id, have, record.updated_at, theirs, on)
        if judged.verdict is Verdict.NEWER:
            new = taken(have, theirs)
            merged.organization, merged.title = new.organization, new.title
            if on is not None:
                jobs.saw(record.id, new, on, have=have, updated_at=record.updated_at)
            pairs = (("organization", have.organization, new.organization),
                     ("title", have.title, new.title))  # fmt: skip
            return [(field, old, value) for field, old, value in pairs if old and old != value], ()
        if judged.verdict is Verdict.OLDER:
            assert on is not None and judged.have_on is not None
            # Never back to a former job: the current role stays (unless ticked), the
            # file's joins the history as a former one.
            merged.organization, merged.title = have.organization, have.title
            jobs.saw(record.id, theirs, on, have=have, updated_at=record.updated_at)
            ticked = bool(chosen & {"organization", "title"})
            notice = older_notice(have, judged.have_on, theirs, on, taken_anyway=ticked)
            report.older.append(
                RecordProblem(item.record, item.line, f"“{record.draft.display_name}”: {notice}")
            )
            return [], (notice,)
        if judged.verdict is Verdict.SAME and theirs and on is not None:
            jobs.saw(record.id, have, on, have=have, updated_at=record.updated_at)
        return [], ()


NO_DATA = "it holds nothing about anyone (no name, email, phone, note or other detail)"


def has_data(draft: ContactDraft) -> bool:
    """Whether a record holds anything about a person: only one that holds nothing at
    all is skipped; one without a name is imported as what it has ("Unnamed contact")."""
    return any(
        (draft.display_name, draft.given_name, draft.family_name, draft.organization,
         draft.title, draft.emails, draft.phones, draft.urls, draft.birthday, draft.photo,
         draft.notes, draft.how_we_met, draft.school, draft.tags, draft.extras,
         draft.nicknames, draft.addresses, draft.handles, draft.dates, draft.related,
         draft.roles, draft.gender)
    )  # fmt: skip


def _shown(value: object) -> str:
    if isinstance(value, Birthday):
        return value.iso()
    return " ".join(str(value).split())[:120]


@dataclass(frozen=True)
class _Match:
    contact_id: int | None = None  # surely this contact
    maybe: int | None = None  # possibly this one: the user decides
    why: str = ""


def _find(keys: store.MatchKeys, draft: ContactDraft, name: tuple[str, str], region: str) -> _Match:
    """The stored contact this record surely is, else the one it may be.

    Candidates come by UID, LinkedIn profile, email, phone (compared in E.164), then
    name and organization; each is checked by domain.matching.same_person, so a shared
    switchboard, an assistant's address, a profile URL under another person's name or a
    common name never merges two people.
    """
    maybe: tuple[int, str] | None = None

    def check(key: Key, found: int | None, value: str) -> int | None:
        nonlocal maybe
        if found is None:
            return None
        known = keys.people.get(found)
        person = person_name(name[0])  # only for a record that shares a key: most do not
        if known is None or same_person(key, name=person, uid=draft.uid, known=known):
            return found
        if maybe is None:
            maybe = (found, f"the same {key.value}" + (f" {value}" if value else ""))
        return None

    candidates: list[tuple[Key, int | None, str]] = []
    if draft.uid:
        candidates.append((Key.UID, keys.uids.get(draft.uid), ""))
    profiles: set[str] = set()  # the record's LinkedIn profiles
    for url in draft.urls:
        if profile := store.linkedin_key(url.value):
            profiles.add(profile)
            candidates.append((Key.PROFILE, keys.profiles.get(profile), url.value))
    for email in draft.emails:
        candidates.append((Key.EMAIL, keys.emails.get(email.value.casefold()), email.value))
    for key, found, value in candidates:
        if (sure := check(key, found, value)) is not None:
            return _Match(sure, why=f"the same {key.value}")
    for phone in draft.phones:
        group = keys.phones.get(phone_tail(phone.value), [])
        wanted = phone_key(phone.value, region) if group else ""
        for contact_id, number in group if wanted else []:
            if phone_key(number, region) == wanted:
                if (sure := check(Key.PHONE, contact_id, phone.value)) is not None:
                    return _Match(sure, why=f"the same {Key.PHONE.value}")
    if name[0]:
        found = keys.names.get(name)
        if found is None and not name[1]:
            # No organization on the card: the one stored contact of that name, if only one.
            found = keys.bare_names.get(name[0])
        mine = keys.profiles_of.get(found, set()) if found is not None else set()
        if found is not None and profiles and mine and not profiles & mine:
            # Two LinkedIn profiles are two people, whatever their names (QA: two Lucas
            # Kowalskis at Umbrella became one with both profiles).
            if maybe is None:
                maybe = (found, "the same name, another LinkedIn profile")
            found = None
        if (sure := check(Key.NAME, found, "")) is not None:
            return _Match(sure, why="the same name" + (" and organization" if name[1] else ""))
        if maybe is None and (other := keys.named.get(name[0])) is not None:
            maybe = (other, "the same name")  # at another organization, or one of several
    return _Match(None, *maybe) if maybe else _Match()


def _said_before(
    db: SqliteDatabase, run: _Run, source: str, draft: ContactDraft, what: bytes
) -> _Match:
    """For a record with no name (nor UID, email or phone that found anyone): the
    contact this same file said exactly this about when last imported, and which holds
    the lines of the card Networker keeps as they came (which the memory leaves out).
    Nothing else says who it is, and another file saying the same (a note, an address)
    may be about someone else; each contact is taken once, so two like cards stay two.
    ``what``: said(draft)."""
    contacts = run.said_to.get((source, what), [])
    for contact_id in contacts:
        record = store.load_contact(db, contact_id)
        if record is not None and (
            sorted(record.draft.extras) == sorted(draft.extras)
            and record.draft.org_units == draft.org_units
        ):
            contacts.remove(contact_id)
            return _Match(contact_id, why="what this file said about them before")
    return _Match()


def _role_words(draft: ContactDraft) -> str:
    """A record's title and organization, as the preview shows them beside its name."""
    if draft.title and draft.organization:
        return f"{draft.title} at {draft.organization}"
    return draft.title or draft.organization


def _remember(
    keys: store.MatchKeys, contact_id: int, draft: ContactDraft, name: tuple[str, str], uid: str
) -> None:
    keys.remember_person(contact_id, name, uid, effective_display_name(draft))
    if draft.uid:
        keys.uids.setdefault(draft.uid, contact_id)
    for email in draft.emails:
        keys.emails.setdefault(email.value.casefold(), contact_id)
    for phone in draft.phones:
        keys.remember_phone(contact_id, phone.value)
    for url in draft.urls:
        if profile := store.linkedin_key(url.value):
            keys.profiles.setdefault(profile, contact_id)
            keys.profiles_of.setdefault(contact_id, set()).add(profile)
    if name[0]:
        keys.remember_name(name, contact_id)
