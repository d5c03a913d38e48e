"""One Networker per data folder: a second start hands its files to the first and exits.

The first start takes a lock file in the data folder (so two users, or two data folders,
never block each other) and listens on a local socket whose name is derived from the user
and the folder. A later start finds the lock taken, connects, sends the files it was given
(absolute paths, one JSON line) and waits for "ok". A lock left by a crashed process is
recognised by its dead process id; the socket it left behind is removed before listening.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Slot

if TYPE_CHECKING:
    # QtNetwork is imported when first used: the first start listens only once its
    # window has painted (6 ms of import off the start-up).
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = "networker.lock"
MESSAGE_LIMIT = 1 << 20  # bytes; a list of paths is far smaller
ACKNOWLEDGEMENT = b"ok\n"


class Role(Enum):
    FIRST = "first"  # this process runs the window
    HANDED_OVER = "handed-over"  # the running one took the files; this process exits 0
    NO_ANSWER = "no-answer"  # another one holds the lock but does not answer


def server_name(data_dir: Path) -> str:
    """The socket's name: the same for one user and one folder, short enough for any OS."""
    import getpass  # when first needed: a first start listens only after its paint

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers): the folder still differs
        user = "unknown"
    key = f"{user}\0{data_dir.resolve()}".encode()
    return f"networker-{hashlib.sha256(key).hexdigest()[:24]}"


class SingleInstance(QObject):
    """The lock and the local server of the first instance, or the hand-over of a later one."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._receiver: Callable[[list[str]], None] | None = None
        # Hand-overs that came before there was a window (during a start-up question).
        self._pending: list[list[str]] = []
        self._data_dir = data_dir
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        # Held for the whole run: never stale by age, only when its process is gone.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}

    @functools.cached_property
    def name(self) -> str:
        return server_name(self._data_dir)

    def claim(self, files: list[str], *, wait_seconds: float = 10.0, listen: bool = True) -> Role:
        """Become the first instance, or hand ``files`` to the one that is.

        Retries while the first one is still starting (its lock taken, not yet listening)
        and takes over when it has just died. ``listen=False``: the first instance calls
        listen() itself later (once its window shows); later starts wait for it.
        """
        handed = [str(Path(f).resolve()) for f in files]
        deadline = time.monotonic() + wait_seconds
        while True:
            if self.try_first(listen=listen):
                return Role.FIRST
            if self._hand_over(handed):
                return Role.HANDED_OVER
            if time.monotonic() >= deadline:
                log.warning("another Networker holds %s but does not answer", LOCK_NAME)
                return Role.NO_ANSWER
            time.sleep(0.1)  # the first one is between taking its lock and listening

    def try_first(self, *, listen: bool = True) -> bool:
        """Take the lock (and listen) if no other instance holds it; never waits."""
        if self._lock.tryLock(0):
            # QLockFile creates it with the umask's 0644; like every file here, it is
            # the user's only (it names the host and the process).
            with contextlib.suppress(OSError):
                os.chmod(self._data_dir / LOCK_NAME, 0o600)
            if listen:
                self.listen()
            return True
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            # No lock can be taken at all (a folder we may only read): run unguarded
            # rather than refuse to start; the data folder checks speak about it.
            log.warning("cannot take the instance lock (%s)", self._lock.error().name)
            return True
        return False

    def deliver_to(self, receiver: Callable[[list[str]], None]) -> None:
        """Give ``receiver`` the files of every later start (absolute paths; an empty
        list: just come to the front), and now those that arrived before it."""
        self._receiver = receiver
        while self._pending:
            receiver(self._pending.pop(0))

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    @Slot()
    def listen(self) -> None:
        """Take hand-overs from later starts (as the first instance, holding the lock)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or not self._lock.isLocked():
            return
        # A socket file left by a crashed instance would make listen() fail.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # The window still works; a second start then reports no answer.
            log.warning("cannot listen for other starts: %s", server.errorString())
            return
        server.newConnection.connect(self._accept)
        self._server = server

    def _hand_over(self, files: list[str]) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1000):
            return False
        try:
            socket.write(json.dumps({"files": files}).encode() + b"\n")
            if not socket.waitForBytesWritten(2000):
                return False
            answer = b""
            while not answer.endswith(b"\n"):
                # The first instance answers from its event loop, which may still be
                # busy starting up (opening or migrating the database).
                if not socket.waitForReadyRead(30000):
                    return False
                answer += bytes(socket.readAll().data())
            return answer == ACKNOWLEDGEMENT
        finally:
            socket.abort()

    @Slot()
    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if len(buffer) > MESSAGE_LIMIT:
            log.warning("ignored an oversized message from another start")
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        del self._buffers[socket]
        try:
            files = json.loads(line)["files"]
            if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
                raise ValueError("files is not a list of paths")
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("ignored a malformed message from another start (%s)", exc)
            socket.abort()
            return
        socket.write(ACKNOWLEDGEMENT)
        socket.flush()
        socket.disconnectFromServer()
        log.info("another start handed over %d file(s)", len(files))
        if self._receiver is None:
            self._pending.append(files)
        else:
            self._receiver(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
