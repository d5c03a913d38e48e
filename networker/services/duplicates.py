"""Finding contacts that are probably one person, and merging them field by field."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import ContactDraft
from networker.domain.jobs import observe
from networker.domain.likeness import (
    PersonName,
    given_forms,
    given_names_alike,
    org_key,
    organizations_alike,
    person_name,
)
from networker.domain.matching import PHONE_GROUP_MAX, names_differ, phone_key
from networker.domain.merging import merge
from networker.services.contacts import ContactNotFoundError
from networker.services.importing import default_phone_region
from networker.storage import contacts as store
from networker.storage import duplicates as find_store
from networker.storage import jobs as job_store
from networker.storage import snapshots
from networker.storage.db import write_transaction
from networker.storage.snapshots import ContactSnapshot

NAME_SIMILARITY = 88  # token_sort_ratio: "Jon Smyth" ~ "John Smith"; "Ada"/"Adam" < 88
# The words two near spellings do not share must be alike too: "Olga van der Meer" and
# "Noah van der Meer" share three words of four (token_sort_ratio 88) and are two people.
DIFFERING_WORDS_SIMILARITY = 70
MAX_PAIRS = 1000
# A name shared by more contacts than this (a "John Smith" of a large address book) is
# compared only where the organization or contact details add something.
NAME_GROUP_MAX = 50
# People at one organization sharing a word of their name, compared for near spellings.
NEAR_GROUP_MAX = 300
# The fields a user may take from the other contact when merging.
MERGEABLE_FIELDS = (
    "display_name", "given_name", "family_name", "organization", "title", "birthday",
    "notes", "how_we_met", "source", "school", "strength", "cadence_days", "photo",
)  # fmt: skip
# The lists a merge unites; the user may leave one contact's values of each out.
LIST_FIELDS = ("emails", "phones", "urls", "tags")


@dataclass(frozen=True)
class DuplicatePair:
    """Two contacts that may be one person, and why in words. ``different_names``: they
    share an email or a phone but their names say two people (an assistant, a shared
    line): for the user to decide, never merged by itself."""

    first: int
    second: int
    first_name: str
    second_name: str
    reason: str
    different_names: bool = False


def _differing_words_alike(first: str, second: str, ratio: Callable[[str, str], float]) -> bool:
    """Whether the words only one of two names has are near spellings of each other
    (a name with a word the other lacks, a middle name, is alike)."""
    a, b = set(first.split()), set(second.split())
    only_a, only_b = " ".join(sorted(a - b)), " ".join(sorted(b - a))
    if not only_a or not only_b:
        return True
    return ratio(only_a, only_b) >= DIFFERING_WORDS_SIMILARITY


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
        """Likely pairs among active contacts, found through indexes (never all pairs):
        the same family name with the same given name, a nickname or an initial; the
        same words of a name; a near spelling at one organization; a shared email or
        phone. Names must not speak against it, nor organizations (one may be unknown).
        Pairs the user said are two people are left out."""
        people: dict[int, _Person] = {}
        for contact_id, given, family, shown, organization in find_store.people(self._db):
            name = person_name(given, family, shown)
            people[contact_id] = _Person(shown, name, organization, org_key(organization))
        found = _Found(people, find_store.not_duplicates(self._db))
        self._pair_by_name(people, found)
        self._pair_by_near_spelling(people, found)
        self._pair_by_contact_details(people, found)
        return found.pairs()

    @staticmethod
    def _pair_by_name(people: dict[int, _Person], found: _Found) -> None:
        by_form: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_words: dict[str, list[int]] = defaultdict(list)
        initials: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_letter: dict[tuple[str, str], list[int]] = defaultdict(list)
        for contact_id, person in people.items():
            name = person.name
            if " " in name.words:
                by_words[name.words].append(contact_id)
            if not name.family or not name.given:
                continue
            if name.initial_only:
                initials[(name.family, name.given)].append(contact_id)
                continue
            forms = given_forms(name.given)
            for form in forms:
                by_form[(name.family, form)].append(contact_id)
            for letter in {form[0] for form in forms}:
                by_letter[(name.family, letter)].append(contact_id)
        for group in (*by_form.values(), *by_words.values(), *initials.values()):
            if len(group) > 1:
                for first, second in _same_organization(people, group, group):
                    found.by_name(first, second)
        for key, group in initials.items():
            if fuller := by_letter.get(key):
                for first, second in _same_organization(people, group, fuller):
                    found.by_name(first, second)

    @staticmethod
    def _pair_by_near_spelling(people: dict[int, _Person], found: _Found) -> None:
        """A near spelling ("Jon Smyth", "John Smith") at one organization, among the
        people there who share a word of their name: a typo leaves the other word."""
        from rapidfuzz import fuzz  # on first use: the window's start need not pay

        by_word: dict[tuple[str, str], list[int]] = defaultdict(list)
        for contact_id, person in people.items():
            if person.organization_key:
                for word in set(person.name.words.split()):
                    by_word[(person.organization_key, word)].append(contact_id)
        for group in by_word.values():
            if not 1 < len(group) <= NEAR_GROUP_MAX:
                continue
            for index, first in enumerate(group):
                label = people[first].name.words
                for second in group[index + 1 :]:
                    other = people[second].name.words
                    if (
                        not found.has(first, second)
                        and fuzz.token_sort_ratio(label, other, score_cutoff=NAME_SIMILARITY)
                        and _differing_words_alike(label, other, fuzz.ratio)
                    ):
                        found.by_near_spelling(first, second)

    def _pair_by_contact_details(self, people: dict[int, _Person], found: _Found) -> None:
        emails: dict[str, set[int]] = defaultdict(set)
        for address, contact_id in find_store.emails(self._db):
            if contact_id in people and address:
                emails[address].add(contact_id)
        # Phones compare in E.164 (domain.matching), not by their last digits: 020 7946
        # 0958 in London and +1 207-946-0958 in Maine share ten digits, not a line.
        phones: dict[str, set[int]] = defaultdict(set)
        for number, contact_id in find_store.phones(self._db):
            if contact_id in people and (key := phone_key(number, self._phone_region)):
                phones[key].add(contact_id)
        for kind, groups in (("email", emails), ("phone", phones)):
            for value, shared in groups.items():
                # A switchboard or an info@ address shared by a whole company says
                # nothing about who is who.
                if 1 < len(shared) <= PHONE_GROUP_MAX:
                    members = sorted(shared)
                    for index, first in enumerate(members):
                        for second in members[index + 1 :]:
                            found.by_detail(first, second, f"same {kind} {value}")

    def mark_not_the_same(self, first: int, second: int) -> None:
        """The user says these are two people: the pair is never offered again."""
        with write_transaction(self._db):
            for contact_id in (first, second):
                if not store.contact_exists(self._db, contact_id):
                    raise ContactNotFoundError(contact_id)
            find_store.mark_not_duplicate(self._db, first, second, now=self._clock.now())

    def drafts(self, first: int, second: int) -> tuple[ContactDraft, ContactDraft]:
        records = [store.load_contact(self._db, i) for i in (first, second)]
        if records[0] is None or records[1] is None:
            raise ContactNotFoundError(first if records[0] is None else second)
        return records[0].draft, records[1].draft

    def merge(
        self,
        keep: int,
        other: int,
        *,
        take_from_other: Iterable[str] = (),
        take_from_kept: Iterable[str] = (),
        leave_out_of_kept: Iterable[str] = (),
        leave_out_of_other: Iterable[str] = (),
    ) -> ContactSnapshot:
        """One contact from two: everything of both is kept (emails, phones, tags, sources,
        history) and an empty field is filled from the other; for the fields named in
        ``take_from_other`` the other contact's value wins, in ``take_from_kept`` the kept
        one's stays even when empty. The lists (LIST_FIELDS) named in ``leave_out_of_*``
        lose that contact's values. Returns both as they were, for unmerge()."""
        take_from_other, take_from_kept = list(take_from_other), list(take_from_kept)
        for field in (*take_from_other, *take_from_kept):
            if field not in MERGEABLE_FIELDS:
                raise ValueError(f"{field} cannot be taken from either contact")
        leave_out_of_kept, leave_out_of_other = list(leave_out_of_kept), list(leave_out_of_other)
        for field in (*leave_out_of_kept, *leave_out_of_other):
            if field not in LIST_FIELDS:
                raise ValueError(f"{field} is not a list that can be left out")
        with write_transaction(self._db):
            kept, gone = self.drafts(keep, other)
            before = snapshots.take(self._db, [keep, other])
            merged = merge(
                _without(kept, leave_out_of_kept),
                _without(gone, leave_out_of_other),
                phone_region=self._phone_region,
            )
            for field in take_from_other:
                setattr(merged, field, getattr(gone, field))
            for field in take_from_kept:
                setattr(merged, field, getattr(kept, field))
            store.update_contact(self._db, keep, merged, now=self._clock.now())
            store.move_history(self._db, from_id=other, to_id=keep)
            # Both people's roles, in one history: the same role seen by both is one stint.
            roles = observe(job_store.history(self._db, keep), [])
            job_store.replace(self._db, {keep: roles})
            store.delete_contacts(self._db, [other])
        self._on_change(_both(keep, other))
        return before

    def unmerge(self, before: ContactSnapshot) -> tuple[int, int]:
        """Undo a merge: the two contacts as they were, each with its own history (one
        transaction). Returns their ids (the same unless one was taken meanwhile)."""
        keep = before.contact_ids[0]
        with write_transaction(self._db):
            if not store.contact_exists(self._db, keep):
                raise ContactNotFoundError(keep)
            # The merged contact goes, with what it holds now, and both come back whole;
            # interactions shared with others stay and are linked again.
            store.delete_contacts(self._db, [keep])
            ids = snapshots.restore(self._db, before)
        self._on_change(_both(*ids))
        return ids[0], ids[1]


def _both(first: int, second: int) -> Changes:
    return Changes(
        contact_ids=frozenset((first, second)), interactions=True, milestones=True, reminders=True
    )


def _without(draft: ContactDraft, lists: list[str]) -> ContactDraft:
    draft = replace(draft)
    for field in lists:
        setattr(draft, field, [])
    return draft


@dataclass(frozen=True)
class _Person:
    shown: str
    name: PersonName
    organization: str
    organization_key: str


def _same_organization(
    people: dict[int, _Person], left: list[int], right: list[int]
) -> Iterator[tuple[int, int]]:
    """Pairs of one from ``left`` and one from ``right`` whose organizations do not speak
    against one person (the same, or one unknown), through a dict of organizations: a
    name shared by hundreds at as many companies is not compared all with all."""
    by_org: dict[str, list[int]] = defaultdict(list)
    unknown: list[int] = []
    for contact_id in right:
        key = people[contact_id].organization_key
        (by_org[key] if key else unknown).append(contact_id)
    for first in left:
        key = people[first].organization_key
        others = (by_org.get(key, []) + unknown) if key else right
        if len(others) > NAME_GROUP_MAX:
            continue  # a "John Smith" without an organization among hundreds: no help
        for second in others:
            # Within one group each pair once; across two groups every pair.
            if first < second or (first != second and left is not right):
                yield first, second


class _Found:
    """The pairs found so far, each with its reasons; pairs the user set aside and pairs
    whose names or organizations speak against one person are not kept."""

    def __init__(self, people: dict[int, _Person], set_aside: set[tuple[int, int]]) -> None:
        self._people = people
        self._set_aside = set_aside
        self._reasons: dict[tuple[int, int], list[str]] = {}
        self._different: set[tuple[int, int]] = set()

    def _key(self, first: int, second: int) -> tuple[int, int] | None:
        key = (first, second) if first < second else (second, first)
        if first == second or key in self._set_aside:
            return None
        return key

    def _add(self, key: tuple[int, int], reason: str) -> None:
        reasons = self._reasons.setdefault(key, [])
        if reason not in reasons:
            reasons.append(reason)

    def by_name(self, first: int, second: int) -> None:
        key = self._key(first, second)
        if key is None:
            return
        a, b = self._people[key[0]], self._people[key[1]]
        if a.name.words and a.name.words == b.name.words:
            said = "the same name"
        elif a.name.family == b.name.family and (
            alike := given_names_alike(a.name.given, b.name.given)
        ):
            said = "the same name" if alike == "the same name" else alike
        else:
            return
        if (organizations := organizations_alike(a.organization, b.organization)) is None:
            return
        self._add(key, f"{said}; {organizations}")

    def has(self, first: int, second: int) -> bool:
        return (min(first, second), max(first, second)) in self._reasons

    def by_near_spelling(self, first: int, second: int) -> None:
        key = self._key(first, second)
        if key is None or key in self._reasons:
            return
        a, b = self._people[key[0]], self._people[key[1]]
        organizations = organizations_alike(a.organization, b.organization)
        if organizations is not None:  # always, within one organization's group
            self._add(key, f"similar names ({a.shown} / {b.shown}); {organizations}")

    def by_detail(self, first: int, second: int, reason: str) -> None:
        key = self._key(first, second)
        if key is None:
            return
        a, b = self._people[key[0]], self._people[key[1]]
        if (key in self._reasons and key not in self._different) or self._names_alike(
            a.name, b.name
        ):
            self._add(key, reason)
        else:
            self._different.add(key)
            self._add(key, f"same contact details, different names ({reason})")

    @staticmethod
    def _names_alike(a: PersonName, b: PersonName) -> bool:
        if not names_differ(a.words, b.words):
            return True
        return a.family == b.family and given_names_alike(a.given, b.given) is not None

    def pairs(self) -> list[DuplicatePair]:
        # Pairs whose names agree first, then those for a person to look at twice.
        order = sorted(self._reasons, key=lambda key: (key in self._different, key))
        return [self._pair(a, b) for a, b in order[:MAX_PAIRS]]

    def _pair(self, a: int, b: int) -> DuplicatePair:
        reason = "; ".join(self._reasons[(a, b)])
        different = (a, b) in self._different
        return DuplicatePair(a, b, self._people[a].shown, self._people[b].shown, reason, different)
