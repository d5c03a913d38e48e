import logging
import stat

import pytest

from networker.logging_setup import configure_logging


@pytest.fixture(autouse=True)
def restore_logging():
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_networker", False):
            root.removeHandler(handler)
            handler.close()


def test_records_go_to_a_private_log_file(tmp_path):
    log_file = tmp_path / "networker.log"
    configure_logging(log_file)
    logging.getLogger("networker.test").warning("something to keep")
    assert "something to keep" in log_file.read_text(encoding="utf-8")
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_a_log_file_that_cannot_be_written_does_not_stop_the_start(tmp_path, capsys):
    blocked = tmp_path / "networker.log"
    blocked.mkdir()  # a folder where the log file should be (was: a traceback, exit 1)
    configure_logging(blocked)
    logging.getLogger("networker.test").warning("still said")
    err = capsys.readouterr().err
    assert f"cannot write the log file {blocked}" in err
    assert "still said" in err


def test_the_log_file_a_rotation_starts_is_private_too(tmp_path):
    """Issue 15 (RELIABILITY 40): after a rotation the new networker.log was 0644."""
    import os

    log_file = tmp_path / "networker.log"
    previous = os.umask(0o022)
    try:
        configure_logging(log_file)
        logging.getLogger("networker.test").warning("before the rotation")
        (handler,) = [h for h in logging.getLogger().handlers if hasattr(h, "doRollover")]
        handler.doRollover()
        logging.getLogger("networker.test").warning("after the rotation")
    finally:
        os.umask(previous)
    assert "after the rotation" in log_file.read_text(encoding="utf-8")
    for path in (log_file, tmp_path / "networker.log.1"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_the_terminal_gets_no_traceback_the_log_file_does(tmp_path, capsys):
    log_file = tmp_path / "networker.log"
    configure_logging(log_file)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("networker.test").exception("it failed")
    err = capsys.readouterr().err
    assert "it failed" in err and "Traceback" not in err
    assert "Traceback" in log_file.read_text(encoding="utf-8")
