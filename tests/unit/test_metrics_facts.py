"""Per-ticket metric facts from hand-built histories: pause/resume, reopen, priority change,
business calendars, odd times; and the direct path equals the domain clock replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opexdesk.domain.business_calendar import BusinessCalendar
from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.sla import SlaPolicy, SlaTarget
from opexdesk.services.metrics.facts import epoch_us, ticket_facts
from opexdesk.storage.metrics_repo import HistoryRow, TicketRecord

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
H = timedelta(hours=1)
TARGETS = {
    Priority.P1: SlaTarget(timedelta(minutes=15), timedelta(hours=4)),
    Priority.P2: SlaTarget(timedelta(hours=1), timedelta(hours=8)),
    Priority.P3: SlaTarget(timedelta(hours=4), timedelta(hours=24)),
    Priority.P4: SlaTarget(timedelta(hours=8), timedelta(hours=72)),
}
POLICY = SlaPolicy(targets=TARGETS)
OFFICE = SlaPolicy(
    targets=TARGETS,
    calendar=BusinessCalendar.from_dict(
        {
            "time_zone": "Europe/Berlin",
            "hours": {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
            "holidays": ["2026-03-04"],
        }
    ),
)


def record(**kw: Any) -> TicketRecord:
    values: dict[str, Any] = {
        "local_id": 1,
        "id": "t1",
        "created_at": T0,
        "first_response_at": None,
        "resolved_at": None,
        "closed_at": None,
        "priority": 3,
        "status": "new",
        "assignee": None,
        "group_name": "Desk",
        "site": "Berlin",
        "category": "Network",
    }
    values.update(kw)
    return TicketRecord(**values)


class History:
    """Audit rows as TicketService writes them (status moves may carry a note)."""

    def __init__(self, priority: int = 3, assignee: str | None = None) -> None:
        values = {"priority": priority, "status": "new", "assignee": assignee}
        self.rows = [HistoryRow("t1", 1, "created", None, None, values, T0)]

    def move(self, at: datetime, old: str, new: str, note: str | None = None) -> History:
        value: Any = {"value": new, "note": note} if note else new
        self.rows.append(
            HistoryRow("t1", len(self.rows) + 1, "status_changed", "status", old, value, at)
        )
        return self

    def field(self, at: datetime, name: str, old: Any, new: Any) -> History:
        self.rows.append(HistoryRow("t1", len(self.rows) + 1, "field_changed", name, old, new, at))
        return self


def test_simple_resolution_in_time() -> None:
    rec = record(
        status="closed", first_response_at=T0 + H, resolved_at=T0 + 5 * H, closed_at=T0 + 50 * H
    )
    f = ticket_facts(rec, [], POLICY, T0 + 100 * H)
    assert f.responded_us == epoch_us(T0 + H) and f.response_s == 3600
    assert f.resolved_us == epoch_us(T0 + 5 * H) and f.resolve_s == 5 * 3600
    assert f.response_met and f.resolution_met and f.first_contact
    assert f.response_breach_us is None and f.resolution_breach_us is None
    assert not f.is_open


def test_pause_excludes_pending_time_and_blocks_first_contact() -> None:
    hist = (
        History(assignee="alice")
        .move(T0 + H, "new", "in_progress")
        .move(T0 + 2 * H, "in_progress", "pending")
        .move(T0 + 30 * H, "pending", "in_progress")
        .move(T0 + 31 * H, "in_progress", "resolved", note="fixed")
    )
    rec = record(
        status="resolved", assignee="alice", first_response_at=T0 + H, resolved_at=T0 + 31 * H
    )
    f = ticket_facts(rec, hist.rows, POLICY, T0 + 40 * H)
    # 2 h before the pause + 1 h after it: 3 h of a 24 h target.
    assert f.resolve_s == 3 * 3600 and f.resolution_met
    assert f.resolved_us == epoch_us(T0 + 31 * H)
    assert not f.first_contact  # waited on the requester


def test_reopen_counts_and_keeps_used_time() -> None:
    hist = (
        History(assignee="alice")
        .move(T0 + H, "new", "in_progress")
        .move(T0 + 10 * H, "in_progress", "resolved")
        .move(T0 + 20 * H, "resolved", "in_progress")
        .move(T0 + 40 * H, "in_progress", "resolved")
    )
    rec = record(status="resolved", assignee="alice", resolved_at=T0 + 40 * H)
    f = ticket_facts(rec, hist.rows, POLICY, T0 + 50 * H)
    assert f.reopens == 1 and not f.first_contact
    assert f.resolved_us == epoch_us(T0 + 40 * H)  # the last resolution
    # 10 h before the reopen, 20 h after: 30 h against 24 h -> breached at T0 + 34 h.
    assert f.resolve_s == 30 * 3600
    assert f.resolution_breach_us == epoch_us(T0 + 34 * H) and not f.resolution_met


def test_priority_change_retargets_from_the_opening() -> None:
    hist = (
        History(priority=4).move(T0 + H, "new", "in_progress").field(T0 + 6 * H, "priority", 4, 2)
    )
    rec = record(priority=2, status="in_progress")
    f = ticket_facts(rec, hist.rows, POLICY, T0 + 7 * H)
    # P2: 1 h response target, no response yet -> breached at T0 + 1 h, found at the change.
    assert f.response_breach_us == epoch_us(T0 + H)
    assert f.resolution_breach_us == epoch_us(T0 + 8 * H)  # predicted, still running
    assert f.is_open and f.resolved_us is None


def test_reassignment_is_not_first_contact() -> None:
    hist = (
        History(assignee="alice")
        .field(T0 + H, "assignee", "alice", "bob")
        .move(T0 + 2 * H, "new", "resolved")
    )
    rec = record(status="resolved", assignee="bob", resolved_at=T0 + 2 * H)
    f = ticket_facts(rec, hist.rows, POLICY, T0 + 3 * H)
    assert f.resolved_us is not None and not f.first_contact


def test_reassignment_without_a_created_row_counts_the_first_holder() -> None:
    # Imported or trimmed history: no "created" row, so the old value of the one
    # reassignment is the only trace of alice having held the ticket.
    rows = [
        HistoryRow("t1", 1, "field_changed", "assignee", "alice", "bob", T0 + H),
        HistoryRow("t1", 2, "status_changed", "status", "new", "resolved", T0 + 2 * H),
    ]
    rec = record(status="resolved", assignee="bob", resolved_at=T0 + 2 * H)
    f = ticket_facts(rec, rows, POLICY, T0 + 3 * H)
    assert f.resolved_us is not None and not f.first_contact


def test_missing_priority_reads_as_the_sla_clock_reads_it() -> None:
    from opexdesk.domain.sla_clock import UNSET_PRIORITY
    from opexdesk.services.metrics import Filters, Granularity, MetricsState, Window, read_out

    # An empty priority column is stored as 0 by the repository.
    f = ticket_facts(record(priority=0), [], POLICY, T0 + H)
    assert f.priority == UNSET_PRIORITY == 4
    # ... and the clock measured it against the P4 target (8 h response).
    assert f.response_breach_us == epoch_us(T0 + 8 * H)
    state = MetricsState(Window(T0 - H, None, Granularity.HOUR, UTC), Filters(), T0 + H)
    state.load([f])
    snapshot = read_out(state, T0 + H)
    assert snapshot.backlog_by_priority == {4: 1}  # never a "P0"
    assert 0 not in snapshot.inflow and 0 not in snapshot.backlog_by_age


def test_business_calendar_counts_only_office_hours() -> None:
    # Opened Monday 09:00 UTC (10:00 Berlin); Wednesday is a holiday; resolved Thursday
    # 10:00 UTC (11:00 Berlin): Mon 7 h + Tue 8 h + Thu 2 h = 17 h of business time.
    rec = record(
        status="resolved", first_response_at=T0 + H, resolved_at=T0 + timedelta(days=3, hours=1)
    )
    f = ticket_facts(rec, [], OFFICE, T0 + timedelta(days=5))
    assert f.resolve_s == 17 * 3600 and f.resolution_met
    assert f.response_s == 3600


def test_times_out_of_calendar_range_keep_flows_only() -> None:
    old = datetime(1850, 1, 1, tzinfo=UTC)
    f = ticket_facts(record(created_at=old), [], POLICY, T0)
    assert not f.sla_known and f.is_open and f.created_us == epoch_us(old)
    before_1970 = datetime(1965, 5, 1, tzinfo=UTC)
    g = ticket_facts(
        record(created_at=before_1970, status="closed", closed_at=before_1970 + H), [], POLICY, T0
    )
    assert g.sla_known and g.resolved_us == epoch_us(before_1970 + H)


def test_future_creation_reads_as_now() -> None:
    f = ticket_facts(record(created_at=T0 + 100 * H), [], POLICY, T0)
    assert f.is_open and f.responded_us is None
    assert f.response_breach_us == epoch_us(T0 + 104 * H)  # 4 h P3 target from the opening


# ---- the fast replay equals the domain clock -----------------------------------------

offsets = st.integers(min_value=-3 * 3600, max_value=20 * 24 * 3600)
PAUSE_NEW = SlaPolicy(targets=TARGETS, pausing_statuses=frozenset({Status.PENDING, Status.NEW}))


@st.composite
def tickets(draw: st.DrawFn) -> tuple[TicketRecord, list[HistoryRow], datetime]:
    created = T0 + timedelta(seconds=draw(st.integers(0, 10 * 24 * 3600)))

    def at() -> datetime:
        return created + timedelta(seconds=draw(offsets))

    def maybe() -> datetime | None:
        return None if draw(st.booleans()) else at()

    status = draw(st.sampled_from([s.value for s in Status]))
    rows: list[HistoryRow] = []
    if draw(st.booleans()):  # with history: creation, moves, priority and assignee edits
        values = {"priority": draw(st.integers(1, 4)), "status": "new", "assignee": None}
        rows.append(HistoryRow("t1", 1, "created", None, None, values, created))
        current = "new"
        for n in range(draw(st.integers(0, 8))):
            kind = draw(st.sampled_from(["status", "status", "priority", "assignee"]))
            seq = draw(st.integers(2, 5))  # ties in time and seq happen
            if kind == "status":
                new = draw(st.sampled_from([s.value for s in Status]))
                value: object = {"value": new, "note": "n"} if draw(st.booleans()) else new
                rows.append(HistoryRow("t1", seq, "status_changed", "status", current, value, at()))
                current = new
            elif kind == "priority":
                rows.append(
                    HistoryRow(
                        "t1", seq, "field_changed", "priority", 3, draw(st.integers(1, 5)), at()
                    )
                )
            else:
                rows.append(
                    HistoryRow(
                        "t1",
                        seq,
                        "field_changed",
                        "assignee",
                        None,
                        draw(st.sampled_from(["ann", "bo"])),
                        at(),
                    )
                )
            del n
        status = current
    rec = record(
        created_at=created,
        status=status,
        priority=draw(st.integers(1, 4)),
        first_response_at=maybe(),
        resolved_at=maybe() if status in ("resolved", "closed") else None,
        closed_at=maybe() if status == "closed" else None,
    )
    return rec, rows, created + timedelta(seconds=draw(offsets))


@settings(max_examples=400, deadline=None)
@given(tickets(), st.sampled_from([POLICY, OFFICE, PAUSE_NEW]))
def test_fast_replay_equals_domain_clock(
    case: tuple[TicketRecord, list[HistoryRow], datetime], policy: SlaPolicy
) -> None:
    rec, rows, as_of = case
    fast = ticket_facts(rec, rows, policy, as_of)
    assert fast == ticket_facts(rec, rows, policy, as_of, reference=True)


@pytest.mark.parametrize("value", ["garbage", {"value": "nonsense"}, 7, None])
def test_unknown_status_values_fall_back(value: object) -> None:
    rows = History().rows + [HistoryRow("t1", 9, "status_changed", "status", "new", value, T0 + H)]
    f = ticket_facts(record(status="in_progress"), rows, POLICY, T0 + 2 * H)
    assert f.is_open


@pytest.mark.parametrize("text", ["²", "①", "12²"])
def test_audit_text_with_non_ascii_digits_is_read_as_text(text: str) -> None:
    from opexdesk.storage.metrics_repo import _json

    assert _json(text) == text  # str.isdigit() says yes, int() refuses: never a crash
    assert _json("12") == 12
