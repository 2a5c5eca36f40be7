"""The DEMO mark of a window running on demo data: a title suffix and a status-bar badge
that stay for the whole session (and come back if the title is set again)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QMainWindow

DEMO_SUFFIX = " — DEMO"
BADGE_STYLE = (
    "QLabel#demoBadge { background: #c62828; color: white; font-weight: bold;"
    " padding: 1px 8px; border-radius: 3px; }"
)


class _TitleKeeper(QObject):
    """Puts the suffix back whenever someone else changes the window title."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowTitleChange and isinstance(watched, QMainWindow):
            title = watched.windowTitle()
            if not title.endswith(DEMO_SUFFIX):
                watched.setWindowTitle(title + DEMO_SUFFIX)
        return False


def mark_demo(window: QMainWindow) -> QLabel:
    """Mark ``window`` as showing demo data; returns the badge (idempotent)."""
    existing = window.findChild(QLabel, "demoBadge")
    if isinstance(existing, QLabel):
        return existing
    badge = QLabel(window.tr("DEMO"))
    badge.setObjectName("demoBadge")
    badge.setStyleSheet(BADGE_STYLE)
    badge.setToolTip(window.tr("Demo data: nothing here is real, nothing is synced."))
    window.statusBar().addPermanentWidget(badge)
    keeper = _TitleKeeper(window)
    keeper.setObjectName("demoTitleKeeper")
    window.installEventFilter(keeper)
    if not window.windowTitle().endswith(DEMO_SUFFIX):
        window.setWindowTitle(window.windowTitle() + DEMO_SUFFIX)
    return badge


def is_marked_demo(window: QMainWindow) -> bool:
    return window.findChild(QLabel, "demoBadge") is not None
