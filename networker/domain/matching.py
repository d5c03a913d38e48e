"""Who is who: the keys that say two records are one person, and how far each is trusted.

A UID names one person. An email address, a phone number or a name alone does not: an
office switchboard, an assistant's address and a common name are shared by different
people. So a weak key is trusted only when nothing contradicts it: a clearly different
name, or a different UID, makes it a possible duplicate for the user to confirm, never
a merge. A LinkedIn profile URL is between the two: it names one person, who may have
changed a name since (Ada Lovelace, now Ada King), but a URL pasted into the wrong
card or a profile passed on is shared too; so only names without a word in common
(Anna Schmidt, Boris Yeltsin) say it is someone else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from networker.domain.contacts import UNNAMED

# Countries that share +1 (the North American Numbering Plan): a ten-digit national
# number there is +1 and those ten digits, with no need to ask libphonenumber.
_NANP = frozenset({"US", "CA", "AG", "AI", "AS", "BB", "BM", "BS", "DM", "DO", "GD", "GU",
                   "JM", "KN", "KY", "LC", "MP", "MS", "PR", "SX", "TC", "TT", "VC", "VG",
                   "VI"})  # fmt: skip
_EXTENSION = re.compile(r"(?:\s*(?:x|ext\.?|extension|#|;|,)\s*\d+\s*)$", re.IGNORECASE)
_NOT_DIGIT = re.compile(r"\D")
_WORD = re.compile(r"\w+")
PHONE_MIN_DIGITS = 7
# Contacts kept per phone group: a switchboard shared by a whole company must not make
# each record of its export compare with every other (the name still finds a person).
PHONE_GROUP_MAX = 16


def phone_key(number: str, region: str) -> str:
    """The number in E.164 ("+15555551111"), read with ``region`` when it has no country
    code; "" when it is too short to say who it reaches. 5555551111, 555-555-1111 and
    +1 (555) 555-1111 are one number in the US."""
    return _phone_key(number, region)


@lru_cache(maxsize=1 << 16)
def _phone_key(number: str, region: str) -> str:
    main = _EXTENSION.sub("", number.strip())
    digits = _NOT_DIGIT.sub("", main)
    if len(digits) < PHONE_MIN_DIGITS:
        return ""
    international = main.startswith("+")
    if international and digits.startswith("1") and len(digits) == 11:
        return "+" + digits
    if not international and region in _NANP:
        if len(digits) == 10:
            return "+1" + digits
        if len(digits) == 11 and digits.startswith("1"):
            return "+" + digits
    # Imported here, on the first number that needs it: its metadata costs 80 ms, and
    # the window's start (which imports this module through storage) never needs it.
    import phonenumbers

    try:
        parsed = phonenumbers.parse(main, region or None)
    except phonenumbers.NumberParseException:
        return "#" + digits[-10:]  # no country to read it in: its digits, as before
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def phone_tail(number: str) -> str:
    """The last seven digits (without an extension): two numbers that are one in E.164
    always share them, so stored numbers are grouped by them and only a few are read."""
    return _NOT_DIGIT.sub("", _EXTENSION.sub("", number.strip()))[-PHONE_MIN_DIGITS:]


def person_name(name: str) -> str:
    """A person's name as compared: case, spacing and punctuation aside; "" for none."""
    words = " ".join(_WORD.findall(name.casefold()))
    return "" if words == UNNAMED.casefold() else words


def names_differ(first: str, second: str) -> bool:
    """Two names (from person_name) that may be two people's: both known, and neither
    the other with words left out ("Ada Lovelace", "Ada King Lovelace") or written as
    initials ("A. Lovelace"). Near spellings differ: "Mark Jones" and "Mary Jones" may
    share a home phone, so "Jon"/"John" is for the user to confirm, never a merge."""
    if not first or not second or first == second:
        return False
    a, b = sorted((first.split(), second.split()), key=len)
    return not all(any(w == v or (len(w) == 1 and v.startswith(w)) for v in b) for w in a)


def names_unrelated(first: str, second: str) -> bool:
    """Two names (from person_name) that differ (names_differ) and share no whole word:
    not one person renamed ("Ada Lovelace", "Ada King"), two people."""
    if not names_differ(first, second):
        return False
    return not {w for w in first.split() if len(w) > 1} & set(second.split())


class Key(StrEnum):
    """What a stored contact was found by, strongest first."""

    UID = "UID"
    PROFILE = "LinkedIn profile"
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"


@dataclass(frozen=True)
class Known:
    """A stored contact as matching sees it."""

    name: str  # its full name as stored (person_name is applied when it is compared)
    organization: str  # casefolded
    uid: str
    label: str  # the name shown for it


def same_person(key: Key, *, name: str, uid: str, known: Known) -> bool:
    """Whether a record found by ``key`` is surely ``known``; otherwise it is at most a
    possible duplicate. ``name`` is the record's person_name."""
    if key is Key.UID:
        return True
    known_name = person_name(known.name)
    other_uid = bool(uid and known.uid and uid != known.uid)
    if key is Key.PROFILE:  # a rename is no contradiction, another person's name is
        if names_unrelated(name, known_name):
            return False
        return not other_uid or not names_differ(name, known_name)
    if names_differ(name, known_name):
        return False
    if key is Key.EMAIL:  # the same name as well outweighs two systems' UIDs
        return not other_uid or (bool(name) and name == known_name)
    if key is Key.PHONE:
        return not other_uid
    return not other_uid  # the same name (and organization)
