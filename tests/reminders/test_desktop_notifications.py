"""What Networker sends to the desktop's notification service, and how it does without
one (the service itself is tried in test_real_notifications.py)."""

from networker.reminders.desktop_notifications import (
    DesktopNotifier,
    notification_body,
    notify_message,
)

HOSTILE = '<a href="file:///etc/passwd">Ada</a> & <img src="/x.png">'


def test_markup_in_a_body_is_escaped_where_the_service_reads_markup():
    assert notification_body(HOSTILE, ["body", "body-markup"]) == (
        '&lt;a href="file:///etc/passwd"&gt;Ada&lt;/a&gt; &amp; &lt;img src="/x.png"&gt;'
    )
    assert notification_body(HOSTILE, ["body"]) == HOSTILE  # shown as it is there


def test_notify_carries_a_default_action_so_a_click_is_reported():
    message = notify_message("Follow up with <b>Ada</b>", "Coffee chat")
    app, replaces, _icon, summary, body, actions, _hints, _expire = message.body
    assert (app, replaces, summary) == ("Networker", 0, "Follow up with <b>Ada</b>")
    assert body == "Coffee chat"
    assert actions[0] == "default"


def test_without_a_session_bus_there_is_no_desktop_notifier(qapp, monkeypatch, tmp_path):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert DesktopNotifier.connect_session() is None
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    assert DesktopNotifier.connect_session() is None
