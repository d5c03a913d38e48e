"""Run by test_real_tray.py under Xvfb with a tray host: the real tray icon, its menu, a
due reminder's balloon and a click on it. Prints one JSON line with what it saw."""

import datetime as dt
import json
import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

from networker.app import app_icon
from networker.domain.reminders import Notification, ReminderKind
from networker.reminders.notifier import TrayNotifier
from networker.reminders.tray import Tray
from networker.services.reminders import DueReminder


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        QTest.qWait(50)
    return bool(condition())


def main() -> None:
    app = QApplication(sys.argv[:1])
    seen: dict[str, object] = {}
    seen["available"] = wait_for(QSystemTrayIcon.isSystemTrayAvailable, 10)
    tray = Tray(icon=app_icon(), reminders=None)  # type: ignore[arg-type]
    due = DueReminder(
        ReminderKind.FOLLOW_UP, "Follow up with <b>Ada</b>", dt.datetime.now(dt.UTC), 1, "x"
    )
    tray.set_due([due])
    tray.show()
    seen["visible"] = wait_for(lambda: tray.icon.geometry().isValid(), 10)
    seen["tooltip"] = tray.icon.toolTip()
    seen["menu"] = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    notifier = TrayNotifier(tray.icon)
    clicked: list[str] = []
    notifier.clicked.connect(lambda n: clicked.append(n.title))
    notifier.notify(Notification("Follow up with <b>Ada</b>", "Follow up, due now", (1,)))

    def balloon():
        return next(
            (w for w in app.topLevelWidgets() if w.metaObject().className() == "QBalloonTip"
             and w.isVisible()),
            None,
        )  # fmt: skip

    seen["balloon"] = wait_for(lambda: balloon() is not None, 10)
    if seen["balloon"]:
        tip = balloon()
        labels = [label for label in tip.findChildren(QLabel) if label.text()]
        seen["balloon_text"] = [label.text() for label in labels]
        seen["balloon_plain"] = all(
            label.textFormat() == Qt.TextFormat.PlainText for label in labels
        )
        QTest.mouseClick(tip, Qt.MouseButton.LeftButton)
        wait_for(lambda: bool(clicked), 5)
    seen["clicked"] = clicked
    print(json.dumps(seen), flush=True)


if __name__ == "__main__":
    main()
