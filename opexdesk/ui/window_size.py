"""A window's first size: the size it is designed for, but never larger than the screen it
opens on (a 1366x768 laptop must show the whole window, status bar included)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.95  # leave the desktop around the window visible


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize ``widget`` to ``width`` x ``height``, cut to the free area of its screen."""
    size = QSize(width, height)
    screen = widget.screen()
    if screen is not None:
        free = screen.availableGeometry().size()
        size = size.boundedTo(
            QSize(int(free.width() * SCREEN_SHARE), int(free.height() * SCREEN_SHARE))
        )
    widget.resize(size)
    return size
