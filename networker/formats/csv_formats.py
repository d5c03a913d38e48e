"""CSV in and out: LinkedIn Connections.csv, Google, Outlook and Thunderbird exports,
and Networker's own CSV. Formats are told apart by their header row, found by scanning
(LinkedIn puts a "Notes:" preamble before it)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from networker.domain.contacts import (
    ADDRESS_MAX,
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
from networker.formats.legacy_text import legacy_encoding
from networker.formats.reports import ParsedRecord, RecordProblem, UnreadableFileError

FIELD_LIMIT = 1024 * 1024  # RELIABILITY.md (c); the csv module's default is 128 KiB
HEADER_SCAN_LINES = 20
COLUMNS_MAX = 200
csv.field_size_limit(FIELD_LIMIT)

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
    "Keep In Touch Days", "UID",
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
        lines = [text.readline() for _ in range(HEADER_SCAN_LINES)]
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
}
CUSTOM = CsvFormat("Custom", frozenset())


def header_columns(stream: BinaryIO) -> tuple[list[str], list[str]]:
    """The first non-empty row and the row after it (a sample), for a column mapping."""
    text = _text_stream(stream)
    try:
        lines = [
            line for line in (text.readline() for _ in range(HEADER_SCAN_LINES)) if line.strip()
        ]
    finally:
        text.detach()
        stream.seek(0)
    if not lines:
        raise UnreadableFileError("it is empty: no contacts were found.")
    delimiter = max(",;\t", key=lines[0].count)
    rows = list(csv.reader(lines[:2], delimiter=delimiter))
    header = rows[0][:COLUMNS_MAX]
    sample = rows[1] if len(rows) > 1 else []
    return header, sample + [""] * (len(header) - len(sample))


def read_csv(
    stream: BinaryIO, *, mapping: dict[int, str] | None = None
) -> Iterator[ParsedRecord | RecordProblem]:
    """Each row in turn; the caller owns ``stream`` and closes it.

    ``mapping`` (column index -> a MAPPABLE_FIELDS key) reads a CSV of any other layout.
    """
    if mapping is None:
        kind, header_line, delimiter = detect(stream)
    else:
        kind, header_line, delimiter = CUSTOM, *_first_row(stream)
    text = _text_stream(stream)
    try:
        yield from _rows(text, kind, header_line, delimiter, mapping)
    finally:
        text.detach()  # leave the binary stream to its owner


def _first_row(stream: BinaryIO) -> tuple[int, str]:
    text = _text_stream(stream)
    try:
        for number in range(HEADER_SCAN_LINES):
            line = text.readline()
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
        text.readline()
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        header = [_norm(c) for c in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise UnreadableFileError(f"its header row cannot be read ({exc}).") from exc
    if len(header) > COLUMNS_MAX:
        raise UnreadableFileError(f"it has more than {COLUMNS_MAX} columns.")
    record = 0
    while True:
        line = header_line + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # With strict parsing an unterminated quote stops here, instead of silently
            # swallowing every row after it into one field.
            yield RecordProblem(record + 1, line, f"the rest of the file cannot be read: {exc}")
            return
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
        yield ParsedRecord(record, line, draft, warnings)


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


def _numbered(values: dict[str, str], prefix: str) -> list[LabeledValue]:
    found: list[LabeledValue] = []
    for index in range(1, 10):
        value = values.get(f"{prefix} {index} - value", "")
        label = values.get(f"{prefix} {index} - type", "") or values.get(
            f"{prefix} {index} - label", ""
        )
        for item in _MULTI.split(value.strip()) if value.strip() else []:
            label = normalize_label(label).strip("* ").lower()
            found.append(LabeledValue(label, item[:ADDRESS_MAX]))
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
    if kind.name == "LinkedIn":
        draft.source = Source.ONLINE
        if connected := values.get("connected on", "").strip():
            draft.how_we_met = f"Connected on LinkedIn on {connected[:40]}"
    return draft, warnings


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
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for draft in drafts:

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
        ]  # fmt: skip
        writer.writerow([guard(cell) for cell in row])
        count += 1
    return count
