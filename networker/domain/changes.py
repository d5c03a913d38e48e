"""What an operation changed: one record that every service reports and every page reads.

Anki's ``OpChanges`` is the model: a service says what it touched, and each page decides
what to refresh (the contact list patches the changed rows; a page that shows goals
recomputes progress only when interactions, events or goals changed). Nothing here knows
about Qt, so the command line and the services use it as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace


@dataclass(frozen=True)
class Changes:
    """``contact_ids`` names the changed contacts; ``all_contacts`` says any contact may
    have changed (a restore, a sync). The flags name the other kinds of data."""

    contact_ids: frozenset[int] = field(default_factory=frozenset)
    all_contacts: bool = False
    interactions: bool = False
    milestones: bool = False  # their news and job history (a contact's timeline)
    events: bool = False
    goals: bool = False
    organizations: bool = False
    reminders: bool = False
    settings: bool = False

    @classmethod
    def of_contacts(cls, ids: Iterable[int]) -> Changes:
        return cls(contact_ids=frozenset(ids))

    @classmethod
    def everything(cls) -> Changes:
        """A restore, a sync, a damaged file set aside: every page reloads."""
        return cls(
            all_contacts=True,
            interactions=True,
            milestones=True,
            events=True,
            goals=True,
            organizations=True,
            reminders=True,
            settings=True,
        )

    @property
    def contacts(self) -> bool:
        """Whether any contact changed."""
        return self.all_contacts or bool(self.contact_ids)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, bool] = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "contact_ids"
        }
        return replace(self, **merged, contact_ids=self.contact_ids | other.contact_ids)


ChangeListener = Callable[[Changes], None]


def ignore_changes(changes: Changes) -> None:
    """The listener of a service that nobody watches (the command line, tests)."""
