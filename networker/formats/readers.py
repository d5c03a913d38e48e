"""One reader per importable format, chosen by one registry (no Qt, no database).

A reader knows its file type (from IMPORTABLE_TYPES), recognises its files from their
first bytes, counts records cheaply for a progress bar, says when a file needs a column
mapping first, and reads a file into records. The import service pairs each reader with
what its records do to the database (contacts from vCard and CSV, events from iCalendar).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from networker.formats import IMPORTABLE_TYPES, FileType
from networker.formats.reports import (
    ParsedEvent,
    ParsedRecord,
    RecordProblem,
    Thumbnailer,
    UnreadableFileError,
)

# How much of a file sniffing looks at.
HEAD_BYTES = 64


@dataclass(frozen=True)
class ReadOptions:
    """What one read of one file may use; nothing is kept between reads."""

    thumbnailer: Thumbnailer | None = None
    processes: int = 0  # other processes that may parse a large file
    mapping: Mapping[int, str] | None = None  # a column mapping the user chose


class Reader(Protocol):
    file_type: FileType
    # Read a file that no reader recognises and whose name says nothing (CSV: any text
    # table may be one; its read then says why it is not).
    fallback: bool

    def sniff(self, head: bytes) -> bool:
        """Whether a file starting with ``head`` is of this format, whatever its name."""
        ...

    def count(self, chunk: bytes) -> int:
        """About how many records a chunk of the file holds (for a progress bar)."""
        ...

    def columns_to_map(self, file: BinaryIO) -> tuple[list[str], list[str]] | None:
        """A header and a sample row when the user must say which column holds what."""
        ...

    def read(
        self, file: BinaryIO, options: ReadOptions
    ) -> tuple[str, Iterable[ParsedRecord | ParsedEvent | RecordProblem]]:
        """The format's name as the summary shows it ("LinkedIn CSV") and the records."""
        ...


def readers() -> tuple[Reader, ...]:
    """Every reader, in the order sniffing tries them (imported on first use: the
    window's start never needs the parsers)."""
    from networker.formats.csv_formats import CSV_READER
    from networker.formats.icalendar import ICALENDAR_READER
    from networker.formats.vcard import VCARD_READER

    return (VCARD_READER, CSV_READER, ICALENDAR_READER)


def reader_for(suffix: str, head: bytes) -> Reader:
    """The reader of a file: the one that recognises its first bytes, else the one its
    name says (whose read then says what is wrong). UnreadableFileError for neither."""
    if not head.strip():
        raise UnreadableFileError("it is empty: no contacts or events were found.")
    candidates = readers()
    for reader in candidates:
        if reader.sniff(head):
            return reader
    for reader in candidates:
        if suffix.lower() in reader.file_type.suffixes:
            return reader
    for reader in candidates:
        if reader.fallback:
            return reader
    names = ", ".join(kind.description for kind in IMPORTABLE_TYPES)
    raise UnreadableFileError(f"it is none of the files Networker reads ({names}).")
