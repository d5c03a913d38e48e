"""One measured start, run as its own process by bench_contacts.py.

    python start_child.py bare            a bare QMainWindow with a QTableView
    python start_child.py bound DATA_DIR  the bare window plus what any start of an app
                                          on this stack pays: Peewee imported, the
                                          database opened (WAL, foreign keys, busy
                                          timeout; without importing Networker, whose
                                          modules are not part of a lower bound), Qt's
                                          `Qt` namespace touched (PySide makes its 94 enums)
    python start_child.py app DATA_DIR    Networker, started as `networker` starts it

Prints JSON: seconds from the parent's spawn (BENCH_T0) to the list's first paint,
and (app) to the whole list being loaded.

The paint is seen by an event filter on the list's viewport alone, installed just before
the window is shown, the same way in both modes: an application-wide Python filter would
be called for every event of every widget the window builds (measured: 30 ms more for
Networker's window, mostly PySide making each event class on first sight, and far less
for the bare window), which would measure the probe rather than the start.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

T0 = float(os.environ["BENCH_T0"])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if sys.argv[1:2] == ["app"]:
    # What `networker` does before it imports Qt (cli.main), so the start is the same.
    from networker.cli import prepare_window_start

    prepare_window_start()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

result: dict[str, float] = {}


class FirstPaint(QObject):
    def __init__(self, on_painted) -> None:
        super().__init__()
        self._on_painted = on_painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and "painted" not in result:
            result["painted"] = time.time() - T0
            QTimer.singleShot(0, self._on_painted)
        return False


def own_peak_mb() -> float | None:
    """This process's own peak RSS (VmHWM; Linux). ru_maxrss, seen by the parent, also
    keeps the high-water mark of the process it was forked from, so after the parent
    has listed 10,000 contacts itself every child would seem to need at least as much."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def finish() -> None:
    peak = own_peak_mb()
    if peak is not None:
        result["peak_mb"] = peak
    print(json.dumps(result), flush=True)
    QApplication.exit(0)


def main() -> int:
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    if mode == "bound":
        from peewee import SqliteDatabase

        from PySide6.QtCore import Qt

        database = SqliteDatabase(
            str(Path(sys.argv[2]) / "networker.sqlite3"),
            pragmas={"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000},
        )
        database.connect()
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        _ = Qt.AlignmentFlag.AlignLeft
    if mode in ("bare", "bound"):
        watcher = FirstPaint(finish)  # kept referenced: a collected filter sees nothing
        window = QMainWindow()
        table = QTableView()
        window.setCentralWidget(table)
        window.resize(1100, 700)
        table.viewport().installEventFilter(watcher)
        window.show()
        return app.exec()

    def wait_until_loaded() -> None:
        model = window_shown[0].page("contactsView").model
        if model.is_loading:
            QTimer.singleShot(2, wait_until_loaded)
            return
        result["loaded"] = time.time() - T0
        window_shown[0].page("contactsView").table.scrollToBottom()
        app.processEvents()
        finish()

    watcher = FirstPaint(wait_until_loaded)
    window_shown = []
    from networker.views.main_window import MainWindow

    show = MainWindow.show

    def show_watched(window: MainWindow) -> None:
        # The first paint of whatever page comes first (Today, now).
        first = window.host.current()
        assert first is not None
        first.installEventFilter(watcher)
        window_shown.append(window)
        show(window)

    MainWindow.show = show_watched  # type: ignore[method-assign]
    from networker.app import run_gui

    return run_gui(data_dir=sys.argv[2], smoke_test=False)


if __name__ == "__main__":
    sys.exit(main())
