"""A large vCard file is parsed by other processes: the records are the same, in the
same order, as when this process parses it; a failing pool falls back to this process."""

import base64
import io
import time

import pytest

from networker.formats import vcard
from networker.formats.reports import ParsedRecord

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def mixed_file(count=260):
    """Cards of every kind, crossing several batches: plain, with a photo, a card inside
    a card (read as two), a bad photo."""
    cards = []
    for i in range(count):
        if i % 97 == 13:
            cards.append(
                "BEGIN:VCARD\nVERSION:3.0\nFN:Outer\nBEGIN:VCARD\nFN:Inner\nEND:VCARD\nEND:VCARD\n"
            )
        elif i % 50 == 7:
            cards.append(f"BEGIN:VCARD\nVERSION:3.0\nFN:Photo {i}\nPHOTO;ENCODING=b;TYPE=PNG:"
                         f"{PNG}\nEND:VCARD\n")  # fmt: skip
        elif i % 61 == 5:
            cards.append(f"BEGIN:VCARD\nVERSION:2.1\nFN:Bad photo {i}\n"
                         "PHOTO;ENCODING=BASE64:iVBO:RRR=x\n\nEND:VCARD\n")  # fmt: skip
        else:
            cards.append(
                f"BEGIN:VCARD\nVERSION:3.0\nN:Person;Number {i};;;\nFN:Number {i} Person\n"
                f"ORG:Org {i % 7}\nEMAIL;TYPE=work:p{i}@x.example\nBDAY:--0{1 + i % 9}12\n"
                f"CATEGORIES:a,b{i % 3}\nX-CUSTOM:{i}\nEND:VCARD\n"
            )
    return "".join(cards).encode()


def thumbnail(data: bytes) -> bytes:
    if len(data) < 8:
        raise ValueError("too small to be a picture")
    return b"thumb" + data[:8]


def summary(records):
    return [
        (type(r).__name__, r.record, r.line)
        + ((r.draft, sorted(r.warnings)) if isinstance(r, ParsedRecord) else (r.reason,))
        for r in records
    ]


def read(data, processes):
    return list(vcard.read_vcards(io.BytesIO(data), thumbnailer=thumbnail, processes=processes))


def test_other_processes_give_the_same_records_in_the_same_order():
    data = mixed_file()
    here = read(data, 0)
    assert sum(isinstance(r, ParsedRecord) and r.draft.photo is not None for r in here) >= 5
    assert summary(read(data, 2)) == summary(here)


def test_a_pool_that_cannot_take_the_work_falls_back_to_this_process(monkeypatch, caplog):
    data = mixed_file(120)
    here = read(data, 0)
    # A function defined here cannot be pickled for the pool: every batch fails there.
    monkeypatch.setattr(vcard, "_parse_batch_elsewhere", lambda batch: [])
    with caplog.at_level("WARNING"):
        assert summary(read(data, 1)) == summary(here)
    assert "parsed here" in caplog.text


@pytest.mark.parametrize("processes", [0, 2])
def test_stopping_early_leaves_no_process_behind(processes):
    import multiprocessing

    records = vcard.read_vcards(io.BytesIO(mixed_file(400)), processes=processes)
    next(records)
    records.close()  # what a cancelled import does
    assert multiprocessing.active_children() == []


# Lines the batch read leaves out of vobject, beside lines it must keep: a folded value,
# a quoted-printable soft break, encoded and unparseable lines, more properties than
# allowed. Each batch must give exactly what reading every card whole gives.
TRICKY = [
    "BEGIN:VCARD\nVERSION:3.0\nFN:Folded\nNOTE:first\n  half\nTITLE:Boss\nEND:VCARD",
    "BEGIN:VCARD\nVERSION:2.1\nFN:Soft\nX-A:ends in quoted-printable=\nNOTE:next\nEND:VCARD",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Encoded\nNOTE;ENCODING=b:bm90IHRleHQ=\nEND:VCARD",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nEMAIL;TYPE=work:a@b.example\nno colon here\n"
    "TEL:1\nEND:VCARD",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Many\n"
    + "".join(f"X-N{i}:{i}\n" for i in range(vcard.PROPERTIES_MAX))
    + "END:VCARD",
    "BEGIN:VCARD\nVERSION:3.0\nitem1.FN:Grouped\nitem1.X-ABLABEL:_$!<Other>!$_\n"
    "N:Grouped;;;;\nitem2.CATEGORIES:x\nEND:VCARD",
]


@pytest.mark.parametrize("others", [0, 1, 2])
def test_lines_left_out_of_the_batch_read_change_nothing(others):
    plain = "BEGIN:VCARD\nVERSION:3.0\nFN:Plain\nN:Plain;;;;\nEMAIL:p@x.example\nEND:VCARD"
    for text in TRICKY:
        batch = [vcard._Card(n, n, t, [], [], t) for n, t in enumerate([plain] * others + [text])]
        whole = [vcard._parse_card(vcard._Card(c.number, c.line, c.text, [], [], c.plain), None)
                 for c in batch]  # fmt: skip
        assert repr(list(vcard._parse_batch(batch, None))) == repr(whole), text


def test_the_batch_read_leaves_out_lines_vobject_need_not_read():
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nN:A;;;;\nEMAIL;TYPE=work,pref:a@x.example\n"
        "NOTE:folded\n more\nBDAY:2000-01-02\nTEL;CHARSET=utf-8:1\nEND:VCARD"
    )
    kept = vcard._UNREAD_LINE.sub("", card).split("\n")
    assert kept == ["BEGIN:VCARD", "VERSION:3.0", "FN:A", "NOTE:folded", " more",
                    "BDAY:2000-01-02", "TEL;CHARSET=utf-8:1", "END:VCARD"]  # fmt: skip


def test_a_long_line_costs_the_batch_read_its_length_once():
    # vCard 2.1 writers put a photo's base64 on lines of their own, not indented:
    # with backtracking, finding lines to leave out cost the square of their length.
    long_line = "A" * 300_000
    text = f"BEGIN:VCARD\nVERSION:2.1\nFN:Long\n{long_line}\nN:Long;;;;\nEND:VCARD"
    card = vcard._Card(1, 1, text, [], [], text)
    started = time.process_time()
    kept = vcard._UNREAD_LINE.sub("", text)
    assert time.process_time() - started < 2  # was minutes
    assert kept == text.replace("N:Long;;;;\n", "")
    assert repr(list(vcard._parse_batch([card], None))) == repr(
        [vcard._parse_card(vcard._Card(1, 1, text, [], [], text), None)]
    )
