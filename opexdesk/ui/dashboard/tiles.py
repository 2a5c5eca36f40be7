"""The row of KPI tiles at the top of the dashboard: one number each, with its detail."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from opexdesk.services.metrics import MetricsSnapshot
from opexdesk.services.metrics.snapshot import Quantiles, Rate

NO_DATA = "–"


def format_business(seconds: float | None) -> str:
    """Business time: "45 min", "7.5 h" (hours, not days: a business day is ambiguous)."""
    if seconds is None:
        return NO_DATA
    if seconds < 3600:
        return f"{max(0, round(seconds / 60))} min"
    return f"{seconds / 3600:.1f} h"


def format_rate(rate: Rate) -> str:
    return NO_DATA if rate.value is None else f"{100 * rate.value:.1f}%"


def _quantiles(q: Quantiles) -> tuple[str, str]:
    if q.n == 0:
        return NO_DATA, "none in window"
    return format_business(q.median), f"p90 {format_business(q.p90)} · n={q.n}"


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
        t["opened"].show_value(str(s.opened), "in window")
        t["resolved"].show_value(str(s.resolved), "in window")
        by_p = " · ".join(f"P{p} {n}" for p, n in s.backlog_by_priority.items())
        t["backlog"].show_value(str(s.backlog), by_p or "none open")
        for key, rate in (
            ("response", s.response_compliance),
            ("resolution", s.resolution_compliance),
        ):
            detail = "none measured" if rate.whole == 0 else f"{rate.part} of {rate.whole} met"
            t[key].show_value(format_rate(rate), detail)
        t["breaches"].show_value(
            str(s.breaches_response + s.breaches_resolution),
            f"response {s.breaches_response} · resolution {s.breaches_resolution}",
        )
        t["first_response"].show_value(*_quantiles(s.first_response))
        t["time_to_resolve"].show_value(*_quantiles(s.time_to_resolve))
        t["reopen"].show_value(format_rate(s.reopen_rate), f"of {s.reopen_rate.whole} resolved")
        t["fcr"].show_value(format_rate(s.first_contact), f"of {s.first_contact.whole} resolved")
        t["overdue"].show_value(str(s.overdue_open), "open with a breached clock")
        t["csat"].show_value(
            NO_DATA if s.csat is None else f"{s.csat:.1f}",
            "no ratings recorded" if s.csat is None else " ",
        )
        t["csat"].setToolTip(s.csat_note)
