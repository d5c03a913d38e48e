"""vCard 2.1, 3.0 and 4.0 in and out, through vobject.

Reading streams the file: lines are split into cards here (so that one broken card
cannot take the rest of the file with it, and nesting or oversized input is refused
before vobject sees it), then each card is parsed by vobject on its own.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import ctypes
import datetime as dt
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO

from networker.domain.contacts import (
    ADDRESS_MAX,
    NAME_MAX,
    Birthday,
    ContactDraft,
    normalize_tag,
    parse_birthday,
)
from networker.formats import IMPORTABLE_TYPES
from networker.formats.legacy_text import ENCODING_NAMES, legacy_encoding
from networker.formats.readers import HEAD_BYTES, ReadOptions
from networker.formats.reports import (
    ParsedRecord,
    RecordProblem,
    Thumbnailer,
    UnreadableFileError,
)
from networker.formats.vcard_out import part_lines
from networker.formats.vcard_parts import read_parts

if TYPE_CHECKING:
    import vobject

log = logging.getLogger(__name__)

# RELIABILITY.md (c)
LINE_MAX = 4 * 1024 * 1024  # a logical line; PHOTO lines are the long ones
CARD_MAX = 8 * 1024 * 1024
PROPERTIES_MAX = 500
PHOTO_MAX = 1024 * 1024

Record = ParsedRecord | RecordProblem

_BEGIN = re.compile(rb"^(?:[\w-]+\.)?BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(rb"^(?:[\w-]+\.)?END:VCARD\s*$", re.IGNORECASE)
# A file whose first card lost its BEGIN:VCARD line (Evolution's parser reads such a
# card, with a warning): it starts with one of the properties every card opens with.
_HEADLESS = re.compile(rb"^(?:VERSION:\s*(?:2\.1|3\.0|4\.0)|FN[;:]|N[;:])", re.IGNORECASE)
NO_BEGIN = "the file has no BEGIN:VCARD line before its first card: read as if it had one"
_QP_BYTES = re.compile(rb"QUOTED-PRINTABLE", re.IGNORECASE)
_CHARSET = re.compile(rb"CHARSET=([\w-]+)", re.IGNORECASE)
_NEEDS_PREPASS = re.compile(r"^(?:[\w-]+\.)?PROFILE[;:]|:data:", re.IGNORECASE | re.MULTILINE)
_VERSION_21 = re.compile(r"^VERSION:\s*2\.1", re.IGNORECASE | re.MULTILINE)


BATCH = 50  # cards handed to vobject at once; a batch that fails is read card by card


def read_vcards(
    stream: BinaryIO, *, thumbnailer: Thumbnailer | None = None, processes: int = 0
) -> Iterator[ParsedRecord | RecordProblem]:
    """Each card of the file in turn: a ParsedRecord, or a RecordProblem for a card
    that was skipped. Raises UnreadableFileError when the file holds no vCard at all.

    ``processes`` > 0: vobject parses the batches in that many other processes while
    this one splits the file and the caller writes (see _BatchParser); same results.
    """
    found = False
    batch: list[_Raw] = []
    parser = _BatchParser(thumbnailer, processes)
    try:
        for number, (line, lines, problem, warnings) in enumerate(_split_cards(stream), start=1):
            found = True
            if problem is not None:
                parser.submit(batch)
                batch = []
                parser.add_ready([RecordProblem(number, line, problem)])
            else:
                # Decoded where it is parsed (another process, for a large file); its
                # lines travel as one bytes object (a line never holds b"\n").
                batch.append((number, line, b"\n".join(lines), warnings))
                if len(batch) >= BATCH:
                    parser.submit(batch)
                    batch = []
            yield from parser.ready()
        parser.submit(batch)
        yield from parser.drain()
    finally:
        parser.close()
    if not found:
        raise UnreadableFileError("no vCard was found in it (no BEGIN:VCARD line).")


class _BatchParser:
    """Batches of cards in, records out in file order: parsed here, or by a pool of
    other processes (vobject is pure Python: on two cores it parses beside the import's
    own work). A batch whose process fails is parsed here instead. Photos are shrunk
    in this process (the thumbnailer may need Qt, which the pool never imports)."""

    IN_FLIGHT = 8  # batches handed out before waiting for the oldest: bounds memory

    def __init__(self, thumbnailer: Thumbnailer | None, processes: int) -> None:
        self._thumbnailer = thumbnailer
        self._queue: deque[tuple[list[_Raw], Future[list[Record]] | None, list[Record]]]
        self._queue = deque()
        self._pool: ProcessPoolExecutor | None = None
        if processes > 0:
            # spawn, not fork: the caller may be a thread of a Qt application.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=processes,
                mp_context=context,
                initializer=end_with_parent,
                initargs=(os.getpid(),),
            )

    def submit(self, batch: list[_Raw]) -> None:
        if not batch:
            return
        if self._pool is not None:
            try:
                future = self._pool.submit(_parse_batch_elsewhere, batch)
            except Exception as exc:  # the pool broke: the rest is parsed here
                log.warning("no parsing process (%s); parsing here", type(exc).__name__)
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
            else:
                self._queue.append((batch, future, []))
                return
        self._queue.append((batch, None, list(_parse_raw(batch, self._thumbnailer))))

    def add_ready(self, records: list[Record]) -> None:
        self._queue.append(([], None, records))

    def ready(self) -> Iterator[Record]:
        while self._queue:
            _batch, future, _records = self._queue[0]
            if future is not None and not future.done() and len(self._queue) <= self.IN_FLIGHT:
                return
            yield from self._take()

    def drain(self) -> Iterator[Record]:
        while self._queue:
            yield from self._take()

    def _take(self) -> list[Record]:
        batch, future, records = self._queue.popleft()
        if future is None:
            return records
        try:
            records = future.result()
        except Exception as exc:  # the process died (out of memory, say): parse here
            log.warning("a parsing process failed (%s); parsed here", type(exc).__name__)
            return list(_parse_raw(batch, self._thumbnailer))
        for record in records:
            if isinstance(record, ParsedRecord) and record.draft.photo:
                record.draft.photo, problem = _photo_bytes(record.draft.photo, self._thumbnailer)
                if problem:
                    record.warnings.append(problem)
        return records

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._queue.clear()


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def end_with_parent(parent: int) -> None:
    """In a parsing process: end when the process that started it dies, even by
    SIGKILL (then nothing shuts the pool down, and the processes, and the resource
    tracker that waits for them, would live on as orphans).

    Linux: the kernel sends SIGKILL on the parent's death (PR_SET_PDEATHSIG); elsewhere
    a daemon thread watches for the parent to change.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _keep_photo(data: bytes) -> bytes:
    """The pool's stand-in thumbnailer: the picture travels back whole (at most
    PHOTO_MAX bytes) and is shrunk by the importing process."""
    return data


def _parse_batch_elsewhere(batch: list[_Raw]) -> list[Record]:
    return list(_parse_raw(batch, _keep_photo))


# A card as split from the file: (card number, first line, its lines joined by b"\n",
# warnings from the splitting).
_Raw = tuple[int, int, bytes, list[str]]


def _parse_raw(batch: list[_Raw], thumbnailer: Thumbnailer | None) -> Iterator[Record]:
    cards = [_prepare(number, line, data.split(b"\n"), warnings)
             for number, line, data, warnings in batch]  # fmt: skip
    return _parse_batch(cards, thumbnailer)


@dataclass
class _Card:
    number: int
    line: int
    text: str
    warnings: list[str]
    data_photos: list[str]
    plain: str  # the card's values as written, decoded (vcard_parts reads them)


def _parse_batch(
    batch: list[_Card], thumbnailer: Thumbnailer | None
) -> Iterator[ParsedRecord | RecordProblem]:
    """vobject reads a batch of cards in one go (measured: 20% less time than card by
    card); any doubt (an error, a skipped line, a count that does not match) and the
    batch is read again card by card, so every problem is placed on its own card."""
    if not batch:
        return
    _SKIPPED.messages = []
    texts, dropped = [], []
    for card in batch:
        text, count = _UNREAD_LINE.subn("", card.text)
        texts.append(text)
        dropped.append(count)
    try:
        components = list(
            _vobject().readComponents("\n".join(texts), allowQP=True, ignoreUnreadable=True)
        )
    except Exception:
        components = []
    clean = (
        len(components) == len(batch)
        and not _SKIPPED.messages
        and all(
            _property_count(c) + n <= PROPERTIES_MAX
            for c, n in zip(components, dropped, strict=True)
        )
    )
    _SKIPPED.messages = []
    for index, card in enumerate(batch):
        if clean:
            yield _finish(card, components[index], thumbnailer)
        else:
            yield _parse_card(card, thumbnailer)


# A line whose value is never taken from vobject (vcard_parts reads it from the card's
# text) and that vobject surely reads without a word (a plain name, plain parameters, no
# encoding; its behaviour, if any, only unescapes text): left out of the batch read,
# where vobject's work per line was most of an import's time. Kept: a line with a
# continuation after it, or after a line ending in "=" (quoted-printable would join
# them). Any doubt in the batch and every card is read again whole (_parse_card), so
# warnings, problems and their line numbers are as before.
# Possessive and atomic parts: no backtracking, so a long line (a 2.1 photo's base64
# lines are not indented) costs its length once.
_UNREAD_LINE = re.compile(
    r"^(?<!=\n)(?:[A-Za-z0-9-]++\.)?"
    r"(?!(?:BEGIN|END|VERSION|PROFILE|FN|BDAY|CATEGORIES|PHOTO|UID|REV|GEO|PRODID|AGENT)[;:])"
    r"[A-Za-z0-9-]++"
    r"(?![^:\n]*(?:ENCODING|CHARSET|BASE64|QUOTED-PRINTABLE))"
    r'(?>(?:;[A-Za-z0-9-]+(?:=[^";:,\n\r]*(?:,[^";:,\n\r]*)*)?)*)'
    r":[^\n\r]*+\n(?![ \t])",
    re.IGNORECASE | re.MULTILINE,
)


def _property_count(component: vobject.base.Component) -> int:
    return sum(len(values) for values in component.contents.values())


def _chunks(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield head
    while chunk := stream.read(1 << 16):
        yield chunk


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    """Raw lines without their endings; UTF-16 files are re-encoded to UTF-8 on the way."""
    head = stream.read(4)
    chunks: Iterator[bytes]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = codecs.iterdecode(_chunks(head, stream), "utf-16")
        chunks = (piece.encode("utf-8") for piece in decoded)
    else:
        chunks = _chunks(head.removeprefix(codecs.BOM_UTF8), stream)
    chunks = _classic_mac_endings(chunks)
    pending = b""
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line.rstrip(b"\r")
        if len(pending) > LINE_MAX:
            yield pending  # an over-long line: the card reader refuses it
            pending = b""
    if pending:
        yield pending.rstrip(b"\r")


def _classic_mac_endings(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks, with a file's bare CR line endings (classic Mac OS) made LF: decided
    on the first 64 KB, where a file that ends lines with CR alone has no LF at all."""
    first = b""
    for chunk in chunks:
        first += chunk
        if len(first) >= 1 << 16:
            break
    mac = b"\r" in first and b"\n" not in first
    yield first.replace(b"\r", b"\n") if mac else first
    for chunk in chunks:
        yield chunk.replace(b"\r", b"\n") if mac else chunk


def _again_then(
    again: deque[tuple[int, bytes]], lines: Iterator[tuple[int, bytes]]
) -> Iterator[tuple[int, bytes]]:
    """The lines put back, then the rest of the file."""
    while again:
        yield again.popleft()
    yield from lines


def _split_cards(
    stream: BinaryIO,
) -> Iterator[tuple[int, list[bytes], str | None, list[str]]]:
    """(first line number, the card's lines, why it is refused or None, warnings).

    A property longer than LINE_MAX (a 50 MB PHOTO, say, however it is folded) is
    left out with a warning, and the rest of the card is kept.

    A BEGIN:VCARD inside a card is a nested card (vCard 2.1's AGENT, or Android's
    nesting) when the outer card ends: each is read as a card of its own (_unnested);
    when it does not (the file ends first, or 8 MB later), the outer card lost its
    END:VCARD line: it alone is reported, and reading starts again at that BEGIN, so the
    cards after it are kept. Held lines are bounded by CARD_MAX; a third level of
    nesting is taken for a lost END at once (nothing real nests deeper than AGENT).
    """
    lines = enumerate(_lines(stream), start=1)
    again: deque[tuple[int, bytes]] = deque()  # lines to read once more, first
    source: Iterator[tuple[int, bytes]] = lines
    card: list[bytes] | None = None
    start = size = depth = 0
    problem: str | None = None
    warnings: list[str] = []
    logical_start = logical_size = 0  # where the current property began in ``card``
    skipping = False
    held: list[bytes] | None = None  # every line from the first BEGIN inside the card
    held_start = held_size = 0
    lost_end = "the card has no END:VCARD line"
    headless = True  # until the first line that is not blank: it may open a card
    while True:
        for number, line in source:
            if held is not None:
                held.append(line)
                held_size += len(line)
            # Only lines that can be BEGIN or END are matched (most lines are properties).
            stripped = line.strip() if line[:1] in b"BbEe \t" or b"." in line[:40] else b""
            if stripped and _BEGIN.match(stripped):
                if card is None:
                    card, start, size, depth, problem, warnings = [line], number, 0, 1, None, []
                    skipping, held, headless = False, None, False
                    continue
                depth += 1
                problem = problem or _NESTED
                if held is None:
                    held, held_start, held_size = [line], number, len(line)
                if depth <= 2 and held_size <= CARD_MAX:
                    continue
            elif card is None:
                if not (headless and _HEADLESS.match(line.lstrip(b"\xef\xbb\xbf \t"))):
                    headless = headless and not line.strip()
                    continue  # blank lines and anything else between cards
                card, start, size, depth, problem = [b"BEGIN:VCARD"], number, 0, 1, None
                warnings, skipping, headless = [NO_BEGIN], False, False
                # and this line, the card's first property, is taken below
            elif stripped and _END.match(stripped):
                depth -= 1
                if depth == 0:
                    if held is not None and problem == _NESTED:
                        yield from _unnested(start, card, held, held_start, warnings)
                    else:
                        card.append(line)
                        yield start, card, problem, warnings
                    card = held = None
                continue
            if held is not None and (depth > 2 or held_size > CARD_MAX):
                # Not a nested card: this card lost its END. Read again from the inner BEGIN.
                yield start, card, lost_end, warnings
                again.extendleft(reversed(list(enumerate(held, start=held_start))))
                source = _again_then(again, lines)
                card = held = None
                break  # and the for loop starts again on the lines put back
            continuation = line[:1] in (b" ", b"\t")
            if not continuation:
                logical_start, logical_size, skipping = len(card), 0, False
            if skipping or problem is not None:
                continue
            logical_size += len(line)
            if logical_size > LINE_MAX:
                name = card[logical_start].split(b":", 1)[0].split(b";", 1)[0][:40] if len(
                    card) > logical_start else line.split(b":", 1)[0][:40]  # fmt: skip
                warnings.append(
                    f"{name.decode('ascii', 'replace')} near line {number} is longer than "
                    f"{LINE_MAX // (1024 * 1024)} MB: left out"
                )
                size -= logical_size - len(line)
                del card[logical_start:]
                skipping = True
                continue
            size += len(line)
            if size > CARD_MAX:
                problem = "the card is larger than 8 MB"
                continue
            card.append(line)
        else:  # the end of the file
            if card is None:
                return
            if held is None:
                yield start, card, problem or lost_end, warnings
                return
            yield start, card, lost_end, warnings
            again.extendleft(reversed(list(enumerate(held, start=held_start))))
            source = _again_then(again, lines)
            card = held = None


_NESTED = "a card inside a card (nested BEGIN:VCARD)"
_EMPTY_AGENT = re.compile(rb"^(?:[\w-]+\.)?AGENT(?:;[^:]*)?:\s*$", re.IGNORECASE)


def _unnested(
    start: int, card: list[bytes], held: list[bytes], held_start: int, warnings: list[str]
) -> Iterator[tuple[int, list[bytes], str | None, list[str]]]:
    """A card with cards inside it, as Android's reader takes it (vobject keeps them as
    its children): the outer card with its own lines, then each inner card on its own.
    ``held``: every line from the first inner BEGIN to the outer END (one level deep)."""
    outer = list(card)
    inner: list[tuple[int, list[bytes]]] = []
    depth = 0
    for number, line in enumerate(held[:-1], start=held_start):
        stripped = line.strip()
        if depth == 0 and _BEGIN.match(stripped):
            inner.append((number, []))
            depth = 1
        if depth:
            inner[-1][1].append(line)
            depth -= bool(_END.match(stripped))
        else:
            outer.append(line)
    # An empty AGENT line said the inner card was the assistant's: now a contact.
    outer = [line for line in outer if not _EMPTY_AGENT.match(line)]
    outer.append(held[-1])
    where = ", ".join(str(number) for number, _lines in inner)
    where = f"line {where}" if len(inner) == 1 else f"lines {where}"
    yield start, outer, None, [*warnings, f"the cards inside it ({where}) are read as cards "
                                          "of their own"]  # fmt: skip
    for number, lines_of_card in inner:
        yield number, lines_of_card, None, [f"it was inside the card of line {start}: read as "
                                            "a card of its own"]  # fmt: skip


def _unfold_bytes(lines: list[bytes]) -> list[bytes]:
    # Folding happens on octets: some writers fold inside a UTF-8 character, so lines
    # are joined before anything is decoded (RFC 6350 3.2).
    # After a quoted-printable soft line break ("=" at the end) an indented line is
    # not a fold: its space is text (RFC 2045's example); _text_values joins those.
    out: list[bytes] = []
    soft_break = False  # the last line is quoted-printable text ending in "="
    for line in lines:
        if line[:1] in (b" ", b"\t") and line.strip() and out and not soft_break:
            out[-1] += line[1:]
            soft_break = out[-1].endswith(b"=") and _QP_BYTES.search(out[-1], 0, 300) is not None
        else:
            out.append(line)
            soft_break = line.endswith(b"=") and (
                soft_break or _QP_BYTES.search(line, 0, 300) is not None
            )
    return out


def _decode(lines: list[bytes]) -> tuple[str, str | None]:
    """The card as text, and a warning when it was not UTF-8."""
    raw = b"\n".join(_unfold_bytes(lines))
    charset = _CHARSET.search(raw)
    if charset and charset.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii"):
        name = charset.group(1).decode("ascii").lower()
        try:
            return raw.decode(name), None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        encoding = legacy_encoding(raw)
        text = raw.decode(encoding, errors="replace")
        return text, f"not UTF-8: read as {ENCODING_NAMES[encoding]}"


# A logical line: [group.]NAME[;params]:value (a quoted parameter may hold ":" or ";").
_PROPERTY = re.compile(r'^((?:[\w-]+\.)?([\w-]+))((?:;(?:"[^"]*"|[^":;])*)*):(.*)$', re.DOTALL)
_QUOTED_PRINTABLE = re.compile("QUOTED-PRINTABLE", re.IGNORECASE)
_ESCAPE_OR_COMMA = re.compile(r"\\.|,", re.DOTALL)
# Where a comma separates values; everywhere else it is text (vobject would cut there).
_COMMA_LISTS = frozenset({"N", "ADR", "CATEGORIES", "NICKNAME"})


def _escape_comma(match: re.Match[str]) -> str:
    return "\\," if match.group() == "," else match.group()


def _text_values(text: str, warnings: list[str]) -> tuple[str, str]:
    """The card with every value vobject would misread made plain for it.

    vobject reads a text value as a comma-separated list and keeps the first item, so
    ``TITLE:VP, Sales`` became "VP": commas outside the structured and list properties
    are escaped. Quoted-printable values are decoded here, one property at a time, with
    their own charset, so that one stray byte costs that property's charset, not the
    card's (a warning says which property was read as Windows-1252).

    Returns (the text for vobject, the text with its values as written, decoded).
    """
    has_qp = _QUOTED_PRINTABLE.search(text) is not None
    if not has_qp and "," not in text:
        return text, text
    lines = text.split("\n")
    out: list[str] = []
    plain: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "," not in line and not (has_qp and _QUOTED_PRINTABLE.search(line)):
            out.append(line)
            plain.append(line)
            continue
        match = _PROPERTY.match(line)
        if match is None:
            out.append(line)
            plain.append(line)
            continue
        head, name, params, value = match.groups()
        name = name.upper()
        if _QUOTED_PRINTABLE.search(params):
            while value.endswith("=") and index < len(lines):  # soft line breaks
                value = value[:-1] + lines[index]
                index += 1
            value, params = _quoted_printable(name, params, value, warnings)
        plain.append(f"{head}{params}:{value}")
        if name not in _COMMA_LISTS and "," in value:
            value = _ESCAPE_OR_COMMA.sub(_escape_comma, value)
        out.append(f"{head}{params}:{value}")
    return "\n".join(out), "\n".join(plain)


def _quoted_printable(name: str, params: str, value: str, warnings: list[str]) -> tuple[str, str]:
    """The decoded value, escaped for vobject, and the parameters without QP and CHARSET."""
    kept, charset = [], "utf-8"
    for param in params.split(";")[1:]:
        key, _, given = param.partition("=")
        if key.strip().upper() == "CHARSET":
            charset = given.strip().strip('"') or charset
        elif "QUOTED-PRINTABLE" not in param.upper():
            kept.append(param)
    data = binascii.a2b_qp(value.encode("utf-8", "surrogateescape"))
    try:
        decoded = data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        decoded = data.decode("cp1252", errors="replace")
        warnings.append(f"{name}: quoted-printable text was not {charset}: read as Windows-1252")
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return decoded, "".join(f";{param}" for param in kept)


def _prepare(number: int, line: int, lines: list[bytes], warnings: list[str]) -> _Card:
    text, warning = _decode(lines)
    card = _Card(number, line, text, list(warnings) + ([warning] if warning else []), [], "")
    card.text, card.plain = _text_values(text, card.warnings)
    if _NEEDS_PREPASS.search(card.text):  # rare: most cards go to vobject untouched
        kept = []
        for ln in card.text.split("\n"):
            head, _, value = ln.partition(":")
            name = head.split(";", 1)[0].split(".")[-1].upper()
            if name == "PROFILE":
                continue  # RFC 2425's PROFILE:VCARD says nothing and trips vobject up
            if name == "PHOTO" and value.lower().startswith("data:"):
                card.data_photos.append(value)  # vobject splits a data: URI at its comma
                continue
            kept.append(ln)
        card.text = "\n".join(kept)
    return card


def _parse_card(card: _Card, thumbnailer: Thumbnailer | None) -> ParsedRecord | RecordProblem:
    """One card on its own, with every fallback."""
    try:
        component = _read_one(card.text, card.warnings)
    except Exception as first:
        # A bad PHOTO (broken base64, say) should cost the photo, not the contact.
        without_photo = "\n".join(
            ln
            for ln in card.text.split("\n")
            if not ln.upper().split(":", 1)[0].split(".")[-1].startswith("PHOTO")
        )
        try:
            component = _read_one(without_photo, card.warnings)
        except Exception as second:
            return RecordProblem(card.number, card.line, _reason(second))
        card.warnings.append(f"photo left out: {_reason(first)}")
    return _finish(card, component, thumbnailer)


def _finish(
    card: _Card, component: vobject.base.Component, thumbnailer: Thumbnailer | None
) -> ParsedRecord | RecordProblem:
    try:
        draft, more = _to_draft(component, thumbnailer)
        if draft.photo is None and card.data_photos:
            draft.photo, problem = _photo_bytes(_data_uri(card.data_photos[0]), thumbnailer)
            if problem:
                more.append(problem)
        parts = read_parts(card.plain, draft, version_21=_VERSION_21.search(card.plain) is not None)
        more += parts.warnings
        if not (draft.display_name or draft.given_name or draft.family_name):
            # A card without a name still holds a person (Android: a nickname and a chat
            # address; Outlook: a photo): named after what it has, else by
            # effective_display_name (organization, then "Unnamed contact").
            draft.display_name = next(
                (v for v in (*draft.nicknames, *(i.value for i in (*draft.emails,
                 *draft.phones)), *(h.address for h in draft.handles)) if v), ""
            )  # fmt: skip
    except Exception as exc:  # a value of a shape we did not foresee
        log.warning("card %d: %s", card.number, type(exc).__name__)
        return RecordProblem(card.number, card.line, _reason(exc))
    return ParsedRecord(
        card.number,
        card.line,
        draft,
        card.warnings + more,
        as_of=_revised(component),
        archived=parts.archived,
    )


_REV = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")


def _revised(card: vobject.base.Component) -> dt.date | None:
    """The day of the card's REV (when it was last revised): what its role is as of."""
    for prop in card.contents.get("rev", [])[:1]:
        match = _REV.match(_text(prop.value, 64))
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def _data_uri(value: str) -> bytes | None:
    header, _, payload = value.partition(",")
    if ";base64" not in header.lower():
        return None
    try:
        return base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return None


class _SkippedLines(logging.Handler):
    """Collects the lines vobject skips (ignoreUnreadable) as warnings of the card."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message.split("message: ", 1)[-1][:200])


_SKIPPED = _SkippedLines()


@cache
def _vobject() -> Any:  # the vobject module (untyped)
    """vobject, imported on first use: the window's start need not pay its 30 ms.

    vobject may give its logger a handler of its own that prints skipped lines on
    stderr; ours collects them as warnings of the card being read instead (cards are
    read one at a time, by one import at a time).
    """
    import vobject

    vobject_log = logging.getLogger("vobject.base")
    for handler in list(vobject_log.handlers):
        vobject_log.removeHandler(handler)
    vobject_log.addHandler(_SKIPPED)
    vobject_log.propagate = False
    return vobject


def _read_one(text: str, warnings: list[str]) -> vobject.base.Component:
    skipped = _SKIPPED
    skipped.messages = []
    try:
        try:
            component = _vobject().readOne(text, allowQP=True, ignoreUnreadable=True)
        except UnicodeDecodeError:
            # Quoted-printable bytes that are not the charset the card claims (a
            # cp1252 byte under CHARSET=UTF-8, say): read them as Windows-1252.
            component = _vobject().readOne(
                re.sub("CHARSET=UTF-?8", "CHARSET=cp1252", text, flags=re.IGNORECASE),
                allowQP=True,
                ignoreUnreadable=True,
            )
            warnings.append("quoted-printable text was not UTF-8: read as Windows-1252")
    finally:
        messages, skipped.messages = skipped.messages, []
    warnings.extend(f"line skipped: {m}" for m in messages)
    if _property_count(component) > PROPERTIES_MAX:
        raise ValueError(f"the card has more than {PROPERTIES_MAX} properties")
    return component


def _reason(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message[:300]


def _text(value: object, cap: int = NAME_MAX) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = " ".join(str(value or "").replace("\x00", "").split())
    return text[:cap]


def _to_draft(
    card: vobject.base.Component, thumbnailer: Thumbnailer | None
) -> tuple[ContactDraft, list[str]]:
    """FN, BDAY, CATEGORIES, PHOTO and UID, which vobject reads well; vcard_parts reads
    the rest from the lines."""
    warnings: list[str] = []
    draft = ContactDraft()
    for prop in list(card.getChildren()):
        name = prop.name
        value = prop.value
        if name == "FN" and not draft.display_name:
            draft.display_name = _text(value)
        elif name == "BDAY" and draft.birthday is None:
            omit = prop.params.get("X-APPLE-OMIT-YEAR", [""])[0]
            draft.birthday, problem = _birthday(_text(value, 64), omit_year=str(omit))
            if problem:
                warnings.append(problem)
        elif name == "CATEGORIES":
            values = value if isinstance(value, list) else str(value).split(",")
            for tag in (normalize_tag(str(v)) for v in values):
                if tag and tag.casefold() not in (t.casefold() for t in draft.tags):
                    draft.tags.append(tag[:NAME_MAX])
        elif name == "PHOTO" and draft.photo is None:
            draft.photo, problem = _photo(prop, thumbnailer)
            if problem:
                warnings.append(problem)
        elif name == "UID" and not draft.uid:
            draft.uid = _text(value, ADDRESS_MAX)
    return draft, warnings


# Apple Contacts and CardBook write a birthday without a year in the year 1604 (Apple
# also says so: X-APPLE-OMIT-YEAR=1604); no contact was born then.
NO_YEAR = 1604


def _birthday(text: str, *, omit_year: str = "") -> tuple[Birthday | None, str | None]:
    if not text:
        return None, None
    candidate = text.split("T")[0]
    try:
        birthday = parse_birthday(candidate)
    except ValueError:
        return None, f"birthday “{text}” is not a date: left out"
    if birthday.year is not None and (birthday.year == NO_YEAR or str(birthday.year) == omit_year):
        birthday = Birthday(birthday.month, birthday.day)
    return birthday, None


def _photo(
    prop: vobject.base.ContentLine, thumbnailer: Thumbnailer | None
) -> tuple[bytes | None, str | None]:
    value = prop.value
    if isinstance(value, bytes):
        return _photo_bytes(value, thumbnailer)
    text = str(value or "").strip()
    if not text:
        return None, None
    if "://" not in text[:16] and not text.startswith("\\\\"):
        try:  # 3.0 writers that leave out ENCODING=b
            return _photo_bytes(base64.b64decode(text, validate=True), thumbnailer)
        except (binascii.Error, ValueError):
            pass
    # A link to elsewhere is never fetched (RELIABILITY.md case 23); vcard_parts keeps
    # its line for export.
    return None, "photo not shown: it is a link, and links are never fetched (kept as written)"


def _photo_bytes(
    data: bytes | None, thumbnailer: Thumbnailer | None
) -> tuple[bytes | None, str | None]:
    if data is None:
        return None, "photo left out: its data is not valid base64"
    if not data:
        return None, None
    if len(data) > PHOTO_MAX:
        return None, "photo left out: larger than 1 MB"
    if thumbnailer is None:
        return None, None
    try:
        return thumbnailer(data), None
    except ValueError as exc:
        return None, f"photo left out: {exc}"


def write_vcards(drafts: list[ContactDraft], *, version: str = "3.0") -> str:
    """vCard 3.0 (or 4.0) text for these contacts; every card has FN."""
    return "".join(card_text(draft, version=version) for draft in drafts)


def card_text(draft: ContactDraft, *, version: str = "3.0", archived: bool = False) -> str:
    """One card with every field of the draft (vcard_out writes the card's other parts)
    and the kept lines as they were read."""
    from networker.domain.contacts import effective_display_name

    vobject = _vobject()
    card = vobject.vCard()
    card.add("version").value = version
    card.add("fn").value = effective_display_name(draft)
    card.add("n").value = vobject.vcard.Name(
        family=draft.family_name, given=draft.given_name, additional=draft.middle_name,
        prefix=draft.name_prefix, suffix=draft.name_suffix,
    )  # fmt: skip
    if draft.uid:
        card.add("uid").value = draft.uid
    if draft.organization or draft.org_units:
        card.add("org").value = [draft.organization, *draft.org_units]
    if draft.title:
        card.add("title").value = draft.title
    if draft.birthday:
        _add_birthday(card, draft.birthday, version)
    if draft.notes:
        card.add("note").value = draft.notes
    if draft.tags:
        card.add("categories").value = list(draft.tags)
    raw_lines = part_lines(draft, version=version, archived=archived)
    # Kept lines are stored unfolded (older versions stored them as vobject wrote them,
    # folded). Unfolded, each must be one line: one with a line break (never read, but
    # a damaged or hand-edited database could hold it) would start a property, or a
    # card, of its own.
    raw_lines += [
        line
        for line in (_FOLD.sub("", extra) for extra in draft.extras)
        if "\n" not in line and "\r" not in line
    ]
    if draft.photo and version == "4.0":
        # 4.0 wants a data: URI, which vobject would escape as text; it is written as is.
        raw_lines.append(
            "PHOTO:data:image/jpeg;base64," + base64.b64encode(draft.photo).decode("ascii")
        )
    elif draft.photo:
        photo = card.add("photo")
        photo.value = draft.photo
        photo.encoding_param = "b"
        photo.type_param = "JPEG"
    text = str(card.serialize())
    if raw_lines:
        end = text.rstrip("\r\n").rfind("END:VCARD")
        text = text[:end] + "".join(f"{_folded(line)}\r\n" for line in raw_lines) + "END:VCARD\r\n"
    return text


def _add_birthday(card: Any, birthday: Birthday, version: str) -> None:
    """A birthday without a year: --MMDD in 4.0; in 3.0, which has no such form, the
    year 1604 with X-APPLE-OMIT-YEAR, as Apple Contacts writes (and reads) it."""
    prop = card.add("bday")
    if birthday.year is not None:
        prop.value = birthday.iso()
    elif version == "4.0":
        prop.value = f"--{birthday.month:02d}{birthday.day:02d}"
    else:
        prop.value = f"{NO_YEAR}-{birthday.month:02d}-{birthday.day:02d}"
        prop.params["X-APPLE-OMIT-YEAR"] = [str(NO_YEAR)]


_FOLD = re.compile(r"\r?\n[ \t]")
FOLD_OCTETS = 75


def _folded(line: str) -> str:
    """A line folded as RFC 6350 3.2 and RFC 2426 say: at most 75 octets a line, the
    space that starts a continuation included, never inside a UTF-8 character."""
    if len(line) <= FOLD_OCTETS // 4 or len(line.encode("utf-8")) <= FOLD_OCTETS:
        return line
    pieces: list[str] = []
    start = size = 0
    for index, char in enumerate(line):
        octets = len(char.encode("utf-8"))
        if size + octets > FOLD_OCTETS:
            pieces.append(line[start:index])
            start, size = index, 1  # the continuation's leading space
        size += octets
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


class VCardReader:
    """vCard files (2.1, 3.0, 4.0), for formats.readers."""

    file_type = IMPORTABLE_TYPES[0]
    fallback = False

    def sniff(self, head: bytes) -> bool:
        return looks_like_vcard(head)

    def count(self, chunk: bytes) -> int:
        return chunk.upper().count(b"BEGIN:VCARD")

    def columns_to_map(self, file: BinaryIO) -> tuple[list[str], list[str]] | None:
        return None

    def read(
        self, file: BinaryIO, options: ReadOptions
    ) -> tuple[str, Iterable[ParsedRecord | RecordProblem]]:
        head = file.read(HEAD_BYTES)
        file.seek(0)
        if not looks_like_vcard(head) and not _HEADLESS.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")):
            raise UnreadableFileError("it is not a vCard file (no BEGIN:VCARD line).")
        records = read_vcards(file, thumbnailer=options.thumbnailer, processes=options.processes)
        return "vCard", records


def looks_like_vcard(head: bytes) -> bool:
    """Whether a file's first bytes open a vCard (any encoding mark, any group prefix)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore").lstrip("\ufeff").lstrip().encode()
    first = text[:40].upper()
    return first.split(b":")[0].split(b".")[-1] == b"BEGIN" and b"VCARD" in first


VCARD_READER = VCardReader()
