"""MetricsService on real SQLite stores: full builds, incremental updates driven by the
ChangeNotifier equal a rebuild, odd databases (empty, one ticket, demo data, odd times)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import CommentKind, Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.demo import seed_demo
from opexdesk.services.events import Clock, TicketChange
from opexdesk.services.metrics import (
    Filters,
    KpiStrip,
    MetricsService,
    Preset,
    Window,
    kpi_strip,
    preset_window,
    read_out,
)
from opexdesk.storage.metrics_repo import MetricsRepository

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class StepClock(Clock):
    """Five minutes per reading: ordered, distinct operation times."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def now(self) -> datetime:
        self.at += timedelta(minutes=5)
        return self.at


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="ann", clock=StepClock(START))
    yield context
    context.close()


def service(ctx: AppContext) -> MetricsService:
    return MetricsService(ctx.db, ctx.shared_config.sla_policy, ctx.clock)


def window(preset: Preset = Preset.LAST_7D) -> Window:
    return preset_window(preset, START - timedelta(days=1), ZoneInfo("UTC"))


def test_empty_database_gives_an_empty_snapshot(ctx: AppContext) -> None:
    svc = service(ctx)
    state = svc.build(window())
    snap = svc.snapshot(state)
    assert snap.empty and snap.workload == [] and snap.time_to_resolve.median is None
    assert kpi_strip(svc.today(), "ann", ctx.clock.now()) == KpiStrip(0, 0, 0)


def test_incremental_updates_from_notifications_equal_a_rebuild(ctx: AppContext) -> None:
    svc = service(ctx)
    win = window()
    early = ctx.tickets.create(TicketDraft(title="Printer jam", site="Lyon", impact=4, urgency=4))
    state = svc.build(win, as_of=START + timedelta(days=30))
    changed: list[TicketChange] = []
    ctx.notifier.subscribe(changed.append)
    t = ctx.tickets
    a = t.create(TicketDraft(title="VPN down", site="Berlin", impact=1, urgency=1, assignee="ann"))
    b = t.create(TicketDraft(title="Mail slow", site="Lyon", impact=3, urgency=2))
    t.update(b.ticket_id, {"assignee": "bo"})
    t.transition(a.ticket_id, Status.IN_PROGRESS)
    t.add_comment(a.ticket_id, "Looking at it now.", CommentKind.PUBLIC)
    t.transition(a.ticket_id, Status.PENDING)
    t.transition(a.ticket_id, Status.IN_PROGRESS)
    t.transition(a.ticket_id, Status.RESOLVED, note="Rebooted the concentrator.")
    t.transition(a.ticket_id, Status.IN_PROGRESS, note="Came back.")  # reopened
    t.transition(a.ticket_id, Status.RESOLVED, note="Replaced the cable.")
    t.update(b.ticket_id, {"impact": 1, "urgency": 1})  # priority change re-targets
    t.update(early.ticket_id, {"site": "Berlin"})
    t.delete(b.ticket_id)
    assert len(changed) == 13
    for change in changed:
        svc.update(state, [change.ticket_id])
    # One-at-a-time updates were read at later times; compare against the same instant.
    as_of = START + timedelta(days=30)
    for tid in {c.ticket_id for c in changed} | {early.ticket_id}:
        state.apply(tid, svc.facts_of([tid], as_of)[tid])
    rebuilt = svc.build(win, as_of=as_of)
    assert state.signature() == rebuilt.signature()
    snap = read_out(state, as_of)
    assert snap.resolved == 1 and snap.reopen_rate.part == 1 and snap.first_contact.part == 0
    assert snap.backlog == 1  # "early"; "b" is deleted
    berlin = svc.build(win, Filters(site="Berlin"), as_of=as_of)
    assert {f.ticket_id for f in berlin.facts.values()} == {a.ticket_id, early.ticket_id}


def test_kpi_strip_counts_p1_breaches_and_my_queue(ctx: AppContext) -> None:
    t = ctx.tickets
    p1 = t.create(TicketDraft(title="Core switch down", impact=1, urgency=1, assignee="ann"))
    t.create(TicketDraft(title="Mouse broken", impact=4, urgency=4, assignee="bo"))
    t.create(TicketDraft(title="Monitor flicker", impact=4, urgency=4, assignee="ann"))
    svc = service(ctx)
    later = ctx.clock.now() + timedelta(hours=1)  # P1 response target (15 min) passed
    strip = kpi_strip(svc.today(as_of=later), "ann", later)
    assert strip.open_p1 == 1 and strip.my_queue == 2
    assert strip.breaches_today >= 1
    t.transition(p1.ticket_id, Status.IN_PROGRESS)
    assert kpi_strip(svc.today(as_of=later), "bo", later).my_queue == 1


def test_one_ticket_and_odd_times_never_crash(ctx: AppContext) -> None:
    t = ctx.tickets
    ids = [t.create(TicketDraft(title=f"Odd {i}")).ticket_id for i in range(3)]
    with ctx.db.engine.begin() as conn:  # as a pull from a skewed device could store them
        for tid, when in zip(
            ids,
            (
                "2150-01-01 00:00:00.000000",
                "1965-06-01 00:00:00.000000",
                "1850-01-01 00:00:00.000000",
            ),
            strict=True,
        ):
            conn.execute(
                text("UPDATE tickets SET created_at = :w WHERE id = :i"), {"w": when, "i": tid}
            )
        # Audit values a newer version or a broken import could leave behind.
        conn.execute(
            text("UPDATE audit_events SET new_value = 'not json {' WHERE ticket_id = :i"),
            {"i": ids[0]},
        )
    svc = service(ctx)
    for preset in (Preset.LAST_24H, Preset.LAST_30D):
        snap = svc.snapshot(svc.build(window(preset)))
        assert snap.backlog == 3
        assert sum(sum(row) for row in snap.backlog_by_age.values()) == 3


def test_demo_data_build_matches_sql_counts(ctx: AppContext) -> None:
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    seed_demo(ctx.db, 3000, seed=7, now=now)
    svc = service(ctx)
    win = preset_window(Preset.LAST_30D, now, ZoneInfo("UTC"))
    snap = read_out(svc.build(win, as_of=now), now)
    with ctx.db.engine.connect() as conn:
        n_open = conn.execute(text("SELECT count(*) FROM tickets WHERE is_open = 1")).scalar()
        opened = conn.execute(
            text("SELECT count(*) FROM tickets WHERE created_at >= :s"),
            {"s": win.start.replace(tzinfo=None).isoformat(sep=" ")},
        ).scalar()
    assert snap.backlog == n_open and snap.opened == opened
    raw = MetricsRepository(ctx.db.engine).raw_aggregates(win.start)
    assert dict(raw["backlog"]) == snap.backlog_by_priority  # the SQL reference agrees
    assert sum(n for _day, _p, n in raw["inflow"]) == snap.opened
    assert snap.resolved > 0 and snap.resolution_compliance.whole == snap.resolved
    assert 0 < (snap.first_contact.value or 0) <= 1


def test_every_ticket_in_one_hour(ctx: AppContext) -> None:
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    seed_demo(ctx.db, 2000, seed=5, now=now)
    with ctx.db.engine.begin() as conn:  # a mass import stamped everything in one hour
        conn.exec_driver_sql(
            "UPDATE tickets SET created_at = printf('2026-06-01 10:%02d:00.000000', local_id % 60)"
        )
    svc = service(ctx)
    snap = read_out(svc.build(preset_window(Preset.LAST_24H, now, ZoneInfo("UTC")), as_of=now), now)
    assert snap.opened == 2000
    assert [n for n in snap.inflow_total() if n] == [2000]
    assert sum(sum(row) for row in snap.backlog_by_age.values()) == snap.backlog
