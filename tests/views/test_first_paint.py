from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from networker.views.first_paint import AfterFirstPaint


class PaintedWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted = True


def test_deferred_work_runs_once_the_window_has_painted(qtbot):
    window = PaintedWindow()
    qtbot.addWidget(window)
    gate = AfterFirstPaint(fallback_ms=60_000, parent=window)
    gate.watch(window)
    seen_by_timer, seen_by_gate = [], []
    gate.defer(lambda: seen_by_gate.append(window.painted))
    # What the gate replaces: a zero-delay timer runs before the first paint.
    QTimer.singleShot(0, lambda: seen_by_timer.append(window.painted))
    window.show()
    qtbot.waitUntil(lambda: bool(seen_by_gate))
    assert seen_by_gate == [True]
    assert seen_by_timer == [False]
    assert gate.is_open


def test_work_deferred_after_the_paint_runs_from_the_event_loop(qtbot):
    window = PaintedWindow()
    qtbot.addWidget(window)
    gate = AfterFirstPaint(fallback_ms=60_000, parent=window)
    gate.watch(window)
    window.show()
    qtbot.waitUntil(lambda: gate.is_open)
    ran = []
    gate.defer(lambda: ran.append("later"))
    assert ran == []  # not inside the caller
    qtbot.waitUntil(lambda: ran == ["later"])


def test_a_window_that_never_paints_still_gets_its_work_done(qtbot):
    hidden = QWidget()
    qtbot.addWidget(hidden)
    gate = AfterFirstPaint(fallback_ms=20, parent=hidden)
    gate.watch(hidden)  # never shown (a start minimized, say)
    ran = []
    gate.defer(lambda: ran.append(1))
    qtbot.waitUntil(lambda: ran == [1])


def test_one_failing_piece_of_work_does_not_stop_the_rest(qtbot, monkeypatch):
    errors = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: errors.append(exc[1]))
    gate = AfterFirstPaint(fallback_ms=60_000)
    ran = []

    def fail() -> None:
        raise RuntimeError("boom")

    gate.defer(fail)
    gate.defer(lambda: ran.append("second"))
    gate.open()
    qtbot.waitUntil(lambda: ran == ["second"])
    assert [str(e) for e in errors] == ["boom"]
