"""``MetricsService``: builds a window's aggregate state in one pass over the database and
recomputes the facts of changed tickets for incremental updates (no Qt; the UI runs the
reads on workers and applies the results on its own thread)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from opexdesk.domain.sla import PolicySource, SlaPolicy, policy_source
from opexdesk.services.events import Clock
from opexdesk.services.metrics.facts import TicketFacts, ticket_facts
from opexdesk.services.metrics.snapshot import MetricsSnapshot, read_out
from opexdesk.services.metrics.state import MetricsState
from opexdesk.services.metrics.window import Filters, Window, today_window
from opexdesk.storage.database import Database
from opexdesk.storage.metrics_repo import MetricsRepository


@dataclass(frozen=True)
class KpiStrip:
    """The main window's strip: open P1 tickets, SLA breaches since local midnight, and the
    open tickets assigned to the signed-in person."""

    open_p1: int
    breaches_today: int
    my_queue: int


class MetricsService:
    """Full builds and per-ticket updates of :class:`MetricsState`."""

    def __init__(
        self,
        db: Database,
        sla_policy: SlaPolicy | PolicySource | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._repo = MetricsRepository(db.engine)
        self._policy = policy_source(sla_policy)
        self._clock = clock or Clock()

    @property
    def policy(self) -> SlaPolicy:
        return self._policy()

    def now(self) -> datetime:
        return self._clock.now()

    def calendar_zone(self) -> ZoneInfo:
        """The zone buckets and "today" are counted in: the SLA calendar's."""
        return self.policy.calendar.zone

    def build(
        self, window: Window, filters: Filters | None = None, as_of: datetime | None = None
    ) -> MetricsState:
        """One full pass: the window's tickets (index range reads, filters in SQL), their
        history (by ticket id), every ticket's facts, summed into a new state."""
        filters = filters or Filters()
        as_of = as_of or self.now()
        policy = self.policy
        records = self._repo.window_records(window.start, filters.as_dict())
        histories = self._repo.histories([r.id for r in records])
        state = MetricsState(window, filters, as_of)
        state.load(ticket_facts(r, histories.get(r.id, ()), policy, as_of) for r in records)
        return state

    def facts_of(
        self, ticket_ids: Iterable[str], as_of: datetime | None = None
    ) -> dict[str, TicketFacts | None]:
        """Current facts of these tickets (None for a deleted one): the input of
        :meth:`MetricsState.apply`, read with two indexed queries per 900 tickets."""
        ids = list(dict.fromkeys(ticket_ids))
        as_of = as_of or self.now()
        policy = self.policy
        records = self._repo.records(ids)
        histories = self._repo.histories([r.id for r in records.values()])
        return {
            tid: None
            if tid not in records
            else ticket_facts(records[tid], histories.get(tid, ()), policy, as_of)
            for tid in ids
        }

    def update(self, state: MetricsState, ticket_ids: Sequence[str]) -> int:
        """Read and apply the changed tickets; returns how many changed the state."""
        return apply_all(state, self.facts_of(ticket_ids))

    def snapshot(self, state: MetricsState, now: datetime | None = None) -> MetricsSnapshot:
        return read_out(state, now or self.now())

    def today(self, as_of: datetime | None = None) -> MetricsState:
        """All tickets, window from local midnight: what the KPI strip reads."""
        as_of = as_of or self.now()
        return self.build(today_window(as_of, self.policy.calendar.zone), Filters(), as_of)

    def filter_values(self) -> dict[str, list[str]]:
        return self._repo.filter_values()


def apply_all(state: MetricsState, facts: dict[str, TicketFacts | None]) -> int:
    """Apply already-read facts (on the state's owning thread)."""
    return sum(state.apply(tid, f) for tid, f in facts.items())


def kpi_strip(state: MetricsState, username: str, now: datetime) -> KpiStrip:
    """The strip's three numbers from a "today" state (see :meth:`MetricsService.today`)."""
    return strip_of(read_out(state, now), username)


def strip_of(snapshot: MetricsSnapshot, username: str) -> KpiStrip:
    """The strip's numbers from a read-out of a "today" window without filters."""
    mine = next((w.open_total for w in snapshot.workload if w.assignee == username), 0)
    return KpiStrip(
        open_p1=snapshot.backlog_by_priority.get(1, 0),
        breaches_today=snapshot.breaches_response + snapshot.breaches_resolution,
        my_queue=mine,
    )
