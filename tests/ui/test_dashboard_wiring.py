"""The dashboard in the main window: the KPI strip follows changes, the View menu opens the
dashboard, which follows changes and the sync state; closing stops their workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from opexdesk.app import AppContext
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.metrics import KpiStrip, MetricsService
from opexdesk.services.sync.status import State, SyncStatus
from opexdesk.ui.dashboard.kpi_strip import KpiStripWidget
from opexdesk.ui.dashboard.wiring import SHORTCUT, DashboardInstall, install_dashboard
from opexdesk.ui.main_window import MainWindow


def strip_values(install: DashboardInstall) -> KpiStrip:
    assert install.strip.values is not None
    return install.strip.values


@pytest.fixture
def installed(qtbot, ctx: AppContext) -> Iterator[tuple[MainWindow, DashboardInstall]]:  # noqa: ANN001
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    install = install_dashboard(win, ctx)
    win.show()
    qtbot.waitUntil(lambda: install.strip.values is not None, timeout=10_000)
    yield win, install
    win.close()


def test_strip_counts_p1_and_my_queue(
    qtbot,
    ctx: AppContext,
    installed,
    artifacts: Path,  # noqa: ANN001
) -> None:
    win, install = installed
    assert install.strip.values == KpiStrip(0, 0, 0)
    assert "Open P1: 0" in install.strip.p1.text()
    p1 = ctx.tickets.create(
        TicketDraft(title="Core switch down", impact=1, urgency=1, assignee="tester")
    )
    ctx.tickets.create(TicketDraft(title="Mouse broken", impact=4, urgency=4, assignee="tester"))
    qtbot.waitUntil(lambda: strip_values(install).my_queue == 2, timeout=10_000)
    assert strip_values(install).open_p1 == 1
    assert install.strip.p1.text() == "Open P1: 1"
    assert win.grab().save(str(artifacts / "dashboard_kpi_strip.png"))
    ctx.tickets.transition(p1.ticket_id, Status.IN_PROGRESS)
    ctx.tickets.transition(p1.ticket_id, Status.RESOLVED, note="Replaced the supervisor card.")
    qtbot.waitUntil(lambda: strip_values(install).open_p1 == 0, timeout=10_000)
    assert strip_values(install).my_queue == 1


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
def test_menu_opens_the_dashboard_which_follows_changes(
    qtbot,
    ctx: AppContext,
    installed,  # noqa: ANN001
) -> None:
    win, install = installed
    actions = [a for m in win.menuBar().actions() if m.menu() for a in m.menu().actions()]
    assert install.action in actions and install.action.shortcut().toString() == SHORTCUT
    install.action.trigger()
    dash = install.window
    assert dash is not None and dash.isVisible()
    qtbot.waitUntil(lambda: dash.snapshot is not None, timeout=10_000)
    ctx.tickets.create(TicketDraft(title="Printer offline", impact=2, urgency=2))
    qtbot.waitUntil(lambda: dash.snapshot is not None and dash.snapshot.opened == 1, timeout=10_000)
    assert install.open() is dash  # raised, not built twice
    win.sync.status_changed.emit(SyncStatus(state=State.OFFLINE, last_sync_at=None))
    assert dash.as_of_label.text().startswith("Offline")


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
def test_reopening_a_closed_dashboard_follows_changes_again(
    qtbot,
    ctx: AppContext,
    installed,  # noqa: ANN001
) -> None:
    _win, install = installed
    first = install.open()
    qtbot.waitUntil(lambda: first.snapshot is not None, timeout=10_000)
    first.close()  # stops its workers
    dash = install.open()
    assert dash is not first and dash.isVisible()
    qtbot.waitUntil(lambda: dash.snapshot is not None, timeout=10_000)
    ctx.tickets.create(TicketDraft(title="Printer offline", impact=2, urgency=2))
    qtbot.waitUntil(lambda: dash.snapshot is not None and dash.snapshot.opened == 1, timeout=10_000)


def test_closing_the_main_window_stops_the_dashboard(qtbot, installed) -> None:  # noqa: ANN001
    win, install = installed
    install.open()
    win.close()
    qtbot.waitUntil(lambda: install._closed, timeout=5_000)
    assert not install.window.isVisible()


def test_strip_alone_shows_dashes_until_built(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    service = MetricsService(ctx.db, ctx.shared_config.sla_policy, ctx.clock)
    strip = KpiStripWidget(service, "tester")
    qtbot.addWidget(strip)
    assert strip.mine.text() == "My queue: –"  # nothing read yet
    qtbot.waitUntil(lambda: strip.values is not None, timeout=10_000)
    assert strip.mine.text() == "My queue: 0"
    with qtbot.waitSignal(strip.clicked, timeout=1_000):
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton)
    strip.shutdown()
