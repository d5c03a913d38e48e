"""The card's lists in the contact_detail table: one row per item, by kind.

Addresses and handles have several parts; they are stored as a JSON array in
``value`` (never split on a character a value may hold).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from networker.domain.contacts import ContactDraft, Handle, LabeledValue, PostalAddress

# (kind, draft field) for the lists of plain strings and of labelled values.
TEXT_KINDS = (
    ("nickname", "nicknames"), ("org_unit", "org_units"), ("title", "more_titles"),
    ("role", "roles"),
)  # fmt: skip
LABELED_KINDS = (("date", "dates"), ("related", "related"))

# (contact_id, kind, label, types, value, position, written_as, params)
DetailRow = tuple[int, str, str, str, str, int, str, str]

INSERT = (
    "INSERT INTO contact_detail (contact_id, kind, label, types, value, position, written_as,"
    " params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def join_types(types: tuple[str, ...]) -> str:
    return ",".join(types)


def join_params(params: tuple[str, ...]) -> str:
    return "\n".join(params)  # a parameter never holds a line break (one vCard line)


def split_params(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("\n") if p)


def split_types(text: str) -> tuple[str, ...]:
    return tuple(t for t in text.split(",") if t)


def detail_rows(contact_id: int, draft: ContactDraft) -> list[DetailRow]:
    rows: list[DetailRow] = []
    for kind, name in TEXT_KINDS:
        rows += [
            (contact_id, kind, "", "", v, i, "", "") for i, v in enumerate(getattr(draft, name))
        ]
    for kind, name in LABELED_KINDS:
        items: list[LabeledValue] = getattr(draft, name)
        rows += [
            (
                contact_id,
                kind,
                v.label,
                join_types(v.types),
                v.value,
                i,
                v.written_as,
                join_params(v.params),
            )
            for i, v in enumerate(items)
        ]
    rows += [
        (
            contact_id,
            "address",
            a.label,
            join_types(a.types),
            json.dumps([*a.parts(), join_params(a.params)] if a.params else a.parts()),
            i,
            "",
            "",
        )
        for i, a in enumerate(draft.addresses)
    ]
    rows += [
        (contact_id, "handle", h.label, join_types(h.types),
         json.dumps([h.service, h.address, h.written_as, h.service_type,
                     *([join_params(h.params)] if h.params else [])]), i, "", "")
        for i, h in enumerate(draft.handles)
    ]  # fmt: skip
    return rows


def fill_details(draft: ContactDraft, rows: Iterable[tuple[str, str, str, str, str, str]]) -> None:
    """Put rows of (kind, label, types, value, written_as, params), in position order,
    into the draft."""
    texts = dict(TEXT_KINDS)
    labeled = dict(LABELED_KINDS)
    for kind, label, types, value, written_as, params in rows:
        if kind in texts:
            getattr(draft, texts[kind]).append(value)
        elif kind in labeled:
            item = LabeledValue(
                label, value, split_types(types), split_params(params or ""), written_as or ""
            )
            getattr(draft, labeled[kind]).append(item)
        elif kind == "address":
            *parts, params = _strings(value, 8)
            draft.addresses.append(
                PostalAddress.from_parts(label, parts, split_types(types), split_params(params))
            )
        elif kind == "handle":
            # Its other parameters (PREF=1) are a fifth part (older rows: none).
            service, address, written_as, service_type, params = _strings(value, 5)
            handle = Handle(service, address, label, split_types(types), written_as or "IMPP")
            draft.handles.append(
                replace(handle, service_type=service_type, params=split_params(params))
            )


def _strings(value: str, count: int) -> list[str]:
    """A stored JSON array as ``count`` strings (a damaged value gives empty parts)."""
    try:
        loaded: Any = json.loads(value)
    except ValueError:
        loaded = []
    parts = [str(p) for p in loaded] if isinstance(loaded, list) else []
    return (parts + [""] * count)[:count]
