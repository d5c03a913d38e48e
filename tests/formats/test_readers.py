"""The registry of importable formats: each file type has its reader, chosen by content."""

import io

import pytest

from networker.formats import IMPORTABLE_TYPES
from networker.formats.readers import ReadOptions, reader_for, readers
from networker.formats.reports import UnreadableFileError

CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
LINKEDIN = b"First Name,Last Name,Company,Position\nAda,Lovelace,Engines,Countess\n"


def test_every_importable_type_has_exactly_one_reader():
    assert [reader.file_type for reader in readers()] == list(IMPORTABLE_TYPES)


def test_a_file_is_read_by_what_it_holds_before_what_it_is_called():
    assert reader_for(".csv", CARD).file_type.suffixes == (".vcf", ".vcard")
    assert reader_for(".csv", LINKEDIN).file_type.suffixes == (".csv",)
    assert reader_for(".txt", LINKEDIN).file_type.suffixes == (".csv",)  # any text table


def test_a_vcf_that_holds_no_card_says_so():
    reader = reader_for(".vcf", b"Name,Email\n")
    with pytest.raises(UnreadableFileError, match="not a vCard file"):
        reader.read(io.BytesIO(b"Name,Email\n"), ReadOptions())


def test_an_empty_file_is_no_format_at_all():
    with pytest.raises(UnreadableFileError, match="empty"):
        reader_for(".vcf", b"  \n")


def test_each_reader_counts_and_reads_its_records():
    vcard, table = reader_for(".vcf", CARD), reader_for(".csv", LINKEDIN)
    assert vcard.count(CARD * 3) == 3
    name, records = vcard.read(io.BytesIO(CARD), ReadOptions())
    assert name == "vCard" and [r.draft.display_name for r in records] == ["Ada Lovelace"]
    name, records = table.read(io.BytesIO(LINKEDIN), ReadOptions())
    assert name == "LinkedIn CSV" and [r.draft.given_name for r in records] == ["Ada"]
    assert table.columns_to_map(io.BytesIO(LINKEDIN)) is None
    assert table.columns_to_map(io.BytesIO(b"Who,Where\nAda,Engines\n")) == (
        ["Who", "Where"],
        ["Ada", "Engines"],
    )
