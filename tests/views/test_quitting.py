"""The one way out (app.QuitPath) and a window that may stay running when closed."""

from PySide6.QtCore import Qt

from networker.app import QuitPath
from networker.single_instance import SingleInstance


def test_ctrl_q_asks_to_quit_from_the_window(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_a_window_kept_running_hides_instead_of_quitting(qtbot, window):
    asked: list[bool] = []
    window.quit_requested.connect(lambda: asked.append(True))
    window.keep_running_when_closed = True
    assert window.close()
    assert not window.isVisible() and asked == []
    window.keep_running_when_closed = False
    window.show()
    assert window.close()
    assert asked == [True]


def test_the_quit_path_waits_for_tasks_folds_the_wal_and_releases_the_lock(
    qtbot, window, database, data_paths, service
):
    import threading

    from tests.conftest import make_draft

    instance = SingleInstance(data_paths.root)
    assert instance.try_first(listen=False)
    service.create(make_draft())
    wal = data_paths.database.with_name(data_paths.database.name + "-wal")
    assert wal.stat().st_size > 0
    release = threading.Event()
    ended: list[bool] = []

    def work(progress):
        release.wait(10)
        ended.append(True)

    window.tasks.run(work, name="slow")
    path = QuitPath(window=window, database=database, instance=instance)
    release.set()
    path.finish()
    assert ended == [True]  # it waited for the task
    assert wal.stat().st_size == 0  # the WAL was folded back into the database
    second = SingleInstance(data_paths.root)
    assert second.try_first(listen=False)  # the lock was released
    second.release()
    path.finish()  # a second call does nothing
