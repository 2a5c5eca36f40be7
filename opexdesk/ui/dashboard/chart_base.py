"""The frame every dashboard chart shares: a title, PNG and CSV export, a pyqtgraph plot or
an empty-state message, and a hover read-out line under the plot.

On-screen texts are translated (context "DashboardCharts"; texts held in class attributes
are listed in resources/translations/indirect_strings.py) and dates and numbers follow the
default QLocale. CSV files keep English column names and ISO 8601 times: they are data."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QTime
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.csv_safety import safe_row
from opexdesk.domain.enums import Priority
from opexdesk.services.metrics import Granularity, MetricsSnapshot
from opexdesk.ui.dashboard.theme import LIGHT, Theme
from opexdesk.ui.i18n import vocabulary
from opexdesk.ui.locale_format import format_month_day, format_number

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_TICKS = 8

Table = tuple[list[str], list[list[Any]]]


CONTEXT = "DashboardCharts"


def chart_text(text: str) -> str:
    """``text``, held in a variable and listed for lupdate in indirect_strings.py, in the
    current language."""
    return QCoreApplication.translate(CONTEXT, text)


def priority_label(level: int) -> str:
    """A priority level as the ticket views name it ("P2"), in the current language."""
    try:
        return vocabulary(Priority(level).label)
    except ValueError:  # a level outside the enum: its number, readable
        return str(level)


def count_text(value: int) -> str:
    """A count with the locale's digit grouping: 12,345."""
    return format_number(value)


def list_text(parts: Sequence[str]) -> str:
    """Items of a read-out joined the way the language lists them ("a, b" / "a，b")."""
    return QCoreApplication.translate("DashboardCharts", ", ", "list separator").join(parts)


def bucket_label(snapshot: MetricsSnapshot, bucket_us: int, long: bool = False) -> str:
    """A bucket start in the window's zone, in the locale: "14:00" / "3 Mar" on the axis;
    long (read-outs): "3/3/26 2:00 PM" / "2026/3/3 14:00", "Tuesday, March 3, 2026"."""
    moment = (_EPOCH + timedelta(microseconds=bucket_us)).astimezone(snapshot.window.zone)
    loc = QLocale()
    day = QDate(moment.year, moment.month, moment.day)
    if snapshot.window.granularity is Granularity.HOUR:
        time = QTime(moment.hour, moment.minute)
        if not long:
            return time.toString("HH:mm")  # 24-hour digits read the same in every language
        # Date and time apart: a QDateTime would be moved by the machine's own DST rules.
        short = QLocale.FormatType.ShortFormat
        return f"{loc.toString(day, short)} {loc.toString(time, short)}"
    if long:
        return loc.toString(day, QLocale.FormatType.LongFormat)
    return format_month_day(moment.date(), loc)


def bucket_iso(snapshot: MetricsSnapshot, bucket_us: int) -> str:
    """A bucket start for CSV files: ISO 8601 with its UTC offset, so rows stay unique and
    sortable (hourly labels carry no year and repeat on the DST fall-back hour)."""
    moment = (_EPOCH + timedelta(microseconds=bucket_us)).astimezone(snapshot.window.zone)
    return moment.isoformat(timespec="minutes")


def sparse_ticks(labels: Sequence[str], most: int = MAX_TICKS) -> list[tuple[float, str]]:
    """At most ``most`` (MAX_TICKS) evenly spread labels, so long windows stay readable."""
    step = max(1, -(-len(labels) // max(1, most)))
    return [(float(i), text) for i, text in enumerate(labels) if i % step == 0]


class ChartPanel(QFrame):
    """Subclasses implement ``draw`` (from a snapshot), ``table`` (what the CSV holds) and
    ``readout`` (the hover line for a point in view coordinates)."""

    # English sources, shown through chart_text() (listed in indirect_strings.py).
    title_text = ""
    empty_text = "No tickets in this window."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart")
        self.theme: Theme = LIGHT
        self.snapshot: MetricsSnapshot | None = None
        self._items: dict[str, Any] = {}  # drawn items by name, reused across redraws
        self._bottom_labels: list[str] = []  # time axis labels, re-spread on a resize
        self._touched: set[str] = set()
        self.title = QLabel(chart_text(self.title_text))
        self.title.setObjectName("title")
        self.png_button = QToolButton()
        self.png_button.setText("PNG")
        self.png_button.setToolTip(self.tr("Save this chart as a PNG image"))
        self.png_button.clicked.connect(self._ask_png)
        self.csv_button = QToolButton()
        self.csv_button.setText("CSV")
        self.csv_button.setToolTip(self.tr("Save this chart's data as CSV"))
        self.csv_button.clicked.connect(self._ask_csv)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.png_button)
        head.addWidget(self.csv_button)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(170)
        self.empty = QLabel(chart_text(self.empty_text))
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        self.empty.setMinimumHeight(170)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty)
        self.readout_label = QLabel(" ")
        self.readout_label.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(head)
        layout.addLayout(self.stack, 1)
        layout.addWidget(self.readout_label)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

    # ---- to implement ------------------------------------------------------------------

    def draw(self, snapshot: MetricsSnapshot) -> bool:
        """Draw ``snapshot``; False when there is nothing to show (empty state)."""
        raise NotImplementedError

    def table(self) -> Table:
        raise NotImplementedError

    def readout(self, x: float, y: float) -> str:
        raise NotImplementedError

    # ---- shared ------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def set_snapshot(self, snapshot: MetricsSnapshot) -> None:
        """Redraw: items drawn last time are updated in place (cheaper than rebuilding the
        scene), and the ones this drawing did not touch are removed."""
        self.snapshot = snapshot
        self._touched = set()
        shown = self.draw(snapshot)
        for key in [k for k in self._items if k not in self._touched]:
            self.plot.removeItem(self._items.pop(key))
        self.stack.setCurrentWidget(self.plot if shown else self.empty)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.plot.setBackground(theme.surface)
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(theme.grid))
            axis.setTextPen(pg.mkPen(theme.muted))
        if self.snapshot is not None:
            self.set_snapshot(self.snapshot)

    def set_time_ticks(self, labels: list[str]) -> None:
        """Label the bottom axis with as many of ``labels`` as fit side by side: a day is
        "3 Mar" in English but "3月3日" in Chinese, and a narrow chart holds fewer."""
        self._bottom_labels = labels
        self._spread_time_ticks()

    def _spread_time_ticks(self) -> None:
        labels = self._bottom_labels
        if not labels:
            return
        metrics = QFontMetrics(self.plot.font())
        widest = max(metrics.horizontalAdvance(text) for text in labels) + 12  # a gap
        room = self.plot.plotItem.vb.width() or self.plot.width()
        most = min(MAX_TICKS, max(1, int(room // widest)))
        self.plot.getAxis("bottom").setTicks([sparse_ticks(labels, most)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._spread_time_ticks()

    def hover_at(self, x: float, y: float) -> str:
        """Show (and return) the read-out for a point in view coordinates."""
        text = self.readout(x, y) if self.snapshot is not None and not self.is_empty else ""
        self.readout_label.setText(text or " ")
        return text

    def export_png(self, path: Path) -> None:
        if not self.grab().save(str(path), "PNG"):
            raise OSError(self.tr("Could not write {0}.").format(path))

    def export_csv(self, path: Path) -> None:
        """UTF-8 with a byte-order mark: spreadsheet programs then read names in any script
        (e.g. Chinese) correctly instead of guessing a legacy code page."""
        headers, rows = self.table()
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            # Names (technicians, sites) are user text: never let one run as a formula.
            writer.writerows(safe_row(row) for row in rows)

    def _mouse_moved(self, pos: QPointF) -> None:
        point = self.plot.plotItem.vb.mapSceneToView(pos)
        self.hover_at(point.x(), point.y())

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.title.text()}.png", "PNG (*.png)"
        )
        if path:
            self._report(lambda: self.export_png(Path(path)))

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart data"), f"{self.title.text()}.csv", "CSV (*.csv)"
        )
        if path:
            self._report(lambda: self.export_csv(Path(path)))

    def _report(self, action: Any) -> None:
        try:
            action()
        except OSError as exc:
            self.readout_label.setText(self.tr("Not saved: {0}").format(exc))

    def bars(self, key: str, **opts: Any) -> pg.BarGraphItem:
        """The bar item called ``key``, created once and then updated with ``opts``."""
        item = self._items.get(key)
        if item is None:
            item = pg.BarGraphItem(pen=pg.mkPen(None), **opts)
            self.plot.addItem(item)
            self._items[key] = item
        else:
            item.setOpts(**opts)
        self._touched.add(key)
        return item

    def curve(self, key: str, x: Any, y: Any, pen: Any, name: str) -> pg.PlotDataItem:
        """The line called ``key`` (listed in the legend as ``name``), updated in place."""
        item = self._items.get(key)
        if item is None:
            item = self.plot.plot(x, y, pen=pen, name=name)
            self._items[key] = item
        else:
            item.setData(x, y)
            item.setPen(pen)
        self._touched.add(key)
        return item

    def text(
        self, key: str, text: str, x: float, y: float, color: str | None = None
    ) -> pg.TextItem:
        color = color or self.theme.text
        item = self._items.get(key)
        if item is None:
            item = pg.TextItem(text, color=color, anchor=(0, 0.5))
            self.plot.addItem(item)
            self._items[key] = item
        else:
            item.setText(text, color=color)
        item.setPos(x, y)
        self._touched.add(key)
        return item
