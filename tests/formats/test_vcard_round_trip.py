"""The differential round trip (issue 10): every property of a card read from a file
comes back in Networker's export with the same value, except the deliberate changes
of card_diff.DELIBERATE; and export -> import -> export is byte-stable.

Run over the shared real-world corpus (when it is beside the checkout) and over the
repository's own small fixtures (tests/formats/cards). A failure prints every change,
with its reason or "NOT ON THE LIST".
"""

import io
from pathlib import Path

import pytest

from networker.formats import vcard
from networker.formats.reports import ParsedRecord, UnreadableFileError
from tests.formats.card_diff import DELIBERATE, card_texts, differences

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "vcf"
FIXTURES = Path(__file__).resolve().parent / "cards"


def _records(data, thumbnailer):
    try:
        return list(vcard.read_vcards(io.BytesIO(data), thumbnailer=thumbnailer))
    except UnreadableFileError:
        return []


def _check(files, thumbnailer, version):
    problems, report = [], []
    for path in files:
        data = path.read_bytes()
        records = _records(data, thumbnailer)
        texts = card_texts(data) if records else []
        parsed = [r for r in records if isinstance(r, ParsedRecord)]
        if len(parsed) != len(texts):
            problems.append(f"{path.name}: {len(texts)} cards, {len(parsed)} read")
            continue
        for number, (text, record) in enumerate(zip(texts, parsed, strict=True), start=1):
            out = vcard.card_text(record.draft, version=version, archived=record.archived)
            for change in differences(number, text, out, record.warnings, version):
                reason = DELIBERATE.get(change.reason, "NOT ON THE LIST")
                where = f"{path.name} card {number}"
                report.append(f"{where}: {change.name} {change.value!r}: {reason}")
                if not change.reason:
                    problems.append(report[-1])
            (back,) = _records(out.encode("utf-8"), thumbnailer)
            again = vcard.card_text(back.draft, version=version, archived=back.archived)
            if again != out:
                problems.append(f"{path.name} card {number}: export -> import -> export differs")
    print("\n".join(report))  # what changed, shown with -s or on failure
    return problems


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_property_of_our_fixtures_comes_back(qapp, version):
    from networker.imaging import make_thumbnail

    files = sorted(FIXTURES.glob("*.vcf"))
    assert len(files) >= 3
    assert _check(files, make_thumbnail, version) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
# The corpus holds damaged photos on purpose (aosp v21_malformed_photo); Qt's decoder
# says so while the thumbnailer refuses them.
@pytest.mark.qt_log_ignore("Corrupt JPEG data", "Quantization table")
@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_property_of_the_corpus_comes_back(qapp, version):
    from networker.imaging import make_thumbnail

    assert _check(sorted(CORPUS.glob("*.vcf")), make_thumbnail, version) == []


def test_a_changed_value_is_caught():
    # The checker itself: a title lost on the way is a failure, not a deliberate change.
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nTITLE:Mayor\nX-A:1\nEND:VCARD\n"
    (before,) = card_texts(text.encode())
    lost = differences(1, before, "BEGIN:VCARD\nVERSION:3.0\nFN:A\nX-A:1\nEND:VCARD\n", [])
    assert [(d.name, d.reason) for d in lost] == [("TITLE", "")]


def test_parameters_networker_does_not_model_come_back_as_written(tmp_path):
    """Issue 10: PREF=1, an address's LABEL, a web address's MEDIATYPE were dropped;
    a parameter that could break a line is never written (RELIABILITY 37)."""
    from networker.domain.contacts import LabeledValue
    from networker.formats import vcard
    from networker.formats.vcard_lines import raw_properties
    from networker.formats.vcard_parts import kept_params

    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\n"
        "EMAIL;TYPE=work;PREF=1:ada@work.example\r\n"
        'ADR;TYPE=work;LABEL="12 Main St\\nSpringfield":;;12 Main St;Springfield;;;\r\n'
        "URL;MEDIATYPE=text/html;VALUE=uri:https://ada.example\r\n"
        "END:VCARD\r\n"
    )
    (record,) = [r for r in vcard.read_vcards(io.BytesIO(card.encode())) if hasattr(r, "draft")]
    draft = record.draft
    assert draft.emails[0].params == ("PREF=1",)
    assert draft.addresses[0].params == ('LABEL="12 Main St\\nSpringfield"',)
    assert draft.urls[0].params == ("MEDIATYPE=text/html",)  # VALUE is Networker's to write
    written = vcard.card_text(draft, version="4.0")
    assert "EMAIL;TYPE=work;PREF=1:ada@work.example" in written
    assert 'LABEL="12 Main St\\nSpringfield"' in written
    hostile = LabeledValue("work", "x@y.example", (), ("X-A=1\r\nEND:VCARD", 'X-B="a";c:d'))
    draft.emails = [hostile]
    lines = vcard.card_text(draft, version="3.0").splitlines()
    assert [line for line in lines if line.startswith("EMAIL")] == ["EMAIL;TYPE=WORK:x@y.example"]
    assert kept_params(raw_properties("EMAIL;PREF=1;CHARSET=utf-8:x@y")[0]) == ("PREF=1",)


def _csv_losses(files):
    """What of each card read from ``files`` does not come back from our CSV."""
    from networker.domain.contacts import effective_display_name
    from networker.formats import csv_formats
    from networker.formats.readers import ReadOptions

    problems = []
    for path in files:
        parsed = [r for r in _records(path.read_bytes(), None) if isinstance(r, ParsedRecord)]
        if not parsed:
            continue
        out = io.StringIO()
        csv_formats.write_csv_records(iter([(r.draft, r.archived) for r in parsed]), out)
        _name, rows = csv_formats.CsvReader().read(io.BytesIO(out.getvalue().encode()),
                                                   ReadOptions())  # fmt: skip
        for number, (record, row) in enumerate(zip(parsed, list(rows), strict=True), start=1):
            # Deliberate: a CSV holds no photo, and always a display name.
            record.draft.photo = None
            record.draft.display_name = effective_display_name(record.draft)
            if (row.draft, row.archived, row.warnings) != (record.draft, record.archived, []):
                problems.append(f"{path.name} card {number}")
    return problems


def test_every_card_of_our_fixtures_comes_back_from_our_csv():
    assert _csv_losses(sorted(FIXTURES.glob("*.vcf"))) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_every_card_of_the_corpus_comes_back_from_our_csv():
    """Issue 10: our CSV lost the TYPE spellings and parameters, the kept vCard lines
    and the archive mark of a card."""
    assert _csv_losses(sorted(CORPUS.glob("*.vcf"))) == []
