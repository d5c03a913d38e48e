"""Reminders as the desktop's own notifications: org.freedesktop.Notifications on the
session bus, called by Networker itself wherever the service answers.

Why not QSystemTrayIcon.showMessage there (measured with Qt 6.11 under Xvfb, dunst 1.9):
- with an XEmbed tray (trayer) Qt draws its own balloon and never calls Notify;
- with a StatusNotifierItem tray (org.kde.StatusNotifierWatcher) Qt does call Notify, but
  with the text as given (the body is read as markup by most servers) and no action,
  so a click on the notification is never reported;
- with no tray at all (GNOME without the AppIndicator extension) there is no tray icon to
  show a message from, yet the desktop shows notifications.
Why jeepney and not PySide6.QtDBus: PySide6 marshals a Python int as int32 and offers no
uint32, and Notify's replaces_id is one: measured, the call goes out as (sisssasa{sv}i)
and the server refuses it. jeepney (pure Python) sends the signature as written.

The connection is read on the GUI thread when its socket has data (QSocketNotifier):
Notify's reply gives each notification's id, ActionInvoked a click on one.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Collection

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot

from networker import APP_ID, APP_NAME
from networker.domain.reminders import Notification

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
ADDRESS = DBusAddress("/org/freedesktop/Notifications", bus_name=SERVICE, interface=SERVICE)
# A service started on demand (D-Bus activation) answers well within this.
TIMEOUT_S = 2.0
EXPIRE_MS = 10_000
# The action a click on the notification's body invokes (the specification's name).
DEFAULT_ACTION = "default"


def notification_body(text: str, capabilities: Collection[str]) -> str:
    """The body as the server will render it: escaped where the server reads markup
    (RELIABILITY 33: a name holding <a href> or <img> shows as those characters). The
    summary is plain text by the specification (dunst shows it literally) and is sent
    as it is."""
    return html.escape(text, quote=False) if "body-markup" in capabilities else text


def notify_message(summary: str, body: str, *, icon: str = APP_ID) -> Message:
    hints = {"desktop-entry": ("s", APP_ID)}  # the server names and groups us by it
    return new_method_call(
        ADDRESS,
        "Notify",
        "susssasa{sv}i",
        (APP_NAME, 0, icon, summary, body, [DEFAULT_ACTION, "Open"], hints, EXPIRE_MS),
    )


class DesktopNotifier(QObject):
    """A Notifier (notifier.py) that speaks to the desktop's notification service."""

    clicked = Signal(object)  # the Notification clicked

    def __init__(
        self,
        connection: DBusConnection,
        capabilities: Collection[str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self.capabilities = frozenset(capabilities)
        self._sent: dict[int, Notification] = {}  # a Notify call's serial -> what it said
        self._shown: dict[int, Notification] = {}  # the server's id -> what it says
        self._reader = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._read)

    @classmethod
    def connect_session(
        cls, *, parent: QObject | None = None, timeout: float = TIMEOUT_S
    ) -> DesktopNotifier | None:
        """None where there is no session bus, or no notification service on it."""
        try:
            connection = open_dbus_connection("SESSION", auth_timeout=timeout)
        except (KeyError, OSError, RuntimeError, ValueError) as exc:  # KeyError: no address
            log.info("no session bus for notifications: %s", type(exc).__name__)
            return None
        try:
            reply = connection.send_and_get_reply(
                new_method_call(ADDRESS, "GetCapabilities"), timeout=timeout
            )
            if reply.header.message_type is MessageType.error:
                log.info("no notification service: %s", reply.body[0] if reply.body else "")
                connection.close()
                return None
            for member in ("ActionInvoked", "NotificationClosed"):
                rule = MatchRule(
                    type="signal", interface=SERVICE, member=member, path=ADDRESS.object_path
                )
                connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=timeout)
        except OSError as exc:  # TimeoutError included: a service that does not answer
            log.warning("the notification service did not answer: %s", type(exc).__name__)
            connection.close()
            return None
        return cls(connection, reply.body[0], parent=parent)

    def notify(self, notification: Notification) -> None:
        body = notification_body(notification.body, self.capabilities)
        serial = next(self._connection.outgoing_serial)
        try:
            self._connection.send(notify_message(notification.title, body), serial=serial)
        except OSError as exc:
            log.warning("a notification could not be sent: %s", exc)
            return
        self._sent[serial] = notification

    @Slot()
    def _read(self) -> None:
        while True:
            try:
                message = self._connection.receive(timeout=0)
            except TimeoutError:
                return  # all read; a partial message waits in the parser for the rest
            except OSError as exc:  # the bus went away (the session ends)
                log.info("the session bus closed: %s", exc)
                self._reader.setEnabled(False)
                return
            self._handle(message)

    def _handle(self, message: Message) -> None:
        fields = message.header.fields
        kind = message.header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            notification = self._sent.pop(fields.get(HeaderFields.reply_serial, -1), None)
            if notification is None:
                return
            if kind is MessageType.method_return:
                self._shown[message.body[0]] = notification
            else:
                log.warning("the notification service refused a notification: %s", message.body)
        elif kind is MessageType.signal and fields.get(HeaderFields.interface) == SERVICE:
            member = fields.get(HeaderFields.member)
            if member == "ActionInvoked" and message.body[0] in self._shown:
                self.clicked.emit(self._shown[message.body[0]])
            elif member == "NotificationClosed":
                self._shown.pop(message.body[0], None)
