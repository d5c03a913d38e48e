"""The lines of the whole card that vobject does not write for us (vcard.card_text
writes FN, N, UID, ORG, BDAY, NOTE, CATEGORIES and PHOTO): every one in a form that
vcard_parts reads back to the same draft, so export -> import -> export is the
identity.
"""

from __future__ import annotations

import re

from networker.domain.contacts import (
    ContactDraft,
    Handle,
    LabeledValue,
    PostalAddress,
    Source,
    normalize_label,
)
from networker.formats.vcard_lines import escape, types_to_write
from networker.formats.vcard_parts import (
    ANNIVERSARY,
    APPLE_LABELS,
    APPLE_RELATED,
    RELATED_PROPERTIES,
    caret_encoded,
)
from networker.formats.vcard_versions import spelled_for

_NEEDS_QUOTES = re.compile(r"[,;:]")
_ITEM_GROUP = re.compile(r"^item(\d+)\.", re.IGNORECASE)


def param(key: str, values: tuple[str, ...] | list[str]) -> str:
    """;KEY=v1,v2 with RFC 6868 caret encoding, quoted where a value needs it."""
    written = []
    for value in values:
        encoded = caret_encoded(" ".join(value.split()) if "\n" not in value else value)
        written.append(f'"{encoded}"' if _NEEDS_QUOTES.search(encoded) else encoded)
    return f";{key}={','.join(written)}" if written else ""


def _labeled_params(
    name: str, label: str, types: tuple[str, ...], kept: tuple[str, ...], *, version: str
) -> str:
    # Labels are one short line (normalize_label), as the reader gives them back.
    write_types, custom = types_to_write(normalize_label(label), types)
    # Spelled as the version written has them (pref, INTERNET...): vcard_versions.
    write_types, kept = spelled_for(name, write_types, kept, version)
    return param("TYPE", write_types) + (param("X-LABEL", [custom]) if custom else "") + _kept(kept)


# A kept parameter as the reader took it from one line: a name, "=", and a value with
# no line break or colon outside quotes (anything else is not written: RELIABILITY 37).
_VALUE = r'(?:"[^"\r\n]*"|[^";:,\r\n]*)'
_SAFE_PARAM = re.compile(rf"[A-Za-z0-9-]+={_VALUE}(?:,{_VALUE})*")


def _kept(params: tuple[str, ...]) -> str:
    return "".join(f";{p}" for p in params if _SAFE_PARAM.fullmatch(p))


def _one_line(value: str) -> str:
    # Values that are written as they were read (gender) can never carry a line break.
    return " ".join(value.splitlines())


def part_lines(draft: ContactDraft, *, version: str, archived: bool) -> list[str]:
    """The card's other lines, unfolded, in a fixed order."""
    lines: list[str] = []
    # One line per nickname (RFC 6350 allows several): vobject, which Radicale stores
    # cards with and khard reads them with, keeps only the first of a comma list.
    lines += [f"NICKNAME:{escape(n)}" for n in draft.nicknames]
    lines += [f"TITLE:{escape(t)}" for t in draft.more_titles]
    lines += [f"ROLE:{escape(r)}" for r in draft.roles]
    for name, items in (("EMAIL", draft.emails), ("TEL", draft.phones), ("URL", draft.urls)):
        lines += [
            f"{name}{_labeled_params(name, i.label, i.types, i.params, version=version)}:"
            f"{escape(i.value)}"
            for i in items
        ]
    lines += [_address_line(a, version) for a in draft.addresses]
    lines += [_handle_line(h, version) for h in draft.handles]
    if draft.gender:
        lines.append(f"{'GENDER' if version == '4.0' else 'X-GENDER'}:{_one_line(draft.gender)}")
    group = _free_group(draft.extras)
    for related in draft.related:
        written, group = _related_lines(related, version=version, group=group)
        lines += written
    lines += _date_lines(draft.dates, version=version, first_group=group)
    lines += _networker_lines(draft, archived)
    return lines


def _address_line(address: PostalAddress, version: str) -> str:
    value = ";".join(escape(part) for part in address.parts())
    params = _labeled_params("ADR", address.label, address.types, address.params, version=version)
    return f"ADR{params}:{value}"


def _handle_line(handle: Handle, version: str) -> str:
    params = _labeled_params("IMPP", handle.label, handle.types, handle.params, version=version)
    if handle.written_as != "IMPP":
        return f"{handle.written_as}{params}:{escape(handle.address)}"
    if handle.service_type:
        params += param("X-SERVICE-TYPE", [handle.service_type])
    value = f"{handle.service}:{handle.address}" if handle.service else handle.address
    return f"IMPP{params}:{escape(value)}"


# A value that is a URI (urn:uuid:…, mailto:…) is RELATED's default; any other is text.
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
# Apple's built-in relations for the vCard 4 types that have one.
_APPLE_RELATIONS = {"spouse": "Spouse", "child": "Child", "parent": "Parent", "friend": "Friend"}


def _related_lines(related: LabeledValue, *, version: str, group: int) -> tuple[list[str], int]:
    """A related person in the form it was read in: RELATED, Apple's X-ABRELATEDNAMES
    with its X-ABLabel, or a client's X-SPOUSE (while its label is still that relation).
    One added in Networker is RELATED in 4.0; 3.0 has no RELATED, so it is written as
    Apple's, which Apple Contacts, Google and DAVx5 read. Gives the lines and the next
    free item group."""
    value = escape(related.value)
    form = related.written_as
    relation = RELATED_PROPERTIES.get(form.upper())
    if relation is not None and related.label == relation and not related.types:
        return [f"{form}:{value}"], group
    name = normalize_label(related.label)
    if form.upper() == "RELATED" or (version == "4.0" and form.upper() != APPLE_RELATED):
        label = param("X-LABEL", [name]) if name else ""
        text = "" if _URI.match(related.value) else ";VALUE=text"
        head = f"RELATED{param('TYPE', related.types)}{label}{text}{_kept(related.params)}"
        return [f"{head}:{value}"], group
    if not name:
        words = [t for t in related.types if t.lower() != "pref"]
        name = next((_APPLE_RELATIONS[t.lower()] for t in words if t.lower() in _APPLE_RELATIONS),
                    normalize_label(words[0]) if words else "")  # fmt: skip
    prop = form if form.upper() == APPLE_RELATED else APPLE_RELATED
    line = f"{prop}{param('TYPE', related.types)}{_kept(related.params)}:{value}"
    if not name:
        return [line], group
    label = f"_$!<{name}>!$_" if name in APPLE_LABELS else name
    return [f"item{group}.{line}", f"item{group}.X-ABLabel:{escape(label)}"], group + 1


def _free_group(extras: list[str]) -> int:
    """The first Apple item number no kept line uses."""
    used = [int(m.group(1)) for line in extras if (m := _ITEM_GROUP.match(line))]
    return max(used, default=0) + 1


def _date_lines(dates: list[LabeledValue], *, version: str, first_group: int) -> list[str]:
    """An anniversary as (X-)ANNIVERSARY; any other date as Apple writes one: an
    X-ABDATE with an X-ABLabel in the same item group."""
    lines: list[str] = []
    group = first_group
    for date in dates:
        value = escape(date.value)
        if date.label == ANNIVERSARY and not date.types:
            lines.append(f"{'ANNIVERSARY' if version == '4.0' else 'X-ANNIVERSARY'}:{value}")
            continue
        label = f"_$!<{date.label}>!$_" if date.label in APPLE_LABELS else date.label
        lines.append(f"item{group}.X-ABDATE{param('TYPE', date.types)}:{value}")
        lines.append(f"item{group}.X-ABLabel:{escape(label)}")
        group += 1
    return lines


def _networker_lines(draft: ContactDraft, archived: bool) -> list[str]:
    """Networker's own fields: read back by Networker, ignored by other clients."""
    fields = (
        ("HOW-WE-MET", draft.how_we_met),
        ("SOURCE", draft.source.value if draft.source is not Source.OTHER else ""),
        ("SCHOOL", draft.school),
        ("STRENGTH", "" if draft.strength is None else str(draft.strength)),
        ("KEEP-IN-TOUCH-DAYS", "" if draft.cadence_days is None else str(draft.cadence_days)),
        ("ARCHIVED", "TRUE" if archived else ""),
    )
    return [f"X-NETWORKER-{name}:{escape(value)}" for name, value in fields if value]
