"""A second launch over the same local data shows the running window instead.

The running program listens on a local socket (named by
``services.instance_lock.instance_channel``); a later launch that finds the instance lock
taken connects, asks it to show its window, and exits. When nobody answers (the running
program is still upgrading its database, is closing down, or hangs) the later launch waits
a moment for the lock (``cli.main``), then starts or says so and exits without touching
the data.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from opexdesk.ui.application import display_missing, no_display

log = logging.getLogger(__name__)

SHOW, SHOWN = b"show\n", b"shown\n"
ANSWER_TIMEOUT_MS = 3000
# A connection that has not sent one whole request by then, or sends more than a request
# can be, is dropped: anything of this user's may connect, and none may hold one open.
REQUEST_TIMEOUT_MS = 5000
MAX_REQUEST_BYTES = 64


class InstanceServer(QObject):
    """Listens for later launches and calls ``on_show`` for each one that asks."""

    def __init__(
        self,
        channel: str,
        on_show: Callable[[], None],
        parent: QObject | None = None,
        request_timeout_ms: int = REQUEST_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self._on_show = on_show
        self._request_timeout_ms = request_timeout_ms
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        # The caller holds the instance lock, so a socket left under this name is a crashed
        # run's leftover (on POSIX it would make listen() fail).
        QLocalServer.removeServer(channel)
        self.listening = self._server.listen(channel)
        if self.listening:
            log.info("listening for later launches on %s", channel)
        else:
            log.warning("later launches cannot reach this one: %s", self._server.errorString())

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            # Bound to the socket: cancelled when it is deleted after a normal exchange.
            QTimer.singleShot(self._request_timeout_ms, socket, socket.abort)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_REQUEST_BYTES:
                log.warning("dropped a local connection that sent no request")
                socket.abort()
            return
        request = bytes(socket.readLine().data())
        if request == SHOW:
            log.info("another launch asked for the window")
            self._on_show()
            socket.write(SHOWN)
            socket.flush()
        socket.disconnectFromServer()


def bring_to_front(window: QWidget | None) -> None:
    """Show ``window`` (or, before it exists, the dialog in front: the welcome flow),
    restored if minimised or hidden in the tray, raised and focused."""
    target = window
    if target is None:  # the welcome flow: a modal dialog
        target = QApplication.activeModalWidget() or QApplication.activeWindow()
    if target is None:
        return
    if target.isMinimized():
        target.showNormal()
    else:
        target.show()
    target.raise_()
    target.activateWindow()


def ask_running_to_show(channel: str, timeout_ms: int = ANSWER_TIMEOUT_MS) -> bool:
    """Ask the program listening on ``channel`` to show its window; True once it has."""
    socket = QLocalSocket()
    socket.connectToServer(channel)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(SHOW)
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.abort()
    return answer == SHOWN


def not_answering_text(data_folder: Path) -> str:
    return QCoreApplication.translate(
        "SingleInstance",
        "OpExDesk is already running with the data in {0}, but it did not answer. "
        "It may still be updating its database: wait a moment, or close it and start again.",
    ).format(data_folder)


def hand_over_to_running(channel: str, language: str | None = None) -> bool:
    """The later launch: True once the running program has shown its window."""
    _translated(_application(), language)
    if ask_running_to_show(channel):
        log.info("handed over to the running program on %s", channel)
        return True
    return False


def report_running(data_folder: Path, language: str | None = None, smoke: bool = False) -> int:
    """Tell the user another program holds the data and did not answer (exit status 1);
    ``smoke`` (an installation check, which does not ask it) only says it is running."""
    app = _translated(_application(), language)
    text = not_answering_text(data_folder)
    if smoke:
        text = QCoreApplication.translate(
            "SingleInstance", "OpExDesk is already running with the data in {0}."
        ).format(data_folder)
    log.warning("%s", text)
    print(f"opexdesk: {text}", file=sys.stderr)
    if not smoke and isinstance(app, QApplication) and not no_display():
        QMessageBox.information(None, "OpExDesk", text)
    return 1


def _application() -> QCoreApplication:
    app = QCoreApplication.instance()
    if app is None:
        # With no display at all a QApplication would abort; the socket needs only the core.
        app = QCoreApplication(sys.argv[:1]) if display_missing() else QApplication(sys.argv[:1])
    return app


def _translated(app: QCoreApplication, language: str | None) -> QCoreApplication:
    if language is not None:
        from opexdesk.ui.i18n import install_language

        install_language(app, language)
    return app
