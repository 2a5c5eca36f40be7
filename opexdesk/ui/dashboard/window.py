"""The operations dashboard window: window and filter choices, KPI tiles, five charts,
"as of" (or "offline: as of last sync"), light and dark themes."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.errors import ValidationError
from opexdesk.services.events import TicketChange
from opexdesk.services.metrics import (
    Filters,
    MetricsService,
    MetricsSnapshot,
    Preset,
    Window,
    custom_window,
    preset_window,
)
from opexdesk.services.sync.status import State, SyncStatus
from opexdesk.ui.dashboard.chart_base import ChartPanel, priority_label
from opexdesk.ui.dashboard.charts import (
    BacklogAgeChart,
    ComplianceChart,
    FlowChart,
    InflowByPriorityChart,
    WorkloadChart,
)
from opexdesk.ui.dashboard.controller import DashboardController
from opexdesk.ui.dashboard.theme import DARK, LIGHT, Theme
from opexdesk.ui.dashboard.tiles import KpiTiles
from opexdesk.ui.i18n import error_text
from opexdesk.ui.locale_format import format_datetime
from opexdesk.ui.workers import Call, Worker

log = logging.getLogger(__name__)

PRESETS = (
    (Preset.LAST_24H, "Last 24 hours"),
    (Preset.LAST_7D, "Last 7 days"),
    (Preset.LAST_30D, "Last 30 days"),
    (Preset.CUSTOM, "Custom…"),
)
ANY = "All"
# Texts of ValidationError the custom window may raise (services/metrics/window.py), shown
# through self.tr() (listed in indirect_strings.py); any other is shown as it is.
WINDOW_ERRORS = (
    "Window times need a time zone.",
    "The window must end after it starts.",
    "A custom window needs its own start and end.",
)


def _picked(edit: QDateTimeEdit) -> datetime:
    """The edit's local date and time as an aware UTC instant."""
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


def _local_text(moment: datetime) -> str:
    """Local date and time in the locale's short form ("12/7/26 9:58 AM", "2026/12/7 09:58")."""
    return format_datetime(moment)


class DashboardWindow(QMainWindow):
    """Built from a MetricsService; feed it ``ticket_changed`` and ``set_sync_status``."""

    def __init__(
        self,
        service: MetricsService,
        parent: QWidget | None = None,
        preset: Preset = Preset.LAST_7D,
        redraw_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Operations dashboard"))
        self.service = service
        kwargs = {} if redraw_ms is None else {"redraw_ms": redraw_ms}
        self.controller = DashboardController(service, self, **kwargs)
        self.controller.snapshot_ready.connect(self.show_snapshot)
        self.controller.busy_changed.connect(self._busy)
        self.controller.failed.connect(self._failed)
        self._sync: SyncStatus | None = None
        self._lists = Worker(self)
        self.snapshot: MetricsSnapshot | None = None
        self.redraws = 0
        self._to_draw: list[ChartPanel] = []  # charts still to redraw with ``snapshot``
        self.closed = False  # closing stops the workers for good: reopening needs a new window

        self.window_box = QComboBox()
        for value, text in PRESETS:
            self.window_box.addItem(self.tr(text), value)
        self.window_box.setCurrentIndex([p for p, _ in PRESETS].index(preset))
        now = QDateTime.currentDateTime()
        self.from_edit = QDateTimeEdit(now.addDays(-14))
        self.to_edit = QDateTimeEdit(now)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.clicked.connect(lambda: self.reload())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Recompute everything from the database (F5)"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(self.refresh)
        self.filter_boxes: dict[str, QComboBox] = {}
        for key in ("site", "group_name", "category"):
            box = QComboBox()
            box.addItem(self.tr(ANY), None)
            box.setMinimumContentsLength(12)
            self.filter_boxes[key] = box
        priority = QComboBox()
        priority.addItem(self.tr(ANY), None)
        for level in range(1, 6):
            priority.addItem(priority_label(level), level)
        self.filter_boxes["priority"] = priority
        self.dark_box = QCheckBox(self.tr("Dark"))
        self.dark_box.toggled.connect(lambda on: self.set_theme(DARK if on else LIGHT))
        self.as_of_label = QLabel(" ")
        self.as_of_label.setObjectName("muted")
        self.status_label = QLabel(" ")
        self.status_label.setObjectName("muted")
        self.priority_key = QLabel(" ")
        self.priority_key.setObjectName("muted")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Window")))
        bar.addWidget(self.window_box)
        bar.addWidget(self.from_edit)
        bar.addWidget(self.to_edit)
        bar.addWidget(self.apply_button)
        for key, title in (
            ("site", "Site"),
            ("group_name", "Group"),
            ("category", "Category"),
            ("priority", "Priority"),
        ):
            bar.addWidget(QLabel(self.tr(title)))
            bar.addWidget(self.filter_boxes[key])
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.dark_box)
        info = QHBoxLayout()
        info.addWidget(self.as_of_label)
        info.addStretch(1)
        info.addWidget(self.priority_key)
        info.addSpacing(16)
        info.addWidget(self.status_label)

        self.tiles = KpiTiles()
        self.flow = FlowChart()
        self.by_priority = InflowByPriorityChart()
        self.backlog = BacklogAgeChart()
        self.compliance = ComplianceChart()
        self.workload = WorkloadChart()
        self.charts: list[ChartPanel] = [
            self.flow,
            self.by_priority,
            self.backlog,
            self.compliance,
            self.workload,
        ]
        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.flow, 0, 0, 1, 2)
        grid.addWidget(self.by_priority, 0, 2)
        grid.addWidget(self.backlog, 1, 0)
        grid.addWidget(self.compliance, 1, 1)
        grid.addWidget(self.workload, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        body = QWidget()
        body.setObjectName("dashboard")
        layout = QVBoxLayout(body)
        layout.addLayout(bar)
        layout.addLayout(info)
        layout.addWidget(self.tiles)
        layout.addLayout(grid, 1)
        self.body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setCentralWidget(scroll)
        self.theme: Theme = LIGHT
        self.set_theme(LIGHT)
        self._sync_custom_controls()
        self.window_box.currentIndexChanged.connect(self._window_choice_changed)
        for box in self.filter_boxes.values():
            box.currentIndexChanged.connect(lambda _index: self.reload())
        self.resize(1400, 900)
        self._load_filter_values()
        self.reload()

    # ---- inputs ------------------------------------------------------------------------

    def ticket_changed(self, change: TicketChange) -> None:
        self.controller.ticket_changed(change)

    def set_sync_status(self, status: SyncStatus) -> None:
        self._sync = status
        self._show_as_of()

    def current_window(self) -> Window:
        preset = Preset(self.window_box.currentData())
        zone = self.service.calendar_zone()
        now = self.service.now()
        if preset is Preset.CUSTOM:
            start = _picked(self.from_edit)
            end = _picked(self.to_edit)
            return custom_window(start, end, zone)
        return preset_window(preset, now, zone)

    def current_filters(self) -> Filters:
        values = {key: box.currentData() for key, box in self.filter_boxes.items()}
        return Filters(**values)

    def reload(self, force: bool = False) -> None:
        """New numbers for the chosen window and filters (from memory when it can)."""
        try:
            window = self.current_window()
        except ValidationError as exc:
            text = str(exc)
            self.status_label.setText(self.tr(text) if text in WINDOW_ERRORS else error_text(exc))
            return
        self.controller.rebuild(window, self.current_filters(), force=force)

    def refresh(self) -> None:
        """Everything read again from the database (Refresh, or a sync that pulled changes)."""
        self.reload(force=True)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        theme.apply_palette(self)
        self.body.setStyleSheet(theme.style_sheet())
        self.priority_key.setText(theme.priority_key())
        for chart in self.charts:
            chart.set_theme(theme)
        if self.dark_box.isChecked() != (theme is DARK):
            self.dark_box.setChecked(theme is DARK)

    # ---- outputs -----------------------------------------------------------------------

    def show_snapshot(self, snapshot: MetricsSnapshot) -> None:
        """Numbers at once; the charts one per event-loop turn, so a redraw never holds the
        window for more than one chart's worth of time (frames keep coming under load)."""
        self.snapshot = snapshot
        self.redraws += 1
        self.tiles.show_snapshot(snapshot)
        restart = not self._to_draw
        self._to_draw = list(self.charts)
        if restart:
            QTimer.singleShot(0, self, self._draw_next)
        self._show_as_of()
        if snapshot.empty:
            self.status_label.setText(self.tr("No tickets in this window and none open."))
        elif not self.controller.building:
            self.status_label.setText(" ")

    def _draw_next(self) -> None:
        if not self._to_draw or self.snapshot is None:
            return
        self._to_draw.pop(0).set_snapshot(self.snapshot)
        if self._to_draw:
            QTimer.singleShot(0, self, self._draw_next)

    @property
    def drawn(self) -> bool:
        """Every chart shows the latest snapshot."""
        return self.snapshot is not None and not self._to_draw

    def _show_as_of(self) -> None:
        s = self._sync
        if s is not None and s.state is State.OFFLINE:
            if s.last_sync_at is None:
                text = self.tr("Offline: not synced yet; local changes only")
            else:
                text = self.tr("Offline: as of last sync {0}").format(_local_text(s.last_sync_at))
            self.as_of_label.setObjectName("offline")
        else:
            when = self.snapshot.now if self.snapshot else None
            text = self.tr("As of {0}").format(_local_text(when)) if when else " "
            self.as_of_label.setObjectName("muted")
        self.as_of_label.setText(text)
        self.as_of_label.style().unpolish(self.as_of_label)
        self.as_of_label.style().polish(self.as_of_label)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.status_label.setText(self.tr("Computing…"))
        elif self.status_label.text() == self.tr("Computing…"):
            self.status_label.setText(" ")

    def _failed(self, message: str) -> None:
        log.warning("%s", message)
        self.status_label.setText(message)

    def _window_choice_changed(self) -> None:
        self._sync_custom_controls()
        if Preset(self.window_box.currentData()) is not Preset.CUSTOM:
            self.reload()

    def _sync_custom_controls(self) -> None:
        custom = Preset(self.window_box.currentData()) is Preset.CUSTOM
        for widget in (self.from_edit, self.to_edit, self.apply_button):
            widget.setVisible(custom)

    def _load_filter_values(self) -> None:
        self._lists.run(self.service.filter_values, self._filter_values_read)

    def _filter_values_read(self, call: Call) -> None:
        if call.error is not None:
            return
        for key, values in call.result.items():
            box = self.filter_boxes[key]
            box.blockSignals(True)
            for value in values:
                box.addItem(value, value)
            box.blockSignals(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True
        self.controller.shutdown()
        self._lists.shutdown()
        super().closeEvent(event)
