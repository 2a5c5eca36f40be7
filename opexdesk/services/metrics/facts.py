"""What one ticket contributes to the dashboard: its facts, replayed from its history.

Every metric is a sum or an order statistic over these per-ticket facts, so the dashboard can
replace one ticket's facts when it changes (``state.MetricsState.apply``) and get exactly what
a full recomputation gives. The SLA facts are the domain SLA clock's (docs/sla.md) under the
policy in force: business time on the policy's calendar, paused in the pausing statuses,
re-targeted on a priority change, restarted (with the used time kept) on a reopen; replayed
by ``replay.replay``, which a test keeps equal to ``domain/sla_clock.compute_clock``.

Instants are integer microseconds since the epoch (UTC); durations are business seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from opexdesk.domain.errors import DomainError
from opexdesk.domain.sla import SlaPolicy
from opexdesk.domain.sla_clock import TimerState, compute_clock
from opexdesk.services.metrics.replay import (
    FINAL,
    OPEN,
    Clock,
    Timeline,
    epoch_us,
    priority_value,
    replay,
    timeline,
    to_sla_events,
)
from opexdesk.storage.metrics_repo import HistoryRow, TicketRecord

__all__ = ["TicketFacts", "epoch_us", "ticket_facts"]


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """One ticket's contribution. Field by field:

    - ``created_us``: when the ticket was opened (its row's ``created_at``).
    - ``priority``, ``status``, ``assignee``, ``group_name``, ``site``, ``category``: the
      current values (filters and breakdowns use the current state of a ticket).
    - ``is_open``: the status is New, Assigned, In progress or Pending.
    - ``responded_us``: when the response clock stopped: the first public reply to the
      requester, or the resolution if that came first; None while unanswered.
    - ``response_s``: business seconds the response clock ran until ``responded_us``.
    - ``resolved_us``: when the ticket was last resolved (the resolution clock stopped:
      Resolved or Closed after its last reopen); None while open.
    - ``resolve_s``: business seconds the resolution clock ran until ``resolved_us`` (pauses
      excluded, time before a reopen included).
    - ``response_breach_us`` / ``resolution_breach_us``: the instant the clock passed (or,
      while it runs, will pass) its target; None when it was met in time or is paused
      before its target.
    - ``reopens``: how many times the ticket went from Resolved/Closed back to an open status.
    - ``first_contact``: resolved, never reopened, handled by at most one technician, and
      never waiting in a pausing status (e.g. Pending on the requester).
    - ``sla_known``: False when the SLA clock could not be replayed (a time outside the
      years 1900..9000): the ticket then counts in flows and backlog but not in SLA figures.
    """

    ticket_id: str
    created_us: int
    priority: int
    status: str
    is_open: bool
    assignee: str | None
    group_name: str | None
    site: str | None
    category: str | None
    responded_us: int | None = None
    response_s: float | None = None
    resolved_us: int | None = None
    resolve_s: float | None = None
    response_breach_us: int | None = None
    resolution_breach_us: int | None = None
    reopens: int = 0
    first_contact: bool = False
    sla_known: bool = True

    @property
    def response_met(self) -> bool:
        """Answered within the response target."""
        return self.responded_us is not None and self.response_breach_us is None

    @property
    def resolution_met(self) -> bool:
        """Resolved within the resolution target."""
        return self.resolved_us is not None and self.resolution_breach_us is None

    @property
    def first_breach_us(self) -> int | None:
        """The earlier of the two breach instants (an open ticket is overdue from then)."""
        found = [b for b in (self.response_breach_us, self.resolution_breach_us) if b is not None]
        return min(found) if found else None


def ticket_facts(
    record: TicketRecord,
    history: Sequence[HistoryRow],
    policy: SlaPolicy,
    as_of: datetime,
    *,
    reference: bool = False,
) -> TicketFacts:
    """The facts of one ticket under ``policy``, replayed up to ``as_of`` (events stamped
    later are not yet known; an opening after ``as_of`` reads as happening at ``as_of``).
    ``reference`` replays with the domain clock itself (slower; for tests)."""
    is_open = record.status in OPEN
    sla: dict[str, Any]
    if not _placeable(record, history, as_of):  # a time the calendar cannot place
        sla = {"sla_known": False}
    else:
        line = timeline(record, history)
        try:
            if reference:
                response, resolution = _domain_clocks(line, as_of, policy)
            else:
                response, resolution = replay(line, epoch_us(as_of), policy)
        except DomainError:
            sla = {"sla_known": False}
        else:
            sla = _sla_facts(record, history, line, is_open, policy, response, resolution)
    return TicketFacts(
        record.id,
        epoch_us(record.created_at),
        # An empty (0) or unknown level is read as the SLA clock reads it, so breakdowns
        # show the level the ticket's targets come from, never a "P0".
        priority_value(record.priority),
        record.status,
        is_open,
        record.assignee,
        record.group_name,
        record.site,
        record.category,
        **sla,
    )


def _placeable(record: TicketRecord, history: Sequence[HistoryRow], as_of: datetime) -> bool:
    """Every time within the years the SLA calendar handles (1900..9000)."""
    times = [record.created_at, record.first_response_at, record.resolved_at, record.closed_at]
    times += [h.at for h in history]
    times.append(as_of)
    return all(t is None or 1900 <= t.year <= 9000 for t in times)


def _sla_facts(
    record: TicketRecord,
    history: Sequence[HistoryRow],
    line: Timeline,
    is_open: bool,
    policy: SlaPolicy,
    response: Clock,
    resolution: Clock,
) -> dict[str, Any]:
    path = line.path
    reopens = sum(1 for a, b in zip(path, path[1:], strict=False) if a in FINAL and b in OPEN)
    pausing = {s.value for s in policy.pausing_statuses}
    responded = response.met_us
    resolved = resolution.met_us if not is_open else None
    return {
        "responded_us": responded,
        "response_s": None if responded is None else response.elapsed_us / 1_000_000,
        "resolved_us": resolved,
        "resolve_s": None if resolved is None else resolution.elapsed_us / 1_000_000,
        "response_breach_us": response.breach_us,
        "resolution_breach_us": None if not is_open and resolved is None else resolution.breach_us,
        "reopens": reopens,
        "first_contact": resolved is not None
        and reopens == 0
        and len(_people(record, history)) <= 1
        and not any(s in pausing for s in path),
    }


def _domain_clocks(line: Timeline, as_of: datetime, policy: SlaPolicy) -> tuple[Clock, Clock]:
    clock = compute_clock(to_sla_events(line), as_of, policy)
    return _as_clock(clock.response), _as_clock(clock.resolution)


def _as_clock(timer: TimerState) -> Clock:
    if timer.breached and timer.breached_at is not None:
        breach: int | None = epoch_us(timer.breached_at)
    elif timer.running and timer.due_at is not None:
        breach = epoch_us(timer.due_at)
    else:
        breach = None
    met = None if timer.met_at is None else epoch_us(timer.met_at)
    return Clock(round(timer.elapsed_seconds * 1_000_000), met, timer.running, breach)


def _people(record: TicketRecord, history: Sequence[HistoryRow]) -> set[str]:
    """Everyone who held the ticket. The old assignee of each change counts too: without a
    "created" row (imported or trimmed history) it is the only trace of the first holder."""
    people: set[Any] = set()
    for h in history:
        if h.field == "assignee":
            people.update(v for v in (h.old_value, h.new_value) if v)
    created = next((h for h in history if h.action == "created"), None)
    if created and isinstance(created.new_value, dict) and created.new_value.get("assignee"):
        people.add(created.new_value["assignee"])
    if record.assignee:
        people.add(record.assignee)
    return {p for p in people if isinstance(p, str)}
