"""The compact KPI strip of the main window: open P1 tickets, SLA breaches today, my queue.

It keeps its own "today" state (from local midnight in the SLA calendar's zone, no filters)
through a DashboardController, so it updates per changed ticket like the dashboard, and
rebuilds when the day changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from opexdesk.services.events import TicketChange
from opexdesk.services.metrics import (
    Filters,
    KpiStrip,
    MetricsService,
    MetricsSnapshot,
    strip_of,
    today_window,
)
from opexdesk.ui.dashboard.controller import DashboardController
from opexdesk.ui.locale_format import format_number

DAY_CHECK_MS = 60_000
# The first build waits a moment: the window's first page is read at start-up, and the
# build (seconds of CPU on a large store) would compete with it for the interpreter.
START_DELAY_MS = 1_500


class KpiStripWidget(QWidget):
    """Signals: clicked() (open the dashboard)."""

    clicked = Signal()

    def __init__(
        self,
        service: MetricsService,
        username: str,
        parent: QWidget | None = None,
        redraw_ms: int | None = None,
        start_delay_ms: int = START_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.username = username
        kwargs = {} if redraw_ms is None else {"redraw_ms": redraw_ms}
        self.controller = DashboardController(service, self, **kwargs)
        self.controller.snapshot_ready.connect(self._show)
        self.values: KpiStrip | None = None
        self.p1 = QLabel()
        self.breaches = QLabel()
        self.mine = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(12)
        for label in (self.p1, self.breaches, self.mine):
            layout.addWidget(label)
        self.setToolTip(self.tr("Click to open the operations dashboard"))
        self._show_values(None)
        self._day: date | None = None
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        QTimer.singleShot(start_delay_ms, self, self.reload)

    def reload(self) -> None:
        now = self.service.now()
        zone = self.service.calendar_zone()
        self._day = now.astimezone(zone).date()
        self.controller.rebuild(today_window(now, zone), Filters(), force=True)

    def ticket_changed(self, change: TicketChange) -> None:
        self.controller.ticket_changed(change)

    def shutdown(self) -> None:
        self._day_timer.stop()
        self.controller.shutdown()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mouseReleaseEvent(event)

    def _check_day(self) -> None:
        if self.service.now().astimezone(self.service.calendar_zone()).date() != self._day:
            self.reload()  # "today" starts again at local midnight

    def _show(self, snapshot: MetricsSnapshot) -> None:
        self._show_values(strip_of(snapshot, self.username))

    def _show_values(self, values: KpiStrip | None) -> None:
        self.values = values
        dash = "–"
        p1 = dash if values is None else format_number(values.open_p1)
        breaches = dash if values is None else format_number(values.breaches_today)
        mine = dash if values is None else format_number(values.my_queue)
        colour = "color: #cf222e;"
        self.p1.setText(self.tr("Open P1: {0}").format(p1))
        self.p1.setStyleSheet(colour if values and values.open_p1 else "")
        self.breaches.setText(self.tr("Breaches today: {0}").format(breaches))
        self.breaches.setStyleSheet(colour if values and values.breaches_today else "")
        self.mine.setText(self.tr("My queue: {0}").format(mine))
