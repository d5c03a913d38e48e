"""The desktop's notifications, end to end (real_desktop.py): on Xvfb with a private
session bus and the dunst notification service, with an XEmbed tray (trayer) and with a
StatusNotifierItem one (Qt's D-Bus tray), the app started hidden shows its tray icon, a
due reminder reaches org.freedesktop.Notifications.Notify as plain text, and clicking
the notification brings the window up. In CI it must run: a missing tool fails."""

import os
import sys

import pytest

from tests.reminders import real_desktop


@pytest.fixture
def tools():
    if missing := real_desktop.missing_tools():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {' '.join(missing)} for this test (scripts/test.sh)")
        pytest.skip(f"not installed here: {' '.join(missing)} (scripts/test.sh installs them)")


@pytest.mark.parametrize("tray", real_desktop.TRAYS)
def test_a_due_reminder_reaches_the_desktop_notification_service(tools, tmp_path, tray):
    seen = real_desktop.check([sys.executable, "-m", "networker"], tmp_path, tray=tray)
    assert real_desktop.problems(seen) == [], seen["stderr"]
    call = next(c for c in seen["calls"] if c[0] == "Networker")
    assert call[3] == "Follow up with Ada <b>Lovelace</b> & Co: Coffee chat"  # as written
    last, met = call[4].splitlines()
    assert last.startswith("Last in touch ") and last.endswith(": Coffee chat")
    assert met == 'Met: At &lt;a href="file:///etc/passwd"&gt;PyCon&lt;/a&gt;'  # escaped
