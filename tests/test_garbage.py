"""Cyclic garbage is collected on the GUI thread only, from a timer (garbage.py)."""

import gc
import threading

import pytest

from PySide6.QtCore import QEvent, QObject

from networker import garbage
from networker.tasks import TaskRunner


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collections_by_thread():
    """The thread each collection started on, while the test runs."""
    seen: list[tuple[int, bool]] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append((info["generation"], threading.current_thread() is threading.main_thread()))

    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)


@pytest.fixture
def owner(qapp):
    parent = QObject()
    yield parent
    parent.deleteLater()


def test_installing_it_stops_automatic_collection_until_it_is_gone(qapp):
    parent = QObject()
    others = garbage._alive  # the application's own, once a window test made it
    collector = garbage.install(parent)
    assert not garbage.collects_automatically()
    assert garbage.install(parent) is collector  # once per owner
    parent.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert garbage.collects_automatically() == (others == 0)


def test_a_worker_allocating_cycles_never_collects_and_the_timer_does_on_the_gui_thread(
    qtbot, owner, collections_by_thread
):
    collector = garbage.install(owner)
    runner = TaskRunner(cleanup=lambda: None)
    made: list[int] = []

    def work(_progress):
        for _ in range(50_000):  # far past every automatic threshold
            Cycle()
        made.append(50_000)

    with qtbot.waitSignal(runner.run(work, name="cycles").succeeded, timeout=10_000):
        pass
    runner.wait_all()
    assert made
    collector._thresholds = (0, 10**9, 10**9)  # (the app's own timer may have run meanwhile)
    assert collector.check() == 0  # the worker left its garbage for the GUI thread
    assert collections_by_thread and all(on_gui for _gen, on_gui in collections_by_thread)


def test_the_timer_collects_by_the_thresholds_and_fully_at_most_once_a_minute(owner):
    now = [1000.0]
    collector = garbage.GuiThreadCollector(owner, monotonic=lambda: now[0])
    gc.collect()
    assert collector.check() == -1  # nothing allocated since: nothing due
    collector._thresholds = (0, 0, 0)  # every generation due at once
    keep = [Cycle() for _ in range(10)]
    assert collector.check() == 0  # the middle generation is not due yet
    keep += [Cycle() for _ in range(10)]
    assert collector.check() == 1  # the full one waits for the minute
    keep += [Cycle() for _ in range(10)]
    gc.collect(0)  # the middle generation's count goes up again
    now[0] += garbage.FULL_EVERY_SECONDS
    assert collector.check() == 2
    keep += [Cycle() for _ in range(10)]
    gc.collect(0)
    assert collector.check() == 1
    del keep
