"""Puts the dashboard into the main window: View > Operations dashboard (Ctrl+Shift+D) and
the KPI strip in the status bar, both fed by the window's change bridge and sync controller.

Called once by the composition root after the main window is built::

    from opexdesk.ui.dashboard.wiring import install_dashboard
    self.dashboard = install_dashboard(self, ctx)   # end of MainWindow.__init__
    self.dashboard.shutdown()                       # in MainWindow.closeEvent, before
                                                    # the other shutdowns
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from opexdesk.services.metrics import MetricsService
from opexdesk.ui.dashboard.kpi_strip import KpiStripWidget
from opexdesk.ui.menus import registered_menus

if TYPE_CHECKING:
    from opexdesk.app import AppContext
    from opexdesk.ui.dashboard.window import DashboardWindow

SHORTCUT = "Ctrl+Shift+D"


class DashboardInstall(QObject):
    """What :func:`install_dashboard` added; ``open()`` shows the dashboard window."""

    def __init__(self, main_window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(main_window)
        self._main = main_window
        self.service = MetricsService(ctx.db, ctx.shared_config.sla_policy, ctx.clock)
        self.window: DashboardWindow | None = None
        self._closed = False
        self.strip = KpiStripWidget(self.service, ctx.tickets.actor.username, main_window)
        self.strip.clicked.connect(self.open)
        self.action = QAction(self.tr("Operations &dashboard"), main_window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(self.open)
        main_window.addAction(self.action)
        bridge = getattr(main_window, "bridge", None)
        if bridge is not None:
            bridge.changed.connect(self.strip.ticket_changed)
        sync = getattr(main_window, "sync", None)
        if sync is not None:
            sync.data_changed.connect(self.strip.reload)  # pulled changes: which? rebuild
        main_window.statusBar().insertPermanentWidget(0, self.strip)
        menu = registered_menus(main_window).get("view")
        if menu is not None:
            menu.addAction(self.action)
        main_window.installEventFilter(self)

    def open(self) -> DashboardWindow:
        """Show the dashboard (built on first use), raised if it is already open."""
        if self.window is not None and self.window.closed:
            # Closing stopped its workers: a dead window would show stale numbers forever.
            # Drop it (and its state, which can be large) and build a new one.
            self._disconnect(self.window)
            self.window.deleteLater()
            self.window = None
        if self.window is None:
            # Imported on first use: pyqtgraph and numpy stay off the start-up path.
            from opexdesk.ui.dashboard.window import DashboardWindow

            window = DashboardWindow(self.service)
            bridge = getattr(self._main, "bridge", None)
            if bridge is not None:
                bridge.changed.connect(window.ticket_changed)
            sync = getattr(self._main, "sync", None)
            if sync is not None:
                sync.status_changed.connect(window.set_sync_status)
                sync.data_changed.connect(window.refresh)
                sync.refresh_status()  # the offline / last-sync line at once
            self.window = window
        if self.window.isVisible():
            self.window.raise_()  # behind the main window: bring it forward
        else:
            self.window.show()
        self.window.activateWindow()
        return self.window

    def _disconnect(self, window: DashboardWindow) -> None:
        bridge = getattr(self._main, "bridge", None)
        sync = getattr(self._main, "sync", None)
        pairs: list[tuple[Any, Callable[..., None]]] = []
        if bridge is not None:
            pairs.append((bridge.changed, window.ticket_changed))
        if sync is not None:
            pairs.append((sync.status_changed, window.set_sync_status))
            pairs.append((sync.data_changed, window.refresh))
        for signal, slot in pairs:
            with contextlib.suppress(RuntimeError, TypeError):  # already gone with the object
                signal.disconnect(slot)

    def shutdown(self) -> None:
        """Stop the workers before the database closes (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.strip.shutdown()
        if self.window is not None:
            self.window.close()
            self.window.controller.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._main and event.type() == QEvent.Type.Close:
            # Whether the close goes ahead (unsaved edits may stop it) is known afterwards.
            QTimer.singleShot(0, self, self._after_close)
        return False

    def _after_close(self) -> None:
        if not self._main.isVisible():
            self.shutdown()


def install_dashboard(main_window: QMainWindow, ctx: AppContext) -> DashboardInstall:
    """Add the dashboard action and the KPI strip to ``main_window``."""
    return DashboardInstall(main_window, ctx)
