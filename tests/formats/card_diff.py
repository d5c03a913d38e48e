"""What a card lost or changed between a vCard file and Networker's export of it.

Every property of the input must appear in the export with the same value (compared
as text: escapes undone, white space runs made one space, structured parts as parts),
except the deliberate changes listed in DELIBERATE; each difference is returned with
its reason, or with none (a failure).
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections import Counter
from dataclasses import dataclass

from networker.domain.contacts import parse_birthday
from networker.formats import vcard
from networker.formats.vcard_lines import RawProperty, components, raw_properties, unescape
from networker.formats.vcard_parts import HANDLE_PROPERTIES, kept_params
from networker.formats.vcard_versions import spelled_for

# The changes Networker makes on purpose, by key; the README's "vCard export" lists them.
DELIBERATE = {
    "writer": "VERSION, PRODID and REV describe the writing program, not the person",
    "photo": "a photo is stored as a small JPEG thumbnail (a link is kept as written)",
    "label": "Apple's X-ABLabel of a property Networker reads becomes its X-LABEL parameter",
    "other-version": "a property of the other vCard version is written in this one's form "
    "(ANNIVERSARY and GENDER are X-ANNIVERSARY and X-GENDER in 3.0, and back in 4.0)",
    "empty": "a property without a value is not written",
    "lists": "a NICKNAME list becomes one line per nickname (vobject-based programs, "
    "Radicale and khard among them, read only a list's first); several CATEGORIES lines "
    "become one; tags repeated in another case are one tag",
    "notes": "several NOTE lines become one note, one line each",
    "birthday": "a birthday is written as YYYY-MM-DD (year-less: 1604 with "
    "X-APPLE-OMIT-YEAR in 3.0, --MMDD in 4.0); a time of day is left out",
    "uri-prefix": "mailto: and tel: before an email or a phone number are left out",
    "warned": "the reader left it out and said so in a warning of the card",
    "second-photo": "only a card's first photo is kept",
    "2.1-syntax": "a 2.1 value is written with 3.0's escapes (2.1 escapes only ; and \\)",
    "version-spelling": "TYPE values and parameters are spelled as the version written has "
    "them (formats/vcard_versions.py): in 4.0 TYPE=pref is PREF=1, EMAIL's INTERNET is left "
    "out and the types 4.0 no longer has are x-names (TEL;TYPE=X-CAR); in 3.0 PREF=n is "
    "TYPE=PREF (3.0 has no ranks), so that a file of one version exported as the other "
    "holds no spelling its readers do not know",
}

_SPACES = re.compile(r"\s+")
_URI_PREFIX = re.compile(r"^(?:mailto|tel):", re.IGNORECASE)
_STRUCTURED = {"N": 5, "ADR": 7, "ORG": 0, "GENDER": 0, "X-GENDER": 0}
_LISTS = {"NICKNAME", "CATEGORIES"}
_WRITER = {"VERSION", "PRODID", "REV", "PROFILE"}
_FORMS = {
    "3.0": {"ANNIVERSARY": "X-ANNIVERSARY", "GENDER": "X-GENDER"},
    "4.0": {"X-ANNIVERSARY": "ANNIVERSARY", "X-GENDER": "GENDER"},
}
# Compared with their TYPE values as written ("TEL;TYPE=work,fax" stays a work fax).
_TYPED = {"EMAIL", "TEL", "ADR", "IMPP", "RELATED", "X-ABRELATEDNAMES"}
# Compared with their other parameters too (PREF=1, LABEL="…", MEDIATYPE=…).
_WITH_PARAMS = {"EMAIL", "TEL", "URL", "ADR", "IMPP", "RELATED", "X-ABRELATEDNAMES"}
# Written with their TYPE values and parameters in the version's spelling.
_SPELLED = {"EMAIL", "TEL", "URL", "ADR", "IMPP", *HANDLE_PROPERTIES}


@dataclass(frozen=True)
class Difference:
    card: int
    name: str
    value: str
    reason: str  # a key of DELIBERATE, or "" for a loss nobody meant


def card_texts(data: bytes) -> list[str]:
    """Each readable card of a file as the reader sees it: unfolded, decoded (2.1's
    quoted-printable and charsets), values as written."""
    texts = []
    for _number, (_line, lines, problem, warnings) in enumerate(
        vcard._split_cards(io.BytesIO(data)), start=1
    ):
        if problem is None:
            texts.append(vcard._prepare(0, 0, lines, warnings).plain)
    return texts


def _same_text(value: str) -> str:
    return _SPACES.sub(" ", value).strip()


def shown(prop: RawProperty, version: str = "") -> str:
    """A property's value as compared: with its types, for the properties in _TYPED;
    with the parameters Networker keeps as written, for those in _WITH_PARAMS; with
    both spelled as ``version`` has them, when one is given."""
    text = _value(prop)
    types, params = prop.types(), kept_params(prop)
    if version:
        types, params = spelled_for(prop.name, types, params, version)
    if prop.name in _TYPED and types:
        text = f"{text} [{','.join(sorted(types))}]"
    if prop.name in _WITH_PARAMS and params:
        text = f"{text} {{{';'.join(params)}}}"
    return text


def _value(prop: RawProperty) -> str:
    name = prop.name
    if name in _STRUCTURED:
        parts = components(prop.value, _STRUCTURED[name])
        while parts and not parts[-1].strip():
            parts.pop()  # ORG:Acme; is ORG:Acme
        return ";".join(_same_text(p) for p in parts)
    return _same_text(unescape(prop.value))


def _items(prop: RawProperty) -> list[str]:
    from networker.formats.vcard_lines import split_unescaped

    return [_same_text(unescape(v)) for v in split_unescaped(prop.value, ",") if v.strip()]


def differences(
    number: int, before: str, after: str, warnings: list[str], version: str = "3.0"
) -> list[Difference]:
    """What of card ``before`` (its text) is not in ``after`` (the export of it)."""
    old = raw_properties(before)
    version_21 = re.search(r"^VERSION:\s*2\.1", before, re.MULTILINE | re.IGNORECASE) is not None
    (unfolded,) = card_texts(after.encode("utf-8"))
    new = raw_properties(unfolded)
    written = Counter((p.name, shown(p)) for p in new)
    items = {name: {i.casefold() for p in new if p.name == name for i in _items(p)}
             for name in _LISTS}  # fmt: skip
    notes = "\n".join(unescape(p.value) for p in new if p.name == "NOTE")
    read_groups = {p.group.upper() for p in old if p.group and p.name in _READ_WITH_LABEL}
    warned = " ".join(warnings).upper()
    found: list[Difference] = []
    photos = 0
    for prop in old:
        value = shown(prop)
        key = (prop.name, value)
        if written[key] > 0:
            written[key] -= 1
            continue
        reason = _reason(prop, value, written, items, notes, read_groups, warned, version,
                         version_21)  # fmt: skip
        if prop.name == "PHOTO":
            photos += 1
            if photos > 1 and not reason:
                reason = "second-photo"
        found.append(Difference(number, prop.name, value[:80], reason))
    return found


# Properties Networker reads with their Apple label (the label becomes X-LABEL).
_READ_WITH_LABEL = {
    "EMAIL", "TEL", "URL", "ADR", "IMPP", "X-ABDATE", "RELATED", "X-ABRELATEDNAMES",
    *HANDLE_PROPERTIES,
}  # fmt: skip


def _reason(
    prop: RawProperty, value: str, written: Counter[tuple[str, str]],
    items: dict[str, set[str]], notes: str, read_groups: set[str], warned: str, version: str,
    version_21: bool,
) -> str:  # fmt: skip
    name = prop.name
    if name in _WRITER:
        return "writer"
    if not value.strip(" ;"):
        return "empty"
    if name == "PHOTO":
        return "photo" if any(n == "PHOTO" for n, _ in written) or "PHOTO" in warned else ""
    if name == "X-ABLABEL" and prop.group.upper() in read_groups:
        return "label"
    other = _FORMS[version].get(name)
    if other is not None and written[(other, value)] > 0:
        written[(other, value)] -= 1
        return "other-version"
    if name in _LISTS and all(i.casefold() in items[name] for i in _items(prop)):
        return "lists"
    if name == "NOTE" and _same_text(unescape(prop.value)) in _same_text(notes):
        return "notes"
    if name == "BDAY" and _birthday_written(value, written):
        return "birthday"
    bare = dataclasses.replace(prop, value=_URI_PREFIX.sub("", prop.value))
    if name in _SPELLED:
        for candidate in (prop, bare):  # spelled for the version, mailto: or tel: left out too
            key = (name, shown(candidate, version))
            if written[key] > 0:
                written[key] -= 1
                return "version-spelling"
    if name in ("EMAIL", "TEL") and bare != prop and written[(name, shown(bare))] > 0:
        return "uri-prefix"
    if name in warned or "LINE SKIPPED" in warned:
        return "warned"
    if version_21 and written[(name, _same_text(_unescape_21(prop.value)))] > 0:
        return "2.1-syntax"
    return ""


def _unescape_21(value: str) -> str:
    return value.replace("\\\\", "\x00").replace("\\;", ";").replace("\x00", "\\")


def _birthday_written(value: str, written: Counter[tuple[str, str]]) -> bool:
    try:
        wanted = vcard._birthday(value.split("T")[0])[0]
    except ValueError:
        return False
    for name, text in written:
        if name == "BDAY":
            try:
                if vcard._birthday(text)[0] == wanted or parse_birthday(text) == wanted:
                    return True
            except ValueError:
                continue
    return False
