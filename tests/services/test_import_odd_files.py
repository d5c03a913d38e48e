"""A FIFO, a device, a huge sparse file: the import's readers refuse them unread (issue 15)."""

from networker.services.importing import ImportService
from tests.conftest import finishes


def test_counting_sniffing_and_mapping_never_read_them(odd_files):
    """The survey (record count, CSV column mapping) ends at once and raises nothing:
    it was a csv.Error from a 2 GB CSV's column mapping, and a hang on a FIFO."""
    ended, outcome = finishes(lambda: ImportService.survey(list(odd_files.values())))
    assert ended
    (survey,) = outcome
    assert survey.records == 0 and survey.columns == {}


def test_a_csv_with_an_oversized_field_is_mapped_without_an_error(tmp_path):
    """Its column mapping ended in an uncaught csv.Error ("Something went wrong")."""
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a,b\n" + b'"' + b"x" * 2_000_000 + b'",y\n')
    header, sample = ImportService.columns_to_map(path)
    assert header == ["a", "b"] and sample == ["x" * 200, "y"]
    hopeless = tmp_path / "hopeless.csv"
    hopeless.write_bytes(b"a,b\n" + b'"' + b"x" * 9_000_000 + b'",y\n')
    found = ImportService.columns_to_map(hopeless)  # a line over 8 MB: read in part
    assert found is None or all(len(cell) <= 200 for cell in found[1])


def test_the_import_reports_them_as_unreadable(database, clock, odd_files):
    importer = ImportService(database=database, clock=clock, thumbnailer=None)
    ended, outcome = finishes(lambda: importer.import_files(list(odd_files.values())))
    assert ended
    (reports,) = outcome
    assert all(r.unreadable for r in reports)


def test_a_file_over_100_mb_is_read_with_a_warning(database, clock, tmp_path, monkeypatch):
    """RELIABILITY (c): warn over 100 MB (the limit made small here), refuse over 1 GB."""
    from networker.formats import input_files
    from networker.services import importing

    assert input_files.SIZE_WARNING == importing.SIZE_WARNING == 100 * 1024**2
    monkeypatch.setattr(importing, "SIZE_WARNING", 10)
    path = tmp_path / "big.vcf"
    path.write_bytes(b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n")
    importer = ImportService(database=database, clock=clock, thumbnailer=None)
    (report,) = importer.import_files([path], preview=True)
    assert any("larger than 100 MB" in w.reason for w in report.warnings)
    assert report.imported == 1
