"""The command line as users' scripts and packaging checks call it (docs/command-line.md)."""

import hashlib
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import pytest

from networker import __version__


def run(*args, env=None, user=None):
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    command = [sys.executable, "-m", "networker", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Networker {__version__}"


def test_smoke_test_shows_the_window_and_exits(tmp_path):
    result = run("--smoke-test", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "smoke-test ok"
    assert (tmp_path / "data" / "networker.sqlite3").is_file()


def test_the_environment_variable_chooses_the_data_dir(tmp_path):
    result = run("--smoke-test", env={"NETWORKER_DATA_DIR": str(tmp_path / "env")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env" / "networker.sqlite3").is_file()


def test_a_data_dir_that_cannot_be_created_is_named_with_the_reason(tmp_path):
    (tmp_path / "blocker").write_text("a file where a folder should be")
    target = tmp_path / "blocker" / "data"
    result = run("--smoke-test", "--data-dir", str(target))
    assert result.returncode == 1
    assert str(target) in result.stderr and "cannot be created" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_read_only_data_dir_is_refused_and_nothing_is_written(tmp_path):
    # Outside pytest's tmp_path, whose parents only root may enter.
    base = pathlib.Path(tempfile.mkdtemp(prefix="networker-ro-"))
    base.chmod(0o755)
    data = base / "data"
    data.mkdir()
    data.chmod(0o555)
    user = None
    if os.geteuid() == 0:
        # Root ignores permission bits: run the app as "nobody", as RELIABILITY.md case 7 says.
        assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test as non-root"
        user = 65534
    result = run("--smoke-test", "--data-dir", str(data), user=user)
    assert result.returncode == 1, result.stderr
    assert "read-only" in result.stderr and str(data) in result.stderr
    assert list(data.iterdir()) == []
    data.chmod(0o755)
    shutil.rmtree(base)


def test_a_damaged_database_makes_the_smoke_test_fail_without_touching_it(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "networker.sqlite3").write_bytes(b"\x00garbage" * 100)
    before = hashlib.sha256((data / "networker.sqlite3").read_bytes()).hexdigest()
    result = run("--smoke-test", "--data-dir", str(data))
    assert result.returncode == 1
    assert "not a Networker database" in result.stderr
    assert hashlib.sha256((data / "networker.sqlite3").read_bytes()).hexdigest() == before


def test_damage_found_by_the_first_read_fails_the_smoke_test_without_touching_it(tmp_path):
    """The header and schema are fine, so the database opens; the list's first read then
    finds the pages of the contact table malformed. Before: an 'unexpected error' dialog
    that nobody answers, so the smoke test never ended."""
    data = tmp_path / "data"
    cards = tmp_path / "cards.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:;Person {i};;;\r\nEND:VCARD\r\n"
            for i in range(300)
        )
    )
    assert run("import", "--data-dir", str(data), str(cards)).returncode == 0
    database = data / "networker.sqlite3"
    with sqlite3.connect(database) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        roots = [
            page
            for (page,) in connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'contact'"
            )
        ]
    connection.close()
    content = bytearray(database.read_bytes())
    for page in roots:  # garbage over the table's and its indexes' root pages
        content[(page - 1) * page_size : page * page_size] = b"\xa5" * page_size
    database.write_bytes(bytes(content))
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    result = run("--smoke-test", "--data-dir", str(data))
    assert result.returncode == 1
    assert "damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before


def test_without_a_display_the_window_says_it_needs_one(tmp_path):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "networker", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, env=environment, timeout=60,
    )  # fmt: skip
    if sys.platform.startswith("linux"):
        assert result.returncode == 1
        assert "no graphical display" in result.stderr


def test_wrong_usage_exits_2():
    assert run("--no-such-option").returncode == 2


CARDS = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@engines.example\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\n"
)


def test_import_prints_a_line_per_file_and_a_total(tmp_path):
    cards = tmp_path / "phone.vcf"
    cards.write_text(CARDS)
    data = str(tmp_path / "data")
    result = run("import", "--data-dir", data, str(cards))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{cards}: imported 1, updated 0, unchanged 0, skipped 1, errors 1",
        "total: imported 1, updated 0, unchanged 0, skipped 1, errors 1",
    ]
    assert "card 2 (line 6): the card has no END:VCARD line" in result.stderr
    again = run("import", "--data-dir", data, str(cards))
    assert (
        again.stdout.splitlines()[0]
        == f"{cards}: imported 0, updated 0, unchanged 1, skipped 1, errors 1"
    )


def test_import_json(tmp_path):
    import json

    cards = tmp_path / "phone.vcf"
    cards.write_text(CARDS)
    result = run("import", "--json", "--data-dir", str(tmp_path / "d"), str(cards))
    report = json.loads(result.stdout)
    assert report["imported"] == 1 and report["error_count"] == 1
    assert report["files"][0]["errors"] == [
        {"record": 2, "line": 6, "reason": "the card has no END:VCARD line"}
    ]


MAYOR = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nEMAIL:jane@city.example\nTITLE:{title}\n"
    "{photo}END:VCARD\n"
)


def test_import_tells_the_warnings_and_conflicts_and_prefer_file_takes_the_files(tmp_path):
    import json

    data = str(tmp_path / "d")
    first = tmp_path / "first.vcf"
    first.write_text(MAYOR.format(title="Mayor", photo=""))
    assert run("import", "--data-dir", data, str(first)).returncode == 0
    changed = tmp_path / "changed.vcf"
    changed.write_text(
        # A photo that is no picture is left out (a link would be kept as written).
        MAYOR.format(title="Lord Mayor", photo="PHOTO;ENCODING=b;TYPE=GIF:bm90IGEgcGljdHVyZQ==\n")
    )
    result = run("import", "--data-dir", data, str(changed))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{changed}: imported 0, updated 0, unchanged 1, skipped 0, errors 0",
        "  card 1 (line 1): photo left out: Only JPEG, PNG and GIF pictures can be used.",
        "  card 1: title of “Jane Doe”: kept “Mayor”, the file has “Lord Mayor” "
        "(--prefer-file takes the file's)",
        "total: imported 0, updated 0, unchanged 1, skipped 0, errors 0",
    ]
    report = json.loads(run("import", "--json", "--data-dir", data, str(changed)).stdout)
    (file,) = report["files"]
    assert file["warnings"] == [
        {"record": 1, "line": 1,
         "reason": "photo left out: Only JPEG, PNG and GIF pictures can be used."}
    ]  # fmt: skip
    assert file["conflicts"] == [
        {"record": 1, "contact": "Jane Doe", "field": "title", "kept": "Mayor",
         "file": "Lord Mayor"}
    ]  # fmt: skip
    preferred = run("import", "--prefer-file", "--data-dir", data, str(changed))
    assert preferred.stdout.splitlines()[0] == (
        f"{changed}: imported 0, updated 1, unchanged 0, skipped 0, errors 0"
    )
    exported = run("export", "--data-dir", data, "--format", "vcf", "-").stdout
    assert "TITLE:Lord Mayor" in exported


def test_a_possible_duplicate_is_a_line_under_its_file(tmp_path):
    data = str(tmp_path / "d")
    office = tmp_path / "office.vcf"
    office.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Alice Able\nTEL:+1 555 010 0000\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bob Baker\nTEL:555-010-0000\nEND:VCARD\n"
    )
    result = run("import", "--data-dir", data, str(office), env={"LANG": "en_US.UTF-8"})
    assert result.stdout.splitlines()[:2] == [
        f"{office}: imported 2, updated 0, unchanged 0, skipped 0, errors 0",
        "  card 2 (line 6): may be the same person as “Alice Able” "
        "(the same phone 555-010-0000): added as a new contact",
    ]


def test_export_writes_vcard_3_0_unless_4_0_is_asked_for(tmp_path):
    cards = tmp_path / "in.vcf"
    cards.write_text(CARDS)
    data = str(tmp_path / "d")
    run("import", "--data-dir", data, str(cards))
    plain = run("export", "--data-dir", data, "--format", "vcf", "-").stdout
    four = run("export", "--data-dir", data, "--format", "vcf", "--vcard-version", "4.0", "-")
    assert "VERSION:3.0" in plain and "VERSION:4.0" not in plain
    assert "VERSION:4.0" in four.stdout and "VERSION:3.0" not in four.stdout


def test_an_unreadable_file_exits_1_and_the_others_still_import(tmp_path):
    good = tmp_path / "good.vcf"
    good.write_text(CARDS)
    bad = tmp_path / "bad.vcf"
    bad.write_bytes(b"\x00\x01 not a vcard")
    result = run("import", "--data-dir", str(tmp_path / "d"), str(bad), str(good))
    assert result.returncode == 1
    assert "bad.vcf cannot be imported: it is not a vCard file" in result.stderr
    assert result.stdout.splitlines()[-1].startswith("total: imported 1,")


def test_export_writes_vcards_to_a_file_and_to_standard_output(tmp_path):
    cards = tmp_path / "in.vcf"
    cards.write_text(CARDS)
    data = str(tmp_path / "d")
    run("import", "--data-dir", data, str(cards))
    out = tmp_path / "out.vcf"
    assert run("export", "--data-dir", data, "--format", "vcf", str(out)).returncode == 0
    assert "FN:Ada Lovelace" in out.read_text()
    piped = run("export", "--data-dir", data, "--format", "vcf", "-")
    assert piped.stdout.startswith("BEGIN:VCARD") and "ada@engines.example" in piped.stdout


def test_a_failed_export_leaves_the_previous_file_untouched(tmp_path):
    data = str(tmp_path / "d")
    target = tmp_path / "readonly" / "out.vcf"
    result = run("export", "--data-dir", data, "--format", "vcf", str(target))
    assert result.returncode == 1 and "cannot be written" in result.stderr


def test_export_onto_the_database_is_refused_and_the_database_kept(tmp_path):
    """Issue 15: this command exited 0 and replaced the live database with vCard text."""
    cards = tmp_path / "in.vcf"
    cards.write_text(CARDS)
    data = tmp_path / "d"
    run("import", "--data-dir", str(data), str(cards))
    database = data / "networker.sqlite3"
    before = database.read_bytes()
    result = run("export", "--format", "vcf", str(database), "--data-dir", str(data))
    assert result.returncode == 1
    assert "data folder" in result.stderr and "Nothing was changed there" in result.stderr
    assert database.read_bytes() == before
    assert sqlite3.connect(database).execute("SELECT count(*) FROM contact").fetchone()[0] == 1


def test_export_from_another_programs_database_leaves_it_and_its_folder_as_they_were(tmp_path):
    """Issue 15: even 'export' switched a refused file to WAL and left -wal/-shm beside it."""
    data = tmp_path / "d"
    data.mkdir(mode=0o700)
    other = sqlite3.connect(data / "networker.sqlite3")
    other.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    other.commit()
    other.close()

    def state():
        return {
            p.name: (p.stat().st_mode, p.read_bytes())
            for p in data.iterdir()
            if p.name != "networker.log"  # Networker's own log says why it refused
        }

    before = state()
    result = run("export", "--data-dir", str(data), "--format", "vcf", str(tmp_path / "o.vcf"))
    assert result.returncode == 1 and "another program" in result.stderr
    assert state() == before
    assert not (tmp_path / "o.vcf").exists()


def test_usage_errors_of_the_subcommands_exit_2(tmp_path):
    assert run("import").returncode == 2
    assert run("export", "--format", "pdf", "x").returncode == 2


def test_export_csv_neutralises_formula_cells(tmp_path):
    cards = tmp_path / "in.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:=cmd|' /C calc'!A0\nEMAIL:x@y.example\nEND:VCARD\n"
    )
    data = str(tmp_path / "d")
    run("import", "--data-dir", data, str(cards))
    out = tmp_path / "out.csv"
    assert run("export", "--data-dir", data, "--format", "csv", str(out)).returncode == 0
    assert "'=cmd|' /C calc'!A0" in out.read_text()
    again = run("import", "--data-dir", data, str(out))
    assert again.stdout.splitlines()[0].endswith(
        "imported 0, updated 0, unchanged 1, skipped 0, errors 0"
    )


@pytest.fixture
def in_process_cli(monkeypatch):
    """cli.main in this process (to shorten the busy timeout); its log handlers go after."""
    import logging

    from networker import cli
    from networker.storage import db

    pragmas = [(k, 50 if k == "busy_timeout" else v) for k, v in db.PRAGMAS]
    monkeypatch.setattr(db, "PRAGMAS", pragmas)
    yield cli.main
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_networker", False)]:
        root.removeHandler(handler)
        handler.close()
    logging.captureWarnings(False)


def test_import_while_another_program_writes_says_busy_and_a_retry_works(
    tmp_path, in_process_cli, capsys
):
    import sqlite3

    card = tmp_path / "ada.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n")
    data = tmp_path / "data"
    assert in_process_cli(["export", "--data-dir", str(data), "--format", "vcf", "-"]) == 0
    window = sqlite3.connect(data / "networker.sqlite3", isolation_level=None)
    window.execute("BEGIN IMMEDIATE")  # the window saving, for longer than the timeout
    capsys.readouterr()
    assert in_process_cli(["import", "--data-dir", str(data), str(card)]) == 1
    assert "database is busy" in capsys.readouterr().err
    window.execute("ROLLBACK")
    window.close()
    assert in_process_cli(["import", "--data-dir", str(data), str(card)]) == 0
    assert "imported 1," in capsys.readouterr().out


def test_the_layers_below_the_window_load_without_qt():
    """cli.import_below_qt() runs before PySide6 is imported (its import hook would read
    the source of each module imported later): none of those modules may bring Qt in."""
    code = (
        "import sys; from networker.cli import import_below_qt; import_below_qt(); "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.fixture
def unprivileged(tmp_path):
    """A folder "nobody" may use (outside pytest's tmp_path, whose parents only root may
    enter), a data folder in it holding a database with Ada, and how to run as nobody:
    root ignores permission bits, so the checks of RELIABILITY case 7 run as uid 65534."""
    base = pathlib.Path(tempfile.mkdtemp(prefix="networker-ro-"))
    base.chmod(0o755)
    data = base / "data"
    cards = tmp_path / "in.vcf"
    cards.write_text(CARDS)
    assert run("import", "--data-dir", str(data), str(cards)).returncode == 0
    user = None
    if os.geteuid() == 0:
        assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test as non-root"
        user = 65534
        for path in [base, *base.rglob("*")]:
            os.chown(path, user, user)
    home = {f"XDG_{k}_HOME": str(base / k.lower()) for k in ("CONFIG", "DATA", "CACHE", "STATE")}

    def as_nobody(*args):
        return run(*args, user=user, env=home)

    yield base, data, as_nobody
    for path in [base, *base.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(base)


def _state(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_read_only_database_in_a_writable_folder_is_detected(unprivileged):
    """Issue 15 (RELIABILITY 7): a 0444 database in a writable folder was not detected."""
    base, data, as_nobody = unprivileged
    database = data / "networker.sqlite3"
    database.chmod(0o444)
    before = _state(data)
    cards = base / "more.vcf"
    cards.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEND:VCARD\n")
    refused = as_nobody("import", "--data-dir", str(data), str(cards))
    assert refused.returncode == 1, refused.stderr
    assert "cannot be changed" in refused.stderr and "read-only" in refused.stderr
    assert "Traceback" not in refused.stderr
    out = base / "out.vcf"
    exported = as_nobody("export", "--data-dir", str(data), "--format", "vcf", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "FN:Ada Lovelace" in out.read_text()
    smoke = as_nobody("--smoke-test", "--data-dir", str(data))
    assert smoke.returncode == 0 and "smoke-test ok" in smoke.stdout, smoke.stderr
    after = {k: v for k, v in _state(data).items() if k != "networker.log"}
    assert after == {k: v for k, v in before.items() if k != "networker.log"}


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_read_only_data_folder_still_exports_elsewhere(unprivileged):
    """Issue 15: a read-only data folder (0555) refused everything, export included."""
    base, data, as_nobody = unprivileged
    data.chmod(0o555)
    before = _state(data)
    out = base / "out.csv"
    exported = as_nobody("export", "--data-dir", str(data), "--format", "csv", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "Ada Lovelace" in out.read_text()
    assert _state(data) == before
    refused = as_nobody("import", "--data-dir", str(data), str(out))
    assert refused.returncode == 1 and "read-only" in refused.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_an_export_into_a_read_only_folder_is_a_clear_error(unprivileged):
    """RELIABILITY 38: a read-only destination is a clear error, the old file kept."""
    base, data, as_nobody = unprivileged
    folder = base / "locked"
    folder.mkdir()
    (folder / "contacts.vcf").write_text("the previous export")
    if os.geteuid() == 0:
        os.chown(folder, 65534, 65534)
    folder.chmod(0o555)
    target = folder / "contacts.vcf"
    result = as_nobody("export", "--data-dir", str(data), "--format", "vcf", str(target))
    assert result.returncode == 1
    assert "cannot be written" in result.stderr and "Nothing was changed there" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["contacts.vcf"]


def test_help_says_which_files_import_takes():
    for args in (("--help",), ("import", "--help")):
        result = run(*args)
        assert result.returncode == 0
        words = " ".join(result.stdout.split())
        assert "vCard (.vcf, .vcard)" in words and "CSV (LinkedIn" in words, args


def test_the_documents_the_readme_points_to_are_in_the_repository():
    readme = (pathlib.Path(__file__).parents[1] / "README.md").read_text()
    assert "../shared" not in readme  # a clone has no such folder
    for name in ("docs/command-line.md", "docs/limits.md"):
        assert f"({name})" in readme and (pathlib.Path(__file__).parents[1] / name).is_file()


CALENDARS = pathlib.Path(__file__).resolve().parent / "formats" / "calendars"


def test_import_and_export_of_calendar_files(tmp_path):
    """`networker import FILE.ics` and `networker export --format ics` (issue 12)."""
    import json

    data = str(tmp_path / "d")
    good, broken = CALENDARS / "networking.ics", CALENDARS / "broken.ics"
    result = run("import", "--data-dir", data, str(good), str(broken))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"{good}: imported 6, updated 0, unchanged 0, skipped 0, errors 0" in lines
    assert f"{broken}: imported 5, updated 0, unchanged 0, skipped 5, errors 5" in lines
    assert (
        "  event 5 (line 28): the time zone “Mars/Olympus” is not known and the file does not "
        "define it: its times are kept as floating local time"
    ) in lines
    assert (
        f"{broken}: event 2 (line 10): “Impossible date”: its start (DTSTART) cannot be "
        "read: Wrong datetime format: 20241399T250000"
    ) in result.stderr.splitlines()
    again = run("import", "--json", "--data-dir", data, str(good))
    report = json.loads(again.stdout)
    assert (report["imported"], report["updated"], report["unchanged"]) == (0, 0, 6)

    target = tmp_path / "events.ics"
    result = run("export", "--data-dir", data, "--format", "ics", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"exported 11 events to {target}"
    text = target.read_text()
    assert text.startswith("BEGIN:VCALENDAR") and "X-NETWORKER-GROUP:PMI Berlin" in text
    out = run("export", "--data-dir", data, "--format", "ics", "-")
    assert out.stdout.count("BEGIN:VEVENT") == 11


def test_the_data_dir_may_come_before_the_command(tmp_path):
    """QA: `networker --data-dir DIR import FILE` opened the window to import "import"."""
    card = tmp_path / "ada.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n")
    data = tmp_path / "data"
    result = run("--data-dir", str(data), "import", str(card))
    assert result.returncode == 0, result.stderr
    assert "imported 1" in result.stdout
    listed = run(f"--data-dir={data}", "export", "--format", "vcf", "-")
    assert "FN:Ada Lovelace" in listed.stdout
