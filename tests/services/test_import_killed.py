"""RELIABILITY.md case 1: an import killed with SIGKILL half-way leaves the database as it was."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import make_draft


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (Linux: from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as file:
                    stat = file.read()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie that nobody reaped (an orphan's new parent may never)."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            return file.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_kill_9_during_an_import_leaves_exactly_what_was_there(
    tmp_path, contacts, database, data_paths
):
    for i in range(3):
        contacts.create(make_draft(given_name=f"Before{i}"))
    database.close()
    big = tmp_path / "big.vcf"
    big.write_text("".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEMAIL:p{i}@x.example\nTEL:+1 555 {i:07d}\n"
        f"NOTE:{'x' * 200}\nEND:VCARD\n"
        for i in range(60_000)
    ))  # fmt: skip
    before = sqlite3.connect(data_paths.database).execute(
        "SELECT id, display_name, updated_at FROM contact ORDER BY id").fetchall()  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "networker", "import", "--data-dir", str(data_paths.root), str(big)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wal = data_paths.root / "networker.sqlite3-wal"
    deadline = time.monotonic() + 30
    # Wait until the import is writing (its batches reach the WAL), then kill it.
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2_000_000):
        assert process.poll() is None, "the import ended before it could be killed"
        time.sleep(0.05)
    children = descendants(process.pid)
    # Issue 15: its two parsing processes and the resource tracker lived on, orphaned.
    assert len(children) >= 3, "the import was expected to parse in other processes"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in children):
        time.sleep(0.05)
    assert [pid for pid in children if alive(pid)] == [], "children outlived the import"
    check = sqlite3.connect(data_paths.database)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after = check.execute(
            "SELECT id, display_name, updated_at FROM contact ORDER BY id"
        ).fetchall()
        assert after == before
        assert check.execute("SELECT count(*) FROM email").fetchone()[0] == 3
    finally:
        check.close()
    # The next start knows an import did not finish, and says so once.
    from networker.clock import SystemClock
    from networker.services.importing import ImportService
    from networker.storage.db import open_database

    reopened = open_database(
        data_paths.database, backups_dir=data_paths.backups, clock=SystemClock()
    )
    try:
        importer = ImportService(database=reopened, clock=SystemClock(), thumbnailer=None)
        ((run_id, _started, files),) = importer.unfinished_runs()
        assert files == "big.vcf"
        importer.acknowledge_unfinished([run_id])
        assert importer.unfinished_runs() == []
    finally:
        reopened.close()
