"""The dashboard's read-out at an instant: every KPI, each defined once here.

Definitions (W is the window, F the filters, "now" the read-out instant; a ticket counts when
its *current* site, group, category and priority match F):

- **Inflow** per bucket: tickets whose ``created_at`` falls in the bucket (W's hours or days,
  local to the SLA calendar's zone), split by current priority.
- **Outflow** per bucket: tickets whose last resolution (the SLA resolution clock stopping:
  Resolved, or Closed without Resolved, after any reopen) falls in the bucket.
- **Open backlog** by priority: tickets whose status is New, Assigned, In progress or Pending.
  By **age**: wall-clock time from ``created_at`` to now, in :data:`AGE_BUCKETS` (a creation
  time in the future counts as age 0).
- **Response compliance**: of the tickets whose response clock stopped in W, the share that
  stopped within the response target (business time, pauses excluded, target of the current
  priority measured from the opening: docs/sla.md). **Resolution compliance**: the same for
  tickets resolved in W against the resolution target.
- **Breaches**: instants in W (up to now) at which a response or resolution clock passed its
  target; a ticket can breach each clock once. **Overdue open**: open tickets with at least
  one breached clock at now.
- **First response time**: business seconds the response clock ran, for tickets answered in
  W; **time to resolve**: business seconds the resolution clock ran, for tickets resolved in
  W. Both as median and p90, nearest-rank (the value at rank ceil(q x n) of the sorted list).
- **Reopen rate**: of the tickets resolved in W, the share reopened at least once (moved from
  Resolved/Closed back to an open status) at any time.
- **First-contact resolution**: of the tickets resolved in W, the share resolved by at most
  one technician, never reopened, and never waiting in a pausing status.
- **Workload** per technician: open tickets assigned to each person by priority ("" is
  unassigned), and tickets each resolved in W.
- **CSAT**: tickets carry no satisfaction rating, so there is none to show; the read-out says
  so (``csat`` is None) rather than inventing a figure.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from opexdesk.services.metrics.facts import epoch_us
from opexdesk.services.metrics.state import MetricsState, SortedValues
from opexdesk.services.metrics.window import HOUR_US, Window

# (label, lower bound in hours): open tickets by wall-clock age.
AGE_BUCKETS: tuple[tuple[str, float], ...] = (
    ("< 4 h", 0),
    ("4-24 h", 4),
    ("1-3 d", 24),
    ("3-7 d", 72),
    ("7-30 d", 168),
    ("> 30 d", 720),
)
CSAT_UNAVAILABLE = "No satisfaction ratings are recorded for tickets, so CSAT cannot be shown."


@dataclass(frozen=True)
class Rate:
    """``part`` of ``whole``; ``value`` is None when there is nothing to measure."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return None if self.whole == 0 else self.part / self.whole


@dataclass(frozen=True)
class Quantiles:
    """Median and p90 (nearest rank) of ``n`` durations in business seconds."""

    n: int
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class Workload:
    assignee: str  # "" for unassigned
    open_by_priority: dict[int, int]
    resolved: int

    @property
    def open_total(self) -> int:
        return sum(self.open_by_priority.values())


@dataclass(frozen=True)
class MetricsSnapshot:
    """Every KPI of one window at ``now`` (see the module docstring for definitions)."""

    now: datetime
    as_of: datetime
    window: Window
    buckets: list[int]  # bucket starts, epoch µs
    inflow: dict[int, list[int]]  # priority -> count per bucket
    outflow: list[int]
    response_breaches: list[int]  # per bucket
    resolution_breaches: list[int]
    backlog_by_priority: dict[int, int]
    backlog_by_age: dict[int, list[int]]  # priority -> count per AGE_BUCKETS entry
    response_compliance: Rate
    resolution_compliance: Rate
    breaches_response: int
    breaches_resolution: int
    overdue_open: int
    first_response: Quantiles
    time_to_resolve: Quantiles
    reopen_rate: Rate
    first_contact: Rate
    workload: list[Workload]
    opened: int
    resolved: int
    csat: float | None = None
    csat_note: str = CSAT_UNAVAILABLE

    @property
    def backlog(self) -> int:
        return sum(self.backlog_by_priority.values())

    @property
    def empty(self) -> bool:
        """Nothing in the window and nothing open: the charts show their empty state."""
        return self.opened == 0 and self.resolved == 0 and self.backlog == 0

    def inflow_total(self) -> list[int]:
        return (
            [sum(col) for col in zip(*self.inflow.values(), strict=True)]
            if self.inflow
            else [0] * len(self.buckets)
        )


def quantile(values: SortedValues, q: float) -> float | None:
    """Nearest-rank quantile: the value at rank ceil(q * n) (1-based) of the sorted values."""
    n = len(values)
    if n == 0:
        return None
    return values.values[max(0, math.ceil(q * n) - 1)]


def _per_bucket(window: Window, buckets: list[int], counts: dict[int, int]) -> list[int]:
    index = {b: i for i, b in enumerate(buckets)}
    out = [0] * len(buckets)
    for bucket, n in counts.items():
        i = index.get(bucket)
        if i is not None:
            out[i] += n
    return out


def _bucketed(window: Window, buckets: list[int], instants: SortedValues, now_us: int) -> list[int]:
    counts: Counter[int] = Counter()
    for us in instants.values:
        if us > now_us:
            break
        counts[window.bucket_of(int(us))] += 1
    return _per_bucket(window, buckets, counts)


def read_out(state: MetricsState, now: datetime) -> MetricsSnapshot:
    """The snapshot of ``state`` at ``now`` (ages and breaches move with time, no query)."""
    w = state.window
    now_us = epoch_us(now)
    buckets = w.buckets(now_us)
    priorities = sorted({p for _, p in state.inflow} | set(state.open_created))
    inflow = {
        p: _per_bucket(w, buckets, {b: n for (b, q), n in state.inflow.items() if q == p})
        for p in priorities
    }
    inflow = {p: row for p, row in inflow.items() if any(row)}
    backlog = {p: len(v) for p, v in sorted(state.open_created.items()) if len(v)}
    by_age: dict[int, list[int]] = {}
    for p, created in sorted(state.open_created.items()):
        if not len(created):
            continue
        bounds = [now_us - int(h * HOUR_US) for _, h in AGE_BUCKETS] + [-(2**63)]
        # Bucket i holds ages >= its lower bound and < the next one's: created in
        # (now - next bound, now - bound]; the youngest bucket also takes future times.
        row = []
        for i in range(len(AGE_BUCKETS)):
            high = math.inf if i == 0 else bounds[i] + 1
            row.append(created.count_between(bounds[i + 1] + 1, high))
        by_age[p] = row
    end_us = w.end_us
    upto = now_us + 1 if end_us is None else min(now_us + 1, end_us)
    loads: dict[str, dict[int, int]] = {}
    for (who, p), n in state.open_load.items():
        loads.setdefault(who, {})[p] = n
    people = set(loads) | set(state.resolved_by)
    workload = sorted(
        (
            Workload(who, dict(sorted(loads.get(who, {}).items())), state.resolved_by[who])
            for who in people
        ),
        key=lambda wl: (-wl.open_total, -wl.resolved, wl.assignee),
    )
    c = state.counts
    inflow_rows = list(inflow.values())
    outflow = _per_bucket(w, buckets, dict(state.outflow))
    return MetricsSnapshot(
        now=now,
        as_of=state.as_of,
        window=w,
        buckets=buckets,
        inflow=inflow,
        outflow=outflow,
        response_breaches=_bucketed(w, buckets, state.response_breaches, now_us),
        resolution_breaches=_bucketed(w, buckets, state.resolution_breaches, now_us),
        backlog_by_priority=backlog,
        backlog_by_age=by_age,
        response_compliance=Rate(c["answered_in_time"], c["answered"]),
        resolution_compliance=Rate(c["resolved_in_time"], c["resolved_timed"]),
        breaches_response=state.response_breaches.count_between(w.start_us, upto),
        breaches_resolution=state.resolution_breaches.count_between(w.start_us, upto),
        overdue_open=state.open_breach.count_below(now_us + 1),
        first_response=Quantiles(
            len(state.response_times),
            quantile(state.response_times, 0.5),
            quantile(state.response_times, 0.9),
        ),
        time_to_resolve=Quantiles(
            len(state.resolve_times),
            quantile(state.resolve_times, 0.5),
            quantile(state.resolve_times, 0.9),
        ),
        reopen_rate=Rate(c["reopened"], c["resolved"]),
        first_contact=Rate(c["first_contact"], c["resolved"]),
        workload=workload,
        # The series' totals: a time stamped after ``now`` is not counted yet.
        opened=sum(sum(row) for row in inflow_rows),
        resolved=sum(outflow),
    )
