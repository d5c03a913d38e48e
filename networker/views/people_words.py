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


def told_apart(people: Sequence[ContactSummary]) -> list[str]:
    """Each person's row, in order: name and organization, and what tells apart the
    people whose rows would read the same."""
    return [
        SEPARATOR.join([p.name or "(no name)", *extra])
        for p, extra in zip(people, _extras(people), strict=True)
    ]


def who_they_are(people: Sequence[ContactSummary]) -> list[str]:
    """What told_apart adds to each name ("Müller GmbH · CTO"), for a line that
    already names them."""
    return [SEPARATOR.join(extra) for extra in _extras(people)]


def _extras(people: Sequence[ContactSummary]) -> list[list[str]]:
    extras = [[p.organization] if p.organization else [] for p in people]
    for field in ([p.title for p in people], [p.tags for p in people]):
        rows = [(p.name, *extra) for p, extra in zip(people, extras, strict=True)]
        counts = Counter(rows)
        for row, extra, value in zip(rows, extras, field, strict=True):
            if counts[row] > 1 and value:
                extra.append(value)
    return extras
