"""The contact list's search and sort, on plain columns held in memory.

At 100,000 contacts a proxy model calling Python per row is far too slow; a
list comprehension over pre-ordered columns is as fast as Python scans get.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping, MutableSequence, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import chain, compress, repeat
from typing import Any

from networker.domain.folding import fold
from networker.domain.search_query import Columns, SearchQuery, parse, term_test

# The columns of a ContactIndex, one value per contact each.
COLUMNS = (
    "ids", "name_keys", "organization_keys", "updated", "haystacks", "archived",
    "last_touch", "next_touch", "sources", "strengths", "tag_sets", "added",
)  # fmt: skip
# Tags as one string per contact, each between separators: "\x1fmentor\x1falumni\x1f".
TAG_SEPARATOR = "\x1f"
# Seconds since the epoch; these stand for "never in touch" and "no cadence", so the
# never contacted sort as longest ago and those without a cadence after every due one.
NEVER = 0
NO_CADENCE = 2**62


class SortField(Enum):
    NAME = "name"
    ORGANIZATION = "organization"
    UPDATED = "updated"
    LAST_INTERACTION = "last interaction"
    NEXT_DUE = "next due"
    STRENGTH = "strength"
    ADDED = "added"
    FAMILY_NAME = "family name"


@dataclass(frozen=True)
class ContactSummary:
    """What one row of the contact list shows."""

    id: int
    name: str
    organization: str
    title: str
    tags: str
    archived: bool
    photo: bytes | None
    last_interaction: dt.datetime | None = None  # aware, UTC
    next_due: dt.datetime | None = None  # when keeping in touch comes due


class IdPositions(MutableMapping[int, int]):
    """Contact id -> position, as one array indexed by id: ids are SQLite rowids, dense
    from 1, so 100,000 of them take 0.8 MB where a dict took 8 MB (with its int objects)
    of a memory target of 3x a bare window. -1 marks an id that is not there. Ids far
    beyond the count (a file whose rowids jumped) go to a dict, so the array stays
    about as long as the list."""

    __slots__ = ("_at", "_count", "_far")

    def __init__(self, pairs: Iterable[tuple[int, int]] = (), *, count: int = 0) -> None:
        self._at = array("q", repeat(-1, 4 * count + 1024))
        self._far: dict[int, int] = {}
        self._count = 0
        for contact_id, position in pairs:
            self[contact_id] = position

    def __getitem__(self, contact_id: int) -> int:
        position: int | None = self.get(contact_id)
        if position is None:
            raise KeyError(contact_id)
        return position

    def get(self, contact_id: int, default: Any = None) -> Any:  # (faster than the mixin's)
        at = self._at
        if 0 <= contact_id < len(at):
            position = at[contact_id]
            return default if position < 0 else position
        return self._far.get(contact_id, default)

    def __contains__(self, contact_id: object) -> bool:
        return isinstance(contact_id, int) and self.get(contact_id) is not None

    def __setitem__(self, contact_id: int, position: int) -> None:
        at = self._at
        if 0 <= contact_id < len(at):
            if at[contact_id] < 0:
                self._count += 1
            at[contact_id] = position
            return
        if contact_id not in self._far:
            self._count += 1
        self._far[contact_id] = position

    def __delitem__(self, contact_id: int) -> None:
        at = self._at
        if 0 <= contact_id < len(at) and at[contact_id] >= 0:
            at[contact_id] = -1
        else:
            del self._far[contact_id]
        self._count -= 1

    def __iter__(self) -> Iterator[int]:
        dense = (i for i, position in enumerate(self._at) if position >= 0)
        return chain(dense, self._far)

    def __len__(self) -> int:
        return self._count


@dataclass
class ContactIndex:
    """Parallel columns, one entry per contact, in no particular order. The time columns
    may be arrays of machine integers (storage loads them so: 100,000 distinct Python
    ints cost 2.8 MB a column more than an array).

    ``update()`` changes a few entries in place (an edit, a bulk tag): a replaced entry
    keeps its position, a new one is appended, a deleted one stays as a tombstone that
    no order lists, so positions never shift and the cached orders stay valid.
    """

    ids: list[int] = field(default_factory=list)
    name_keys: list[str] = field(default_factory=list)
    organization_keys: list[str] = field(default_factory=list)
    updated: MutableSequence[int] = field(default_factory=list)  # seconds since the epoch
    haystacks: list[str] = field(default_factory=list)
    archived: list[bool] = field(default_factory=list)
    last_touch: MutableSequence[int] = field(
        default_factory=list
    )  # seconds since the epoch, or NEVER
    next_touch: MutableSequence[int] = field(default_factory=list)  # or NO_CADENCE
    sources: list[str] = field(default_factory=list)  # domain.contacts.Source values
    strengths: list[int] = field(default_factory=list)  # 1-5, 0 when not set
    tag_sets: list[str] = field(default_factory=list)  # see TAG_SEPARATOR
    added: MutableSequence[int] = field(default_factory=list)  # seconds since the epoch
    # Folded family names: loaded only once the list is sorted by them (set_family_keys),
    # the window's memory otherwise stays as it is; "" for a contact without one.
    family_keys: list[str] | None = field(default=None, repr=False)
    # Ascending orders (positions into the columns), computed once per sort field.
    orders: dict[SortField, list[int]] = field(default_factory=dict, repr=False, compare=False)
    removed: set[int] = field(default_factory=set, repr=False, compare=False)
    _archived_count: int | None = field(default=None, repr=False, compare=False)
    _positions: IdPositions | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids) - len(self.removed)

    def archived_count(self) -> int:
        if self._archived_count is None:
            archived = self.archived
            self._archived_count = sum(archived) - sum(archived[i] for i in self.removed)
        return self._archived_count

    def ascending_order(self, sort: SortField) -> list[int]:
        order = self.orders.get(sort)
        if order is None:
            removed = self.removed
            positions = (i for i in range(len(self.ids)) if i not in removed)
            keys = _sort_keys(self, sort)
            order = self.orders[sort] = sorted(positions, key=keys.__getitem__)
        return order

    def positions(self) -> IdPositions:
        """Contact id -> position in the columns (built once: 5 ms at 100,000)."""
        if self._positions is None:
            removed = self.removed
            self._positions = IdPositions(
                ((c, i) for i, c in enumerate(self.ids) if i not in removed), count=len(self.ids)
            )
        return self._positions

    def sort_key(self, sort: SortField) -> Callable[[int], Any]:
        """The sort key of a position, as the orders compare it."""
        names, organizations = self.name_keys, self.organization_keys
        if sort is SortField.NAME:
            return names.__getitem__
        if sort is SortField.ORGANIZATION:
            return lambda i: (organizations[i] == "", organizations[i], names[i])
        if sort is SortField.LAST_INTERACTION:
            return self.last_touch.__getitem__
        if sort is SortField.NEXT_DUE:
            return self.next_touch.__getitem__
        if sort is SortField.STRENGTH:
            strengths = self.strengths
            return lambda i: (strengths[i], names[i])
        if sort is SortField.ADDED:
            return self.added.__getitem__
        if sort is SortField.FAMILY_NAME:
            families = self._families()
            return lambda i: _family_key(families[i], names[i])
        return self.updated.__getitem__

    def placing_key(self, sort: SortField) -> Callable[[int], Any]:
        """The sort key of a position with the position itself as the tie-break: the
        orders list equal keys by position (a stable sort of ascending positions), so
        a changed contact goes back exactly where it was among its equals instead of
        after them (QA: rows of the same name swapped at every save or tag)."""
        key = self.sort_key(sort)
        return lambda i: (key(i), i)

    def _families(self) -> list[str]:
        if self.family_keys is None:
            raise LookupError("the family names are not loaded: set_family_keys() first")
        return self.family_keys

    def set_family_keys(self, family_of: dict[int, str]) -> None:
        """Load the family-name column (folded names by contact id)."""
        shared: dict[str, str] = {}
        self.family_keys = [
            shared.setdefault(key, key)
            for key in (fold(family_of.get(contact_id, "")) for contact_id in self.ids)
        ]

    def update(self, fresh: ContactIndex, changed: set[int]) -> None:
        """Take the ``changed`` contacts' entries from ``fresh``; those of ``changed``
        that ``fresh`` lacks were deleted. Cached orders are kept sorted."""
        positions = self.positions()
        incoming = dict(zip(fresh.ids, range(len(fresh.ids)), strict=True))
        keys = {sort: self.placing_key(sort) for sort in self.orders}
        for contact_id in changed:
            old = positions.get(contact_id)
            if old is not None:  # out of each order while its key is still the old one
                for sort, order in self.orders.items():
                    _remove_from_order(order, old, keys[sort])
            new = incoming.get(contact_id)
            if new is None:
                if old is not None:
                    self.removed.add(old)
                    del positions[contact_id]
                continue
            family = fresh.family_keys[new] if fresh.family_keys is not None else ""
            if old is None:
                old = positions[contact_id] = len(self.ids)
                for name in COLUMNS:
                    getattr(self, name).append(getattr(fresh, name)[new])
                if self.family_keys is not None:
                    self.family_keys.append(family)
            else:
                for name in COLUMNS:
                    getattr(self, name)[old] = getattr(fresh, name)[new]
                if self.family_keys is not None:
                    self.family_keys[old] = family
            for sort, order in self.orders.items():
                bisect.insort_right(order, old, key=keys[sort])
        self._archived_count = None


def _family_key(family: str, name: str) -> tuple[str, str]:
    """By family name (folded: Łukasz Brown before Sophia Brown), then the whole name;
    a contact without one by its name among them."""
    folded = fold(name)
    return (family or folded, folded)


def _remove_from_order(order: list[int], position: int, key: Callable[[int], Any]) -> None:
    """Take ``position`` out of an order sorted by ``key``: found by bisection among
    the positions of equal keys, not by a scan of the whole list."""
    start = bisect.bisect_left(order, key(position), key=key)
    del order[order.index(position, start)]


class FilterKind(Enum):
    ALL = "all"
    OVERDUE = "overdue"
    STRONG = "strong"  # strength STRONG_AT or more
    ARCHIVED = "archived"
    SOURCE = "source"
    TAG = "tag"


STRONG_AT = 4


@dataclass(frozen=True)
class ListFilter:
    """Which contacts the list shows (a view of the sidebar); ``value`` names the
    source or the tag."""

    kind: FilterKind = FilterKind.ALL
    value: str = ""

    def keep(self, index: ContactIndex, now: int) -> Callable[[int], bool] | None:
        """Whether the contact at a position is in this view (None: every one)."""
        kind = self.kind
        if kind is FilterKind.OVERDUE:
            next_touch = index.next_touch
            return lambda i: next_touch[i] <= now
        if kind is FilterKind.STRONG:
            strengths = index.strengths
            return lambda i: strengths[i] >= STRONG_AT
        if kind is FilterKind.ARCHIVED:
            archived = index.archived
            return archived.__getitem__
        if kind is FilterKind.SOURCE:
            sources, value = index.sources, self.value
            return lambda i: sources[i] == value
        if kind is FilterKind.TAG:
            tag_sets, needle = index.tag_sets, f"{TAG_SEPARATOR}{self.value}{TAG_SEPARATOR}"
            return lambda i: needle in tag_sets[i]
        return None

    @property
    def shows_archived(self) -> bool:
        """The Archived view lists archived contacts whatever "Show archived" says."""
        return self.kind is FilterKind.ARCHIVED


ALL = ListFilter()
OVERDUE = ListFilter(FilterKind.OVERDUE)


def view_keys(index: ContactIndex, position: int) -> list[ListFilter]:
    """The sidebar views (but Overdue, which moves with time) a contact is counted in."""
    if index.archived[position]:
        return [ListFilter(FilterKind.ARCHIVED)]
    keys = [ALL, ListFilter(FilterKind.SOURCE, index.sources[position])]
    if index.strengths[position] >= STRONG_AT:
        keys.append(ListFilter(FilterKind.STRONG))
    keys += [
        ListFilter(FilterKind.TAG, tag)
        for tag in index.tag_sets[position].split(TAG_SEPARATOR)
        if tag
    ]
    return keys


def view_counts(index: ContactIndex) -> Counter[ListFilter]:
    """How many contacts each sidebar view holds (one pass: 0.2 s at 100,000, so it
    is counted once per load and then kept up to date with count_change)."""
    counts: Counter[ListFilter] = Counter()
    removed = index.removed
    for position in range(len(index.ids)):
        if position not in removed:
            counts.update(view_keys(index, position))
    return counts


@dataclass(frozen=True)
class OrderedView:
    """The ids and haystacks of one sort order, for filtering with a single scan."""

    ids: list[int]
    haystacks: list[str]


def _sort_keys(index: ContactIndex, sort: SortField) -> Sequence[Any]:
    if sort is SortField.NAME:
        return index.name_keys
    if sort is SortField.ORGANIZATION:
        # Contacts of one organization stay in name order, and those without one go last.
        return [
            (org == "", org, name)
            for org, name in zip(index.organization_keys, index.name_keys, strict=True)
        ]
    if sort is SortField.LAST_INTERACTION:
        return index.last_touch
    if sort is SortField.NEXT_DUE:
        return index.next_touch
    if sort is SortField.STRENGTH:
        return list(zip(index.strengths, index.name_keys, strict=True))
    if sort is SortField.ADDED:
        return index.added
    if sort is SortField.FAMILY_NAME:
        families = index._families()
        return [_family_key(f, n) for f, n in zip(families, index.name_keys, strict=True)]
    return index.updated


def ordered_view(
    index: ContactIndex,
    sort: SortField,
    *,
    descending: bool,
    include_archived: bool,
    keep: Callable[[int], bool] | None = None,
) -> OrderedView:
    """``keep``: only the positions it says yes to (a sidebar view: ListFilter.keep)."""
    order = index.ascending_order(sort)
    if descending:
        order = order[::-1]
    if not include_archived:
        archived = index.archived
        order = [i for i in order if not archived[i]]
    if keep is not None:
        order = [i for i in order if keep(i)]
    ids, haystacks = index.ids, index.haystacks
    return OrderedView(ids=[ids[i] for i in order], haystacks=[haystacks[i] for i in order])


def matching_ids(view: OrderedView, query: str, index: ContactIndex | None = None) -> list[int]:
    """The ids whose haystack holds the query's words, and (given the ``index``) whose
    fields satisfy its ``field:value`` terms (domain/search_query.py), in the view's
    order. The words are one scan; the terms look only at what the words kept."""
    asked = parse(query)
    if asked.problem and not asked.terms:
        return []  # "strength:9" matches no one (the page says why)
    needle = folded_query(asked.text)
    ids = view.ids
    if needle:
        # The containment test alone runs as Python; picking the ids is compress's
        # (C): 1.2x a plain scan, where a zip of both lists was 1.4-2x.
        ids = list(compress(view.ids, [needle in hay for hay in view.haystacks]))
    if asked.terms and index is not None:
        test, positions = _terms_test(index, asked), index.positions()
        ids = [i for i in ids if test(positions[i])]
    return ids


def archived_matching(
    index: ContactIndex, query: str, keep: Callable[[int], bool] | None = None
) -> int:
    """How many archived contacts (that ``keep`` says yes to) ``query`` finds: what an
    empty list can offer to show. One pass over the archived alone."""
    found, removed = finds(index, query), index.removed
    return sum(
        1
        for position in compress(range(len(index.archived)), index.archived)
        if position not in removed and (keep is None or keep(position)) and found(position)
    )


def query_matches(index: ContactIndex, position: int, query: str) -> bool:
    """Whether the contact at ``position`` is one that ``query`` finds (matching_ids
    for one contact: a changed contact's row comes or goes)."""
    return finds(index, query)(position)


def finds(index: ContactIndex, query: str) -> Callable[[int], bool]:
    """Whether ``query`` finds the contact at a position (the query read once)."""
    asked = parse(query)
    if asked.problem and not asked.terms:
        return lambda _position: False  # "strength:9" finds no one
    needle, haystacks = folded_query(asked.text), index.haystacks
    terms = _terms_test(index, asked) if asked.terms else None
    return lambda position: needle in haystacks[position] and (terms is None or terms(position))


def _terms_test(index: ContactIndex, asked: SearchQuery) -> Callable[[int], bool]:
    tests = [term_test(term) for term in asked.terms]

    def test(position: int) -> bool:
        columns = Columns(
            name=index.name_keys[position],
            organization=index.organization_keys[position],
            tags=[t for t in index.tag_sets[position].split(TAG_SEPARATOR) if t],
            source=index.sources[position],
            strength=index.strengths[position],
        )
        return all(t(columns) for t in tests)

    return test


def folded_query(query: str) -> str:
    """The search text as haystacks hold it: spaces collapsed, case and accents folded
    (domain/folding.py); a phone number typed any way becomes its digits."""
    words = " ".join(query.split())
    if _PHONE_LIKE.fullmatch(words) and sum(c.isdigit() for c in words) >= 3:
        return "".join(c for c in words if c.isdigit())
    return fold(words)


_PHONE_LIKE = re.compile(r"[+(]?[\d][\d ()./-]*")


def view_key(index: ContactIndex, sort: SortField, *, descending: bool) -> Callable[[int], Any]:
    """The key of a contact id in a view of that sort, for bisection (reversed when
    the view is descending)."""
    key, positions = index.placing_key(sort), index.positions()
    if descending:
        return lambda contact_id: _Reversed(key(positions[contact_id]))
    return lambda contact_id: key(positions[contact_id])


class _Reversed:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)


def in_view(
    index: ContactIndex,
    contact_id: int,
    *,
    include_archived: bool,
    keep: Callable[[int], bool] | None = None,
) -> bool:
    position = index.positions().get(contact_id)
    return (
        position is not None
        and (include_archived or not index.archived[position])
        and (keep is None or keep(position))
    )


def move_in_view(
    view: OrderedView,
    index: ContactIndex,
    contact_id: int,
    key: Callable[[int], Any],
    *,
    include_archived: bool,
    keep: Callable[[int], bool] | None = None,
) -> None:
    """Put one changed contact where it now belongs in ``view`` (or take it out)."""
    try:
        old = view.ids.index(contact_id)
    except ValueError:
        pass
    else:
        del view.ids[old]
        del view.haystacks[old]
    if in_view(index, contact_id, include_archived=include_archived, keep=keep):
        new = bisect.bisect_right(view.ids, key(contact_id), key=key)
        view.ids.insert(new, contact_id)
        view.haystacks.insert(new, index.haystacks[index.positions()[contact_id]])
