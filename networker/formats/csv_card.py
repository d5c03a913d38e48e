"""The card's lists in Networker's own CSV: one cell per list, one line per item, the
parts of an item separated by ";" with vCard's text escapes, so any value (commas,
semicolons, line breaks, ":::") comes back as it was written.
"""

from __future__ import annotations

from networker.domain.contacts import ContactDraft, Handle, LabeledValue, PostalAddress
from networker.formats.vcard_lines import escape, split_unescaped, unescape

COLUMNS = [
    "Name Prefix", "Middle Name", "Name Suffix", "Nicknames", "Organization Units",
    "More Titles", "Roles", "Addresses", "Handles", "Dates", "Gender", "Related",
]  # fmt: skip


def _lines(items: list[list[str]]) -> str:
    return "\n".join(";".join(escape(part) for part in item) for item in items)


def _items(cell: str, count: int) -> list[list[str]]:
    # Every line is an item, an empty one too (an organization unit may be empty).
    found = []
    for line in cell.replace("\r\n", "\n").split("\n") if cell else []:
        parts = [unescape(p) for p in split_unescaped(line, ";")]
        found.append((parts + [""] * count)[:count])
    return found


def _types(text: str) -> tuple[str, ...]:
    return tuple(t for t in text.split(",") if t)


def _handle_parts(handle: Handle) -> list[str]:
    return [handle.label, ",".join(handle.types), handle.service, handle.address,
            handle.written_as, handle.service_type]  # fmt: skip


def cells(draft: ContactDraft) -> list[str]:
    """The cells of COLUMNS for a draft."""
    return [
        draft.name_prefix,
        draft.middle_name,
        draft.name_suffix,
        _lines([[v] for v in draft.nicknames]),
        _lines([[v] for v in draft.org_units]),
        _lines([[v] for v in draft.more_titles]),
        _lines([[v] for v in draft.roles]),
        _lines([[a.label, ",".join(a.types), *a.parts()] for a in draft.addresses]),
        _lines([_handle_parts(h) for h in draft.handles]),
        _lines([[d.label, ",".join(d.types), d.value] for d in draft.dates]),
        draft.gender,
        _lines([[r.label, ",".join(r.types), r.value, r.written_as] for r in draft.related]),
    ]


def fill(draft: ContactDraft, values: dict[str, str]) -> None:
    """Read COLUMNS (keys lower case, as the CSV reader gives them) into a draft."""

    def cell(name: str) -> str:
        return values.get(name.lower(), "")

    # As written, as the other cells of our own CSV are.
    draft.name_prefix = cell("Name Prefix")
    draft.middle_name = cell("Middle Name")
    draft.name_suffix = cell("Name Suffix")
    draft.gender = cell("Gender")
    for column, name in (("Nicknames", "nicknames"), ("Organization Units", "org_units"),
                         ("More Titles", "more_titles"), ("Roles", "roles")):  # fmt: skip
        setattr(draft, name, [item[0] for item in _items(cell(column), 1)])
    draft.addresses = [
        PostalAddress.from_parts(label, parts, _types(types))
        for label, types, *parts in _items(cell("Addresses"), 9)
    ]
    draft.handles = [
        Handle(service, address, label, _types(types), written_as or "IMPP", service_type)
        for label, types, service, address, written_as, service_type in _items(cell("Handles"), 6)
    ]
    draft.dates = [LabeledValue(lb, v, _types(t)) for lb, t, v in _items(cell("Dates"), 3)]
    # The form a related person was written in: a fourth part (older files have three).
    draft.related = [
        LabeledValue(lb, v, _types(t), (), written_as)
        for lb, t, v, written_as in _items(cell("Related"), 4)
    ]
