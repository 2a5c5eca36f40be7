"""A later launch asks the running program, over a real local socket, to show its window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow
from pytestqt.qtbot import QtBot

from opexdesk.services.instance_lock import instance_channel
from opexdesk.ui.single_instance import InstanceServer, bring_to_front, not_answering_text

ASK = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication
    from opexdesk.ui.single_instance import ask_running_to_show
    app = QCoreApplication([])
    sys.exit(0 if ask_running_to_show(sys.argv[1]) else 3)
    """
)


# The offscreen platform has no window stacking; raise_() is still called, as on a desktop.
no_stacking = pytest.mark.qt_log_ignore("This plugin does not support raise")


def ask_from_another_process(qtbot: QtBot, channel: str) -> int:
    """The later launch's request, from a process of its own, while this one serves it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", ASK, channel], env=env)
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)
    finally:
        child.kill()
    return child.wait(timeout=10)


@no_stacking
def test_a_minimised_window_is_restored_for_a_later_launch(qtbot: QtBot, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    assert window.isMinimized()
    channel = instance_channel(tmp_path)
    server = InstanceServer(channel, lambda: bring_to_front(window))
    try:
        assert server.listening
        assert ask_from_another_process(qtbot, channel) == 0
        assert window.isVisible() and not window.isMinimized()
    finally:
        server.close()


@no_stacking
def test_a_hidden_window_comes_back(qtbot: QtBot, tmp_path: Path) -> None:
    window = QMainWindow()  # closed to the tray: hidden, still running
    qtbot.addWidget(window)
    channel = instance_channel(tmp_path)
    server = InstanceServer(channel, lambda: bring_to_front(window))
    try:
        assert ask_from_another_process(qtbot, channel) == 0
        assert window.isVisible()
    finally:
        server.close()


@no_stacking
def test_before_the_main_window_the_dialog_in_front_is_shown(qtbot: QtBot) -> None:
    welcome = QDialog()  # the welcome flow runs modal (exec) before the main window exists
    qtbot.addWidget(welcome)
    welcome.setWindowModality(Qt.WindowModality.ApplicationModal)
    welcome.show()
    welcome.showMinimized()
    assert QApplication.activeModalWidget() is welcome
    bring_to_front(None)
    assert welcome.isVisible() and not welcome.isMinimized()


def test_nobody_listening_is_a_plain_no(qtbot: QtBot, tmp_path: Path) -> None:
    assert ask_from_another_process(qtbot, instance_channel(tmp_path / "none")) == 3


def test_a_crashed_run_s_socket_does_not_block_the_next(qtbot: QtBot, tmp_path: Path) -> None:
    channel = instance_channel(tmp_path)
    shown: list[bool] = []
    first = InstanceServer(channel, lambda: None)
    assert first.listening
    # The crashed run never closed its socket: the next one (holding the lock) takes over.
    second = InstanceServer(channel, lambda: shown.append(True))
    try:
        assert second.listening
        assert ask_from_another_process(qtbot, channel) == 0
        assert shown == [True]
    finally:
        first.close()
        second.close()


def test_a_connection_without_a_request_is_dropped(qtbot: QtBot, tmp_path: Path) -> None:
    """Half a request, or bytes that never make one, do not keep a connection open; the
    next launch is still answered."""
    channel = instance_channel(tmp_path)
    shown: list[bool] = []
    server = InstanceServer(channel, lambda: shown.append(True), request_timeout_ms=2500)
    try:
        silent, noisy = QLocalSocket(), QLocalSocket()
        for client in (silent, noisy):
            client.connectToServer(channel)
            assert client.waitForConnected(3000)
        silent.write(b"sho")  # and then nothing
        noisy.write(b"x" * 200)  # never a line
        for client in (silent, noisy):
            client.flush()
        unconnected = QLocalSocket.LocalSocketState.UnconnectedState
        qtbot.waitUntil(lambda: noisy.state() == unconnected, timeout=2000)  # before the timeout
        qtbot.waitUntil(lambda: silent.state() == unconnected, timeout=10_000)
        assert shown == []
        assert ask_from_another_process(qtbot, channel) == 0
        assert shown == [True]
    finally:
        server.close()


def test_the_not_answering_message_is_translated(chinese: object, tmp_path: Path) -> None:
    text = not_answering_text(tmp_path / "数据")
    assert "已在使用" in text and "没有响应" in text
    assert str(tmp_path / "数据") in text
