"""Screenshot of the tray icon's menu with a few realistic due reminders, on a real X
server: Xvfb, the openbox window manager and the trayer tray host (Debian packages xvfb,
openbox, trayer, xdotool, imagemagick). The menu is opened as a user would, with a right
click on the icon.

python tools/tray_screenshot.py docs/tray.png
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peewee import SqliteDatabase

    from networker.clock import FixedClock

SCREEN = (1280, 800)


def desktop_then_child(out: Path) -> None:
    """Start the X server, window manager and tray host; run this file again on them."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as chosen:
        env = {**os.environ, "DISPLAY": f":{chosen.readline().strip()}", "QT_QPA_PLATFORM": "xcb"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # never the user's notifications
    helpers = [
        subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        for command in (["openbox"], ["trayer", "--edge", "top", "--height", "32"])
    ]
    try:
        # A desktop's backdrop instead of X's black (imagemagick paints the root window;
        # it exits 1 even when it did, so only the picture tells).
        subprocess.run(
            ["display", "-window", "root", "-size", f"{SCREEN[0]}x{SCREEN[1]}",
             "gradient:#5b7f9c-#2c4458"],
            env=env, check=False, timeout=30, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(1)  # the tray host takes its selection (the child waits for it too)
        root = Path(__file__).resolve().parents[1]
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(out.resolve())],
            env={**env, "PYTHONPATH": str(root)},
            check=True,
            timeout=120,
        )
    finally:
        for process in [*helpers, xvfb]:
            process.terminate()
            process.wait(10)


def add_people(database: SqliteDatabase, clock: FixedClock) -> None:
    """Five people met over the autumn; on 28 November three follow-ups, a thank-you,
    a keep-in-touch and a birthday need the user."""
    from networker.domain.contacts import Birthday, ContactDraft
    from networker.domain.interactions import InteractionDraft, InteractionKind, Value
    from networker.services.contacts import ContactService
    from networker.services.interactions import InteractionService

    contacts = ContactService(database=database, clock=clock)
    interactions = InteractionService(database=database, clock=clock)

    def person(given: str, family: str, org: str, **fields: Any) -> int:
        draft = ContactDraft(given_name=given, family_name=family, organization=org, **fields)
        return contacts.create(draft)

    amara = person("Amara", "Okafor", "Lumen Health", how_we_met="Web Summit panel")
    kenji = person("Kenji", "Nakamura", "Hooli")
    sofia = person("Sofia", "García", "Freelance")
    person("Lars", "Svensson", "Nordic Design Guild", cadence_days=30)
    person("Priya", "Raman", "Stanford GSB", birthday=Birthday(month=11, day=28))
    clock.advance(dt.timedelta(days=39))  # 28 November, 9:00
    for who, kind, days_ago, summary, value in (
        (amara, InteractionKind.COFFEE_CHAT, 12, "Portfolio review", Value.NONE),
        (kenji, InteractionKind.CALL, 9, "Referral to the platform team", Value.RECEIVED),
        (sofia, InteractionKind.INFORMATIONAL_INTERVIEW, 5, "UX research careers", Value.NONE),
    ):
        interactions.log(
            InteractionDraft(
                [who],
                kind=kind,
                occurred_at=clock.now() - dt.timedelta(days=days_ago),
                summary=summary,
                value=value,
                follow_up_on=None if who == kenji else clock.today() - dt.timedelta(days=1),
            )
        )


def child(out: Path) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from networker.app import app_icon, make_application
    from networker.clock import FixedClock
    from networker.paths import prepare_data_dir
    from networker.reminders.tray import Tray
    from networker.services.reminders import ReminderService
    from networker.storage.db import open_database

    def wait_for(condition: object, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
            QTest.qWait(50)
        return bool(condition())  # type: ignore[operator]

    app = make_application(sys.argv[:1])
    if not wait_for(QSystemTrayIcon.isSystemTrayAvailable, 10):
        raise SystemExit("no system tray appeared")
    clock = FixedClock(dt.datetime(2026, 10, 20, 9, 0))
    paths = prepare_data_dir(Path(tempfile.mkdtemp()) / "data")
    database = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    add_people(database, clock)
    reminders = ReminderService(database=database, clock=clock)
    tray = Tray(icon=app_icon(), reminders=reminders)
    tray.set_due(reminders.due())
    tray.show()
    if not wait_for(lambda: tray.icon.geometry().isValid(), 10):
        raise SystemExit("the tray icon did not show")
    QTest.qWait(500)
    # A click low on the icon: the menu opens below it, and the badge stays in sight.
    icon = tray.icon.geometry()
    at = (icon.center().x(), icon.bottom() - 2)
    subprocess.run(["xdotool", "mousemove", str(at[0]), str(at[1]), "click", "3"])
    if not wait_for(tray.menu.isVisible, 10):
        raise SystemExit("the menu did not open")
    QTest.qWait(500)
    menu = tray.menu.geometry()
    # The tray bar and the menu under it, with a margin.
    width, height = min(SCREEN[0], menu.right() + 200), min(SCREEN[1], menu.bottom() + 60)
    subprocess.run(
        ["import", "-window", "root", "-crop", f"{width}x{height}+0+0", "+repage", str(out)],
        check=True,
    )
    print(out)
    tray.menu.close()
    database.close()
    QApplication.quit()
    del app


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[2]))
    else:
        desktop_then_child(Path(sys.argv[1] if len(sys.argv) > 1 else "tray.png"))
