"""CSV in and out: LinkedIn Connections.csv, Google, Outlook and Thunderbird exports,
and Networker's own CSV. Formats are told apart by their header row, found by scanning
(LinkedIn puts a "Notes:" preamble before it)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from networker.domain.contacts import (
    ADDRESS_MAX,
    CADENCE_MAX_DAYS,
    NAME_MAX,
    NOTES_MAX,
    Birthday,
    ContactDraft,
    LabeledValue,
    Source,
    effective_display_name,
    is_linkedin_url,
    normalize_label,
    normalize_tag,
    parse_birthday,
)
from networker.formats import IMPORTABLE_TYPES, csv_card
from networker.formats.legacy_text import legacy_encoding
from networker.formats.readers import ReadOptions
from networker.formats.reports import ParsedRecord, RecordProblem, UnreadableFileError

FIELD_LIMIT = 1024 * 1024  # RELIABILITY.md (c): longer fields are cut, with a warning
HEADER_SCAN_LINES = 20
COLUMNS_MAX = 200
SAMPLE_CHARS = 200  # of a header or sample cell shown for a column mapping
# A record (all its lines, for a quoted field that spans several) is read up to this
# size or line count; an opening quote that is still open then is a broken row, and
# reading starts again at the line after the one it began on.
RECORD_CHARS_MAX = 8 * FIELD_LIMIT
RECORD_LINES_MAX = 1000
csv.field_size_limit(RECORD_CHARS_MAX + 1)

# A cell a spreadsheet would run as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\x00")
_MULTI = re.compile(r"\s*:::\s*")


@dataclass(frozen=True)
class CsvFormat:
    name: str
    required: frozenset[str]


FORMATS = (
    CsvFormat("Networker", frozenset({"display name", "uid", "how we met"})),
    CsvFormat("LinkedIn", frozenset({"first name", "last name", "company", "position"})),
    CsvFormat("Google", frozenset({"given name", "family name", "e-mail 1 - value"})),
    CsvFormat("Google", frozenset({"first name", "last name", "e-mail 1 - value"})),
    CsvFormat("Outlook", frozenset({"first name", "last name", "e-mail address"})),
    CsvFormat("Thunderbird", frozenset({"first name", "last name", "primary email"})),
)

EXPORT_COLUMNS = [
    "Display Name", "Given Name", "Family Name", "Organization", "Title", "Emails", "Phones",
    "Web", "Birthday", "Tags", "Notes", "How We Met", "Source", "School", "Strength",
    "Keep In Touch Days", "UID", "Archived", *csv_card.COLUMNS,
]  # fmt: skip


def _text_stream(stream: BinaryIO) -> io.TextIOWrapper:
    head = stream.read(4)
    stream.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
        sample = stream.read(4 * 1024 * 1024)
        stream.seek(0)
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError:
            encoding = legacy_encoding(sample)
    return io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")


def detect(stream: BinaryIO) -> tuple[CsvFormat, int, str]:
    """The format, the 0-based line of its header, and the delimiter."""
    text = _text_stream(stream)
    try:
        lines = [text.readline(RECORD_CHARS_MAX) for _ in range(HEADER_SCAN_LINES)]
    finally:
        text.detach()
        stream.seek(0)
    for number, line in enumerate(lines):
        delimiter = max(",;\t", key=line.count)
        names = {_norm(c) for c in next(csv.reader([line], delimiter=delimiter), [])}
        for candidate in FORMATS:
            if candidate.required <= names:
                return candidate, number, delimiter
    raise UnreadableFileError(
        "its columns are not those of a LinkedIn, Google, Outlook or Thunderbird export."
    )


def _norm(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


# What a column of an unknown CSV can be mapped to: key -> (label, the column name the
# known formats use for it, which the row reader then understands).
MAPPABLE_FIELDS = {
    "given": ("Given name", "first name"),
    "family": ("Family name", "last name"),
    "display": ("Full name", "display name"),
    "organization": ("Organization", "company"),
    "title": ("Title", "job title"),
    "email": ("Email", "email address"),
    "phone": ("Phone", "mobile phone"),
    "web": ("Web address", "web page"),
    "birthday": ("Birthday", "birthday"),
    "notes": ("Notes", "notes"),
    "tags": ("Tags", "categories"),
    "middle": ("Middle name", "middle name"),
    "nickname": ("Nickname", "nickname"),
    "how_we_met": ("How we met", "how we met"),
    "source": ("Source (event, alumni network…)", "source"),
    "school": ("School", "school"),
    "strength": ("Strength (1 to 5)", "strength"),
    "cadence": ("Keep in touch every … days", "keep in touch days"),
}
CUSTOM = CsvFormat("Custom", frozenset())


def header_columns(stream: BinaryIO) -> tuple[list[str], list[str]]:
    """The first non-empty row and the row after it (a sample), for a column mapping."""
    text = _text_stream(stream)
    try:
        lines = [
            line
            for line in (text.readline(RECORD_CHARS_MAX) for _ in range(HEADER_SCAN_LINES))
            if line.strip()
        ]
    finally:
        text.detach()
        stream.seek(0)
    if not lines:
        raise UnreadableFileError("it is empty: no contacts were found.")
    delimiter = max(",;\t", key=lines[0].count)
    rows = list(csv.reader(lines[:2], delimiter=delimiter))
    header = [name[:SAMPLE_CHARS] for name in rows[0][:COLUMNS_MAX]]
    sample = [cell[:SAMPLE_CHARS] for cell in rows[1]] if len(rows) > 1 else []
    return header, sample + [""] * (len(header) - len(sample))


def read_csv(
    stream: BinaryIO, *, mapping: dict[int, str] | None = None
) -> Iterator[ParsedRecord | RecordProblem]:
    """Each row in turn; the caller owns ``stream`` and closes it.

    ``mapping`` (column index -> a MAPPABLE_FIELDS key) reads a CSV of any other layout.
    A LinkedIn export's rows are as of its newest Connected On date (domain/jobs.py).
    """
    if mapping is None:
        kind, header_line, delimiter = detect(stream)
    else:
        kind, header_line, delimiter = CUSTOM, *_first_row(stream)
    as_of = newest_connection(stream) if kind.name == "LinkedIn" else None
    text = _text_stream(stream)
    try:
        for found in _rows(text, kind, header_line, delimiter, mapping):
            if isinstance(found, ParsedRecord):
                found.as_of = as_of
            yield found
    finally:
        text.detach()  # leave the binary stream to its owner


# How LinkedIn has written Connected On: "12 Mar 2024"; older exports "3/12/24". Month
# names are English whatever the user's locale (strptime's %b would follow it).
_MONTHS = {m: n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def connected_on(text: str) -> dt.date | None:
    """A Connected On cell as a date; None when it is none of LinkedIn's forms."""
    text = text.strip()
    try:
        if match := _DAY_MONTH_YEAR.match(text):
            month = _MONTHS.get(match.group(2).lower())
            return dt.date(int(match.group(3)), month, int(match.group(1))) if month else None
        if match := _ISO_DATE.match(text):
            return dt.date(*(int(part) for part in match.groups()))
        if match := _US_DATE.match(text):
            month, day, year = (int(part) for part in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:  # 31 Feb
        return None
    return None


def newest_connection(stream: BinaryIO) -> dt.date | None:
    """The newest Connected On date of a LinkedIn export: it was made on or after it,
    so it says which of two exports is newer. Reads the file once; rewinds it."""
    _kind, header_line, delimiter = detect(stream)
    text = _text_stream(stream)
    newest: dt.date | None = None
    try:
        for _ in range(header_line):
            text.readline(RECORD_CHARS_MAX)
        rows = _logical_rows(text, delimiter, header_line + 1)
        header = next(rows, None)
        names = [_norm(cell) for cell in (header.cells or [])] if header else []
        if "connected on" not in names:
            return None
        column = names.index("connected on")
        for row in rows:
            if row.cells is not None and column < len(row.cells):
                day = connected_on(row.cells[column])
                if day is not None and (newest is None or day > newest):
                    newest = day
    finally:
        text.detach()
        stream.seek(0)
    return newest


def _first_row(stream: BinaryIO) -> tuple[int, str]:
    text = _text_stream(stream)
    try:
        for number in range(HEADER_SCAN_LINES):
            line = text.readline(RECORD_CHARS_MAX)
            if line.strip():
                return number, max(",;\t", key=line.count)
    finally:
        text.detach()
        stream.seek(0)
    raise UnreadableFileError("it is empty: no contacts were found.")


def _rows(
    text: TextIO,
    kind: CsvFormat,
    header_line: int,
    delimiter: str,
    mapping: dict[int, str] | None = None,
) -> Iterator[ParsedRecord | RecordProblem]:
    for _ in range(header_line):
        text.readline(RECORD_CHARS_MAX)
    rows = _logical_rows(text, delimiter, header_line + 1)
    try:
        first = next(rows)
    except StopIteration as exc:
        raise UnreadableFileError("its header row cannot be read (it is empty).") from exc
    if first.cells is None:
        raise UnreadableFileError(f"its header row cannot be read ({first.problem}).")
    header = [_norm(c) for c in first.cells]
    if len(header) > COLUMNS_MAX:
        raise UnreadableFileError(f"it has more than {COLUMNS_MAX} columns.")
    record = 0
    for found in rows:
        line, row = found.line, found.cells
        if row is None:
            # Reported with its line; reading goes on at the next line that parses.
            yield RecordProblem(record + 1, line, found.problem)
            continue
        if not any(cell.strip() for cell in row):
            continue
        record += 1
        if mapping is None:
            values = {name: _unguard(cell) for name, cell in zip(header, row, strict=False)}
        else:
            values = {}
            for index, field in sorted(mapping.items()):
                if index < len(row) and field in MAPPABLE_FIELDS and row[index].strip():
                    column = MAPPABLE_FIELDS[field][1]
                    joined = [values[column]] if column in values else []
                    values[column] = " ::: ".join([*joined, _unguard(row[index]).strip()])
        draft, warnings = _to_draft(kind, values)
        if found.problem:
            warnings.insert(0, found.problem)
        # Our own CSV says whether the contact is archived (a state, as in our vCards).
        archived = kind.name == "Networker" and values.get("archived", "").strip() == "TRUE"
        met = connected_on(values.get("connected on", "")) if kind.name == "LinkedIn" else None
        yield ParsedRecord(record, line, draft, warnings, archived=archived, met=met)


@dataclass(frozen=True)
class _Row:
    line: int  # 1-based, where the row starts
    cells: list[str] | None  # None: the row cannot be read
    problem: str = ""  # why not, or (with cells) what was cut


_OVERLONG = "\x00"  # stands for a line too long to read: real lines lose their NULs


def _logical_rows(text: TextIO, delimiter: str, first_line: int) -> Iterator[_Row]:
    """The rows of ``text``, each from the line it starts on; a broken row (an unclosed
    quote, a stray one) becomes a problem and reading resumes at the next line, so one
    bad quote never swallows the rest of the file. NUL characters are dropped and
    fields longer than FIELD_LIMIT are cut, with a warning."""
    ahead: deque[str] = deque()  # lines read, then given back
    number = first_line  # the line number of the next line taken

    def take() -> str | None:
        """The next line (_OVERLONG for one too long, skipped), None at the end."""
        nonlocal number
        if ahead:
            number += 1
            return ahead.popleft()
        line = text.readline(RECORD_CHARS_MAX)
        if not line:
            return None
        number += 1
        if len(line) >= RECORD_CHARS_MAX and not line.endswith(("\n", "\r")):
            while (more := text.readline(RECORD_CHARS_MAX)) and not more.endswith("\n"):
                pass  # the rest of that line
            return _OVERLONG
        return line.replace("\x00", "")

    def give_back(lines: list[str]) -> None:
        nonlocal number
        ahead.extendleft(reversed(lines))
        number -= len(lines)

    while (first := take()) is not None:
        start = number - 1
        if first == _OVERLONG:
            yield _Row(start, None, f"the line is longer than {RECORD_CHARS_MAX >> 20} MB")
            continue
        lines = [first]
        size = len(first)
        while True:
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
            try:
                cells = next(reader, [])
            except csv.Error as exc:
                unclosed = "unexpected end of data" in str(exc)
                if unclosed and len(lines) < RECORD_LINES_MAX:
                    more = take()
                    if (
                        more is not None
                        and more != _OVERLONG
                        and size + len(more) <= RECORD_CHARS_MAX
                    ):
                        lines.append(more)
                        size += len(more)
                        continue
                    if more is not None:
                        give_back([more])
                give_back(lines[1:])
                reason = "a quote is opened and never closed" if unclosed else str(exc)
                yield _Row(start, None, f"this row cannot be read ({reason}); it was left out")
                break
            give_back(lines[reader.line_num :])
            cut = [i for i, cell in enumerate(cells) if len(cell) > FIELD_LIMIT]
            for i in cut:
                cells[i] = cells[i][:FIELD_LIMIT]
            problem = f"{len(cut)} field(s) longer than 1 MB were cut short" if cut else ""
            yield _Row(start, cells, problem)
            break


def _needs_guard(cell: str) -> bool:
    # A formula start, or an apostrophe before one (so that guarding stays reversible).
    return cell.startswith(_FORMULA_START) or (cell[:1] == "'" and _needs_guard(cell[1:]))


def _unguard(cell: str) -> str:
    """Strip the apostrophe our export puts before a formula-looking cell."""
    if cell[:1] == "'" and _needs_guard(cell[1:]):
        return cell[1:]
    return cell


def _first(values: dict[str, str], *names: str, cap: int = NAME_MAX) -> str:
    for name in names:
        if value := values.get(name, "").strip():
            return " ".join(value.split())[:cap]
    return ""


def _numbered(values: dict[str, str], prefix: str, *, lower: bool = True) -> list[LabeledValue]:
    """Google's "<prefix> N - Type"/"- Label" and "- Value" columns; ``lower``: the
    label in lower case (Networker's "work", "home")."""
    found: list[LabeledValue] = []
    for index in range(1, 10):
        value = values.get(f"{prefix} {index} - value", "")
        label = values.get(f"{prefix} {index} - type", "") or values.get(
            f"{prefix} {index} - label", ""
        )
        items = _MULTI.split(value.strip()) if value.strip() else []
        # One type for every value ("* Work"), or one each ("* Home ::: Work").
        labels = _MULTI.split(label.strip())
        if len(labels) != len(items):
            labels = [label] * len(items)
        for item, own in zip(items, labels, strict=True):
            own = normalize_label(own).strip("* ")
            found.append(LabeledValue(own.lower() if lower else own, item[:ADDRESS_MAX]))
    return found


# Outlook's fixed columns of related people, and the relation each names (as Apple's
# and Google's labels name it).
_RELATION_COLUMNS = {
    "spouse": "Spouse", "manager's name": "Manager", "assistant's name": "Assistant",
}  # fmt: skip


def _relations(values: dict[str, str]) -> list[LabeledValue]:
    """Related people: Outlook's Spouse, Manager's Name and Assistant's Name, Google's
    "Relation N - Type" and "- Value"."""
    found = [
        LabeledValue(relation, value)
        for column, relation in _RELATION_COLUMNS.items()
        if (value := " ".join(values.get(column, "").split())[:ADDRESS_MAX])
    ]
    for item in _numbered(values, "relation", lower=False):
        if value := " ".join(item.value.split()):
            found.append(LabeledValue(item.label, value))
    return found


def _listed(values: dict[str, str], columns: dict[str, str]) -> list[LabeledValue]:
    return [
        LabeledValue(label, item[:ADDRESS_MAX])
        for column, label in columns.items()
        for item in _MULTI.split(values.get(column, "").strip())
        if item
    ]


def _to_draft(kind: CsvFormat, values: dict[str, str]) -> tuple[ContactDraft, list[str]]:
    warnings: list[str] = []
    if kind.name == "Networker":
        return _networker_draft(values, warnings), warnings
    draft = ContactDraft(
        given_name=_first(values, "given name", "first name"),
        family_name=_first(values, "family name", "last name"),
        display_name=_first(values, "name", "display name"),
        organization=_first(values, "organization 1 - name", "organization name", "company",
                            "organization"),
        title=_first(values, "organization 1 - title", "organization title", "job title",
                     "position"),
        notes=values.get("notes", "").replace("\r\n", "\n").strip()[:NOTES_MAX],
    )  # fmt: skip
    draft.emails = _numbered(values, "e-mail") + _listed(values, {
        "email address": "", "e-mail address": "", "e-mail 2 address": "",
        "e-mail 3 address": "", "primary email": "", "secondary email": "",
    })  # fmt: skip
    draft.phones = _numbered(values, "phone") + _listed(values, {
        "mobile phone": "mobile", "mobile number": "mobile", "business phone": "work",
        "work phone": "work", "home phone": "home",
    })  # fmt: skip
    urls = [v.value for v in _numbered(values, "website")] + [
        values.get(c, "").strip() for c in ("url", "web page", "web page 1", "web page 2")
    ]
    draft.urls = [
        LabeledValue("LinkedIn" if is_linkedin_url(u) else "website", u) for u in urls if u
    ]
    draft.related = _relations(values)
    for column in ("group membership", "labels", "categories"):
        for tag in re.split(r"\s*:::\s*|;", values.get(column, "")):
            tag = normalize_tag(tag.strip().lstrip("*").strip())
            if tag and tag.casefold() not in ("mycontacts", "starred"):
                draft.tags.append(tag[:NAME_MAX])
    if birthday := values.get("birthday", "").strip():
        try:
            draft.birthday = parse_birthday(birthday)
        except ValueError:
            warnings.append(f"birthday “{birthday[:40]}” is not a date: left out")
    if kind is CUSTOM:
        _mapped_relationship(draft, values, warnings)
        if draft.display_name and not (draft.given_name or draft.family_name):
            draft.given_name, draft.family_name = split_full_name(draft.display_name)
    if kind.name == "LinkedIn":
        draft.source = Source.ONLINE
        if connected := values.get("connected on", "").strip():
            draft.how_we_met = f"Connected on LinkedIn on {connected[:40]}"
    return draft, warnings


def _mapped_relationship(draft: ContactDraft, values: dict[str, str], warnings: list[str]) -> None:
    """The fields only a column mapping gives a file of another layout: how we met,
    source, school, strength, keep-in-touch, middle name and nicknames."""
    draft.middle_name = values.get("middle name", "").strip()[:NAME_MAX]
    draft.nicknames = [n.strip()[:NAME_MAX] for n in _MULTI.split(values.get("nickname", ""))
                       if n.strip()]  # fmt: skip
    draft.how_we_met = values.get("how we met", "").strip()[:NOTES_MAX]
    draft.school = values.get("school", "").strip()[:NAME_MAX]
    if source := values.get("source", "").strip():
        found = source_named(source)
        if found is None:
            warnings.append(f"source “{source[:40]}” is none Networker knows: left as Other")
        else:
            draft.source = found
    if strength := values.get("strength", "").strip():
        digits = strength[:1]
        if digits.isdigit() and 1 <= int(digits) <= 5 and not strength[1:2].isdigit():
            draft.strength = int(digits)
        else:
            warnings.append(f"strength “{strength[:40]}” is not 1 to 5: left out")
    if cadence := values.get("keep in touch days", "").strip():
        if cadence.isdigit() and 1 <= int(cadence) <= CADENCE_MAX_DAYS:
            draft.cadence_days = int(cadence)
        else:
            warnings.append(f"keep in touch “{cadence[:40]}” is not a number of days: left out")


def split_full_name(name: str) -> tuple[str, str]:
    """(given, family) of a full name in one column: "Lovelace, Ada" or "Ada Lovelace"
    (the last word the family name; particles before it go with it: "van der Meer")."""
    if "," in name:
        family, _, given = name.partition(",")
        return " ".join(given.split()), " ".join(family.split())
    words = name.split()
    if len(words) < 2:
        return " ".join(words), ""
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


# Words that belong to the family name that follows them.
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "le", "la",
                        "du", "dos", "das", "ter", "ten", "bin", "ibn", "al"})  # fmt: skip


def source_named(text: str) -> Source | None:
    """A source by its value or its label, in any case ("Alumni network", "alumni")."""
    wanted = text.strip().casefold()
    for source in Source:
        if wanted in (source.value, source.label.casefold()):
            return source
    return None


def _networker_draft(values: dict[str, str], warnings: list[str]) -> ContactDraft:
    def labeled(column: str) -> list[LabeledValue]:
        items = []
        for item in _MULTI.split(values.get(column, "").strip()):
            if item:
                label, value = "", item  # a plain value has no label
                if "=" in item:
                    label, _, value = item.partition("=")
                items.append(LabeledValue(normalize_label(label), value))
        return items

    draft = ContactDraft(
        display_name=values.get("display name", ""), given_name=values.get("given name", ""),
        family_name=values.get("family name", ""), organization=values.get("organization", ""),
        title=values.get("title", ""), emails=labeled("emails"), phones=labeled("phones"),
        urls=labeled("web"), notes=values.get("notes", ""),
        how_we_met=values.get("how we met", ""), school=values.get("school", ""),
        uid=values.get("uid", ""),
        tags=[t for t in _MULTI.split(values.get("tags", "")) if t],
    )  # fmt: skip
    try:
        draft.source = Source(values.get("source", "other") or "other")
    except ValueError:
        warnings.append("unknown source: left as Other")
    for column, name in (("strength", "strength"), ("keep in touch days", "cadence_days")):
        if (value := values.get(column, "").strip()).isdigit():
            setattr(draft, name, int(value))
    if birthday := values.get("birthday", "").strip():
        try:
            draft.birthday = parse_birthday(birthday)
        except ValueError:
            warnings.append(f"birthday “{birthday[:40]}” is not a date: left out")
    csv_card.fill(draft, values, warnings)
    return draft


def _birthday_cell(birthday: Birthday | None) -> str:
    """YYYY-MM-DD, or MM-DD without a year: "--MM-DD" starts like a formula (--02-29 is
    -27 to a spreadsheet), so it would be written guarded as "'--02-29"."""
    if birthday is None:
        return ""
    return (
        birthday.iso() if birthday.year is not None else f"{birthday.month:02d}-{birthday.day:02d}"
    )


def guard(cell: str) -> str:
    """A cell a spreadsheet will show, not run (OWASP: prefix formula starts with ')."""
    return "'" + cell if _needs_guard(cell) else cell


def write_csv_rows(drafts: Iterator[ContactDraft], out: TextIO) -> int:
    """Contacts (none archived) as Networker's CSV."""
    return write_csv_records(((draft, False) for draft in drafts), out)


def write_csv_records(records: Iterator[tuple[ContactDraft, bool]], out: TextIO) -> int:
    """(contact, archived) pairs as Networker's CSV; returns how many."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for draft, archived in records:

        def joined(items: list[LabeledValue]) -> str:
            # An unlabelled value is written plain: "=value" read as a formula to a
            # spreadsheet, and came out guarded as "'=value".
            return " ::: ".join(
                v.value if not v.label and "=" not in v.value else f"{v.label}={v.value}"
                for v in items
            )

        row = [
            effective_display_name(draft), draft.given_name, draft.family_name,
            draft.organization, draft.title, joined(draft.emails), joined(draft.phones),
            joined(draft.urls), _birthday_cell(draft.birthday),
            " ::: ".join(draft.tags), draft.notes, draft.how_we_met, draft.source.value,
            draft.school, "" if draft.strength is None else str(draft.strength),
            "" if draft.cadence_days is None else str(draft.cadence_days), draft.uid,
            "TRUE" if archived else "", *csv_card.cells(draft),
        ]  # fmt: skip
        writer.writerow([guard(cell) for cell in row])
        count += 1
    return count


class CsvReader:
    """Contacts tables: LinkedIn, Google, Outlook, Thunderbird, ours, or any other
    layout once its columns are mapped; for formats.readers."""

    file_type = IMPORTABLE_TYPES[1]
    fallback = True

    def sniff(self, head: bytes) -> bool:
        return False  # a table is known by its header line, which read() finds

    def count(self, chunk: bytes) -> int:
        return chunk.count(b"\n")

    def columns_to_map(self, file: BinaryIO) -> tuple[list[str], list[str]] | None:
        try:
            detect(file)
            return None
        except UnreadableFileError:
            return header_columns(file)

    def read(
        self, file: BinaryIO, options: ReadOptions
    ) -> tuple[str, Iterable[ParsedRecord | RecordProblem]]:
        if options.mapping is not None:
            return "CSV", read_csv(file, mapping=dict(options.mapping))
        try:
            kind, _line, _delimiter = detect(file)
        except UnreadableFileError as exc:
            raise UnreadableFileError(
                f"it is neither a vCard file nor a CSV export: {exc}"
            ) from exc
        return f"{kind.name} CSV", read_csv(file)


CSV_READER = CsvReader()
