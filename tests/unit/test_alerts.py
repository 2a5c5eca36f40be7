"""Alert rules on a real SQLite store: new P1s, SLA breaches soon, conflicts, switches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from opexdesk.app import AppContext, build_context
from opexdesk.domain.ids import new_id
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.alerts import STATE_KEY, AlertService
from opexdesk.services.events import Clock
from opexdesk.storage import settings_repo
from opexdesk.storage.sync_models import Conflict

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class SetClock(Clock):
    def __init__(self, start: datetime) -> None:
        self.at = start

    def now(self) -> datetime:
        return self.at


@dataclass
class Switches:
    notify_new_p1: bool = True
    notify_sla_breach: bool = True
    notify_conflicts: bool = True


@pytest.fixture
def clock() -> SetClock:
    return SetClock(T0)


@pytest.fixture
def ctx(tmp_path: Path, clock: SetClock) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="tester", clock=clock)
    yield context
    context.close()


def service(ctx: AppContext, switches: Switches | None = None) -> AlertService:
    alerts = AlertService(
        ctx.db,
        switches or Switches(),
        clock=ctx.clock,
        sla_policy=ctx.shared_config.sla_policy,
        conflict_count=ctx.sync.conflicts.open_count,
    )
    alerts.watch(ctx.notifier)
    return alerts


def create(ctx: AppContext, title: str, level: int) -> str:
    """level 1 -> P1 (impact 1 x urgency 1); 3 -> P3."""
    return ctx.tickets.create(TicketDraft(title=title, impact=level, urgency=level)).ticket_id


def add_conflict(ctx: AppContext, clock: SetClock) -> str:
    conflict_id = new_id()
    with ctx.db.transaction() as s:
        s.add(
            Conflict(
                id=conflict_id,
                ticket_id=new_id(),
                field="title",
                rule="manual",
                created_at=clock.now(),
                server_seq=1,
            )
        )
    return conflict_id


def test_new_p1_gives_one_alert_and_p3_none(ctx: AppContext) -> None:
    alerts = service(ctx)
    assert alerts.check() == []
    p1 = create(ctx, "Core switch down", 1)
    create(ctx, "Printer toner low", 3)
    found = alerts.check()
    assert len(found) == 1
    alert = found[0]
    assert alert.kind == "new_p1" and alert.ticket_id == p1
    assert alert.message.startswith("New P1: L-") and alert.message.endswith("Core switch down")
    assert alerts.check() == []


def test_p1_arriving_without_a_change_notification_is_found_by_the_mark(ctx: AppContext) -> None:
    alerts = AlertService(ctx.db, Switches(), clock=ctx.clock)  # not watching: like a pull
    create(ctx, "Payroll server down", 1)
    found = alerts.check()
    assert [a.kind for a in found] == ["new_p1"]


def test_tickets_present_at_first_start_are_not_new(ctx: AppContext) -> None:
    create(ctx, "Old P1", 1)
    assert service(ctx).check() == []


def test_burst_of_new_p1s_coalesces(ctx: AppContext) -> None:
    alerts = service(ctx)
    for i in range(200):
        create(ctx, f"Site outage {i}", 1)
    found = alerts.check()
    assert len(found) == 1
    assert found[0].count == 200 and found[0].ticket_id is None
    assert found[0].title == "200 new P1 tickets"


def test_near_breach_alerts_once_and_not_after_restart(ctx: AppContext, clock: SetClock) -> None:
    alerts = service(ctx)
    ticket = create(ctx, "Laptop will not boot", 3)  # P3: response 4 h, critical at 3 h 36 min
    clock.at = T0 + timedelta(hours=3, minutes=30)
    assert alerts.check() == []  # critical in 6 min, after the next check period
    clock.at = T0 + timedelta(hours=3, minutes=35, seconds=30)
    found = alerts.check()
    assert len(found) == 1
    assert found[0].kind == "sla" and found[0].ticket_id == ticket
    assert found[0].message.endswith("breaches its response target in 25 min")
    clock.at += timedelta(minutes=5)
    assert alerts.check() == []
    restarted = service(ctx)
    assert restarted.check() == []
    with ctx.db.read() as s:
        assert f"sla:{ticket}:response" in (settings_repo.get(s, STATE_KEY) or "")


def test_far_from_breach_and_breached_tickets_give_no_sla_alert(
    ctx: AppContext, clock: SetClock
) -> None:
    alerts = service(ctx)
    create(ctx, "Mouse squeaks", 3)
    clock.at = T0 + timedelta(hours=1)
    assert alerts.check() == []
    clock.at = T0 + timedelta(hours=5)  # response target passed: breached, not "soon"
    assert alerts.check() == []


def test_switches_silence_each_kind(ctx: AppContext, clock: SetClock) -> None:
    switches = Switches(False, False, False)
    alerts = service(ctx, switches)
    create(ctx, "Core switch down", 1)
    add_conflict(ctx, clock)
    clock.at = T0 + timedelta(minutes=13)  # the P1's response clock is critical
    assert alerts.check() == []
    # Turned back on: no backlog of P1s that arrived while off; the SLA clock still matters.
    switches.notify_new_p1 = switches.notify_sla_breach = True
    found = alerts.check()
    assert [a.kind for a in found] == ["sla"]


def test_conflicts_rising_alerts(ctx: AppContext, clock: SetClock) -> None:
    alerts = service(ctx)
    first = add_conflict(ctx, clock)
    found = alerts.check()
    assert [a.message for a in found] == ["1 sync conflict needs your choice"]
    assert alerts.check() == []
    add_conflict(ctx, clock)
    assert [a.message for a in alerts.check()] == ["2 sync conflicts need your choice"]
    with ctx.db.transaction() as s:
        row = s.get(Conflict, first)
        assert row is not None
        row.resolved_at = clock.now()
    assert alerts.check() == []  # falling is not news
    add_conflict(ctx, clock)
    assert [a.message for a in alerts.check()] == ["2 sync conflicts need your choice"]
    assert service(ctx).check() == []  # remembered across a restart


def test_sla_and_p1_queries_use_open_ticket_indexes(ctx: AppContext) -> None:
    alerts = service(ctx)
    create(ctx, "Core switch down", 1)
    seen: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        if "INDEXED BY" in statement:
            seen.append((statement, parameters))

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        alerts.check()
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", record)
    assert len(seen) == 2
    with ctx.db.read() as s:
        for statement, parameters in seen:
            plan = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            detail = " ".join(str(row[-1]) for row in plan)
            assert "USING INDEX ix_tickets_open_" in detail and "SCAN tickets" not in detail


def test_priority_raised_to_p1_alerts_once(ctx: AppContext) -> None:
    alerts = service(ctx)
    ticket = create(ctx, "Shared drive slow", 3)
    assert alerts.check() == []
    ctx.tickets.update(ticket, {"impact": 1, "urgency": 1})
    found = alerts.check()
    assert [(a.kind, a.ticket_id) for a in found] == [("new_p1", ticket)]
    ctx.tickets.update(ticket, {"title": "Shared drive down"})
    assert alerts.check() == []
