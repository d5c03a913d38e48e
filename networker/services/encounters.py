"""What an event leads to: who the user met there (each an "event encounter" logged,
with follow-up reminders), the brief before it (who is already in the network, when the
user was last in touch, what is still open), and an informational interview moved along
its stages (what was learned, a thank-you, a report back a month later).

Each operation is one transaction: the contacts it creates, the interactions it logs
and the reminders it makes are there together or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import ContactDraft, ContactValidationError, new_uid, validate
from networker.domain.events import EventRecord, InterviewStage
from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.domain.reminders import MORNING, ReminderKind
from networker.services.reminders import interaction_subject
from networker.storage import contacts as contact_store
from networker.storage import encounters as store
from networker.storage import events as event_store
from networker.storage import interactions as interaction_store
from networker.storage import reminders as reminder_store
from networker.storage.db import write_transaction

# The "report back" reminder comes this long after the interview: time enough for the
# advice to have led somewhere.
REPORT_BACK_AFTER = dt.timedelta(days=30)


class EncounterError(ValueError):
    """What cannot be recorded, in words for people."""


@dataclass(frozen=True)
class Met:
    """Someone the user met at an event: a contact, or a new one (a name and an
    organization) made on the way; each follow-up day becomes a reminder."""

    contact_id: int | None = None
    name: str = ""
    organization: str = ""
    follow_ups: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class BriefLine:
    """An attendee already in the network, as the brief before an event shows them."""

    contact_id: int
    name: str
    last_on: dt.date | None  # the local day of the latest interaction (None: never)
    last_interaction: str
    follow_ups: tuple[str, ...]  # open follow-ups, earliest first


@dataclass(frozen=True)
class Recorded:
    """What "Who did you meet?" or a stage change wrote, so that Undo takes it back:
    the contacts, attendees, interactions and reminders it added, the reminders it
    closed, and the stage the event had before."""

    event_id: int
    contact_ids: tuple[int, ...] = ()  # everyone met, in the order given
    contacts_made: tuple[int, ...] = ()
    attendees_added: tuple[int, ...] = ()
    interactions: tuple[int, ...] = ()
    reminders_made: tuple[int, ...] = ()
    reminders_closed: tuple[int, ...] = ()
    stage_before: InterviewStage | None = None
    stage_changed: bool = False


class EncounterService:
    def __init__(
        self, *, database: SqliteDatabase, clock: Clock, on_change: ChangeListener = ignore_changes
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    # Reading

    def goals_of(self, event_ids: Sequence[int]) -> list[str]:
        """The active goals the event (or its series) is linked to, for its brief."""
        from networker.storage import goals as goal_store

        return goal_store.titles_linked_to_event(self._db, list(dict.fromkeys(event_ids)))

    def brief(self, contact_ids: Sequence[int]) -> list[BriefLine]:
        """The attendees in the network, in the order given, with their last
        interaction and open follow-ups (two indexed queries)."""
        ids = list(dict.fromkeys(contact_ids))
        rows = reminder_store.context_rows(self._db, ids)
        names = contact_store.summaries(self._db, ids)
        lines = []
        for contact_id in ids:
            row, summary = rows.get(contact_id), names.get(contact_id)
            if row is None or summary is None:
                continue
            lines.append(
                BriefLine(
                    contact_id=contact_id,
                    name=summary.name,
                    last_on=self._clock.local(row.last_at).date() if row.last_at else None,
                    last_interaction=interaction_subject(row.last_summary, row.last_kind)
                    if row.last_at
                    else "",
                    follow_ups=tuple(interaction_subject(s, k) for _id, s, k in row.follow_ups),
                )
            )
        return lines

    def with_encounters(self, event_ids: Sequence[int]) -> set[int]:
        """Those of the events somebody was recorded as met at."""
        return store.with_encounters(self._db, list(event_ids))

    def met_people(self, event_id: int, at: dt.datetime) -> list[tuple[int, str]]:
        """Who was recorded as met at the occurrence of ``event_id`` that started ``at``
        (record_met dates them so)."""
        return store.met_people(self._db, event_id, at)

    def open_reminders(self, event_id: int) -> list[str]:
        """The titles of the event's open reminders (follow-ups, thanks, report back)."""
        return [
            title for _id, _kind, _occurrence, title in store.open_reminders(self._db, event_id)
        ]

    def open_reminders_due(self, event_id: int) -> list[tuple[str, dt.date]]:
        """The event's open reminders as the panel lists them: (title, local day due),
        by due time, each title and day once (two identical follow-ups say one thing)."""
        found: list[tuple[str, dt.date]] = []
        for title, due in store.open_reminder_dues(self._db, event_id):
            line = (title, self._clock.local(due).date())
            if line not in found:
                found.append(line)
        return found

    # Writing

    def record_met(self, event: EventRecord, met: Sequence[Met], *, at: dt.datetime) -> list[int]:
        """Who the user met at ``event`` (which took place ``at``, an aware instant):
        new people become contacts, everyone becomes an attendee and gets an "event
        encounter" logged, and each follow-up day a reminder. Returns the contacts,
        in the order given."""
        return list(self.record_met_undoably(event, met, at=at).contact_ids)

    def record_met_undoably(
        self, event: EventRecord, met: Sequence[Met], *, at: dt.datetime
    ) -> Recorded:
        """record_met(), saying what it wrote (take_back() undoes it)."""
        if not met:
            raise EncounterError("Pick the people you met, or add them.")
        drafts = {}
        for index, person in enumerate(met):
            if person.contact_id is None:
                if not person.name.strip():
                    raise EncounterError("A new contact needs a name.")
                draft = ContactDraft(
                    display_name=person.name.strip(), organization=person.organization.strip(),
                    how_we_met=f"Met at {event.draft.title}",
                )  # fmt: skip
                problems = validate(draft, today=self._clock.today())
                if problems:
                    raise ContactValidationError(problems)
                drafts[index] = draft
        now = self._clock.now()
        title = event.draft.title
        with write_transaction(self._db):
            marks = store.newest_ids(self._db)
            ids = []
            for index, person in enumerate(met):
                if person.contact_id is None:
                    ids.append(
                        contact_store.insert_contact(
                            self._db, drafts[index], now=now, uid=new_uid()
                        )
                    )
                elif contact_store.contact_exists(self._db, person.contact_id):
                    ids.append(person.contact_id)
                else:
                    raise EncounterError("A contact you picked no longer exists.")
            # Attendees are the event's at every occurrence: who was met at one of a
            # series is that occurrence's encounter (dated at it), not a new attendee of
            # every one to come.
            added = [] if event.draft.rrule else store.add_attendees(self._db, event.id, ids)
            names = {i: s.name for i, s in contact_store.summaries(self._db, ids).items()}
            for contact_id, person in zip(ids, met, strict=True):
                interaction_id = interaction_store.insert(
                    self._db,
                    InteractionDraft(
                        contact_ids=[contact_id], kind=InteractionKind.EVENT_ENCOUNTER,
                        summary=f"Met at {title}"[:200],
                    ),
                    occurred_at=at,
                    now=now,
                )  # fmt: skip
                store.link_interaction(self._db, interaction_id, event.id)
                for day in sorted(set(person.follow_ups)):
                    reminder_id = reminder_store.add(
                        self._db,
                        kind=ReminderKind.FOLLOW_UP.value,
                        contact_id=contact_id,
                        interaction_id=interaction_id,
                        occurrence=f"interaction:{interaction_id}:{day.isoformat()}",
                        title=f"Follow up with {names.get(contact_id, '')}: met at {title}",
                        due_at=self._clock.at(day, MORNING),
                        now=now,
                    )
                    store.link_reminder(self._db, reminder_id, event.id)
            made = store.made_since(self._db, marks, event.id)
        self._changed(ids)
        return Recorded(
            event.id,
            tuple(ids),
            tuple(i for i in ids if i > marks["contact"]),
            tuple(added),
            made["interaction"],
            made["reminder"],
        )

    def take_back(self, recorded: Recorded) -> None:
        """Undo what record_met_undoably() or set_stage() wrote: what they added goes,
        the reminders they closed are open again, the stage is what it was."""
        with write_transaction(self._db):
            store.take_back(
                self._db, recorded.event_id, attendees=recorded.attendees_added,
                interactions=recorded.interactions, reminders=recorded.reminders_made,
                reopen=recorded.reminders_closed,
            )  # fmt: skip
            contact_store.delete_contacts(self._db, recorded.contacts_made)
            if recorded.stage_changed:
                event_store.set_stage(
                    self._db, recorded.event_id, recorded.stage_before, now=self._clock.now()
                )
        self._changed(recorded.contact_ids)

    def set_stage(
        self, event: EventRecord, stage: InterviewStage | None, *, learned: str = ""
    ) -> Recorded:
        """Move an informational interview to ``stage``. Done: what was learned is
        logged with the people interviewed, a thank-you is due the same day and a
        report back thirty days later. Thanked and reported back close those. Returns
        what it wrote (take_back() undoes it)."""
        now = self._clock.now()
        people = list(event.draft.contact_ids)
        names = {i: s.name for i, s in contact_store.summaries(self._db, people).items()}
        people = [i for i in people if i in names]
        title = event.draft.title
        closed: list[int] = []
        with write_transaction(self._db):
            marks = store.newest_ids(self._db)
            before = event_store.load(self._db, event.id)
            event_store.set_stage(self._db, event.id, stage, now=now)
            if stage is InterviewStage.DONE:
                self._done(event.id, title, people, names, learned, now)
            elif stage is InterviewStage.THANKED:
                closed += store.close_reminders(self._db, event.id, ":thank-you")
            elif stage is InterviewStage.REPORTED_BACK:
                closed += store.close_reminders(self._db, event.id, ":thank-you")
                closed += store.close_reminders(self._db, event.id, ":report-back")
            made = store.made_since(self._db, marks, event.id)
        self._changed(people)
        return Recorded(
            event.id,
            tuple(people),
            interactions=made["interaction"],
            reminders_made=made["reminder"],
            reminders_closed=tuple(closed),
            stage_before=before.draft.stage if before is not None else None,
            stage_changed=True,
        )

    def _done(
        self,
        event_id: int,
        title: str,
        people: list[int],
        names: dict[int, str],
        learned: str,
        now: dt.datetime,
    ) -> None:
        interaction_id = None
        if people:
            interaction_id = interaction_store.insert(
                self._db,
                InteractionDraft(
                    contact_ids=people, kind=InteractionKind.INFORMATIONAL_INTERVIEW,
                    summary=title[:200], notes=learned,
                ),
                occurred_at=now,
                now=now,
            )  # fmt: skip
            store.link_interaction(self._db, interaction_id, event_id)
        report_day = self._clock.local(now + REPORT_BACK_AFTER).date()
        whom: list[int | None] = list(people) or [None]
        for contact_id in whom:
            who = names.get(contact_id, "") if contact_id is not None else ""
            reminders = (
                (ReminderKind.THANK_YOU, "thank-you", now,
                 f"Say thank you to {who} for the interview" if who
                 else f"Say thank you for the interview “{title}”"),
                (ReminderKind.FOLLOW_UP, "report-back", self._clock.at(report_day, MORNING),
                 f"Report back to {who}: what came of their advice" if who
                 else f"Report back on “{title}”: what came of the advice"),
            )  # fmt: skip
            for kind, what, due, words in reminders:
                reminder_id = reminder_store.add(
                    self._db, kind=kind.value, contact_id=contact_id,
                    interaction_id=interaction_id, occurrence=f"event:{event_id}:{what}",
                    title=words, due_at=due, now=now,
                )  # fmt: skip
                store.link_reminder(self._db, reminder_id, event_id)

    def _changed(self, contact_ids: Sequence[int]) -> None:
        self._on_change(
            Changes(
                contact_ids=frozenset(contact_ids), interactions=True, reminders=True, events=True
            )
        )
