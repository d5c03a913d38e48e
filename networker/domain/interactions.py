"""Interactions: what the user did with whom (a coffee chat, a call, an introduction),
and the rules about them, without storage or Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

SUMMARY_MAX = 200
NOTES_MAX = 20_000


class InteractionKind(Enum):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    COFFEE_CHAT = "coffee chat"
    INFORMATIONAL_INTERVIEW = "informational interview"
    EVENT_ENCOUNTER = "event encounter"
    INTRODUCTION = "introduction"
    THANK_YOU = "thank-you"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"thank-you": "Thank-you"}.get(self.value, self.value.capitalize())


class Value(Enum):
    """Reciprocity: whether help went from the user to the contact, or came back."""

    NONE = ""
    GIVEN = "given"
    RECEIVED = "received"


# What kind of value changed hands (free text is allowed too).
VALUE_KINDS = ("help", "referral", "introduction", "article shared", "advice")


@dataclass
class InteractionDraft:
    contact_ids: list[int]
    kind: InteractionKind = InteractionKind.MEETING
    occurred_at: dt.datetime | None = None  # aware; None: now
    summary: str = ""
    notes: str = ""
    follow_up_on: dt.date | None = None
    value: Value = Value.NONE
    value_kind: str = ""
    # The goals it is linked to ("mentor search"). None: not read (a timeline), or, on
    # a save, the links stay as they are. Not what the interaction says, so drafts that
    # differ only here are equal.
    goal_ids: tuple[int, ...] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class InteractionRecord:
    id: int
    draft: InteractionDraft
    created_at: dt.datetime
    contact_names: tuple[str, ...] = field(default=())


class InteractionValidationError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def validate(draft: InteractionDraft) -> list[str]:
    """What is wrong with an interaction, in words for people (empty: nothing)."""
    problems = []
    if not draft.contact_ids:
        problems.append("An interaction needs at least one contact.")
    if draft.occurred_at is not None and draft.occurred_at.tzinfo is None:
        problems.append("The time of an interaction needs its time zone.")
    if len(draft.summary) > SUMMARY_MAX:
        problems.append(f"The summary is longer than {SUMMARY_MAX} characters.")
    if len(draft.notes) > NOTES_MAX:
        problems.append(f"The notes are longer than {NOTES_MAX:,} characters.")
    return problems


@dataclass(frozen=True)
class Balance:
    """Value given to and received from one contact over a period."""

    given: int
    received: int

    @property
    def words(self) -> str:
        if not self.given and not self.received:
            return "No help given or received in the last 12 months."
        given, received = _times(self.given), _times(self.received)
        if self.received > self.given:
            return f"They helped you {received}, you helped {given}: time to offer value."
        return f"You helped {given}, they helped you {received}."


def balance(values: Iterable[Value]) -> Balance:
    values = list(values)
    return Balance(values.count(Value.GIVEN), values.count(Value.RECEIVED))


def _times(count: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(count, f"{count} times")


@dataclass(frozen=True)
class Owed:
    """Someone who helped (value received) and got nothing back since."""

    contact_id: int
    name: str
    received_at: dt.datetime
    value_kind: str  # what they did ("introduction"), as logged
