"""The whole card, read from its lines: name parts, nicknames, organization and units,
titles and roles, emails, phones and web addresses with their types, postal
addresses, handles, dates, gender, related people, Networker's own X-NETWORKER-*
fields, and every other property kept verbatim for export.

vcard.py leaves FN, BDAY, NOTE, CATEGORIES, PHOTO and UID to vobject and the rest
to this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from networker.domain.contacts import (
    ADDRESS_MAX,
    CADENCE_MAX_DAYS,
    NAME_MAX,
    NOTES_MAX,
    ContactDraft,
    Handle,
    LabeledValue,
    PostalAddress,
    Source,
    is_linkedin_url,
    normalize_label,
)
from networker.formats.vcard_lines import (
    RawProperty,
    components,
    kept_types,
    label_from_types,
    raw_properties,
    split_unescaped,
    unescape,
)

# The X- properties clients write for a handle, and the service each names.
HANDLE_PROPERTIES = {
    "X-AIM": "aim", "X-GTALK": "gtalk", "X-GOOGLE-TALK": "gtalk", "X-JABBER": "xmpp",
    "X-MSN": "msn", "X-YAHOO": "yahoo", "X-ICQ": "icq", "X-SKYPE": "skype",
    "X-SKYPE-USERNAME": "skype", "X-QQ": "qq", "X-GADUGADU": "gadugadu",
    "X-GROUPWISE": "groupwise", "X-TWITTER": "twitter", "X-SIP": "sip",
}  # fmt: skip
# The properties other clients write for one related person (no parameters), and the
# relation each names: Thunderbird add-ons, Evolution, KAddressBook, Outlook.
RELATED_PROPERTIES = {
    "X-SPOUSE": "Spouse", "X-MANAGER": "Manager", "X-ASSISTANT": "Assistant",
    "X-EVOLUTION-SPOUSE": "Spouse", "X-EVOLUTION-MANAGER": "Manager",
    "X-EVOLUTION-ASSISTANT": "Assistant", "X-KADDRESSBOOK-X-SPOUSESNAME": "Spouse",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "Manager", "X-KADDRESSBOOK-X-ASSISTANTSNAME": "Assistant",
    "X-MS-SPOUSE": "Spouse", "X-MS-MANAGER": "Manager", "X-MS-ASSISTANT": "Assistant",
}  # fmt: skip
APPLE_RELATED = "X-ABRELATEDNAMES"  # Apple's related name, its relation in an X-ABLabel
ANNIVERSARY = "anniversary"  # the label of a date written as (X-)ANNIVERSARY
# Networker's own fields, read back by Networker and ignored by other clients.
NETWORKER = {
    "X-NETWORKER-HOW-WE-MET": "how_we_met", "X-NETWORKER-SOURCE": "source",
    "X-NETWORKER-SCHOOL": "school", "X-NETWORKER-STRENGTH": "strength",
    "X-NETWORKER-KEEP-IN-TOUCH-DAYS": "cadence_days", "X-NETWORKER-ARCHIVED": "archived",
}  # fmt: skip
# Read by vobject in vcard.py (a second FN, BDAY or UID is kept as written, below).
VOBJECT_READS = frozenset({"FN", "BDAY", "CATEGORIES", "PHOTO", "UID"})
# What says nothing about the person: the writing program and the time it wrote.
DROPPED = frozenset({"PRODID", "REV", "PROFILE"})
_ONE_ONLY = frozenset({"FN", "N", "ORG", "BDAY", "UID", "GENDER", "X-GENDER"})
# Apple's built-in labels, written as _$!<Name>!$_ so Contacts shows them translated.
APPLE_LABELS = frozenset({
    "Anniversary", "Other", "Home", "Work", "HomePage", "Mobile", "Main", "HomeFAX",
    "WorkFAX", "Pager", "Father", "Mother", "Parent", "Brother", "Sister", "Child",
    "Friend", "Spouse", "Partner", "Assistant", "Manager",
})  # fmt: skip
KEPT_MAX = 1536 * 1024  # a kept line (a KEY, a LOGO) may be long; a photo's limit applies


@dataclass
class CardParts:
    """What the lines add to the draft vobject's part began."""

    archived: bool = False
    warnings: list[str] = field(default_factory=list)


def read_parts(text: str, draft: ContactDraft, *, version_21: bool) -> CardParts:
    """Fill ``draft`` from the card's lines (``text``: unfolded, quoted-printable
    decoded); every property not read into a field is kept in draft.extras."""
    props = raw_properties(text)
    labels = {
        p.group.upper(): apple_label(unescape(p.value))
        for p in props
        if p.name == "X-ABLABEL" and p.group
    }
    parts = CardParts()
    seen: set[str] = set()
    kept: list[RawProperty] = []
    read_groups: set[str] = set()
    for prop in props:
        first = prop.name not in seen
        seen.add(prop.name)
        if not _read(prop, draft, parts, labels, first=first):
            kept.append(prop)
        elif prop.group:
            read_groups.add(prop.group.upper())
    for prop in kept:
        if prop.name == "X-ABLABEL" and prop.group.upper() in read_groups:
            continue  # the label of a property read into a field: written as its X-LABEL
        if not prop.well_formed():
            parts.warnings.append(f"{prop.name[:40]} left out: it is not a well-formed line")
            continue
        line = version_30_line(prop) if version_21 else prop.line
        # A bare CR inside a value is a line break (CR and CRLF read as LF): escaped, so
        # the kept line stays one line.
        line = line.replace("\r", "\\n")
        if len(line) > KEPT_MAX:
            parts.warnings.append(f"{prop.name[:40]} left out: longer than 1.5 MB")
        else:
            draft.extras.append(line)
    return parts


def apple_label(text: str) -> str:
    """Apple's X-ABLabel: "_$!<Other>!$_" is its built-in "Other"."""
    if text.startswith("_$!<") and text.endswith(">!$_"):
        text = text[4:-4]
    return normalize_label(text)


def _label(prop: RawProperty, labels: dict[str, str]) -> str:
    if prop.group and prop.group.upper() in labels:
        return labels[prop.group.upper()]
    if given := prop.param("X-LABEL"):
        return normalize_label(caret_decoded(given.strip('"')))
    return label_from_types(prop.types())


def _labeled(prop: RawProperty, labels: dict[str, str], value: str) -> LabeledValue:
    label = _label(prop, labels)
    return LabeledValue(label, value, kept_types(label, prop.types()), kept_params(prop))


# Parameters Networker reads or rewrites itself, or that describe the file's encoding
# rather than the value: the others (PREF, LABEL, MEDIATYPE, PID, ALTID, X-…) are kept.
_OWN_PARAMS = frozenset({"TYPE", "X-LABEL", "VALUE", "CHARSET", "ENCODING", "X-ABLABEL"})


def kept_params(prop: RawProperty) -> tuple[str, ...]:
    """A property's parameters Networker does not model, as written ("PREF=1")."""
    if not prop.well_formed():
        return ()
    return tuple(
        f"{key}={value}"
        for key, value in prop.params
        if value is not None and key not in _OWN_PARAMS and not any(c in value for c in "\r\n")
    )


def clean(value: str, cap: int = NAME_MAX) -> str:
    """One line of text: white space (line breaks included) collapsed, NULs gone."""
    return " ".join(value.replace("\x00", "").split())[:cap]


def clean_lines(value: str, cap: int = ADDRESS_MAX) -> str:
    """Text whose line breaks mean something (a street): each line cleaned."""
    lines = (clean(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)[:cap]


def _read(
    prop: RawProperty, draft: ContactDraft, parts: CardParts, labels: dict[str, str], *,
    first: bool,
) -> bool:  # fmt: skip
    """Read one property into the draft; False when it is to be kept as written."""
    name = prop.name
    if name in DROPPED or (name in _ONE_ONLY and not first):
        return name in DROPPED
    if name in VOBJECT_READS:
        # PHOTO: vcard.py reads data, a link is kept as written (never fetched).
        return not (name == "PHOTO" and _is_link(prop))
    if name == "N":
        family, given, middle, prefix, suffix = (clean(p) for p in components(prop.value, 5))
        draft.family_name, draft.given_name, draft.middle_name = family, given, middle
        draft.name_prefix, draft.name_suffix = prefix, suffix
    elif name == "NICKNAME":
        for nickname in split_unescaped(prop.value, ","):
            if (text := clean(unescape(nickname))) and text not in draft.nicknames:
                draft.nicknames.append(text)
    elif name == "ORG":
        organization, *units = (clean(p) for p in components(prop.value, 0))
        draft.organization = organization
        draft.org_units = units if any(units) else []
    elif name == "TITLE":
        if title := clean(unescape(prop.value)):
            if draft.title:
                draft.more_titles.append(title)
            else:
                draft.title = title
    elif name == "ROLE":
        if role := clean(unescape(prop.value)):
            draft.roles.append(role)
    elif name in ("EMAIL", "TEL", "URL"):
        _read_address_like(prop, draft, labels)
    elif name == "ADR":
        _read_postal(prop, draft, labels)
    elif name == "IMPP" or name in HANDLE_PROPERTIES:
        _read_handle(prop, draft, labels)
    elif name in ("ANNIVERSARY", "X-ANNIVERSARY"):
        if value := clean(unescape(prop.value), 64):
            draft.dates.append(LabeledValue(ANNIVERSARY, value))
    elif name == "X-ABDATE" and prop.group:
        if value := clean(unescape(prop.value), 64):
            draft.dates.append(_labeled(prop, labels, value))
    elif name in ("GENDER", "X-GENDER"):
        if draft.gender:
            return False  # both forms on one card: the second is kept as written
        draft.gender = clean(_gender(prop.value), 256)
    elif name in ("RELATED", APPLE_RELATED) or (
        name in RELATED_PROPERTIES and not prop.params and not prop.group
    ):
        _read_related(prop, draft, labels)
    elif name == "NOTE":
        note = unescape(prop.value).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
        draft.notes = (draft.notes + "\n" + note).strip()[:NOTES_MAX]
    elif name in NETWORKER:
        _read_networker(NETWORKER[name], unescape(prop.value), draft, parts)
    else:
        return False  # kept (an X-ABLabel too, unless its property was read: see above)
    return True


# GENDER as vobject writes it (Radicale stores every card so): one text, the ";" after
# the sex escaped, "F\\;she/her" for "F;she/her".
_VOBJECT_GENDER = re.compile(r"[MFONU]\\;", re.IGNORECASE)


def _gender(value: str) -> str:
    """A gender as written ("M", "F;she/her"), or vobject's escaped form of one read back."""
    if _VOBJECT_GENDER.match(value) and len(split_unescaped(value, ";")) == 1:
        return unescape(value)
    return value


def _is_link(prop: RawProperty) -> bool:
    value = prop.value.strip().lower()
    return value.startswith(("http:", "https:", "file:", "ftp:", "cid:")) or (
        (prop.param("VALUE") or "").strip('"').lower() in ("uri", "url")
        and not value.startswith("data:")
    )


def _read_address_like(prop: RawProperty, draft: ContactDraft, labels: dict[str, str]) -> None:
    value = clean(unescape(prop.value), ADDRESS_MAX)
    if prop.name == "EMAIL":
        value = value.removeprefix("mailto:")
    elif prop.name == "TEL":
        value = value.removeprefix("tel:")
    if not value:
        return
    item = _labeled(prop, labels, value)
    if prop.name == "EMAIL":
        draft.emails.append(item)
    elif prop.name == "TEL":
        draft.phones.append(item)
    else:
        label = "LinkedIn" if is_linkedin_url(value) else (item.label or "website")
        draft.urls.append(
            LabeledValue(label, value, kept_types(label, prop.types()), kept_params(prop))
        )


def _read_related(prop: RawProperty, draft: ContactDraft, labels: dict[str, str]) -> None:
    """A related person, with the property it was written as (spelled as written), so
    that it goes back in the same form."""
    value = clean(unescape(prop.value), ADDRESS_MAX)
    if not value:
        return
    written_as = written_name(prop)
    if prop.name in RELATED_PROPERTIES:
        draft.related.append(LabeledValue(RELATED_PROPERTIES[prop.name], value, (), (), written_as))
        return
    # RELATED: the relation is in the types ("spouse", "colleague"), a label only when
    # given; Apple's: in the X-ABLabel of its item group.
    label = labels.get(prop.group.upper(), "") if prop.group else ""
    if not label and (given := prop.param("X-LABEL")):
        label = normalize_label(caret_decoded(given.strip('"')))
    draft.related.append(LabeledValue(label, value, prop.types(), kept_params(prop), written_as))


_RELATED_NAMES = frozenset({"RELATED", APPLE_RELATED, *RELATED_PROPERTIES})


def related_from_kept(draft: ContactDraft) -> ContactDraft:
    """``draft`` with the related people that a build before this reader kept as lines
    (X-ABRELATEDNAMES with its X-ABLabel, X-SPOUSE...) read into its related people,
    so that a file imported again does not add them a second time; ``draft`` itself
    when it has none."""
    first = {line: found[0] for line in draft.extras if (found := raw_properties(line))}
    groups = {p.group.upper() for p in first.values() if p.name in _RELATED_NAMES and p.group}
    chosen = [
        line for line, p in first.items()
        if p.name in _RELATED_NAMES or (p.name == "X-ABLABEL" and p.group.upper() in groups)
    ]  # fmt: skip
    if not chosen:
        return draft
    scratch = ContactDraft()
    read_parts("\n".join(chosen), scratch, version_21=False)
    if not scratch.related:
        return draft
    moved = set(chosen) - set(scratch.extras)
    return replace(
        draft,
        related=[*draft.related, *scratch.related],
        extras=[line for line in draft.extras if line not in moved],
    )


def written_name(prop: RawProperty) -> str:
    """A property's name with the case it was written in ("X-KADDRESSBOOK-X-SpousesName")."""
    start = len(prop.group) + 1 if prop.group else 0
    return prop.line[start : start + len(prop.name)]


def _read_postal(prop: RawProperty, draft: ContactDraft, labels: dict[str, str]) -> None:
    parts = [clean_lines(p) for p in components(prop.value, 7)]
    if not any(parts):
        return
    label = _label(prop, labels)
    draft.addresses.append(
        PostalAddress.from_parts(label, parts, kept_types(label, prop.types()), kept_params(prop))
    )


def _read_handle(prop: RawProperty, draft: ContactDraft, labels: dict[str, str]) -> None:
    value = clean(unescape(prop.value), ADDRESS_MAX)
    if not value:
        return
    if prop.name == "IMPP":
        scheme, sep, address = value.partition(":")
        service, address = (scheme, clean(address)) if sep else ("", value)
    else:
        service, address = HANDLE_PROPERTIES[prop.name], value
    label = _label(prop, labels)
    service_type = clean(caret_decoded((prop.param("X-SERVICE-TYPE") or "").strip('"')))
    params = tuple(p for p in kept_params(prop) if not p.upper().startswith("X-SERVICE-TYPE="))
    types = kept_types(label, prop.types())
    draft.handles.append(Handle(service, address, label, types, prop.name, service_type, params))


def _read_networker(name: str, value: str, draft: ContactDraft, parts: CardParts) -> None:
    if name == "archived":
        parts.archived = value.strip().upper() == "TRUE"
    elif name == "source":
        try:
            draft.source = Source(value.strip())
        except ValueError:
            parts.warnings.append(f"unknown source “{clean(value, 40)}”: left as Other")
    elif name in ("strength", "cadence_days"):
        number = int(value) if value.strip().isdigit() else 0
        top = 5 if name == "strength" else CADENCE_MAX_DAYS
        if 1 <= number <= top:
            setattr(draft, name, number)
    elif name == "how_we_met":
        draft.how_we_met = value.replace("\r\n", "\n").replace("\r", "\n")[:NOTES_MAX]
    else:
        setattr(draft, name, clean(value))


def version_30_line(prop: RawProperty) -> str:
    """A kept 2.1 line in 3.0 syntax: bare parameters as TYPE, BASE64 as b; the
    quoted-printable and charset parameters are gone (the value was decoded)."""
    params: list[str] = []
    for key, value in prop.params:
        if key in ("CHARSET", "QUOTED-PRINTABLE") or (
            key == "ENCODING" and (value or "").upper() == "QUOTED-PRINTABLE"
        ):
            continue
        if key in ("BASE64", "B") or (key == "ENCODING" and (value or "").upper() == "BASE64"):
            params.append("ENCODING=b")
        elif value is None:
            params.append(f"TYPE={prop.written_key(key)}")
        else:
            params.append(f"{key}={value}")
    group = f"{prop.group}." if prop.group else ""
    head = "".join(f";{p}" for p in params)
    return f"{group}{prop.name}{head}:{prop.value}"


def caret_encoded(value: str) -> str:
    """A parameter value in RFC 6868's caret encoding: ^ ^^, " ^' and a line break ^n."""
    return value.replace("^", "^^").replace('"', "^'").replace("\n", "^n")


def caret_decoded(value: str) -> str:
    out, index = [], 0
    while index < len(value):
        if value[index] == "^" and index + 1 < len(value) and value[index + 1] in "n'^":
            out.append({"n": "\n", "'": '"', "^": "^"}[value[index + 1]])
            index += 2
        else:
            out.append(value[index])
            index += 1
    return "".join(out)
