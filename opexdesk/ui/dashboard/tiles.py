"""The row of KPI tiles at the top of the dashboard: one number each, with its detail, in
the current language (numbers, percentages and durations in the default QLocale)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from opexdesk.services.metrics import MetricsSnapshot
from opexdesk.services.metrics.snapshot import CSAT_UNAVAILABLE, Quantiles, Rate
from opexdesk.ui.dashboard.chart_base import count_text, priority_label
from opexdesk.ui.locale_format import format_number, format_percent

NO_DATA = "–"


def format_business(seconds: float | None) -> str:
    """Business time: "45 min" / "45分钟", "7.5 h" / "7.5小时" (hours, not days: a business
    day is ambiguous). The "Duration" texts of opexdesk.ui.locale_format."""
    if seconds is None:
        return NO_DATA
    if seconds < 3600:
        minutes = format_number(max(0, round(seconds / 60)))
        return QCoreApplication.translate("Duration", "{0} min").format(minutes)
    hours = format_number(seconds / 3600, 1)
    return QCoreApplication.translate("Duration", "{0} h").format(hours)


def format_rate(rate: Rate) -> str:
    return NO_DATA if rate.value is None else format_percent(rate.value, 1)


def _quantiles(q: Quantiles) -> tuple[str, str]:
    if q.n == 0:
        return NO_DATA, QCoreApplication.translate("KpiTiles", "none in window")
    detail = QCoreApplication.translate("KpiTiles", "p90 {0} · n={1}")
    return format_business(q.median), detail.format(format_business(q.p90), count_text(q.n))


class Tile(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.title = QLabel(title)
        self.title.setObjectName("muted")
        self.value = QLabel(NO_DATA)
        self.value.setObjectName("value")
        self.detail = QLabel(" ")
        self.detail.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        for label in (self.title, self.value, self.detail):
            layout.addWidget(label)

    def show_value(self, value: str, detail: str = " ") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class KpiTiles(QWidget):
    """Opened, resolved, backlog, compliance, breaches, times, rates, CSAT."""

    NAMES = (
        ("opened", "Opened"),
        ("resolved", "Resolved"),
        ("backlog", "Open backlog"),
        ("response", "Response SLA"),
        ("resolution", "Resolution SLA"),
        ("breaches", "Breaches"),
        ("first_response", "First response (median)"),
        ("time_to_resolve", "Time to resolve (median)"),
        ("reopen", "Reopen rate"),
        ("fcr", "First-contact resolution"),
        ("overdue", "Overdue open"),
        ("csat", "CSAT"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for i, (key, title) in enumerate(self.NAMES):
            tile = Tile(self.tr(title))
            self.tiles[key] = tile
            grid.addWidget(tile, i // 6, i % 6)

    def show_snapshot(self, s: MetricsSnapshot) -> None:
        t = self.tiles
        n = count_text
        t["opened"].show_value(n(s.opened), self.tr("in window"))
        t["resolved"].show_value(n(s.resolved), self.tr("in window"))
        by_p = " · ".join(f"{priority_label(p)} {n(c)}" for p, c in s.backlog_by_priority.items())
        t["backlog"].show_value(n(s.backlog), by_p or self.tr("none open"))
        for key, rate in (
            ("response", s.response_compliance),
            ("resolution", s.resolution_compliance),
        ):
            if rate.whole == 0:
                detail = self.tr("none measured")
            else:
                detail = self.tr("{0} of {1} met").format(n(rate.part), n(rate.whole))
            t[key].show_value(format_rate(rate), detail)
        t["breaches"].show_value(
            n(s.breaches_response + s.breaches_resolution),
            self.tr("response {0} · resolution {1}").format(
                n(s.breaches_response), n(s.breaches_resolution)
            ),
        )
        t["first_response"].show_value(*_quantiles(s.first_response))
        t["time_to_resolve"].show_value(*_quantiles(s.time_to_resolve))
        of_resolved = self.tr("of {0} resolved")
        t["reopen"].show_value(
            format_rate(s.reopen_rate), of_resolved.format(n(s.reopen_rate.whole))
        )
        t["fcr"].show_value(
            format_rate(s.first_contact), of_resolved.format(n(s.first_contact.whole))
        )
        t["overdue"].show_value(n(s.overdue_open), self.tr("open with a breached clock"))
        t["csat"].show_value(
            NO_DATA if s.csat is None else format_number(s.csat, 1),
            self.tr("no ratings recorded") if s.csat is None else " ",
        )
        # The service's one note, in English there: shown in the language when it is known.
        note = s.csat_note
        if note == CSAT_UNAVAILABLE:
            note = self.tr(
                "No satisfaction ratings are recorded for tickets, so CSAT cannot be shown."
            )
        t["csat"].setToolTip(note)
