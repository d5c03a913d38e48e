"""When two stored names are probably one person's: nicknames, initials and an
organization written with or without its legal suffix.

Find Duplicates reads these rules; they are kept apart from import matching
(domain/matching.py), which must be surer before it merges anything by itself. Here a
human looks at every pair, so a likely pair is shown with the reason in words and
nothing is merged without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from networker.domain.folding import fold

# Common English nicknames, each under the name it shortens. A nickname may shorten
# several names (Chris: Christopher or Christina), so a name's forms are a set. Kept
# small and well known: a wrong entry makes pairs a person has to wave away.
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "abigail": ("abby", "abbie", "gail"),
    "albert": ("al", "bert"),
    "alexander": ("alex", "sandy", "xander"),
    "alexandra": ("alex", "sandra", "sandy", "lexi"),
    "alfred": ("al", "alf", "fred"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony",),
    "barbara": ("barb", "barbie"),
    "benjamin": ("ben", "benji", "benny"),
    "catherine": ("cathy", "kate", "katie", "cat"),
    "charles": ("charlie", "chuck", "chas", "chaz"),
    "christina": ("chris", "tina", "christy"),
    "christine": ("chris", "tina", "christy"),
    "christopher": ("chris", "kit", "topher"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davy"),
    "deborah": ("deb", "debbie", "debby"),
    "donald": ("don", "donny"),
    "dorothy": ("dot", "dottie", "dolly"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "edwin": ("ed", "eddie"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "betsy", "eliza", "libby", "bess"),
    "eugene": ("gene",),
    "frances": ("fran", "frankie"),
    "francis": ("frank", "fran"),
    "frederick": ("fred", "freddie", "fritz"),
    "gerald": ("gerry", "jerry"),
    "gregory": ("greg",),
    "harold": ("hal", "harry"),
    "henry": ("hank", "harry", "hal"),
    "isabella": ("bella", "izzy"),
    "jacob": ("jake",),
    "james": ("jim", "jimmy", "jamie"),
    "jennifer": ("jen", "jenny", "jenn"),
    "jessica": ("jess", "jessie"),
    "john": ("jack", "johnny", "jon"),
    "jonathan": ("jon", "jonny", "nathan"),
    "joseph": ("joe", "joey"),
    "joshua": ("josh",),
    "judith": ("judy", "jude"),
    "katherine": ("kate", "kathy", "katie", "kat", "kay", "kitty"),
    "kathleen": ("kathy", "kate", "katie"),
    "kenneth": ("ken", "kenny"),
    "lawrence": ("larry", "laurie"),
    "leonard": ("leo", "len", "lenny"),
    "margaret": ("maggie", "meg", "peggy", "marge", "margie", "greta"),
    "matthew": ("matt", "matty"),
    "michael": ("mike", "mikey", "mick", "mickey"),
    "nicholas": ("nick", "nicky", "nico"),
    "pamela": ("pam",),
    "patricia": ("pat", "patty", "trish", "tricia"),
    "patrick": ("pat", "paddy", "rick"),
    "peter": ("pete",),
    "philip": ("phil",),
    "rebecca": ("becky", "becca"),
    "richard": ("rick", "ricky", "rich", "dick"),
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "ronald": ("ron", "ronnie"),
    "samantha": ("sam", "sammy"),
    "samuel": ("sam", "sammy"),
    "stephen": ("steve", "stevie"),
    "steven": ("steve", "stevie"),
    "susan": ("sue", "susie", "suzy"),
    "theodore": ("ted", "teddy", "theo"),
    "thomas": ("tom", "tommy"),
    "timothy": ("tim", "timmy"),
    "victoria": ("vicky", "tori"),
    "walter": ("walt", "wally"),
    "william": ("bill", "billy", "will", "willy", "liam"),
}
_FORMS: dict[str, frozenset[str]] = {}
for _full, _shorts in _NICKNAMES.items():
    for _name in (_full, *_shorts):
        _FORMS[_name] = _FORMS.get(_name, frozenset({_name})) | {_full}
del _full, _shorts, _name

# Legal forms an organization's name may carry or leave out: "ACME Corp" is Acme
# Corporation, "Siemens AG" Siemens. Matched as whole words at the end, after folding.
_LEGAL_SUFFIXES = frozenset({
    "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp",
    "gmbh", "ag", "sa", "plc", "co", "company", "bv", "nv", "srl", "sarl", "pty", "kg",
    "oy", "ab", "as", "spa", "sas",
})  # fmt: skip
_WORD = re.compile(r"\w+")


def given_forms(given: str) -> frozenset[str]:
    """The names a folded given name may stand for: "bob" -> {"bob", "robert"}."""
    return _FORMS.get(given, frozenset({given}))


@lru_cache(maxsize=1 << 14)
def org_key(organization: str) -> str:
    """An organization as compared: folded, punctuation and legal suffixes aside.
    "ACME Corp.", "Acme Corporation" and "Acme, Inc." are all "acme"; "" for none."""
    words = _WORD.findall(fold(organization).replace(".", ""))
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[-1] == "and":  # "Smith & Co" read as "smith and co"
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class PersonName:
    """A contact's name as Find Duplicates compares it (folded words)."""

    given: str  # the first given name: "robert", "r" for "R.", "" for none
    family: str  # the family name's words: "smith", "van dyke"
    words: str  # every word of the name, sorted: "Lovelace, Ada" is "ada lovelace"

    @property
    def initial_only(self) -> bool:
        return len(self.given) == 1


def person_name(given: str, family: str, display: str) -> PersonName:
    """The parts of a name: from the given and family names when the contact has them,
    else from the name shown ("Ada Lovelace", "Lovelace, Ada")."""
    given_words = _WORD.findall(fold(given))
    family_words = _WORD.findall(fold(family))
    if not given_words and not family_words:
        shown = fold(display)
        if "," in shown:
            last, _, first = shown.partition(",")
            family_words, given_words = _WORD.findall(last), _WORD.findall(first)
        else:
            words = _WORD.findall(shown)
            given_words, family_words = words[:1], words[1:]
    every = sorted(given_words + family_words)
    return PersonName(
        given=given_words[0] if given_words else "",
        family=" ".join(family_words),
        words=" ".join(every),
    )


def given_names_alike(first: str, second: str) -> str | None:
    """Why two given names (of PersonName) may name one person, in words; None if they
    do not. "bob"/"robert": "Bob is short for Robert"; "r"/"robert": an initial."""
    if not first or not second:
        return None
    if first == second:
        return "the same name"
    if len(first) == 1 or len(second) == 1:
        initial, full = (first, second) if len(first) == 1 else (second, first)
        if len(full) > 1 and any(form.startswith(initial) for form in given_forms(full)):
            return f"{initial.upper()}. may be {full.capitalize()}"
        return None
    shared = given_forms(first) & given_forms(second)
    if not shared:
        return None
    if first in shared or second in shared:
        short, full = (first, second) if second in shared else (second, first)
        return f"{short.capitalize()} is short for {full.capitalize()}"
    common = sorted(shared)[0].capitalize()
    return f"{first.capitalize()} and {second.capitalize()} are both short for {common}"


def organizations_alike(first: str, second: str) -> str | None:
    """Why two organizations (raw text) do not speak against one person; None if they
    do. The same after org_key, or one of the two unknown."""
    a, b = org_key(first), org_key(second)
    if a and b:
        if a != b:
            return None
        if " ".join(first.split()) == " ".join(second.split()):
            return f"same organization ({' '.join(first.split())})"
        return f"same organization ({' '.join(first.split())} / {' '.join(second.split())})"
    if a or b:
        return "one has no organization"
    return "neither has an organization"
