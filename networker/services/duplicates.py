"""Finding contacts that are probably one person, and merging them field by field."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import ContactDraft
from networker.domain.jobs import observe
from networker.domain.matching import phone_key
from networker.domain.merging import merge
from networker.services.contacts import ContactNotFoundError
from networker.services.importing import default_phone_region
from networker.storage import contacts as store
from networker.storage import jobs as job_store
from networker.storage.db import write_transaction

NAME_SIMILARITY = 88  # token_sort_ratio: "Lovelace, Ada" ~ "Ada Lovelace" = 100; "Ada"/"Adam" < 88
MAX_PAIRS = 1000
# The fields a user may take from the other contact when merging.
MERGEABLE_FIELDS = (
    "display_name", "given_name", "family_name", "organization", "title", "birthday",
    "notes", "how_we_met", "source", "school", "strength", "cadence_days", "photo",
)  # fmt: skip


@dataclass(frozen=True)
class DuplicatePair:
    first: int
    second: int
    first_name: str
    second_name: str
    reason: str


class DuplicateService:
    def __init__(
        self,
        *,
        database: SqliteDatabase,
        clock: Clock,
        on_change: ChangeListener = ignore_changes,
        phone_region: str | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change
        # Numbers without a country code are read as this country's, as imports read them.
        self._phone_region = phone_region or default_phone_region(os.environ)

    def find(self) -> list[DuplicatePair]:
        """Pairs sharing an email or a phone, or with similar names at one organization."""
        from rapidfuzz import fuzz, process  # on first use: the window's start need not pay

        names: dict[int, str] = {}
        by_org: dict[str, list[int]] = defaultdict(list)
        for contact_id, name, organization in self._db.execute_sql(
            "SELECT id, display_name, organization FROM contact WHERE archived = 0"
        ):
            names[contact_id] = name
            if organization.strip():
                by_org[" ".join(organization.split()).casefold()].append(contact_id)
        pairs: dict[tuple[int, int], str] = {}
        emails: dict[str, set[int]] = defaultdict(set)
        for address, contact_id in self._db.execute_sql(
            "SELECT lower(address), contact_id FROM email"
        ):
            if contact_id in names:
                emails[address].add(contact_id)
        # Phones compare in E.164 (domain.matching), not by their last digits: 020 7946
        # 0958 in London and +1 207-946-0958 in Maine share ten digits, not a line.
        phones: dict[str, set[int]] = defaultdict(set)
        for number, contact_id in self._db.execute_sql("SELECT number, contact_id FROM phone"):
            if contact_id in names and (key := phone_key(number, self._phone_region)):
                phones[key].add(contact_id)
        for reason, groups in (("same email", emails), ("same phone", phones)):
            for shared in groups.values():
                _pair_up(pairs, sorted(shared), reason)
        for members in by_org.values():
            if len(members) < 2:
                continue
            labels = [names[i].casefold() for i in members]
            for index, label in enumerate(labels):
                later = labels[index + 1 :]
                for _choice, _score, offset in process.extract(
                    label, later, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_SIMILARITY,
                    limit=None,
                ):  # fmt: skip
                    pair = [members[index], members[index + 1 + offset]]
                    _pair_up(pairs, pair, "similar name, same organization")
            if len(pairs) >= MAX_PAIRS:
                break
        return [
            DuplicatePair(a, b, names[a], names[b], reason)
            for (a, b), reason in sorted(pairs.items())[:MAX_PAIRS]
        ]

    def drafts(self, first: int, second: int) -> tuple[ContactDraft, ContactDraft]:
        records = [store.load_contact(self._db, i) for i in (first, second)]
        if records[0] is None or records[1] is None:
            raise ContactNotFoundError(first if records[0] is None else second)
        return records[0].draft, records[1].draft

    def merge(self, keep: int, other: int, *, take_from_other: Iterable[str] = ()) -> None:
        """One contact from two: everything of both is kept (emails, phones, tags, sources,
        history); for the fields named, the other contact's value wins."""
        with write_transaction(self._db):
            kept, gone = self.drafts(keep, other)
            merged = merge(kept, gone)
            for field in take_from_other:
                if field not in MERGEABLE_FIELDS:
                    raise ValueError(f"{field} cannot be taken from the other contact")
                setattr(merged, field, getattr(gone, field))
            store.update_contact(self._db, keep, merged, now=self._clock.now())
            store.move_history(self._db, from_id=other, to_id=keep)
            # Both people's roles, in one history: the same role seen by both is one stint.
            roles = observe(job_store.history(self._db, keep), [])
            job_store.replace(self._db, {keep: roles})
            store.delete_contacts(self._db, [other])
        self._on_change(Changes.of_contacts([keep, other]))


def _pair_up(pairs: dict[tuple[int, int], str], members: list[int], reason: str) -> None:
    for index, first in enumerate(members):
        for second in members[index + 1 :]:
            pairs.setdefault((first, second), reason)
            if len(pairs) >= MAX_PAIRS:
                return
