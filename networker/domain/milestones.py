"""Their news: milestones on a contact (a new job, a promotion, an award, a publication)
and the congratulations they call for, without storage or Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

TEXT_MAX = 200


class MilestoneKind(Enum):
    NEW_JOB = "new job"
    PROMOTION = "promotion"
    AWARD = "award"
    PUBLICATION = "publication"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class MilestoneDraft:
    contact_id: int
    kind: MilestoneKind
    happened_on: dt.date  # a day, local
    text: str = ""


@dataclass(frozen=True)
class MilestoneRecord:
    id: int
    draft: MilestoneDraft
    created_at: dt.datetime

    @property
    def words(self) -> str:
        """The kind and its text (New job: CTO at Babbage & Co), or the kind alone."""
        draft = self.draft
        return f"{draft.kind.label}: {draft.text}" if draft.text else draft.kind.label


class MilestoneValidationError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def validate(draft: MilestoneDraft) -> list[str]:
    """What is wrong with a milestone, in words for people (empty: nothing)."""
    problems = []
    if len(draft.text) > TEXT_MAX:
        problems.append(f"The text is longer than {TEXT_MAX} characters.")
    if "\n" in draft.text or "\r" in draft.text:
        problems.append("The text is one line.")
    return problems


def congratulate_title(name: str, draft: MilestoneDraft) -> str:
    """What the reminder says: "Congratulate Ada Lovelace: new job, CTO at Babbage & Co"."""
    news = draft.kind.value + (f", {draft.text}" if draft.text else "")
    return f"Congratulate {name}: {news}"
