"""Connects the alert rules (services/alerts.py) to the window: checks run on a worker every
minute, soon after a change that may matter (a new or re-prioritised ticket) and after a sync
round that brought data; what they find goes to the tray (ui/tray.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from opexdesk.services.alerts import Alert, AlertService, AlertSwitches
from opexdesk.ui.i18n import shown_text
from opexdesk.ui.tray import AlertTray
from opexdesk.ui.workers import Call, Worker

if TYPE_CHECKING:
    from opexdesk.app import AppContext

log = logging.getLogger(__name__)

CHECK_PERIOD = timedelta(minutes=1)
FIRST_CHECK_MS = 5_000  # after the first paint
SOON_MS = 1_500  # a burst of changes (a sync page, a bulk edit) gives one check


class AlertsInstallation(QObject):
    """The running notifications of one window. ``shutdown()`` before the store closes."""

    _pending = Signal()  # from whichever thread committed a change

    def __init__(self, window: QMainWindow, service: AlertService, tray: AlertTray) -> None:
        super().__init__(window)
        self.service = service
        self.tray = tray
        self._worker = Worker(self)
        self._running = False
        self._again = False
        self._closed = False
        self.periodic = QTimer(self)
        self.periodic.setInterval(int(service.period.total_seconds() * 1000))
        self.periodic.timeout.connect(self.check_now)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(SOON_MS)
        self.soon.timeout.connect(self.check_now)
        self._pending.connect(self.soon.start, Qt.ConnectionType.QueuedConnection)
        self.unsubscribe: Callable[[], None] = lambda: None

    def start(self) -> None:
        self.periodic.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check_now)

    def check_soon(self) -> None:
        """Thread-safe: ask for a check in a moment (bursts coalesce)."""
        if not self._closed:
            self._pending.emit()

    def check_now(self) -> None:
        if self._closed:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._worker.run(self.service.check, self._checked)

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.unsubscribe()
        self.periodic.stop()
        self.soon.stop()
        self._worker.shutdown()
        self.tray.close()

    def _checked(self, call: Call) -> None:
        self._running = False
        if call.error is not None:
            log.warning("notification check failed: %s", call.error)
        else:
            alerts: list[Alert] = call.result
            for alert in alerts:
                self.tray.notify(translated(alert))
        if self._again:
            self._again = False
            self.check_now()


def translated(alert: Alert) -> Alert:
    """``alert`` with its title and message in the current language (the service writes
    them in English, with their templates)."""
    return replace(alert, title=shown_text(alert.title), message=shown_text(alert.message))


def install_alerts(
    main_window: QMainWindow, ctx: AppContext, settings: AlertSwitches
) -> AlertsInstallation:
    """Tray notifications for ``main_window``; ``settings`` has the three switches."""
    service = AlertService(
        ctx.db,
        settings,
        clock=ctx.clock,
        sla_policy=ctx.shared_config.sla_policy,
        conflict_count=ctx.sync.conflicts.open_count,
        period=CHECK_PERIOD,
    )
    tray = AlertTray(main_window)
    installed = AlertsInstallation(main_window, service, tray)
    installed.unsubscribe = service.watch(ctx.notifier, installed.check_soon)
    sync = getattr(main_window, "sync", None)
    if sync is not None and hasattr(sync, "data_changed"):
        sync.data_changed.connect(installed.check_soon)  # pulled tickets, new conflicts
    tray.show_window.connect(lambda: bring_forward(main_window))
    tray.quit_requested.connect(main_window.close)
    opener = getattr(main_window, "open_ticket", None)
    tray.open_ticket.connect(opener if callable(opener) else lambda t: show_ticket(main_window, t))
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(installed.shutdown)
    installed.start()
    return installed


def bring_forward(window: QMainWindow) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def show_ticket(window: QMainWindow, ticket_id: str) -> None:
    """Open a ticket from a notification when the window has no ``open_ticket`` of its own:
    never over unsaved edits (those stay; the status bar says why)."""
    bring_forward(window)
    detail = getattr(window, "detail", None)
    if detail is None:
        return
    if detail.has_unsaved_changes() and detail.ticket_id() != ticket_id:
        window.statusBar().showMessage(
            window.tr("Save or revert the open ticket first to see the notified one."), 8000
        )
        return
    detail.show_ticket(ticket_id)
    detail.focus_editor()
