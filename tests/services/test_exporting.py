import os
import stat
import threading

from networker.services.exporting import ExportService
from tests.conftest import make_draft


def test_exporting_into_a_pipe_writes_into_it_and_leaves_the_pipe_in_place(
    database, contacts, tmp_path
):
    """A device or a pipe is written into, never replaced by a renamed temporary file
    (as root, an export to /dev/full turned /dev/full into a regular file)."""
    contacts.create(make_draft(given_name="Ada"))
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []

    def read() -> None:
        with pipe.open(encoding="utf-8") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ExportService(database=database).export_vcards(str(pipe)) == 1
    reader.join(timeout=10)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received and "FN:Ada Lovelace" in received[0]
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["pipe"]
