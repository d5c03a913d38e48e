import os
import stat
import threading

import pytest

from networker.paths import KeptFileError
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


def _kept_targets(data_paths, tmp_path):
    """Every way of naming a file Networker keeps: directly, through `..`, a link, a hard link."""
    root = data_paths.root
    backup = data_paths.backups / "auto-20261128-090000.sqlite3"
    backup.parent.mkdir(exist_ok=True)
    backup.write_bytes(b"SQLite format 3\x00backup")
    (root / "networker.lock").write_text("1234\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "link.vcf").symlink_to(data_paths.database)
    os.link(data_paths.database, outside / "hard.vcf")
    (outside / "folder").symlink_to(root)
    return {
        "database": data_paths.database,
        "wal": root / "networker.sqlite3-wal",
        "shm": root / "networker.sqlite3-shm",
        "backup": backup,
        "lock": root / "networker.lock",
        "log": root / "networker.log",
        "dot-dot": outside / ".." / "data" / "networker.sqlite3",
        "symlink": outside / "link.vcf",
        "hard link": outside / "hard.vcf",
        "link to the folder": outside / "folder" / "new.vcf",
        "the folder itself": root,
    }


def _snapshot(root):
    return {
        str(p): (p.stat().st_ino, p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
        if not p.name.endswith(("-wal", "-shm"))
    }


def test_no_export_replaces_a_file_networker_keeps(database, contacts, data_paths, tmp_path):
    """Issue 15: an export onto the database exited 0 and replaced it with vCard text."""
    contacts.create(make_draft(given_name="Ada"))
    targets = _kept_targets(data_paths, tmp_path)
    before = _snapshot(data_paths.root)
    exporter = ExportService(database=database)
    for name, target in targets.items():
        for export in (exporter.export_vcards, exporter.export_csv):
            with pytest.raises(KeptFileError, match="data folder") as refused:
                export(str(target))
            assert "data folder" in str(refused.value), name
    assert _snapshot(data_paths.root) == before
    assert contacts.count() == 1


def test_the_damaged_file_export_refuses_the_data_folder_too(database, data_paths):
    from networker.storage.salvage import damaged_file

    database.close()
    before = data_paths.database.read_bytes()
    with damaged_file(data_paths.database) as damaged, pytest.raises(KeptFileError):
        ExportService(database=damaged).export_readable_vcards(str(data_paths.database))
    assert data_paths.database.read_bytes() == before


def test_an_export_outside_the_data_folder_still_works(database, contacts, tmp_path):
    contacts.create(make_draft(given_name="Ada"))
    target = tmp_path / "out" / "contacts.vcf"
    target.parent.mkdir()
    target.write_text("old")
    os.link(target, tmp_path / "out" / "other-name.vcf")  # a hard link, but not to our files
    assert ExportService(database=database).export_vcards(str(target)) == 1
    assert "FN:Ada Lovelace" in target.read_text()


def test_save_what_can_be_read_keeps_networkers_own_fields(
    database, contacts, data_paths, tmp_path
):
    # Its message says "None was lost": every field must be in the file, archive mark too.
    from networker.domain.contacts import Source
    from networker.storage.salvage import damaged_file

    contact_id = contacts.create(
        make_draft(
            how_we_met="Met at the fair",
            source=Source.REFERRAL,
            school="Ecole",
            strength=3,
            cadence_days=45,
        )
    )
    contacts.set_archived([contact_id], True)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    target = tmp_path / "saved.vcf"
    with damaged_file(data_paths.database) as db:
        assert ExportService(database=db).export_readable_vcards(str(target)).saved == 1
    text = target.read_bytes().decode("utf-8")
    for line in ("X-NETWORKER-HOW-WE-MET:Met at the fair", "X-NETWORKER-SOURCE:referral",
                 "X-NETWORKER-SCHOOL:Ecole", "X-NETWORKER-STRENGTH:3",
                 "X-NETWORKER-KEEP-IN-TOUCH-DAYS:45", "X-NETWORKER-ARCHIVED:TRUE"):  # fmt: skip
        assert f"\r\n{line}\r\n" in text
