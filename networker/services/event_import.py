"""What one event of a calendar file does to the database, inside the import's
transaction (services/importing.py runs it): a new event, a changed one, or nothing.

An event is the one stored with the same UID and RECURRENCE-ID, so importing a file
again changes nothing. The file's version is taken when it differs, unless its
SEQUENCE is lower than the stored one's (an older copy of the invitation); what the
user gave the event in Networker and the file does not say (the interview stage, and
the kind, group and reminder when the file has none, the contacts added as attendees)
stays. Attendees are matched to contacts by e-mail address; the others are kept with
their address and name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from peewee import SqliteDatabase

from networker.domain.events import Attendee, EventDraft
from networker.formats.reports import ParsedEvent
from networker.storage import events as store

_SEQUENCE = re.compile(r"^SEQUENCE(?:;[^:]*)?:\s*(\d+)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class EventOutcome:
    action: str  # "new", "merged" or "unchanged"
    title: str
    details: tuple[str, ...] = ()
    older: str = ""  # why the file's version was not taken
    contact_ids: tuple[int, ...] = ()


def apply_event(
    db: SqliteDatabase,
    item: ParsedEvent,
    *,
    emails: Mapping[str, int],
    now: dt.datetime,
    before_write: Callable[[tuple[int, ...]], None] = lambda ids: None,
    without_uid: dict[str, list[EventDraft]] | None = None,
) -> EventOutcome:
    """Write one event of a file. ``emails``: contact ids by casefolded address (the
    import's keys, so contacts of the same import count); ``before_write`` is told the
    contact ids an event refers to before it is written (the import flushes contacts
    it has not written yet); ``without_uid``: the events of this file without a UID
    read so far, by the UID derived for them (each file starts with an empty one)."""
    draft = _matched(item.draft, emails)
    if not draft.uid:
        draft = replace(
            draft, uid=_derived_uid(item.draft, {} if without_uid is None else without_uid)
        )
    recurrence = store.time_text(draft.recurrence_id) if draft.recurrence_id is not None else ""
    existing = store.by_uid(db, draft.uid, recurrence)
    if existing is None:
        series = store.by_uid(db, draft.uid, "") if recurrence else None
        before_write(draft.contact_ids)
        event_id = store.insert(db, draft, now=now, series_id=series)
        if not recurrence:  # edited occurrences that came before their series find it
            store.adopt_occurrences(db, event_id, draft.uid)
        return EventOutcome("new", draft.title, contact_ids=draft.contact_ids)
    record = store.load(db, existing)
    assert record is not None  # found by its UID in this transaction
    stored = record.draft
    if item.sequence < _sequence(stored.extra):
        older = (
            f"“{stored.title}”: the file's version is older than yours "
            f"(SEQUENCE {item.sequence} < {_sequence(stored.extra)}): yours stays"
        )
        return EventOutcome("unchanged", stored.title, (older,), older)
    shown = {
        a.contact_id: name
        for a, name in zip(stored.attendees, record.attendee_names, strict=False)
        if a.contact_id is not None
    }
    merged = _merged(stored, draft, item.says, shown)
    changed = _changed_fields(stored, merged)
    if not changed:
        return EventOutcome("unchanged", stored.title)
    before_write(merged.contact_ids)
    store.update(db, existing, merged, now=now)
    return EventOutcome(
        "merged",
        stored.title,
        tuple(f"{name} changed" for name in changed),
        contact_ids=tuple({*stored.contact_ids, *merged.contact_ids}),
    )


def _matched(draft: EventDraft, emails: Mapping[str, int]) -> EventDraft:
    people = []
    for attendee in draft.attendees:
        contact = emails.get(attendee.email.casefold()) if "@" in attendee.email else None
        people.append(replace(attendee, contact_id=contact) if contact else attendee)
    return replace(draft, attendees=tuple(people))


def _derived_uid(draft: EventDraft, seen: dict[str, list[EventDraft]]) -> str:
    """A UID for an event whose file gave none, the same each time it is imported: from
    its title, start, repeat rule and place. Two events of one file that share those
    but differ otherwise (Google writes events without a title) are two events: the
    second such gets "-2" and so on, in file order; one written twice is one."""
    key = "\n".join((draft.title, store.time_text(draft.start), draft.rrule, draft.location))
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    alike = seen.setdefault(digest, [])
    if draft not in alike:
        alike.append(draft)
    number = alike.index(draft) + 1
    return f"{digest}{'' if number == 1 else f'-{number}'}@networker-import"


def _sequence(extra: str) -> int:
    found = _SEQUENCE.search(extra)
    return int(found.group(1)) if found else 0


def _merged(
    stored: EventDraft, file: EventDraft, says: frozenset[str], shown: Mapping[int, str]
) -> EventDraft:
    """The file's event, with what only the user gave it kept: ``shown`` names each
    contact attending the stored event as the window shows it."""
    by_contact = {a.contact_id: a for a in stored.attendees if a.contact_id is not None}
    by_name = {shown[c]: a for c, a in by_contact.items() if shown.get(c)}
    people: list[Attendee] = []
    for attendee in file.attendees:
        known = by_contact.get(attendee.contact_id) if attendee.contact_id else None
        if known is not None:
            # The address and name the event has for this contact stay (an export writes
            # the contact's first address and name where it had none).
            attendee = replace(attendee, email=known.email, name=known.name)
        elif "@" not in attendee.email and attendee.name in by_name:
            attendee = by_name[attendee.name]  # a contact without an address, exported
        if attendee not in people:
            people.append(attendee)
    chosen = {a.contact_id for a in people if a.contact_id is not None}
    added = [a for c, a in by_contact.items() if c not in chosen]
    # Occurrences the user took out of the series stay out.
    listed = {store.time_text(x) for x in file.exdates}
    exdates = file.exdates + tuple(x for x in stored.exdates if store.time_text(x) not in listed)
    return replace(
        file,
        kind=file.kind if "kind" in says else stored.kind,
        group=file.group if "group" in says else stored.group,
        reminder_minutes=(file.reminder_minutes if "reminder" in says else stored.reminder_minutes),
        stage=file.stage if "stage" in says else stored.stage,
        attendees=tuple(people + added),
        exdates=exdates if file.rrule else file.exdates,
    )


def _attendee_key(attendee: Attendee) -> tuple[int, str, str, str]:
    return (attendee.contact_id or 0, attendee.email, attendee.name, attendee.params)


def _changed_fields(stored: EventDraft, new: EventDraft) -> list[str]:
    """The fields that differ as they are stored (times as stored, text stripped where
    storage strips it, attendees in any order)."""

    def times(draft: EventDraft) -> tuple[object, ...]:
        return (
            store.time_text(draft.start),
            store.time_text(draft.end),
            draft.zone,
            tuple(store.time_text(x) for x in draft.exdates),
        )

    pairs: list[tuple[str, object, object]] = [
        ("title", stored.title.strip(), new.title.strip()),
        ("time", times(stored), times(new)),
        ("kind", stored.kind, new.kind),
        ("location", stored.location.strip(), new.location.strip()),
        ("URL", stored.url.strip(), new.url.strip()),
        ("notes", stored.notes, new.notes),
        ("group", stored.group.strip(), new.group.strip()),
        ("reminder", stored.reminder_minutes, new.reminder_minutes),
        ("repeat rule", stored.rrule, new.rrule),
        ("stage", stored.stage, new.stage),
        ("other properties", stored.extra, new.extra),
        (
            "attendees",
            sorted(map(_attendee_key, stored.attendees)),
            sorted(map(_attendee_key, new.attendees)),
        ),
    ]
    return [name for name, old, value in pairs if old != value]
