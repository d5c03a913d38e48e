"""One Networker per data folder (RELIABILITY.md case 39): a second start hands over and
exits without opening the database; a crashed first start does not block the next."""

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from PySide6.QtNetwork import QLocalServer

from networker.single_instance import LOCK_NAME, Role, SingleInstance, server_name

CARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEMAIL:grace@navy.example\nEND:VCARD\n"


def networker(data_dir, *args, cwd=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "networker", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
    )  # fmt: skip


def finish(process, qtbot, timeout=20_000):
    """Let this process's event loop run (the first instance answers from it) until the
    other process has exited."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout)
    out, err = process.communicate()
    return process.returncode, out, err


@pytest.fixture
def card(tmp_path):
    path = tmp_path / "grace.vcf"
    path.write_text(CARD)
    return path


@pytest.fixture
def first(qtbot, tmp_path):
    instance = SingleInstance(tmp_path / "data")
    (tmp_path / "data").mkdir(exist_ok=True)
    assert instance.claim([]) is Role.FIRST
    instance.received = []
    instance.deliver_to(instance.received.append)
    yield instance
    instance.release()


def test_the_lock_file_is_private(qtbot, tmp_path):
    """Issue 15 (RELIABILITY 40): networker.lock was 0644 under the usual umask."""
    import stat

    data = tmp_path / "data"
    data.mkdir()
    previous = os.umask(0o022)
    try:
        instance = SingleInstance(data)
        assert instance.try_first(listen=False)
    finally:
        os.umask(previous)
    try:
        assert stat.S_IMODE((data / LOCK_NAME).stat().st_mode) == 0o600
    finally:
        instance.release()


def test_a_second_start_hands_its_files_over_and_exits(qtbot, first, tmp_path, card):
    second = networker(tmp_path / "data", str(card))
    status, _out, err = finish(second, qtbot)
    assert status == 0, err
    assert first.received == [[str(card.resolve())]]
    # It never opened (or created) the database: that is the first instance's.
    assert not (tmp_path / "data" / "networker.sqlite3").exists()


def test_relative_paths_reach_the_first_instance_whole(qtbot, first, tmp_path, card):
    second = networker(tmp_path / "data", card.name, cwd=card.parent)
    status, _out, err = finish(second, qtbot)
    assert status == 0, err
    assert first.received == [[str(card.resolve())]]


def test_files_handed_over_before_the_window_exists_wait_for_it(qtbot, tmp_path, card):
    """The first start may still be asking about a damaged database when a file arrives."""
    data = tmp_path / "data"
    data.mkdir()
    instance = SingleInstance(data)
    assert instance.claim([]) is Role.FIRST
    try:
        status, _out, err = finish(networker(data, str(card)), qtbot)
        assert status == 0, err
        received = []
        instance.deliver_to(received.append)
        assert received == [[str(card.resolve())]]
    finally:
        instance.release()


def test_two_data_folders_are_two_instances(qtbot, first, tmp_path):
    (tmp_path / "other").mkdir()
    other = SingleInstance(tmp_path / "other")
    assert other.claim([]) is Role.FIRST
    other.release()
    assert server_name(tmp_path / "other") != first.name


def test_a_malformed_message_is_ignored(qtbot, first):
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(first.name)
    assert socket.waitForConnected(1000)
    socket.write(b'{"files": "not a list"}\n')
    socket.waitForBytesWritten(1000)
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert socket.readAll().data() == b""


def test_the_whole_app_hands_a_double_clicked_file_to_the_running_one(qtbot, tmp_path, card):
    data = tmp_path / "data"
    running = networker(data)
    try:
        qtbot.waitUntil(lambda: (data / LOCK_NAME).exists(), timeout=20_000)
        second = networker(data, str(card))
        status, _out, err = finish(second, qtbot)
        assert status == 0, err
        log = data / "networker.log"
        qtbot.waitUntil(
            lambda: "another start handed over 1 file(s)" in log.read_text(), timeout=20_000
        )
        assert running.poll() is None
    finally:
        running.kill()
        running.communicate()
        QLocalServer.removeServer(server_name(data))  # what the next start would do


def test_a_crashed_first_start_does_not_block_the_next(qtbot, tmp_path):
    data = tmp_path / "data"
    running = networker(data)
    qtbot.waitUntil(lambda: (data / LOCK_NAME).exists(), timeout=20_000)
    qtbot.waitUntil(lambda: (data / "networker.sqlite3").exists(), timeout=20_000)
    running.send_signal(signal.SIGKILL)
    running.communicate()
    assert (data / LOCK_NAME).exists()  # left behind, with a dead process id in it
    after = SingleInstance(data)
    assert after.claim([], wait_seconds=2) is Role.FIRST
    after.release()
    with sqlite3.connect(data / "networker.sqlite3") as connection:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_a_first_start_that_does_not_answer_is_reported(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    # A process that holds the lock but never listens (hung while starting).
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data / LOCK_NAME)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "locked\n"
        assert SingleInstance(data).claim([], wait_seconds=0.3) is Role.NO_ANSWER
    finally:
        holder.kill()
        holder.communicate()


HOLD_LOCK = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
print("locked", flush=True)
import time
time.sleep(60)
"""
