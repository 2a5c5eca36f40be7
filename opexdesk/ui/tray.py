"""The tray icon: desktop notifications for alerts, a small menu (Show OpExDesk, Quit).

Where the desktop has no tray (``QSystemTrayIcon.isSystemTrayAvailable()`` is False, e.g.
offscreen or a bare window manager), each alert goes to the window's status bar and the log
instead. Clicking a notification opens its ticket (``open_ticket``), or shows the window
for a burst or conflicts (``show_window``). The tray cannot say which message was clicked,
so the click belongs to the latest one shown.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon

from opexdesk.services.alerts import Alert

log = logging.getLogger(__name__)

MESSAGE_MS = 10_000
STATUS_MS = 15_000


def _icon_files() -> list[Path]:
    here = Path(__file__).resolve().parents[2]  # the source tree
    bundled = Path(getattr(sys, "_MEIPASS", here))  # a PyInstaller bundle
    return [p / "resources" / "icons" / "opexdesk.svg" for p in (bundled, here)]


def app_icon() -> QIcon:
    """The application icon: the shipped SVG when it loads, else one drawn here."""
    for path in _icon_files():
        if path.is_file():
            icon = QIcon(str(path))
            if not icon.isNull() and not icon.pixmap(32, 32).isNull():
                return icon
    return drawn_icon()


def drawn_icon(size: int = 64) -> QIcon:
    """A blue rounded square with "Ox" (no image plugin needed)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1f5fa8"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(2, 2, size - 4, size - 4), size / 6, size / 6)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.42))
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "Ox")
    painter.end()
    return QIcon(pixmap)


class AlertTray(QObject):
    """Signals:
    open_ticket(str): a notification about one ticket was clicked.
    show_window(): "Show OpExDesk", a click on the icon, or on a notification about many.
    quit_requested(): "Quit" in the tray menu.
    """

    open_ticket = Signal(str)
    show_window = Signal()
    quit_requested = Signal()

    def __init__(self, window: QMainWindow, icon: QIcon | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.last: Alert | None = None
        self.shown: list[Alert] = []  # this session's alerts (the fallback keeps them too)
        self.tray: QSystemTrayIcon | None = None
        self.menu = QMenu()
        self.show_action = QAction(self.tr("Show OpExDesk"), self)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.show_action.triggered.connect(lambda _checked=False: self.show_window.emit())
        self.quit_action.triggered.connect(lambda _checked=False: self.quit_requested.emit())
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon or app_icon(), self)
            self.tray.setToolTip("OpExDesk")
            self.tray.setContextMenu(self.menu)
            self.tray.messageClicked.connect(self.message_clicked)
            self.tray.activated.connect(self._activated)
            self.tray.show()
        else:
            log.info("no system tray here: notifications go to the status bar and the log")

    @property
    def uses_tray(self) -> bool:
        return self.tray is not None

    def notify(self, alert: Alert) -> None:
        self.last = alert
        self.shown.append(alert)
        log.info("notification: %s", alert.message)
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            icon = QSystemTrayIcon.MessageIcon.Warning
            if alert.kind == "new_p1":
                icon = QSystemTrayIcon.MessageIcon.Critical
            self.tray.showMessage(alert.title, alert.message, icon, MESSAGE_MS)
        else:
            self._window.statusBar().showMessage(alert.message, STATUS_MS)

    def message_clicked(self) -> None:
        """The latest notification was clicked: open its ticket, or show the window."""
        if self.last is not None and self.last.ticket_id is not None:
            self.open_ticket.emit(self.last.ticket_id)
        else:
            self.show_window.emit()

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window.emit()
