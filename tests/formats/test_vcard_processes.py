"""A large vCard file is parsed by other processes: the records are the same, in the
same order, as when this process parses it; a failing pool falls back to this process."""

import base64
import io

import pytest

from networker.formats import vcard
from networker.formats.reports import ParsedRecord

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def mixed_file(count=260):
    """Cards of every kind, crossing several batches: plain, with a photo, a broken one
    (a card inside a card), a bad photo."""
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
