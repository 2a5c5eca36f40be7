"""The operations dashboard with real widgets offscreen: it draws demo data, updates on a
change, coalesces bursts, shows empty and offline states, exports, and is screenshotted in
both themes (artifacts/dashboard_light.png, artifacts/dashboard_dark.png)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from opexdesk.app import AppContext
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.demo import seed_demo
from opexdesk.services.events import TicketChange
from opexdesk.services.metrics import (
    Filters,
    Granularity,
    MetricsService,
    MetricsSnapshot,
    MetricsState,
    Preset,
    TicketFacts,
    Window,
    read_out,
)
from opexdesk.services.metrics.facts import epoch_us
from opexdesk.services.metrics.window import HOUR_US
from opexdesk.services.sync.status import State, SyncStatus
from opexdesk.ui.dashboard.charts import FlowChart, InflowByPriorityChart, WorkloadChart
from opexdesk.ui.dashboard.theme import DARK, LIGHT
from opexdesk.ui.dashboard.window import DashboardWindow
from opexdesk.ui.notifier_bridge import NotifierBridge


class CountingService(MetricsService):
    """The real service, counting its full builds (reads of the whole window)."""

    builds = 0

    def build(self, *args: Any, **kwargs: Any) -> MetricsState:
        self.builds += 1
        return super().build(*args, **kwargs)


def snap(window: DashboardWindow) -> MetricsSnapshot:
    assert window.snapshot is not None
    return window.snapshot


def is_last_day_hourly(s: MetricsSnapshot) -> bool:
    """The "last 24 hours" window read out: hourly buckets from a day before its build up to
    the read-out. The test clock moves a minute per reading, so the read-out can fall into the
    hour after the build's: 24 to 26 buckets, each an hour after the one before."""
    w = s.window
    steps = {b - a for a, b in zip(s.buckets, s.buckets[1:], strict=False)}
    return (
        w.granularity is Granularity.HOUR
        and w.end is None
        and timedelta(hours=24) <= s.now - w.start < timedelta(hours=25)
        and 24 <= len(s.buckets) <= 26
        and steps == {HOUR_US}
    )


@pytest.fixture
def dashboard(qtbot, ctx: AppContext) -> Iterator[DashboardWindow]:  # noqa: ANN001
    service = CountingService(ctx.db, ctx.shared_config.sla_policy, ctx.clock)
    window = DashboardWindow(service, redraw_ms=50)
    qtbot.addWidget(window)
    bridge = NotifierBridge(ctx.notifier, window)
    bridge.changed.connect(window.ticket_changed)
    window.show()
    qtbot.waitUntil(lambda: window.drawn, timeout=20_000)
    yield window
    bridge.close()
    window.close()


@pytest.fixture
def demo(ctx: AppContext) -> AppContext:
    seed_demo(ctx.db, 4000, seed=3, now=ctx.clock.now())
    return ctx


def test_empty_database_shows_empty_states(dashboard: DashboardWindow) -> None:
    snap = dashboard.snapshot
    assert snap is not None and snap.empty
    assert all(chart.is_empty for chart in dashboard.charts)
    assert "No tickets" in dashboard.status_label.text()
    assert dashboard.tiles.tiles["csat"].detail.text() == "no ratings recorded"
    assert dashboard.as_of_label.text().startswith("As of ")


def test_charts_update_on_a_change(qtbot, ctx: AppContext, dashboard: DashboardWindow) -> None:  # noqa: ANN001
    change = ctx.tickets.create(TicketDraft(title="VPN down", impact=1, urgency=1, assignee="ann"))
    qtbot.waitUntil(lambda: snap(dashboard).opened == 1 and dashboard.drawn, timeout=10_000)
    assert not dashboard.flow.is_empty and not dashboard.backlog.is_empty
    assert snap(dashboard).backlog_by_priority == {1: 1}
    assert dashboard.tiles.tiles["opened"].value.text() == "1"
    ctx.tickets.transition(change.ticket_id, Status.IN_PROGRESS)
    ctx.tickets.transition(change.ticket_id, Status.RESOLVED, note="Restarted the tunnel.")
    qtbot.waitUntil(lambda: snap(dashboard).resolved == 1 and dashboard.drawn, timeout=10_000)
    assert snap(dashboard).backlog == 0 and dashboard.backlog.is_empty
    assert dashboard.workload.table()[1][0][0] == "ann"
    assert dashboard.compliance.hover_at(50, 1).startswith("Resolution: 1 met")


def test_burst_of_changes_is_coalesced(qtbot, demo: AppContext, dashboard: DashboardWindow) -> None:  # noqa: ANN001
    dashboard.reload()
    qtbot.waitUntil(lambda: not dashboard.controller.building, timeout=20_000)
    with demo.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, local_id FROM tickets LIMIT 1000").all()
    before = dashboard.redraws
    applied = dashboard.controller.updates_applied
    for tid, local_id in rows:
        dashboard.ticket_changed(TicketChange(tid, local_id, "updated", ("site",)))
    qtbot.waitUntil(
        lambda: (
            dashboard.controller.updates_applied - applied == len(rows)
            and dashboard.controller.pending == 0
        ),
        timeout=20_000,
    )
    assert dashboard.redraws - before <= 10  # 1,000 changes, a few redraws


def test_demo_screenshots_both_themes(
    qtbot,
    demo: AppContext,
    dashboard: DashboardWindow,
    artifacts: Path,  # noqa: ANN001
) -> None:
    dashboard.reload()
    qtbot.waitUntil(lambda: not dashboard.controller.building, timeout=20_000)
    qtbot.waitUntil(lambda: snap(dashboard).opened > 0 and dashboard.drawn, timeout=20_000)
    assert not any(chart.is_empty for chart in dashboard.charts)
    dashboard.set_theme(LIGHT)
    qtbot.wait(50)
    assert dashboard.grab().save(str(artifacts / "dashboard_light.png"))
    dashboard.set_theme(DARK)
    assert dashboard.dark_box.isChecked()
    qtbot.wait(50)
    assert dashboard.grab().save(str(artifacts / "dashboard_dark.png"))
    dashboard.set_theme(LIGHT)


def test_window_and_filters_rebuild(qtbot, demo: AppContext, dashboard: DashboardWindow) -> None:  # noqa: ANN001
    dashboard.window_box.setCurrentIndex(0)  # last 24 hours, hourly
    qtbot.waitUntil(lambda: not dashboard.controller.building, timeout=20_000)
    qtbot.waitUntil(lambda: is_last_day_hourly(snap(dashboard)), timeout=20_000)
    all_open = snap(dashboard).backlog
    service = dashboard.service
    assert isinstance(service, CountingService)
    builds = service.builds
    priority = dashboard.filter_boxes["priority"]
    priority.setCurrentIndex(priority.findData(4))
    qtbot.waitUntil(lambda: snap(dashboard).backlog < all_open, timeout=20_000)
    assert set(snap(dashboard).backlog_by_priority) <= {4}
    assert service.builds == builds  # a filter change is derived from the facts in memory
    dashboard.refresh_button.click()
    qtbot.waitUntil(lambda: service.builds == builds + 1 and not dashboard.controller.building)
    assert set(snap(dashboard).backlog_by_priority) <= {4}
    qtbot.waitUntil(lambda: dashboard.filter_boxes["site"].count() > 1, timeout=20_000)
    custom = [dashboard.window_box.itemData(i) for i in range(4)].index(Preset.CUSTOM)
    dashboard.window_box.setCurrentIndex(custom)
    assert dashboard.apply_button.isVisibleTo(dashboard)
    dashboard.to_edit.setDateTime(dashboard.from_edit.dateTime().addSecs(-3600))
    dashboard.apply_button.click()
    assert "end after it starts" in dashboard.status_label.text()


def test_hover_and_export(
    qtbot,
    demo: AppContext,
    dashboard: DashboardWindow,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    qtbot.waitUntil(lambda: snap(dashboard).opened > 0 and dashboard.drawn, timeout=20_000)
    last = len(snap(dashboard).buckets) - 1
    text = dashboard.flow.hover_at(last, 0)
    assert "opened" in text and dashboard.flow.readout_label.text() == text
    assert dashboard.flow.hover_at(-5, 0) == ""
    for chart in dashboard.charts:
        png, data = tmp_path / "c.png", tmp_path / "c.csv"
        chart.export_png(png)
        chart.export_csv(data)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        rows = list(csv.reader(data.open(encoding="utf-8-sig")))
        assert rows[0] == chart.table()[0] and len(rows) > 1
    with pytest.raises(OSError):
        dashboard.flow.export_png(tmp_path / "missing" / "x.png")


def test_offline_shows_last_sync(dashboard: DashboardWindow, ctx: AppContext) -> None:
    last = ctx.clock.now() - timedelta(hours=2)
    dashboard.set_sync_status(SyncStatus(state=State.OFFLINE, last_sync_at=last))
    assert dashboard.as_of_label.text().startswith("Offline: as of last sync ")
    dashboard.set_sync_status(SyncStatus(state=State.UP_TO_DATE, last_sync_at=last))
    assert dashboard.as_of_label.text().startswith("As of ")


def fall_back_snapshot() -> MetricsSnapshot:
    """24 hourly buckets over the Berlin fall-back night (02:00 local happens twice), one
    open P2 ticket of a Chinese-named technician whose response clock breached."""
    now = datetime(2026, 10, 25, 12, tzinfo=UTC)
    window = Window(now - timedelta(hours=24), None, Granularity.HOUR, ZoneInfo("Europe/Berlin"))
    state = MetricsState(window, Filters(), now)
    facts = TicketFacts(
        "t1",
        epoch_us(now - timedelta(hours=3)),
        2,
        "new",
        True,
        "张伟",
        None,
        "上海办公室",
        None,
        response_breach_us=epoch_us(now - timedelta(hours=1)),
    )
    state.load([facts])
    return read_out(state, now)


def test_flow_chart_draws_the_breaches_its_csv_holds(qtbot) -> None:  # noqa: ANN001
    chart = FlowChart()
    qtbot.addWidget(chart)
    snapshot = fall_back_snapshot()
    chart.set_snapshot(snapshot)
    assert not chart.is_empty
    _headers, rows = chart.table()
    drawn = chart._items["breaches"].getData()[1]
    assert list(drawn) == [row[3] for row in rows] and sum(drawn) == 1


def test_csv_has_a_bom_keeps_chinese_and_unique_iso_bucket_starts(
    qtbot,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    snapshot = fall_back_snapshot()
    workload, by_priority = WorkloadChart(), InflowByPriorityChart()
    for chart in (workload, by_priority):
        qtbot.addWidget(chart)
        chart.set_snapshot(snapshot)
    path = tmp_path / "workload.csv"
    workload.export_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0][0] == "technician" and rows[1][0] == "张伟"
    path = tmp_path / "inflow.csv"
    by_priority.export_csv(path)
    starts = [row[0] for row in csv.reader(path.open(encoding="utf-8-sig"))][1:]
    assert len(starts) == len(set(starts)) == len(snapshot.buckets)  # 02:00 twice, distinct
    assert "2026-10-25T02:00+02:00" in starts and "2026-10-25T02:00+01:00" in starts
    assert [datetime.fromisoformat(t) for t in starts] == sorted(
        datetime.fromisoformat(t) for t in starts
    )


def test_csv_neutralises_formula_names_but_keeps_numbers(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    now = datetime(2026, 10, 25, 12, tzinfo=UTC)
    window = Window(now - timedelta(days=7), None, Granularity.DAY, ZoneInfo("UTC"))
    state = MetricsState(window, Filters(), now)
    formula = '=HYPERLINK("https://evil.example","x")'
    facts = [
        TicketFacts(
            "t1", epoch_us(now - timedelta(hours=3)), 2, "new", True, formula, None, None, None
        ),
        TicketFacts(
            "t2", epoch_us(now - timedelta(hours=2)), 3, "new", True, "-1", None, None, None
        ),
    ]
    state.load(facts)
    chart = WorkloadChart()
    qtbot.addWidget(chart)
    chart.set_snapshot(read_out(state, now))
    path = tmp_path / "workload.csv"
    chart.export_csv(path)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    names = {row[0]: row for row in rows[1:]}
    assert "'" + formula in names and formula not in names
    assert names["'" + formula][1:3] == ["1", "0"]  # counts stay plain numbers
    assert "-1" in names  # a numeric name runs nothing: left as it is
