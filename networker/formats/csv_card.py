"""The card's lists in Networker's own CSV: one cell per list, one line per item, the
parts of an item separated by ";" with vCard's text escapes, so any value (commas,
semicolons, line breaks, ":::") comes back as it was written. Beside them: the vCard
TYPE spellings and other parameters of each email, phone and web address (the Emails,
Phones and Web cells hold label=value), and the vCard lines Networker keeps without
modelling them, one a line, so that export -> import into a fresh folder loses nothing.
"""

from __future__ import annotations

from networker.domain.contacts import ContactDraft, Handle, LabeledValue, PostalAddress
from networker.formats.vcard_lines import escape, raw_properties, split_unescaped, unescape
from networker.formats.vcard_parts import read_parts

COLUMNS = [
    "Name Prefix", "Middle Name", "Name Suffix", "Nicknames", "Organization Units",
    "More Titles", "Roles", "Addresses", "Handles", "Dates", "Gender", "Related",
    "Email Types", "Phone Types", "Web Types", "vCard Extra",
]  # fmt: skip
# (column, draft field) of the TYPE spellings and parameters of each item, in its order.
_TYPED = (("Email Types", "emails"), ("Phone Types", "phones"), ("Web Types", "urls"))
KEPT_LINE_MAX = 1536 * 1024  # as vcard_parts.KEPT_MAX


def _lines(items: list[list[str]]) -> str:
    return "\n".join(";".join(escape(part) for part in item) for item in items)


def _items(cell: str, count: int, *, more: bool = False) -> list[list[str]]:
    # Every line is an item, an empty one too (an organization unit may be empty); with
    # ``more``, the parts after the first ``count`` are kept too.
    found = []
    for line in cell.replace("\r\n", "\n").split("\n") if cell else []:
        parts = [unescape(p) for p in split_unescaped(line, ";")]
        found.append((parts + [""] * count) if more else (parts + [""] * count)[:count])
    return found


def _params(parts: list[str]) -> tuple[str, ...]:
    # A parameter is one line of a vCard: never a line break.
    return tuple(p for p in parts if p and "\n" not in p and "\r" not in p)


def _types(text: str) -> tuple[str, ...]:
    return tuple(t for t in text.split(",") if t)


def _handle_parts(handle: Handle) -> list[str]:
    return [handle.label, ",".join(handle.types), handle.service, handle.address,
            handle.written_as, handle.service_type, *handle.params]  # fmt: skip


def _typed_cell(items: list[LabeledValue]) -> str:
    # Each item's types (comma-joined) and its other parameters; "" when none has any.
    if not any(i.types or i.params for i in items):
        return ""
    return _lines([[",".join(i.types), *i.params] for i in items])


def _with_types(items: list[LabeledValue], cell: str) -> list[LabeledValue]:
    lines = cell.replace("\r\n", "\n").split("\n") if cell else []
    found = []
    for index, item in enumerate(items):
        parts = (
            [unescape(p) for p in split_unescaped(lines[index], ";")] if index < len(lines) else []
        )
        types = _types(parts[0]) if parts else ()
        params = _params(parts[1:])
        found.append(LabeledValue(item.label, item.value, types, params, item.written_as))
    return found


# Read first, so that a kept line of these is a second one, kept as a vCard keeps it.
_ONE_ONLY_FIRST = "FN:x\nN:x\nORG:x\nBDAY:x\nUID:x\nGENDER:x\nX-GENDER:x\n"


def kept_lines(cell: str, warnings: list[str]) -> list[str]:
    """The lines of a vCard Extra cell that a vCard reader would keep as they are: one
    well-formed property each that Networker does not read into a field (no BEGIN, END
    or VERSION, nothing that could end the card, no EMAIL or X-NETWORKER-ARCHIVED
    slipped in); the others are left out, with a warning."""
    candidates = []
    for line in cell.replace("\r\n", "\n").split("\n") if cell else []:
        found = raw_properties(line) if "\r" not in line and len(line) <= KEPT_LINE_MAX else []
        if len(found) == 1 and found[0].line == line and found[0].well_formed():
            candidates.append(line)
        elif line.strip():
            warnings.append(f"a vCard Extra line that is no vCard property left out: {line[:40]}")
    scratch = ContactDraft()
    read_parts(_ONE_ONLY_FIRST + "\n".join(candidates), scratch, version_21=False)
    kept = set(scratch.extras)
    for line in candidates:
        if line not in kept:
            warnings.append(f"a vCard Extra line of a field Networker reads left out: {line[:40]}")
    return [line for line in candidates if line in kept]


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
        # An address's other parameters (LABEL="…") after its parts (older files: none).
        _lines([[a.label, ",".join(a.types), *a.parts(), *a.params] for a in draft.addresses]),
        _lines([_handle_parts(h) for h in draft.handles]),
        _lines([[d.label, ",".join(d.types), d.value] for d in draft.dates]),
        draft.gender,
        _lines(
            [[r.label, ",".join(r.types), r.value, r.written_as, *r.params] for r in draft.related]
        ),
        *(_typed_cell(getattr(draft, name)) for _column, name in _TYPED),
        "\n".join(draft.extras),
    ]


def fill(draft: ContactDraft, values: dict[str, str], warnings: list[str]) -> None:
    """Read COLUMNS (keys lower case, as the CSV reader gives them) into a draft; the
    emails, phones and web addresses are read already (their types are added)."""

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
        PostalAddress.from_parts(label, parts[:7], _types(types), _params(parts[7:]))
        for label, types, *parts in _items(cell("Addresses"), 9, more=True)
    ]
    # A handle's other parameters (PREF=1) after its six parts (older files: none).
    draft.handles = [
        Handle(service, address, label, _types(types), written_as or "IMPP", service_type,
               _params(more))
        for label, types, service, address, written_as, service_type, *more
        in _items(cell("Handles"), 6, more=True)
    ]  # fmt: skip
    draft.dates = [LabeledValue(lb, v, _types(t)) for lb, t, v in _items(cell("Dates"), 3)]
    # The form a related person was written in: a fourth part (older files have three),
    # then its other parameters.
    draft.related = [
        LabeledValue(lb, v, _types(t), _params(more), written_as)
        for lb, t, v, written_as, *more in _items(cell("Related"), 4, more=True)
    ]
    for column, name in _TYPED:
        setattr(draft, name, _with_types(getattr(draft, name), cell(column)))
    draft.extras = kept_lines(cell("vCard Extra"), warnings)
