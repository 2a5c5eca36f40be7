"""A ticket's SLA timeline from its row and audit rows, and its two clocks replayed fast.

``replay`` follows ``domain/sla_clock.compute_clock`` step by step (same event order, same
pause, stop, reopen and re-targeting rules, same business-time arithmetic on the policy's
calendar) on plain integers instead of validated event objects: ~25 µs a ticket instead of
~160 µs, which is most of a dashboard build. A hypothesis test keeps the two equal on random
histories (tests/unit/test_metrics_facts.py); ``to_sla_events`` feeds the domain clock the
same timeline for that comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from opexdesk.domain.enums import OPEN_STATUS_VALUES, Priority, Status
from opexdesk.domain.sla import FINAL_STATUSES, SlaPolicy
from opexdesk.domain.sla_clock import UNSET_PRIORITY, SlaEvent
from opexdesk.storage.metrics_repo import HistoryRow, TicketRecord

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
FINAL = frozenset(s.value for s in FINAL_STATUSES)
OPEN = frozenset(OPEN_STATUS_VALUES)
# Tie-break rank of each kind, as SlaEventKind's declaration order (opened is 0).
STATUS, PRIORITY, RESPONDED = 1, 2, 3


def epoch_us(moment: datetime) -> int:
    """Aware datetime -> epoch microseconds, for any year datetime can hold."""
    return (moment - _EPOCH) // _ONE_US


def status_value(value: Any) -> str | None:
    """A status as the audit stores it: plain, or ``{"value": ..., "note": ...}`` when the
    move carried a note. None for anything else."""
    if isinstance(value, dict):
        value = value.get("value")
    return value if isinstance(value, str) and (value in OPEN or value in FINAL) else None


def priority_value(value: Any, fallback: int = UNSET_PRIORITY) -> int:
    """A priority level 1..5 from an audit value; ``fallback`` (then the SLA clock's
    UNSET_PRIORITY, P4) when unreadable."""
    if isinstance(value, dict):
        value = value.get("value")
    for candidate in (value, fallback):
        try:
            level = int(candidate)
        except (TypeError, ValueError):
            continue
        if 1 <= level <= 5:
            return level
    return int(UNSET_PRIORITY)


class Step(NamedTuple):
    """One event after the opening: (instant, seq, kind rank, status, priority)."""

    at: datetime
    seq: int
    kind: int
    status: str
    priority: int


@dataclass(frozen=True)
class Timeline:
    """What the SLA clock needs of a ticket: the opening and every later step, and the
    status path (opening status, then each move) for reopen and pause counts."""

    opened_at: datetime
    status: str
    priority: int
    steps: list[Step]
    path: list[str]


def timeline(record: TicketRecord, history: Sequence[HistoryRow]) -> Timeline:
    """The ticket's timeline. With status history, the audit rows say what happened and
    when. A ticket without any (bulk-loaded, or pulled without history) is replayed from its
    row: opened New, answered at ``first_response_at``, resolved at ``resolved_at`` and closed
    at ``closed_at``; an open ticket with a status but no history had it from the start."""
    created = next((h for h in history if h.action == "created"), None)
    values = created.new_value if created and isinstance(created.new_value, dict) else {}
    moves = [h for h in history if h.field == "status" and status_value(h.new_value)]
    priorities = [h for h in history if h.field == "priority"]
    if "priority" in values:
        opened_priority = priority_value(values["priority"], record.priority)
    elif priorities:
        opened_priority = priority_value(priorities[0].old_value, record.priority)
    else:
        opened_priority = priority_value(record.priority)
    opened_status = status_value(values.get("status")) or (
        status_value(moves[0].old_value) if moves else None
    )
    if opened_status is None:
        opened_status = record.status if not moves and record.status in OPEN else "new"
    steps: list[Step] = []
    path = [opened_status]
    if moves:
        for h in moves:
            new = status_value(h.new_value) or opened_status
            steps.append(Step(h.at, h.seq, STATUS, new, 0))
            path.append(new)
    elif record.status in FINAL:
        for moment, status in ((record.resolved_at, "resolved"), (record.closed_at, "closed")):
            if moment is not None:
                steps.append(Step(moment, len(path), STATUS, status, 0))
                path.append(status)
    for h in priorities:
        level = priority_value(h.new_value, record.priority)
        steps.append(Step(h.at, h.seq, PRIORITY, "", level))
    if record.first_response_at is not None:
        steps.append(Step(record.first_response_at, 0, RESPONDED, "", 0))
    return Timeline(record.created_at, opened_status, opened_priority, steps, path)


def to_sla_events(line: Timeline) -> list[SlaEvent]:
    """The same timeline as domain events (for ``compute_clock``)."""
    events = [SlaEvent.opened(line.opened_at, Priority(line.priority), 0, Status(line.status))]
    for step in line.steps:
        if step.kind == STATUS:
            events.append(SlaEvent.status_changed(step.at, Status(step.status), step.seq))
        elif step.kind == PRIORITY:
            events.append(SlaEvent.priority_changed(step.at, Priority(step.priority), step.seq))
        else:
            events.append(SlaEvent.responded(step.at, step.seq))
    return events


class Clock(NamedTuple):
    """One replayed clock: business µs used, when it stopped, whether it still runs, and
    the instant it passed (or, running, will pass) its target."""

    elapsed_us: int
    met_us: int | None
    running: bool
    breach_us: int | None


def replay(line: Timeline, as_of_us: int, policy: SlaPolicy) -> tuple[Clock, Clock]:
    """(response, resolution) clocks at ``as_of_us``, as ``compute_clock`` computes them."""
    open_us = epoch_us(line.opened_at)
    now_us = max(as_of_us, open_us)
    pausing = _pausing(policy)
    status, priority, responded = line.status, line.priority, False
    segments: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    started: list[int | None] = [None, None]
    met: list[int | None] = [None, None]  # response, resolution

    def runs(i: int) -> bool:
        if status in pausing or status in FINAL:
            return False
        return i == 1 or not responded

    def sync(t: int) -> None:
        for i in (0, 1):
            begin = started[i]
            if runs(i):
                if begin is None:
                    started[i] = t
            elif begin is not None:
                segments[i].append((begin, t))
                started[i] = None

    sync(open_us)
    keyed = sorted((epoch_us(s.at), s.seq, s.kind, s.status, s.priority) for s in line.steps)
    for us, _seq, kind, new_status, new_priority in keyed:
        t = max(us, open_us)
        if t > now_us:
            continue
        if kind == STATUS:
            status = new_status
            if status in FINAL:
                if met[1] is None:
                    met[1] = t
                if not responded:  # resolving answers the requester too
                    responded, met[0] = True, t
            else:
                met[1] = None  # reopened: not met until resolved again
        elif kind == PRIORITY:
            priority = new_priority
        elif not responded:
            responded, met[0] = True, t
        sync(t)
    for i in (0, 1):
        begin = started[i]
        if begin is not None:
            segments[i].append((begin, now_us))
    targets = _targets(policy, priority)
    response = _clock(policy, targets[0], segments[0], now_us, runs(0), met[0])
    return response, _clock(policy, targets[1], segments[1], now_us, runs(1), met[1])


def _clock(
    policy: SlaPolicy,
    target: int,
    segments: list[tuple[int, int]],
    now_us: int,
    running: bool,
    met_us: int | None,
) -> Clock:
    calendar = policy.calendar
    elapsed = 0
    breached: int | None = None
    for begin, end in segments:
        length = calendar.business_us_between(begin, end)
        if breached is None and elapsed + length > target:
            breached = calendar.add_business_us(begin, target - elapsed)
        elapsed += length
    if breached is None and running:
        breached = calendar.add_business_us(now_us, target - elapsed)  # the deadline ahead
    return Clock(elapsed, met_us, running, breached)


def _pausing(policy: SlaPolicy) -> frozenset[str]:
    return frozenset(s.value for s in policy.pausing_statuses)


def _targets(policy: SlaPolicy, priority: int) -> tuple[int, int]:
    target = policy.target_for(Priority(priority))
    return target.response // _ONE_US, target.resolution // _ONE_US
