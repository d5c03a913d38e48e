"""The task runner: work off the GUI thread, results and progress back on it."""

import threading

import pytest

from networker.tasks import TaskRunner


@pytest.fixture
def runner(qapp):
    cleaned: list[str] = []
    runner = TaskRunner(cleanup=lambda: cleaned.append(threading.current_thread().name))
    runner.cleaned = cleaned
    yield runner
    runner.wait_all()


def test_the_result_comes_back_on_the_gui_thread_and_cleanup_runs_on_the_worker(qtbot, runner):
    results: list[tuple[int, bool]] = []

    def on_success(value: int) -> None:
        results.append((value, threading.current_thread() is threading.main_thread()))

    with qtbot.waitSignal(runner.run(lambda progress: 6 * 7, name="sum").succeeded):
        pass
    runner.run(lambda progress: 6 * 7, name="answer", on_success=on_success)
    qtbot.waitUntil(lambda: results == [(42, True)])
    assert len(runner.cleaned) == 2
    assert all(name != threading.main_thread().name for name in runner.cleaned)


def test_a_failure_comes_back_as_the_exception(qtbot, runner):
    errors: list[Exception] = []

    def work(progress):
        raise ValueError("no such file")

    runner.run(work, name="failing", on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "no such file"


def test_progress_is_reported_and_cancel_is_heard_by_the_work(qtbot, runner):
    seen: list[tuple[int, int]] = []
    cancelled = threading.Event()
    may_go_on = threading.Event()
    outcome: list[object] = []

    def work(progress):
        progress(1, 10)
        may_go_on.wait(10)
        if not progress(2, 10):
            cancelled.set()
            return "stopped"
        return "finished"

    task = runner.run(
        work,
        name="long",
        on_progress=lambda done, total: seen.append((done, total)),
        on_success=outcome.append,
    )
    qtbot.waitUntil(lambda: seen == [(1, 10)])
    task.cancel()
    may_go_on.set()
    qtbot.waitUntil(lambda: outcome == ["stopped"])
    assert cancelled.is_set() and task.cancelled is True


def test_wait_all_returns_only_when_every_task_has_ended(qapp, runner):
    release = threading.Event()
    ended: list[str] = []

    def work(progress):
        release.wait(10)
        ended.append("done")

    runner.run(work, name="one")
    runner.run(work, name="two")
    assert [t.objectName() for t in runner.running] == ["one", "two"]
    release.set()
    runner.wait_all()
    assert ended == ["done", "done"] and runner.running == []


def test_after_shut_down_nothing_more_starts(qtbot, runner):
    """A callback delivered after quit began must not start work that outlives the runner."""
    started: list[str] = []
    runner.shut_down()
    task = runner.run(lambda progress: started.append("ran"), name="late")
    assert not task.isRunning() and runner.running == []
    assert started == []


def test_quitting_cancels_what_may_be_cancelled_and_waits_for_the_rest(qapp, runner):
    release = threading.Event()
    seen: list[str] = []

    def export(progress):
        while progress(0, 1):  # until cancelled
            release.wait(0.01)
        seen.append("export stopped")

    def importing(progress):
        release.wait(10)
        seen.append("import finished")

    runner.run(export, name="export", cancel_at_quit=True)
    runner.run(importing, name="import")
    release.set()
    runner.shut_down()
    assert sorted(seen) == ["export stopped", "import finished"]
