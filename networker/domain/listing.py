"""The contact list's search and sort, on plain columns held in memory.

At 100,000 contacts a proxy model calling Python per row is far too slow; a
list comprehension over pre-ordered columns is as fast as Python scans get.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class SortField(Enum):
    NAME = "name"
    ORGANIZATION = "organization"
    UPDATED = "updated"


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


@dataclass
class ContactIndex:
    """Parallel columns, one entry per contact, in no particular order."""

    ids: list[int] = field(default_factory=list)
    name_keys: list[str] = field(default_factory=list)
    organization_keys: list[str] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)  # seconds since the epoch
    haystacks: list[str] = field(default_factory=list)
    archived: list[bool] = field(default_factory=list)
    # Ascending orders (positions into the columns), computed once per sort field.
    orders: dict[SortField, list[int]] = field(default_factory=dict, repr=False, compare=False)
    _archived_count: int | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids)

    def archived_count(self) -> int:
        if self._archived_count is None:
            self._archived_count = sum(self.archived)
        return self._archived_count

    def ascending_order(self, sort: SortField) -> list[int]:
        order = self.orders.get(sort)
        if order is None:
            order = self.orders[sort] = sorted(
                range(len(self)), key=_sort_keys(self, sort).__getitem__
            )
        return order


@dataclass(frozen=True)
class OrderedView:
    """The ids and haystacks of one sort order, for filtering with a single scan."""

    ids: list[int]
    haystacks: list[str]


def _sort_keys(index: ContactIndex, sort: SortField) -> list[Any]:
    if sort is SortField.NAME:
        return index.name_keys
    if sort is SortField.ORGANIZATION:
        # Contacts of one organization stay in name order, and those without one go last.
        return [
            (org == "", org, name)
            for org, name in zip(index.organization_keys, index.name_keys, strict=True)
        ]
    return index.updated


def ordered_view(
    index: ContactIndex, sort: SortField, *, descending: bool, include_archived: bool
) -> OrderedView:
    order = index.ascending_order(sort)
    if descending:
        order = order[::-1]
    if not include_archived:
        archived = index.archived
        order = [i for i in order if not archived[i]]
    ids, haystacks = index.ids, index.haystacks
    return OrderedView(ids=[ids[i] for i in order], haystacks=[haystacks[i] for i in order])


def matching_ids(view: OrderedView, query: str) -> list[int]:
    """The ids whose haystack holds the query, in the view's order."""
    needle = " ".join(query.split()).casefold()
    if not needle:
        return view.ids
    return [i for i, hay in zip(view.ids, view.haystacks, strict=True) if needle in hay]


def replace_entries(index: ContactIndex, fresh: ContactIndex, changed: set[int]) -> ContactIndex:
    """The index with the ``changed`` contacts taken out and ``fresh`` ones put in."""
    keep = [i for i, contact_id in enumerate(index.ids) if contact_id not in changed]

    def merged(old: list[Any], new: list[Any]) -> list[Any]:
        return [old[i] for i in keep] + new

    return ContactIndex(
        ids=merged(index.ids, fresh.ids),
        name_keys=merged(index.name_keys, fresh.name_keys),
        organization_keys=merged(index.organization_keys, fresh.organization_keys),
        updated=merged(index.updated, fresh.updated),
        haystacks=merged(index.haystacks, fresh.haystacks),
        archived=merged(index.archived, fresh.archived),
    )
