"""A data folder other users can read is said in the window (issue 15, RELIABILITY 40)."""

import logging

from PySide6.QtWidgets import QLabel


def test_the_window_says_other_users_can_read_the_data_folder(qapp, tmp_path, monkeypatch):
    from networker import app
    from networker.views import startup_dialogs

    data = tmp_path / "shared"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    shown = []
    real_notice = startup_dialogs.shared_folder_notice

    def notice(window, folder):
        real_notice(window, folder)
        shown.append(window.findChild(QLabel, "sharedFolderNotice").text())

    monkeypatch.setattr(app.startup_dialogs, "shared_folder_notice", notice)
    try:
        assert app.run_gui(data_dir=str(data), smoke_test=True) == 0
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_networker", False)]:
            root.removeHandler(handler)
            handler.close()
        logging.captureWarnings(False)
    (text,) = shown
    assert "Other users on this computer can read your data folder" in text
    assert str(data) in text
