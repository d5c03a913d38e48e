"""People as a list shows them: people of the same name told apart.

A network has several people of one name (QA: four "Amara Johnson"s, two of them at
Müller GmbH). A row gives the name and the organization; where two rows would still
read the same, the title is added, then the tags.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from networker.domain.listing import ContactSummary

SEPARATOR = " · "


def with_organization(person: ContactSummary) -> str:
    name = person.name or "(no name)"
    return name + (f"{SEPARATOR}{person.organization}" if person.organization else "")


def told_apart(people: Sequence[ContactSummary]) -> list[str]:
    """Each person's row, in order: name and organization, and what tells apart the
    people whose rows would read the same."""
    rows = [with_organization(p) for p in people]
    for extras in ([p.title for p in people], [p.tags for p in people]):
        counts = Counter(rows)
        rows = [
            row + (f"{SEPARATOR}{extra}" if counts[row] > 1 and extra else "")
            for row, extra in zip(rows, extras, strict=True)
        ]
    return rows
