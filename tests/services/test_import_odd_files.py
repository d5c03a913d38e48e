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


def test_a_csv_whose_header_has_an_oversized_field_needs_no_mapping_and_raises_nothing(
    tmp_path,
):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a,b\n" + b'"' + b"x" * 2_000_000 + b'",y\n')
    assert ImportService.columns_to_map(path) is None


def test_the_import_reports_them_as_unreadable(database, clock, odd_files):
    importer = ImportService(database=database, clock=clock, thumbnailer=None)
    ended, outcome = finishes(lambda: importer.import_files(list(odd_files.values())))
    assert ended
    (reports,) = outcome
    assert all(r.unreadable for r in reports)
