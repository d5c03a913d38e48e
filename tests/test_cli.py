"""The command line as users' scripts and packaging checks call it (CONTRACT.md)."""

import hashlib
import os
import pathlib
import shutil
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
