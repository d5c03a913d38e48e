"""What the search field asks for: words found anywhere (name, organization, e-mails,
tags, title, notes…), and ``field:value`` terms that look in one field only, as mail
programs take them: ``org:acme tag:mentor``, ``source:alumni``, ``strength:4+``,
``name:"van der"``. A word with a colon that names no field (``https://…``) is text.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from networker.domain.contacts import Source
from networker.domain.folding import fold

# The names a term may use for each field ("company:" as many CSV files call it).
FIELDS = {
    "name": "name",
    "org": "organization", "organization": "organization", "company": "organization",
    "tag": "tag", "tags": "tag",
    "source": "source", "met": "source",
    "strength": "strength",
}  # fmt: skip
_TERM = re.compile(r"^(?P<field>[a-z]+):(?P<value>.*)$", re.IGNORECASE)
_STRENGTH = re.compile(r"^(?P<level>[1-5])(?P<more>\+?)$")


@dataclass(frozen=True)
class FieldTerm:
    field: str  # a value of FIELDS
    value: str  # folded ("acme"), or for strength "4" / "4+"


@dataclass(frozen=True)
class SearchQuery:
    text: str  # the words to find anywhere, as typed (spaces collapsed)
    terms: tuple[FieldTerm, ...] = ()
    problem: str = ""  # a term that cannot match ("strength:9"), in words

    @property
    def empty(self) -> bool:
        return not self.text and not self.terms


def parse(query: str) -> SearchQuery:
    """The field terms of a search and the rest of its words."""
    if ":" not in query:
        return SearchQuery(" ".join(query.split()))
    try:
        words = shlex.split(query)
    except ValueError:  # an unclosed quote: the words as typed
        words = query.split()
    terms, rest, problems = [], [], []
    for word in words:
        match = _TERM.match(word)
        field = FIELDS.get(match["field"].casefold()) if match else None
        if match is None or field is None:
            rest.append(word)
            continue
        value = " ".join(match["value"].strip('"').split())
        if not value:
            continue  # "tag:" while typing: nothing asked yet
        if field == "strength" and not _STRENGTH.match(value):
            problems.append(f"strength is 1 to 5, or 4+ for 4 and more (not “{value}”)")
            continue
        if field == "source" and not _sources(value):
            names = ", ".join(s.label.lower() for s in Source)
            problems.append(f"source is one of: {names} (not “{value}”)")
            continue
        terms.append(FieldTerm(field, value if field == "strength" else fold(value)))
    return SearchQuery(" ".join(rest), tuple(terms), "; ".join(problems))


def _sources(value: str) -> set[str]:
    """The sources a term names: by their value or label, or the start of either."""
    wanted = fold(value)
    return {
        s.value
        for s in Source
        if fold(s.value).startswith(wanted) or fold(s.label).startswith(wanted)
    }


@dataclass(frozen=True)
class Columns:
    """A contact's fields as the list's index holds them (domain/listing.ContactIndex)."""

    name: str
    organization: str
    tags: list[str]
    source: str
    strength: int  # 0: not set


def term_test(term: FieldTerm) -> Callable[[Columns], bool]:
    """Whether a contact's fields satisfy one term. Text compares folded, and a term
    is found within a name or an organization, at the start of a tag."""
    value = term.value
    if term.field == "name":
        return lambda c: value in fold(c.name)
    if term.field == "organization":
        return lambda c: value in fold(c.organization)
    if term.field == "tag":
        return lambda c: any(fold(tag).startswith(value) for tag in c.tags)
    if term.field == "source":
        sources = _sources(value)
        return lambda c: c.source in sources
    match = _STRENGTH.match(value)
    assert match is not None  # parse() keeps only these
    level, more = int(match["level"]), bool(match["more"])
    return lambda c: c.strength >= level if more else c.strength == level
