"""Shared fixtures: every test gets a fresh data directory and database in tmp_path."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
import threading

# Before any QApplication exists: no display, and never the user's real settings or data.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="networker-tests-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())
os.environ.pop("NETWORKER_DATA_DIR", None)
# Nor the user's desktop notifications (the real ones are tried on a private bus).
os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)

import pytest  # noqa: E402

from networker.clock import FixedClock  # noqa: E402
from networker.domain.changes import Changes  # noqa: E402
from networker.domain.contacts import ContactDraft, LabeledValue, Source  # noqa: E402
from networker.paths import DataPaths, prepare_data_dir  # noqa: E402
from networker.services.contacts import ContactService  # noqa: E402
from networker.storage.db import open_database  # noqa: E402

NOW = dt.datetime(2026, 11, 28, 9, 0, 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def data_paths(tmp_path) -> DataPaths:
    return prepare_data_dir(tmp_path / "data")


@pytest.fixture
def database(data_paths, clock):
    db = open_database(data_paths.database, backups_dir=data_paths.backups, clock=clock)
    yield db
    db.close()


@pytest.fixture
def tasks(qapp, database):
    """The application's task runner, as app.py builds it; every task ends with the test."""
    from networker.storage.db import release_thread_connection
    from networker.tasks import TaskRunner

    runner = TaskRunner(cleanup=lambda: release_thread_connection(database))
    yield runner
    runner.wait_all()


@pytest.fixture
def model_validator(qtmodeltester):
    """Attach Qt's model tester to an item model before the test acts: from then on it
    checks the model on every signal (search, edits, the background load), and what it
    finds is a Qt warning, which fails the test (qutebrowser's fixture of that name)."""

    def attach(model):
        qtmodeltester.check(model)
        return model

    return attach


@pytest.fixture
def changes() -> list[Changes]:
    return []


@pytest.fixture
def contacts(database, clock, changes) -> ContactService:
    return ContactService(database=database, clock=clock, on_change=changes.append)


def make_draft(**fields) -> ContactDraft:
    """A realistic contact; tests override what they care about."""
    values = {
        "given_name": "Ada",
        "family_name": "Lovelace",
        "organization": "Analytical Engines",
        "title": "Engineer",
        "emails": [LabeledValue("work", "ada@engines.example")],
        "phones": [LabeledValue("mobile", "+44 20 7946 0000")],
        "urls": [LabeledValue("LinkedIn", "https://www.linkedin.com/in/ada")],
        "source": Source.EVENT,
        "tags": ["mentor"],
    }
    values.update(fields)
    return ContactDraft(**values)


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread():
    """Widgets of a finished test must be collected here, on the main thread.

    Left to chance, Python's cyclic collector may run on a worker thread (an import,
    the index loader); shiboken then defers the widget's deletion to the main thread
    after Qt already deleted it, and the process crashes (seen: a segfault in
    BindingManager::runDeletionInMainThread).
    """
    yield
    import gc

    gc.collect()


def finishes(work, seconds=10):
    """Runs ``work`` on a thread; False when it is still running after ``seconds`` (a hang)."""
    done = threading.Event()
    outcome = []

    def run():
        try:
            outcome.append(work())
        except Exception as exc:
            outcome.append(exc)
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(seconds), outcome


@pytest.fixture
def odd_files(tmp_path):
    """The things issue 15 found hanging a window: a FIFO, a link to /dev/zero, a 10 GB
    sparse file, a folder."""
    fifo = tmp_path / "f.vcf"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.vcf"
    zero.symlink_to("/dev/zero")
    sparse = tmp_path / "huge.vcf"
    with sparse.open("wb") as file:
        file.truncate(10 * 1024**3)
    big_csv = tmp_path / "big.csv"
    with big_csv.open("wb") as file:
        file.write(b"a,b\n" + b"x" * 2_000_000)
        file.truncate(2 * 1024**3)
    folder = tmp_path / "folder.vcf"
    folder.mkdir()
    return {"fifo": fifo, "zero": zero, "sparse": sparse, "big csv": big_csv, "folder": folder}
