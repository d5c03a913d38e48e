"""What a contact is, and the rules its fields follow."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from networker.domain.folding import fold

UNNAMED = "Unnamed contact"

# Caps (docs/limits.md): long enough for any real value, short
# enough that one hostile field cannot stall the window.
NAME_MAX = 1024
ADDRESS_MAX = 2048
NOTES_MAX = 256 * 1024
CADENCE_MAX_DAYS = 3650

EMAIL_LABELS = ("work", "home", "other")
PHONE_LABELS = ("mobile", "work", "home", "other")
URL_LABELS = ("LinkedIn", "website", "other")


class Source(StrEnum):
    """How the user came to know a contact."""

    EVENT = "event"
    ALUMNI = "alumni"
    ASSOCIATION = "association"
    REFERRAL = "referral"
    ONLINE = "online"
    WORK = "work"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    Source.EVENT: "Event",
    Source.ALUMNI: "Alumni network",
    Source.ASSOCIATION: "Professional association",
    Source.REFERRAL: "Referral",
    Source.ONLINE: "Online",
    Source.WORK: "Work",
    Source.OTHER: "Other",
}


@dataclass(frozen=True)
class LabeledValue:
    label: str
    value: str
    # The vCard TYPE values as the client wrote them ("work", "fax"), kept only when they
    # say more than the label, so a work fax stays one and the file's spelling comes back.
    types: tuple[str, ...] = ()
    # The property's other parameters as written ("PREF=1", "MEDIATYPE=text/html"),
    # written back as they came (formats/vcard_parts.kept_params says which).
    params: tuple[str, ...] = ()
    # A related person: the property a client wrote it as, spelled as written
    # ("X-ABRELATEDNAMES", "X-SPOUSE", "RELATED"), so it is written back in that form;
    # "" for one added in Networker (formats/vcard_out.py says what is written then).
    written_as: str = ""


@dataclass(frozen=True)
class Birthday:
    """A birthday; the year is optional (vCard's ``--MMDD``)."""

    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()


_BIRTHDAY_FULL = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_BIRTHDAY_NO_YEAR = re.compile(r"^(?:--)?(\d{2})-?(\d{2})$")


def parse_birthday(text: str) -> Birthday:
    """Read ``YYYY-MM-DD``, ``YYYYMMDD``, ``--MM-DD``, ``--MMDD`` or ``MM-DD``.

    Raises ValueError with a message for people.
    """
    text = text.strip()
    year: int | None
    if match := _BIRTHDAY_FULL.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _BIRTHDAY_NO_YEAR.match(text):
        year = None
        month, day = (int(g) for g in match.groups())
    else:
        raise ValueError("Write a birthday as YYYY-MM-DD, or MM-DD when the year is unknown.")
    try:
        # 2000 is a leap year, so 29 February without a year is accepted.
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        raise ValueError(f"{text} is not a date in the calendar.") from None
    return Birthday(month=month, day=day, year=year)


@dataclass(frozen=True)
class PostalAddress:
    """A vCard ADR: its seven parts in the vCard's order, with the label and types."""

    label: str = ""
    po_box: str = ""
    extended: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    types: tuple[str, ...] = ()
    params: tuple[str, ...] = ()  # the ADR's other parameters as written (LABEL="…")

    @classmethod
    def from_parts(
        cls,
        label: str,
        parts: Sequence[str],
        types: tuple[str, ...] = (),
        params: tuple[str, ...] = (),
    ) -> PostalAddress:
        """From the seven parts in the vCard's order (missing ones are empty)."""
        box, extended, street, locality, region, code, country = (list(parts) + [""] * 7)[:7]
        return cls(label, box, extended, street, locality, region, code, country, types, params)

    def parts(self) -> tuple[str, str, str, str, str, str, str]:
        return (self.po_box, self.extended, self.street, self.locality, self.region,
                self.postal_code, self.country)  # fmt: skip

    def one_line(self) -> str:
        """The address as one line of text for people: its filled parts, comma-separated."""
        return ", ".join(" ".join(part.split()) for part in self.parts() if part.strip())


@dataclass(frozen=True)
class Handle:
    """An instant-messaging or social handle (vCard IMPP, or an X- property such as
    X-SKYPE), kept in the form the client wrote it so that it is written back so."""

    service: str  # "skype", "xmpp", "aim"...: the URI scheme or the X- property's service
    address: str  # the user name or address, without the scheme
    label: str = ""
    types: tuple[str, ...] = ()
    written_as: str = "IMPP"  # "IMPP", or the X- property's name ("X-SKYPE")
    service_type: str = ""  # Apple's X-SERVICE-TYPE parameter ("Skype")
    params: tuple[str, ...] = ()  # its other parameters as written ("PREF=1"), as LabeledValue's

    def service_name(self) -> str:
        """The service as people call it ("Skype" for skype: or X-SKYPE)."""
        return self.service_type or SERVICE_NAMES.get(self.service.lower(), self.service)

    def shown(self) -> str:
        service = self.service_name()
        return f"{service}: {self.address}" if service else self.address


# How a handle's service is shown; the X- properties clients write, by service.
SERVICE_NAMES = {
    "aim": "AIM", "gtalk": "Google Talk", "xmpp": "Jabber", "jabber": "Jabber",
    "msn": "MSN", "msnim": "MSN", "yahoo": "Yahoo", "ymsgr": "Yahoo", "icq": "ICQ",
    "skype": "Skype", "qq": "QQ", "sip": "SIP", "irc": "IRC", "twitter": "Twitter",
    "gadugadu": "Gadu-Gadu", "groupwise": "GroupWise", "matrix": "Matrix",
}  # fmt: skip


@dataclass
class ContactDraft:
    """Every field a user can edit on a contact: what the editor and importers produce."""

    given_name: str = ""
    family_name: str = ""
    display_name: str = ""
    organization: str = ""
    title: str = ""
    emails: list[LabeledValue] = field(default_factory=list)
    phones: list[LabeledValue] = field(default_factory=list)
    urls: list[LabeledValue] = field(default_factory=list)
    birthday: Birthday | None = None
    photo: bytes | None = None
    notes: str = ""
    how_we_met: str = ""
    source: Source = Source.OTHER
    school: str = ""
    tags: list[str] = field(default_factory=list)
    strength: int | None = None
    cadence_days: int | None = None
    uid: str = ""
    # vCard properties we do not model (KEY, GEO, X-...), kept verbatim so that export
    # gives them back.
    extras: list[str] = field(default_factory=list)
    # The rest of the card (issue 10): structured name parts, nicknames, organization
    # units, more titles and roles, addresses, handles, dates, gender, related people.
    name_prefix: str = ""
    middle_name: str = ""
    name_suffix: str = ""
    nicknames: list[str] = field(default_factory=list)
    org_units: list[str] = field(default_factory=list)
    more_titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    addresses: list[PostalAddress] = field(default_factory=list)
    handles: list[Handle] = field(default_factory=list)
    dates: list[LabeledValue] = field(default_factory=list)  # "anniversary" or a custom label
    gender: str = ""  # as written: "F", "M;he/him", "O;non-binary"
    related: list[LabeledValue] = field(default_factory=list)  # label: the relation


@dataclass(frozen=True)
class Relationship:
    """How the user knows a contact and keeps in touch: what a bulk change sets."""

    source: Source
    strength: int | None
    cadence_days: int | None


def relationship_problem(strength: int | None, cadence_days: int | None) -> str:
    """What is wrong with a strength or a cadence, in words; "" when nothing."""
    if strength is not None and not 1 <= strength <= 5:
        return "Strength is from 1 to 5."
    if cadence_days is not None and not 1 <= cadence_days <= CADENCE_MAX_DAYS:
        return f"Keep in touch every 1 to {CADENCE_MAX_DAYS:,} days."
    return ""


@dataclass(frozen=True)
class ContactRecord:
    """A stored contact: its draft plus what only storage knows."""

    id: int
    draft: ContactDraft
    created_at: dt.datetime
    updated_at: dt.datetime
    archived: bool


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


def new_uid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def effective_display_name(draft: ContactDraft) -> str:
    """The name shown for a contact: what the user typed, else what we can build."""
    for candidate in (
        draft.display_name,
        f"{draft.given_name} {draft.family_name}",
        draft.organization,
        draft.emails[0].value if draft.emails else "",
    ):
        candidate = " ".join(candidate.split())
        if candidate:
            return candidate
    return UNNAMED


def normalize_label(label: str) -> str:
    """A label ("work", "Assistant", Apple's X-ABLabel, a CSV type cell) is one short line
    of text: control characters are dropped and any run of white space, line breaks
    included, becomes one space, so no label can carry a line into a file we write."""
    if label.isprintable() and "  " not in label and label == label.strip():
        return label[:NAME_MAX]  # the usual case, at no cost
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in label
        # Controls go; format characters stay (the joiner inside an emoji family).
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return " ".join(kept.split())[:NAME_MAX]


def sort_key(name: str) -> str:
    """How the list orders names: folded as search folds them, so Ángel sorts with the
    A's, not after Wei (QA)."""
    return fold(name)


def search_text(
    display_name: str,
    organization: str,
    emails: list[str],
    tags: list[str],
    more: Iterable[str] = (),
) -> str:
    """The haystack a search looks in: folded (domain/folding.py: "garcia" finds García).
    Fields are joined by newlines so that a query (which has none) never matches across
    two fields."""
    return fold("\n".join([display_name, organization, *emails, *tags, *more]))


# Notes are searched by their beginning: a haystack stays small at 100,000 contacts.
NOTES_SEARCHED = 1000


def searched_fields(
    title: str, school: str, how_we_met: str, notes: str, urls: Iterable[str],
    phones: Iterable[str],
) -> list[str]:  # fmt: skip
    """The contact's own fields a search also looks in (phones by their digits, so
    "555 0100" and "5550100" find the same number)."""
    digits = ["".join(c for c in phone if c.isdigit()) for phone in phones]
    fields = [title, school, how_we_met, notes[:NOTES_SEARCHED], *urls, *digits]
    return [f for f in fields if f]


def search_terms(draft: ContactDraft) -> list[str]:
    """What a search finds a contact by beyond its name, organization, emails and tags:
    title, school, how we met, notes, web addresses and phones, nicknames, handles, and
    the towns, regions and countries of its addresses."""
    places = [
        part
        for address in draft.addresses
        for part in (address.locality, address.region, address.country)
        if part
    ]
    own = searched_fields(
        draft.title, draft.school, draft.how_we_met, draft.notes,
        [u.value for u in draft.urls], [p.value for p in draft.phones],
    )  # fmt: skip
    return [*own, *draft.nicknames, *(h.address for h in draft.handles), *places]


def normalize_tag(tag: str) -> str:
    return " ".join(tag.split())


def parse_tags(text: str) -> list[str]:
    """Split a comma-separated tag list, dropping blanks and repeats (case-insensitive)."""
    seen: set[str] = set()
    tags: list[str] = []
    for part in text.split(","):
        tag = normalize_tag(part)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]+$")
_PHONE = re.compile(r"^[+\d][\d\s().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?$", re.IGNORECASE)


def phone_digits(number: str) -> str:
    """The last ten digits: "+1 (555) 010-0100" and "555.010.0100" are one number."""
    return "".join(ch for ch in number if ch.isdigit())[-10:]


def is_valid_email(address: str) -> bool:
    return bool(_EMAIL.match(address))


def is_valid_phone(number: str) -> bool:
    return bool(_PHONE.match(number)) and sum(ch.isdigit() for ch in number) >= 3


def normalize_url(url: str) -> str:
    """Add ``https://`` to a bare ``www.example.org/...`` so it can be opened."""
    url = url.strip()
    if url and "://" not in url and not url.lower().startswith("mailto:"):
        return "https://" + url
    return url


def is_valid_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and " " not in url


def is_linkedin_url(url: str) -> bool:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def validate(draft: ContactDraft, *, today: dt.date) -> list[FieldProblem]:
    """Everything wrong with a draft, each with the field it belongs to."""
    problems: list[FieldProblem] = []
    for name in ("given_name", "family_name", "display_name", "organization", "title", "school",
                 "name_prefix", "middle_name", "name_suffix", "gender"):  # fmt: skip
        if len(getattr(draft, name)) > NAME_MAX:
            problems.append(FieldProblem(name, f"Keep this under {NAME_MAX} characters."))
    if len(draft.notes) > NOTES_MAX or len(draft.how_we_met) > NOTES_MAX:
        problems.append(FieldProblem("notes", "These notes are too long to keep."))
    for index, email in enumerate(draft.emails):
        if not is_valid_email(email.value) or len(email.value) > ADDRESS_MAX:
            problems.append(
                FieldProblem(f"emails.{index}", f"“{email.value}” is not an email address.")
            )
    for index, phone in enumerate(draft.phones):
        if not is_valid_phone(phone.value) or len(phone.value) > ADDRESS_MAX:
            problems.append(
                FieldProblem(f"phones.{index}", f"“{phone.value}” is not a phone number.")
            )
    for index, url in enumerate(draft.urls):
        if not is_valid_url(url.value) or len(url.value) > ADDRESS_MAX:
            problems.append(
                FieldProblem(
                    f"urls.{index}", f"“{url.value}” is not a web address (http:// or https://)."
                )
            )
    for index, address in enumerate(draft.addresses):
        if any(len(part) > ADDRESS_MAX for part in address.parts()):
            message = f"Keep each part of an address under {ADDRESS_MAX} characters."
            problems.append(FieldProblem(f"addresses.{index}", message))
    for index, handle in enumerate(draft.handles):
        if len(handle.address) > ADDRESS_MAX or len(handle.service) > NAME_MAX:
            problems.append(FieldProblem(f"handles.{index}", "This handle is too long to keep."))
    if draft.birthday is not None and draft.birthday.year is not None:
        born = dt.date(draft.birthday.year, draft.birthday.month, draft.birthday.day)
        if born > today:
            problems.append(FieldProblem("birthday", "A birthday cannot be in the future."))
    if draft.strength is not None and not 1 <= draft.strength <= 5:
        problems.append(FieldProblem("strength", "Relationship strength goes from 1 to 5."))
    if draft.cadence_days is not None and not 1 <= draft.cadence_days <= CADENCE_MAX_DAYS:
        problems.append(
            FieldProblem("cadence_days", f"Choose a cadence from 1 to {CADENCE_MAX_DAYS} days.")
        )
    if any(len(nickname) > NAME_MAX for nickname in draft.nicknames):
        problems.append(
            FieldProblem("nicknames", f"Keep each nickname under {NAME_MAX} characters.")
        )
    for tag in draft.tags:
        if len(tag) > NAME_MAX:
            problems.append(FieldProblem("tags", f"Keep each tag under {NAME_MAX} characters."))
            break
    return problems


# Written before or after a name but not part of it: "Dr. Liam Brown" is LB (QA).
_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame rev fr hon jr sr ii iii iv phd md mba esq dds"
    " jd cpa".split()
)
_ARABIC_ARTICLE = "\u0627\u0644"  # al-: Ahmad al-Khatib is A Kh, not A A


def initials(name: str) -> str:
    """One or two letters for an avatar: of the first and last words of the name, left
    out titles and suffixes (Dr., Jr., PhD) and the Arabic article."""
    words = [w for w in name.replace(",", " ").split() if w[:1].isalnum()]
    named = [w for w in words if w.rstrip(".").casefold() not in _HONORIFICS] or words
    if not named:
        return "?"
    letters = [_first_letter(w) for w in (named if len(named) == 1 else (named[0], named[-1]))]
    return "".join(letters).upper()


def _first_letter(word: str) -> str:
    if word.startswith(_ARABIC_ARTICLE) and len(word) > len(_ARABIC_ARTICLE):
        return word[len(_ARABIC_ARTICLE)]
    return word[:1]


class ContactValidationError(Exception):
    """A draft that cannot be saved; each problem names its field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems
