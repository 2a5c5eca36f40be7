"""Incremental updates equal a full recomputation after any sequence of changes
(hypothesis), and the read-outs of small hand-made states."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from opexdesk.domain.sla import SlaPolicy
from opexdesk.services.metrics import (
    Filters,
    Granularity,
    MetricsState,
    Window,
    read_out,
    ticket_facts,
)
from opexdesk.services.metrics.snapshot import AGE_BUCKETS
from opexdesk.storage.metrics_repo import HistoryRow, TicketRecord

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
POLICY = SlaPolicy()
WINDOWS = [
    Window(NOW - timedelta(hours=24), None, Granularity.HOUR, ZoneInfo("Asia/Kolkata")),
    Window(NOW - timedelta(days=7), None, Granularity.DAY, ZoneInfo("Europe/Berlin")),
    Window(NOW - timedelta(days=9), NOW - timedelta(days=2), Granularity.DAY, ZoneInfo("UTC")),
]
FILTERS = [
    Filters(),
    Filters(site="A"),
    Filters(priority=2),
    Filters(group_name="G1", category="c"),
]
STATUSES = ["new", "assigned", "in_progress", "pending", "resolved", "closed"]


class Ticket:
    """A ticket in a tiny in-memory store: its row and its audit rows."""

    def __init__(self, tid: str, created: datetime, priority: int, site: str) -> None:
        self.id = tid
        self.row: dict[str, Any] = {
            "local_id": int(tid[1:]),
            "id": tid,
            "created_at": created,
            "first_response_at": None,
            "resolved_at": None,
            "closed_at": None,
            "priority": priority,
            "status": "new",
            "assignee": None,
            "group_name": "G1",
            "site": site,
            "category": "c",
        }
        values = {"priority": priority, "status": "new"}
        self.history = [HistoryRow(tid, 0, "created", None, None, values, created)]

    def record(self) -> TicketRecord:
        return TicketRecord(**self.row)

    def audit(self, at: datetime, field: str, old: Any, new: Any) -> None:
        action = "status_changed" if field == "status" else "field_changed"
        self.history.append(HistoryRow(self.id, len(self.history), action, field, old, new, at))


def apply_op(tickets: dict[str, Ticket], op: tuple[Any, ...], at: datetime) -> str | None:
    """Mutate the store like one operation would; returns the touched ticket id."""
    kind, n = op[0], op[1]
    tid = f"t{n}"
    if kind == "create":
        if tid in tickets:
            return None
        created = at + timedelta(hours=op[2])  # may be in the past or the future
        tickets[tid] = Ticket(tid, created, op[3], op[4])
        return tid
    t = tickets.get(tid)
    if t is None:
        return None
    if kind == "delete":
        del tickets[tid]
    elif kind == "status":
        old, new = t.row["status"], op[2]
        if old == new:
            return None
        t.audit(at, "status", old, new)
        t.row["status"] = new
        if new == "resolved":
            t.row["resolved_at"] = at
        elif new == "closed":
            t.row["closed_at"] = at
        elif old == "resolved":
            t.row["resolved_at"] = None
    elif kind == "priority":
        t.audit(at, "priority", t.row["priority"], op[2])
        t.row["priority"] = op[2]
    elif kind == "assign":
        t.audit(at, "assignee", t.row["assignee"], op[2])
        t.row["assignee"] = op[2]
    elif kind == "respond" and t.row["first_response_at"] is None:
        t.row["first_response_at"] = at
    elif kind == "site":
        t.row["site"] = op[2]
    return tid


ticket_no = st.integers(0, 4)  # few tickets: each sees many changes
operations = st.one_of(
    st.tuples(
        st.just("create"),
        ticket_no,
        st.integers(-24 * 8, 6),
        st.integers(1, 4),
        st.sampled_from(["A", "B"]),
    ),
    st.tuples(st.just("status"), ticket_no, st.sampled_from(STATUSES)),
    st.tuples(st.just("priority"), ticket_no, st.integers(1, 4)),
    st.tuples(st.just("assign"), ticket_no, st.sampled_from(["ann", "bo", None])),
    st.tuples(st.just("respond"), ticket_no),
    st.tuples(st.just("site"), ticket_no, st.sampled_from(["A", "B"])),
    st.tuples(st.just("delete"), ticket_no),
)


def full_state(tickets: dict[str, Ticket], window: Window, filters: Filters) -> MetricsState:
    state = MetricsState(window, filters, NOW)
    state.load(ticket_facts(t.record(), t.history, POLICY, NOW) for t in tickets.values())
    return state


@settings(max_examples=300, deadline=None)
@given(
    st.lists(operations, min_size=1, max_size=60),
    st.integers(1, 10),
    st.sampled_from(WINDOWS),
    st.sampled_from(FILTERS),
)
def test_incremental_equals_full(
    ops: list[tuple[Any, ...]], split: int, window: Window, filters: Filters
) -> None:
    tickets: dict[str, Ticket] = {}
    at = NOW - timedelta(days=3)
    step = timedelta(days=3) / (len(ops) + 1)
    before, after = ops[: split % len(ops)], ops[split % len(ops) :]
    for op in before:
        at += step
        apply_op(tickets, op, at)
    state = full_state(tickets, window, filters)
    for op in after:
        at += step
        tid = apply_op(tickets, op, at)
        if tid is not None:
            t = tickets.get(tid)
            facts = None if t is None else ticket_facts(t.record(), t.history, POLICY, NOW)
            state.apply(tid, facts)
    expected = full_state(tickets, window, filters)
    assert state.signature() == expected.signature()
    for moment in (NOW, NOW + timedelta(hours=5)):
        assert read_out(state, moment) == read_out(expected, moment)


def test_read_out_of_an_empty_state_is_empty() -> None:
    snap = read_out(MetricsState(WINDOWS[0], Filters(), NOW), NOW)
    assert snap.empty and snap.backlog == 0 and len(snap.buckets) == 25
    assert snap.first_response.median is None and snap.response_compliance.value is None
    assert snap.csat is None and "No satisfaction ratings" in snap.csat_note
    assert snap.inflow_total() == [0] * 25


def test_backlog_age_buckets_and_quantiles() -> None:
    tickets: dict[str, Ticket] = {}
    ages_h = [1, 5, 30, 100, 200, 1000, -30]  # -30: created in the future: youngest
    for i, age in enumerate(ages_h):
        tickets[f"t{i}"] = Ticket(f"t{i}", NOW - timedelta(hours=age), 3, "A")
    state = full_state(tickets, WINDOWS[1], Filters())
    snap = read_out(state, NOW)
    assert [label for label, _ in AGE_BUCKETS][0] == "< 4 h"
    assert snap.backlog_by_age == {3: [2, 1, 1, 1, 1, 1]}
    assert snap.backlog_by_priority == {3: 7}
    assert snap.opened == 4  # created in the last 7 days up to now (not the future one)


def test_a_million_tickets_in_one_hour_land_in_one_bucket() -> None:
    window = WINDOWS[0]
    state = MetricsState(window, Filters(), NOW)
    base = ticket_facts(Ticket("t1", NOW - timedelta(minutes=30), 4, "A").record(), [], POLICY, NOW)
    from dataclasses import replace

    state.load(replace(base, ticket_id=f"x{i}") for i in range(20_000))
    snap = read_out(state, NOW)
    assert snap.opened == 20_000 and max(snap.inflow_total()) == 20_000
    assert sum(1 for v in snap.inflow_total() if v) == 1


INNER = [
    WINDOWS[0],  # the last 24 h inside the last 7 days
    Window(NOW - timedelta(days=3), NOW - timedelta(days=1), Granularity.HOUR, ZoneInfo("UTC")),
    WINDOWS[1],
]


@settings(max_examples=100, deadline=None)
@given(st.lists(operations, min_size=1, max_size=40), st.sampled_from(FILTERS))
def test_filters_and_inner_windows_derive_from_memory(
    ops: list[tuple[Any, ...]], filters: Filters
) -> None:
    tickets: dict[str, Ticket] = {}
    at = NOW - timedelta(days=3)
    base = full_state(tickets, WINDOWS[1], Filters())
    for op in ops:  # the unfiltered base follows the changes one ticket at a time
        at += timedelta(days=3) / (len(ops) + 1)
        tid = apply_op(tickets, op, at)
        if tid is not None:
            t = tickets.get(tid)
            base.apply(tid, None if t is None else ticket_facts(t.record(), t.history, POLICY, NOW))
    for window in INNER:
        assert base.covers(window)
        derived = base.narrowed(window, filters)
        assert derived.signature() == full_state(tickets, window, filters).signature()


def test_covers_only_what_the_facts_hold() -> None:
    base = MetricsState(WINDOWS[1], Filters(), NOW)
    assert not base.covers(WINDOWS[2])  # starts before the base window
    assert not MetricsState(WINDOWS[1], Filters(site="A"), NOW).covers(WINDOWS[0])
    fixed = MetricsState(WINDOWS[2], Filters(), NOW)
    assert not fixed.covers(WINDOWS[0])  # open-ended past a fixed end
