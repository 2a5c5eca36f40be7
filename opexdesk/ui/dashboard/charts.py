"""The dashboard's charts: flows over time, inflow by priority (stacked bars), backlog by
age (histogram stacked by priority), SLA compliance bars, workload per technician.

On-screen texts are in the current language; ``table()`` (the CSV) keeps English column
names, row keys and ISO 8601 times, so exports stay machine-readable in any language."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from opexdesk.services.metrics import AGE_BUCKETS, MetricsSnapshot
from opexdesk.services.metrics.snapshot import Rate, Workload
from opexdesk.ui.dashboard.chart_base import (
    ChartPanel,
    Table,
    bucket_iso,
    bucket_label,
    chart_text,
    count_text,
    list_text,
    priority_label,
)
from opexdesk.ui.locale_format import format_percent

MAX_PEOPLE = 12  # the busiest technicians; the CSV has everyone


def _breaches(s: MetricsSnapshot) -> list[int]:
    """Response and resolution breaches per bucket."""
    return [a + b for a, b in zip(s.response_breaches, s.resolution_breaches, strict=True)]


def _index(x: float, n: int) -> int | None:
    i = int(round(x))
    return i if 0 <= i < n else None


def _by_priority(counts: list[tuple[int, int]]) -> str:
    """ "P1 3, P2 5" in the language; "none" when there is nothing to list."""
    parts = [f"{priority_label(p)} {count_text(n)}" for p, n in counts if n]
    return list_text(parts) if parts else QCoreApplication.translate("DashboardCharts", "none")


class FlowChart(ChartPanel):
    """Opened and resolved tickets per bucket (lines), with breaches per bucket."""

    title_text = "Inflow and outflow"

    def draw(self, snapshot: MetricsSnapshot) -> bool:
        n = len(snapshot.buckets)
        breaches = np.asarray(_breaches(snapshot), float)
        if n == 0 or (snapshot.opened == 0 and snapshot.resolved == 0 and not breaches.any()):
            return False
        x = np.arange(n, dtype=float)
        legend = self.plot.plotItem.legend or self.plot.addLegend(offset=(-5, 5))
        legend.setLabelTextColor(self.theme.text)
        width = 2 if n < 200 else 1
        inflow, outflow = (
            np.asarray(snapshot.inflow_total(), float),
            np.asarray(snapshot.outflow, float),
        )
        opened = QCoreApplication.translate("DashboardCharts", "Opened")
        resolved = QCoreApplication.translate("DashboardCharts", "Resolved")
        self.curve("in", x, inflow, pg.mkPen(self.theme.inflow, width=width), opened)
        self.curve("out", x, outflow, pg.mkPen(self.theme.outflow, width=width), resolved)
        # Breaches are in the CSV and the hover line, so they are drawn too (dashed).
        dashed = pg.mkPen(self.theme.bad, width=width, style=Qt.PenStyle.DashLine)
        breached = QCoreApplication.translate("DashboardCharts", "Breaches")
        self.curve("breaches", x, breaches, dashed, breached)
        for _sample, label in legend.items:  # labels drawn before a theme change keep colour
            label.setText(label.text, color=self.theme.text)
        labels = [bucket_label(snapshot, b) for b in snapshot.buckets]
        self.set_time_ticks(labels)
        self.plot.setXRange(-0.5, n - 0.5, padding=0)
        return True

    def table(self) -> Table:
        s = self.snapshot
        if s is None:
            return ["bucket_start", "opened", "resolved", "breaches"], []
        total, breaches = s.inflow_total(), _breaches(s)
        rows = [
            [bucket_iso(s, b), total[i], s.outflow[i], breaches[i]] for i, b in enumerate(s.buckets)
        ]
        return ["bucket_start", "opened", "resolved", "breaches"], rows

    def readout(self, x: float, y: float) -> str:
        s = self.snapshot
        assert s is not None
        i = _index(x, len(s.buckets))
        if i is None:
            return ""
        breaches = s.response_breaches[i] + s.resolution_breaches[i]
        text = QCoreApplication.translate(
            "DashboardCharts", "{0}: opened {1}, resolved {2}, breaches {3}"
        )
        return text.format(
            bucket_label(s, s.buckets[i], long=True),
            count_text(s.inflow_total()[i]),
            count_text(s.outflow[i]),
            count_text(breaches),
        )


class InflowByPriorityChart(ChartPanel):
    """Opened tickets per bucket, stacked by priority."""

    title_text = "Opened by priority"

    def draw(self, snapshot: MetricsSnapshot) -> bool:
        n = len(snapshot.buckets)
        if n == 0 or snapshot.opened == 0:
            return False
        x = np.arange(n, dtype=float)
        base = np.zeros(n)
        for level, row in sorted(snapshot.inflow.items()):
            heights = np.asarray(row, dtype=float)
            self.bars(
                f"p{level}",
                x=x,
                height=heights,
                y0=base.copy(),
                width=0.8,
                brush=self.theme.priority(level),
                name=priority_label(level),
            )
            base += heights
        labels = [bucket_label(snapshot, b) for b in snapshot.buckets]
        self.set_time_ticks(labels)
        self.plot.setXRange(-0.6, n - 0.4, padding=0)
        self.plot.setYRange(0, max(1.0, float(base.max())) * 1.05, padding=0)
        return True

    def table(self) -> Table:
        s = self.snapshot
        levels = sorted(s.inflow) if s else []
        headers = ["bucket_start", *(f"P{p}" for p in levels)]
        if s is None:
            return headers, []
        rows = [
            [bucket_iso(s, b), *(s.inflow[p][i] for p in levels)] for i, b in enumerate(s.buckets)
        ]
        return headers, rows

    def readout(self, x: float, y: float) -> str:
        s = self.snapshot
        assert s is not None
        i = _index(x, len(s.buckets))
        if i is None:
            return ""
        parts = _by_priority([(p, row[i]) for p, row in sorted(s.inflow.items())])
        text = QCoreApplication.translate("DashboardCharts", "{0}: {1}")
        return text.format(bucket_label(s, s.buckets[i], long=True), parts)


class BacklogAgeChart(ChartPanel):
    """Open tickets by age (wall clock since creation), stacked by priority."""

    title_text = "Open backlog by age"
    empty_text = "No open tickets."

    def draw(self, snapshot: MetricsSnapshot) -> bool:
        if snapshot.backlog == 0:
            return False
        n = len(AGE_BUCKETS)
        x = np.arange(n, dtype=float)
        base = np.zeros(n)
        for level, row in sorted(snapshot.backlog_by_age.items()):
            heights = np.asarray(row, dtype=float)
            self.bars(
                f"p{level}",
                x=x,
                height=heights,
                y0=base.copy(),
                width=0.8,
                brush=self.theme.priority(level),
            )
            base += heights
        self.plot.getAxis("bottom").setTicks(
            [[(float(i), chart_text(t)) for i, (t, _) in enumerate(AGE_BUCKETS)]]
        )
        self.plot.setXRange(-0.6, n - 0.4, padding=0)
        self.plot.setYRange(0, max(1.0, float(base.max())) * 1.05, padding=0)
        return True

    def table(self) -> Table:
        s = self.snapshot
        levels = sorted(s.backlog_by_age) if s else []
        headers = ["age", *(f"P{p}" for p in levels), "total"]
        if s is None:
            return headers, []
        rows = []
        for i, (label, _) in enumerate(AGE_BUCKETS):
            counts = [s.backlog_by_age[p][i] for p in levels]
            rows.append([label, *counts, sum(counts)])
        return headers, rows

    def readout(self, x: float, y: float) -> str:
        s = self.snapshot
        assert s is not None
        i = _index(x, len(AGE_BUCKETS))
        if i is None:
            return ""
        counts = [(p, row[i]) for p, row in sorted(s.backlog_by_age.items())]
        total = sum(n for _p, n in counts)
        age = chart_text(AGE_BUCKETS[i][0])
        if not total:
            return QCoreApplication.translate("DashboardCharts", "{0}: {1} open").format(
                age, count_text(total)
            )
        text = QCoreApplication.translate("DashboardCharts", "{0}: {1} open ({2})")
        return text.format(age, count_text(total), _by_priority(counts))


class ComplianceChart(ChartPanel):
    """Share of response and resolution clocks met in the window (horizontal bars)."""

    title_text = "SLA compliance"
    empty_text = "No ticket was answered or resolved in this window."
    rows_shown = ("Response", "Resolution")  # CSV row keys; on screen through chart_text()

    def _rates(self, s: MetricsSnapshot) -> tuple[Rate, Rate]:
        return (s.response_compliance, s.resolution_compliance)

    def draw(self, snapshot: MetricsSnapshot) -> bool:
        rates = self._rates(snapshot)
        if all(r.whole == 0 for r in rates):
            return False
        y = np.arange(len(rates), dtype=float)
        shares = np.array([100.0 * (r.value or 0.0) for r in rates])
        self.bars(
            "met", x0=np.zeros(len(rates)), y=y, height=0.6, width=shares, brush=self.theme.good
        )
        self.bars(
            "missed",
            x0=shares,
            y=y,
            height=0.6,
            width=np.where([r.whole for r in rates], 100.0 - shares, 0.0),
            brush=self.theme.bad,
        )
        for i, r in enumerate(rates):
            if r.value is None:
                text = QCoreApplication.translate("DashboardCharts", "no data")
            else:
                text = QCoreApplication.translate("DashboardCharts", "{0} of {1}").format(
                    format_percent(r.value, 1), count_text(r.whole)
                )
            on_bar = "#ffffff" if r.value is not None else None  # readable on green and red
            self.text(f"label{i}", text, 2, float(i), on_bar)
        names = [chart_text(t) for t in self.rows_shown]
        self.plot.getAxis("left").setTicks([[(float(i), t) for i, t in enumerate(names)]])
        # Room right of 100: the axis centres its last label ("100") on the plot's edge,
        # where half of it was cut off.
        self.plot.setXRange(-2, 106, padding=0)
        self.plot.setYRange(-0.6, len(rates) - 0.4, padding=0)
        return True

    def table(self) -> Table:
        s = self.snapshot
        headers = ["clock", "met", "measured", "share"]
        if s is None:
            return headers, []
        rows = [
            [name, r.part, r.whole, "" if r.value is None else round(r.value, 4)]
            for name, r in zip(self.rows_shown, self._rates(s), strict=True)
        ]
        return headers, rows

    def readout(self, x: float, y: float) -> str:
        s = self.snapshot
        assert s is not None
        i = _index(y, 2)
        if i is None:
            return ""
        r = self._rates(s)[i]
        missed = r.whole - r.part
        text = QCoreApplication.translate("DashboardCharts", "{0}: {1} met, {2} breached of {3}")
        return text.format(
            chart_text(self.rows_shown[i]),
            count_text(r.part),
            count_text(missed),
            count_text(r.whole),
        )


class WorkloadChart(ChartPanel):
    """Open tickets per technician, stacked by priority (the busiest first)."""

    title_text = "Workload per technician"
    empty_text = "Nobody has open or resolved tickets here."

    def _people(self, s: MetricsSnapshot) -> list[Workload]:
        return [w for w in s.workload if w.assignee][:MAX_PEOPLE]

    def draw(self, snapshot: MetricsSnapshot) -> bool:
        people = self._people(snapshot)
        if not people:
            return False
        n = len(people)
        y = np.arange(n, dtype=float)[::-1]  # the busiest on top
        base = np.zeros(n)
        levels = sorted({p for w in people for p in w.open_by_priority})
        for level in levels:
            widths = np.array([w.open_by_priority.get(level, 0) for w in people], dtype=float)
            self.bars(
                f"p{level}",
                x0=base.copy(),
                y=y,
                height=0.7,
                width=widths,
                brush=self.theme.priority(level),
            )
            base += widths
        self.plot.getAxis("left").setTicks(
            [[(float(y[i]), w.assignee) for i, w in enumerate(people)]]
        )
        self.plot.setYRange(-0.6, n - 0.4, padding=0)
        self.plot.setXRange(0, max(1.0, float(base.max())) * 1.05, padding=0)
        return True

    def table(self) -> Table:
        s = self.snapshot
        headers = ["technician", "open", "P1", "P2", "P3", "P4", "P5", "resolved_in_window"]
        if s is None:
            return headers, []
        rows = [
            [
                w.assignee or "(unassigned)",
                w.open_total,
                *(w.open_by_priority.get(p, 0) for p in range(1, 6)),
                w.resolved,
            ]
            for w in s.workload
        ]
        return headers, rows

    def readout(self, x: float, y: float) -> str:
        s = self.snapshot
        assert s is not None
        people = self._people(s)
        i = _index(y, len(people))
        if i is None:
            return ""
        w = people[len(people) - 1 - i]
        parts = _by_priority(sorted(w.open_by_priority.items()))
        text = QCoreApplication.translate("DashboardCharts", "{0}: {1} open ({2}), {3} resolved")
        return text.format(w.assignee, count_text(w.open_total), parts, count_text(w.resolved))
