"""Networker on a real Linux desktop started from nothing, end to end: Xvfb (a free display
through -displayfd), the trayer tray host, a private session bus (dbus-daemon), the dunst
notification service on it, and dbus-monitor recording every Notify call.

The app starts hidden (``--hidden``) on a data folder with a due follow-up, once with an
XEmbed tray (trayer) and once with a StatusNotifierItem one (Qt's D-Bus tray; a stand-in
watcher on the bus). Checked: its tray icon appears (embedded in trayer, or registered
with the watcher); the reminder reaches org.freedesktop.Notifications.Notify
with its text and context (markup in a name or in how we met arrives as text:
RELIABILITY 33); a click on the
notification (dunst's default action) brings the window up.

test_real_notifications.py runs it on the app from source; packaging/check-install.sh on
the frozen bundle:  python -m tests.reminders.real_desktop --app /usr/bin/networker
(``--missing`` prints the Debian packages still to install: scripts/test.sh installs them).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from jeepney import HeaderFields, Message, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

# The Debian package of each program needed (scripts/test.sh installs them).
TOOLS = {
    "Xvfb": "xvfb",
    "trayer": "trayer",
    "dbus-daemon": "dbus-daemon",
    "dbus-monitor": "dbus-bin",
    "dunst": "dunst",
    "dunstctl": "dunst",
    "xwininfo": "x11-utils",
}
# XEmbed (trayer), and StatusNotifierItem (a watcher on the bus: Qt's D-Bus tray).
TRAYS = ("xembed", "status-notifier")
NAME = "Ada <b>Lovelace</b> & Co"  # markup in a name: it must arrive as text
SUMMARY = "Follow up with Ada <b>Lovelace</b> & Co: Coffee chat"
MET = 'At <a href="file:///etc/passwd">PyCon</a>'
# dunst reads the body as markup (its capabilities say body-markup): it arrives escaped.
BODY_MET = 'Met: At &lt;a href="file:///etc/passwd"&gt;PyCon&lt;/a&gt;'


def missing_tools() -> list[str]:
    return sorted({package for tool, package in TOOLS.items() if shutil.which(tool) is None})


def wait_for(condition: Callable[[], object], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)  # another process is being waited for: nothing to run here
    return True


def _read_line_from(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """Start a program that writes one line (a display number, a bus address) to a
    file descriptor it is given."""
    read, write = os.pipe()
    process = subprocess.Popen(
        [part.replace("{fd}", str(write)) for part in command],
        pass_fds=(write,),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as chosen:
        return process, chosen.readline().strip()


@contextlib.contextmanager
def desktop(folder: Path, *, tray: str = "xembed") -> Iterator[dict[str, str]]:
    """Xvfb, a tray host, a session bus with dunst, and dbus-monitor writing to
    folder/notify.log; yields the environment for a program to run on it. The tray host
    is trayer ("xembed"), or none here ("status-notifier": check() starts its own)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "WAYLAND"))}
    base["XDG_CONFIG_HOME"] = str(folder / "config")  # no user's dunstrc, no settings
    base["XDG_DATA_HOME"] = str(folder / "share")
    base["XDG_RUNTIME_DIR"] = str(folder / "runtime")
    (folder / "runtime").mkdir(mode=0o700)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        xvfb, number = _read_line_from(
            ["Xvfb", "-displayfd", "{fd}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            base,
        )
        processes.append(xvfb)
        bus, address = _read_line_from(
            ["dbus-daemon", "--session", "--nofork", "--print-address={fd}"], base
        )
        processes.append(bus)
        env = {**base, "DISPLAY": f":{number}", "DBUS_SESSION_BUS_ADDRESS": address}
        if tray == "xembed":
            processes.append(subprocess.Popen(["trayer"], env=env, stderr=subprocess.DEVNULL))
        processes.append(subprocess.Popen(["dunst"], env=env, stderr=subprocess.DEVNULL))
        log = folder / "notify.log"
        with log.open("wb") as out:
            monitor = subprocess.Popen(
                ["dbus-monitor", "--session", "interface='org.freedesktop.Notifications'"],
                env=env,
                stdout=out,
                stderr=subprocess.DEVNULL,
            )
        processes.append(monitor)
        # Ready: the monitor listens, dunst owns the name, trayer has its window.
        ready = (
            wait_for(lambda: b"NameLost" in log.read_bytes(), 20)
            and wait_for(lambda: _has_owner(env, "org.freedesktop.Notifications"), 20)
            and (tray != "xembed" or wait_for(lambda: _window_id(env, "panel") is not None, 20))
        )
        if not ready:
            raise RuntimeError("the desktop (Xvfb, trayer, dbus-daemon, dunst) did not start")
        yield env
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def _bus(env: dict[str, str]) -> DBusConnection:
    return open_dbus_connection(env["DBUS_SESSION_BUS_ADDRESS"])


def _has_owner(env: dict[str, str], name: str) -> bool:
    with _bus(env) as connection:
        reply = connection.send_and_get_reply(message_bus.NameHasOwner(name), timeout=5)
        return bool(reply.body[0])


class StatusNotifierWatcher(threading.Thread):
    """A stand-in for the StatusNotifierItem tray host of KDE, of GNOME's AppIndicator
    extension and of most other desktops: it owns org.kde.StatusNotifierWatcher on the
    bus and records the items that register. With it there, Qt's tray icon speaks D-Bus
    instead of XEmbed."""

    NAME = "org.kde.StatusNotifierWatcher"

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.items: list[str] = []
        self._connection = _bus(env)
        self._connection.send_and_get_reply(message_bus.RequestName(self.NAME), timeout=5)
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        self.join(5)
        self._connection.close()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                message = self._connection.receive(timeout=0.2)
            except TimeoutError:
                continue
            if message.header.message_type is MessageType.method_call:
                self._connection.send(self._answer(message))

    def _answer(self, call: Message) -> Message:
        member = call.header.fields.get(HeaderFields.member)
        properties = {
            "IsStatusNotifierHostRegistered": ("b", True),
            "ProtocolVersion": ("i", 0),
            "RegisteredStatusNotifierItems": ("as", list(self.items)),
        }
        if member == "RegisterStatusNotifierItem":
            self.items.append(call.body[0])
            return new_method_return(call)
        if member == "RegisterStatusNotifierHost":
            return new_method_return(call)
        if member == "Get" and call.body[1] in properties:
            return new_method_return(call, "v", (properties[call.body[1]],))
        if member == "GetAll":
            return new_method_return(call, "a{sv}", (properties,))
        return new_error(call, "org.freedesktop.DBus.Error.UnknownMethod")


def _tree(env: dict[str, str]) -> str:
    return subprocess.run(
        ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True, check=False
    ).stdout


def _window_ids(env: dict[str, str], name: str) -> list[str]:
    """The ids of the windows whose title is ``name`` (xwininfo's tree)."""
    return re.findall(rf'^\s*(0x[0-9a-f]+) "{re.escape(name)}":', _tree(env), re.MULTILINE)


def _window_id(env: dict[str, str], name: str) -> str | None:
    return next(iter(_window_ids(env, name)), None)


def _main_window_shown(env: dict[str, str]) -> bool:
    """A "Networker" window is on screen that is not the tray icon (nor Qt's 1x1 helper
    window of the same name): the main window."""
    for window in _window_ids(env, "Networker"):
        info = subprocess.run(
            ["xwininfo", "-id", window], env=env, capture_output=True, text=True, check=False
        ).stdout
        width = re.search(r"^\s*Width: (\d+)", info, re.MULTILINE)
        if "Map State: IsViewable" in info and width and int(width.group(1)) >= 200:
            return True
    return False


def _embedded_in_tray(env: dict[str, str]) -> bool:
    """trayer embeds each icon's window in its "panel" window; Qt names the icon's window
    after the application."""
    lines = _tree(env).splitlines()
    for at, line in enumerate(lines):
        if '"panel": ("panel" "trayer")' in line:
            depth = len(line) - len(line.lstrip())
            for inner in lines[at + 1 :]:
                if len(inner) - len(inner.lstrip()) <= depth:
                    break  # past the panel's own windows
                if '"Networker"' in inner:
                    return True
    return False


def notify_calls(log: Path) -> list[list[str]]:
    """The arguments of each Notify call dbus-monitor saw (strings, numbers as text)."""
    calls = []
    for block in re.split(r"\n(?=method call|signal|method return|error)", log.read_text()):
        if block.startswith("method call") and "member=Notify" in block.splitlines()[0]:
            values = re.findall(r'^   (?:string "(.*?)"|uint32 (\d+))$', block, re.MULTILINE | re.S)
            calls.append([text or number for text, number in values])
    return calls


def prepare_data(folder: Path) -> None:
    """A data folder with one due follow-up (its contact's name holds markup)."""
    from networker.clock import SystemClock
    from networker.domain.contacts import ContactDraft
    from networker.domain.interactions import InteractionDraft, InteractionKind
    from networker.paths import prepare_data_dir
    from networker.services.contacts import ContactService
    from networker.services.interactions import InteractionService
    from networker.storage.db import open_database

    clock = SystemClock()
    paths = prepare_data_dir(folder)
    database = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    try:
        ada = ContactService(database=database, clock=clock).create(
            ContactDraft(given_name=NAME, how_we_met=MET)
        )
        InteractionService(database=database, clock=clock).log(
            InteractionDraft(
                [ada],
                kind=InteractionKind.COFFEE_CHAT,
                occurred_at=clock.now() - dt.timedelta(days=10),
                follow_up_on=clock.today() - dt.timedelta(days=1),
            )
        )
    finally:
        database.close()


def check(app: list[str], folder: Path, *, tray: str = "xembed") -> dict[str, object]:
    """Run ``app`` on the desktop with an XEmbed tray (trayer) or a StatusNotifierItem
    one; what was seen, for the caller to judge."""
    data = folder / "data"
    prepare_data(data)
    seen: dict[str, object] = {"tray": tray}
    with desktop(folder, tray=tray) as env, contextlib.ExitStack() as stack:
        if tray == "xembed":
            shown: Callable[[], bool] = lambda: _embedded_in_tray(env)  # noqa: E731
        else:
            watcher = StatusNotifierWatcher(env)
            watcher.start()
            stack.callback(watcher.stop)
            shown = lambda: bool(watcher.items)  # noqa: E731
        process = subprocess.Popen(
            [*app, "--data-dir", str(data), "--hidden"],
            env={**env, "QT_QPA_PLATFORM": "xcb"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            log = folder / "notify.log"
            seen["tray_icon"] = wait_for(shown, 30)
            seen["notified"] = wait_for(lambda: notify_calls(log), 30)
            seen["calls"] = notify_calls(log)
            seen["window_before_click"] = _main_window_shown(env)
            subprocess.run(["dunstctl", "action", "0"], env=env, check=False, timeout=10)
            seen["window_after_click"] = wait_for(lambda: _main_window_shown(env), 15)
        finally:
            process.terminate()
            try:
                _, errors = process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                _, errors = process.communicate()
            seen["stderr"] = errors.decode(errors="replace")[-2000:]
    return seen


def problems(seen: dict[str, object]) -> list[str]:
    """What is wrong with what ``check`` saw (empty: all is well)."""
    found = []
    if not seen["tray_icon"]:
        found.append(f"the tray icon did not appear ({seen['tray']} tray)")
    calls = seen["calls"]
    assert isinstance(calls, list)
    ours = [call for call in calls if call[:1] == ["Networker"]]
    if not ours:
        found.append(f"no Notify from Networker reached the notification service: {calls}")
    elif ours[0][3] != SUMMARY:
        found.append(f"the summary is not the reminder's plain text: {ours[0][3]!r}")
    elif BODY_MET not in ours[0][4].splitlines() or "<a " in ours[0][4]:
        found.append(f"the body is not the reminder's context, escaped: {ours[0][4]!r}")
    if seen["window_before_click"]:
        found.append("the window showed before the notification was clicked (--hidden)")
    if not seen["window_after_click"]:
        found.append("clicking the notification did not bring the window up")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", help="the networker command to check")
    parser.add_argument(
        "--missing", action="store_true", help="only print the Debian packages to install"
    )
    args = parser.parse_args()
    if args.missing:
        print(" ".join(missing_tools()))
        return 0
    if not args.app:
        parser.error("--app is needed")
    if missing := missing_tools():
        print(f"real desktop: install {' '.join(missing)}", file=sys.stderr)
        return 1
    failed = False
    for tray in TRAYS:
        with tempfile.TemporaryDirectory(prefix="networker-desktop-") as folder:
            seen = check([args.app], Path(folder), tray=tray)
        found = problems(seen)
        print(json.dumps({k: v for k, v in seen.items() if k != "stderr"}))
        for problem in found:
            print(f"real desktop: {problem}", file=sys.stderr)
        if found:
            print(seen["stderr"], file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
