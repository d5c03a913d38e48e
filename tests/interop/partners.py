"""The independent clients the interop tests hand Networker's files to, and how they are run.

Radicale (a CardDAV/CalDAV server), vdirsyncer (syncs a folder of single-item files, a
"vdir", with such a server), khard (contacts) and khal (calendars) are test partners, not
Networker's dependencies: pyproject's `test` extra installs them into the same virtual
environment, so their commands are found beside the running Python. In CI a missing
partner fails the test; elsewhere it is skipped with the reason (as the real tray tests do).
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Every run of a partner or of Networker ends within this (a hang is a failure, not a wait).
TIMEOUT = 60
# A subprocess never opens an editor or a pager, and never asks (no terminal, no input).
QUIET = {"PAGER": "cat", "EDITOR": "true", "VISUAL": "true", "QT_QPA_PLATFORM": "offscreen"}


def partner(name: str) -> str:
    """The path of a partner's command, from this virtual environment."""
    path = BIN / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {name} for the interop tests (pyproject's test extra)")
        pytest.skip(f"{name} is not installed here (pip install -e '.[test]' installs it)")
    return str(path)


def run(command: list[str], *, env: dict[str, str] | None = None) -> str:
    """Runs a command to the end; its standard output, or a failure with what it said."""
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **QUIET, **(env or {})},
        cwd=ROOT,
        timeout=TIMEOUT,
    )
    if result.returncode != 0:
        pytest.fail(f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def networker(*args: str) -> str:
    """Networker's command line, as users' scripts call it (docs/command-line.md)."""
    return run([sys.executable, "-m", "networker", *args])


# Radicale


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Returns once the port takes connections; fails when the server exits or is not
    listening within 20 seconds."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            pass
        try:
            # Waits on the process itself: an early exit is seen at once.
            process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"Radicale exited {process.returncode}:\n{log.read_text()}")
    pytest.fail(f"Radicale did not listen on port {port} within 20 s:\n{log.read_text()}")


@contextmanager
def radicale_server(folder: Path) -> Iterator[str]:
    """Radicale on a free local port, without authentication (any user name is taken),
    its collections in ``folder``; yields its URL."""
    command = partner("radicale")
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    config = folder / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        "[auth]\ntype = none\n"
        f"[storage]\nfilesystem_folder = {folder / 'collections'}\n"
        "[web]\ntype = none\n"
        "[logging]\nlevel = warning\n"
    )
    log = folder / "radicale.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [command, "--config", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_listening(process, port, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


# vdirsyncer


def sync_through_server(
    url: str, user: str, *, kind: str, up: Path, down: Path, work: Path
) -> None:
    """Uploads the collection of the vdir ``up`` (its one folder) to the server (``kind``
    "carddav" or "caldav", as ``user``), then downloads it from the server into the empty
    vdir ``down``: two pairs of vdirsyncer, which creates the collection on either side
    ("implicit"), discovered and synced without a question asked."""
    command = partner("vdirsyncer")
    extension = ".vcf" if kind == "carddav" else ".ics"
    (collection,) = (p.name for p in up.iterdir())
    work.mkdir(parents=True, exist_ok=True)
    down.mkdir(parents=True, exist_ok=True)
    config = work / "vdirsyncer.conf"
    pair = 'a = "{a}"\nb = "server"\ncollections = ["{name}"]\nimplicit = "create"\n'
    config.write_text(
        f'[general]\nstatus_path = "{work / "status"}/"\n'
        # Discovered in this order: "up" finds the collection only on its own side and
        # creates it on the server, where "down" then finds it.
        f"[pair up]\n{pair.format(a='up_local', name='from a')}"
        f"[pair down]\n{pair.format(a='down_local', name=collection)}"
        f'[storage up_local]\ntype = "filesystem"\npath = "{up}/"\nfileext = "{extension}"\n'
        f'[storage down_local]\ntype = "filesystem"\npath = "{down}/"\n'
        f'fileext = "{extension}"\n'
        f'[storage server]\ntype = "{kind}"\nurl = "{url}"\n'
        f'username = "{user}"\npassword = "unused"\n'
    )
    for step in (["discover"], ["sync", "up"], ["sync", "down"]):
        run([command, "--config", str(config), *step])


# Splitting one export into a vdir: one file per contact, or per event with its
# edited occurrences (a vdir's rule, and what a CardDAV/CalDAV resource holds).


def _file_name(uid: str, extension: str) -> str:
    return hashlib.sha1(uid.encode()).hexdigest()[:16] + extension


def split_cards(data: bytes, folder: Path) -> dict[str, bytes]:
    """Writes each card of a Networker export to its own file; the cards by UID."""
    folder.mkdir(parents=True, exist_ok=True)
    cards: dict[str, bytes] = {}
    for card in re.findall(rb"BEGIN:VCARD\r\n.*?END:VCARD\r\n", data, re.DOTALL):
        uid = re.search(rb"^UID:(.*)\r$", card, re.MULTILINE)
        assert uid is not None, card
        cards[uid.group(1).decode()] = card
        (folder / _file_name(uid.group(1).decode(), ".vcf")).write_bytes(card)
    return cards


def split_calendar(data: bytes, folder: Path) -> list[str]:
    """Writes each event of a Networker export, with its edited occurrences and the time
    zones they use, to its own file, as exported (the text is cut, never rewritten);
    the UIDs."""
    folder.mkdir(parents=True, exist_ok=True)
    text = data.decode()
    head = text[: text.index("BEGIN:V", text.index("\r\n") + 2)]
    zones = {
        re.search(r"^TZID:(.*)\r$", zone, re.MULTILINE).group(1): zone  # type: ignore[union-attr]
        for zone in re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", text, re.DOTALL)
    }
    events: dict[str, list[str]] = {}
    for event in re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.DOTALL):
        uid = re.search(r"^UID:(.*)\r$", event, re.MULTILINE)
        assert uid is not None, event
        events.setdefault(uid.group(1), []).append(event)
    for uid, parts in events.items():
        unfolded = "".join(parts).replace("\r\n ", "")
        used = sorted(set(re.findall(r";TZID=([^;:]+)[;:]", unfolded)))
        body = "".join(zones[tzid] for tzid in used) + "".join(parts)
        (folder / _file_name(uid, ".ics")).write_bytes(f"{head}{body}END:VCALENDAR\r\n".encode())
    return list(events)
