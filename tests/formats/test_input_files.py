"""Only regular files are read, within the size limit, checked before reading (RELIABILITY 31)."""

from networker.formats.input_files import SIZE_LIMIT, open_input
from networker.formats.reports import UnreadableFileError
from tests.conftest import finishes


def test_anything_but_a_regular_file_within_the_limit_is_refused_unread(odd_files):
    for name, path in odd_files.items():
        ended, outcome = finishes(lambda path=path: open_input(path))
        assert ended, f"opening the {name} hung"
        (refusal,) = outcome
        assert isinstance(refusal, UnreadableFileError), name
        expected = "larger than 1 GB" if name in ("sparse", "big csv") else "not a regular file"
        assert expected in str(refusal), name


def test_a_regular_file_is_read_as_usual(tmp_path):
    path = tmp_path / "ok.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\n")
    with open_input(path) as file:
        assert file.read() == b"BEGIN:VCARD\r\n"
    assert SIZE_LIMIT == 1024**3
