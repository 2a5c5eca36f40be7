"""``TriageService``: the queue of new, unassigned open tickets by SLA risk, their SLA badges,
duplicate candidates, assignment help and the triage actions. No Qt; every read opens its own
connection, so the UI may call reads on workers."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opexdesk.domain.sla import PolicySource, SlaPolicy, policy_source
from opexdesk.services.events import ChangeNotifier, Clock, TicketChange
from opexdesk.services.tickets import TicketService
from opexdesk.services.triage.actions import TriageActions
from opexdesk.services.triage.assignment import AssignmentAdvisor
from opexdesk.services.triage.sla_badges import SlaBadge, badge_for, clock_for
from opexdesk.storage.database import Database
from opexdesk.storage.triage_queue import QueueKey, QueueRow, TriageQueueRepository

if TYPE_CHECKING:  # numpy/scikit-learn stay off the start-up path
    from opexdesk.services.classify import ClassifierService
    from opexdesk.services.triage.candidates import DuplicateCandidate
    from opexdesk.services.triage.duplicates import DuplicateIndex

log = logging.getLogger(__name__)

PAGE_SIZE = 100


@dataclass(frozen=True)
class QueueItem:
    """A queued ticket with its SLA badge."""

    row: QueueRow
    badge: SlaBadge


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    next_key: QueueKey | None  # None: this was the last page


class TriageService:
    """Built once in ``app.build_context``; the triage window gets it injected."""

    def __init__(
        self,
        db: Database,
        tickets: TicketService,
        notifier: ChangeNotifier,
        clock: Clock | None = None,
        policy: SlaPolicy | PolicySource | None = None,
        classifier_dir: Path | None = None,
    ) -> None:
        self._repo = TriageQueueRepository(db.engine)
        self._tickets = tickets
        self._clock = clock or Clock()
        # Read per badge batch: the shared SLA policy can change while the window is open.
        self._policy = policy_source(policy)
        self.actions = TriageActions(tickets)
        self.assignment = AssignmentAdvisor(self._repo)
        self._classifier_dir = classifier_dir
        self._classifier: ClassifierService | None = None
        self._classifier_lock = threading.Lock()
        self._dup_lock = threading.Lock()
        self._dup_index: DuplicateIndex | None = None
        self._dup_stale = True
        notifier.subscribe(self._changed)

    @property
    def username(self) -> str:
        return self._tickets.actor.username

    @property
    def tickets(self) -> TicketService:
        return self._tickets

    def now(self) -> datetime:
        return self._clock.now()

    # ---- the queue ---------------------------------------------------------------------

    def page(
        self, limit: int = PAGE_SIZE, after: QueueKey | None = None, now: datetime | None = None
    ) -> QueuePage:
        """The next page of the queue (soonest response due first, so breached first)."""
        found = self._repo.page(limit + 1, after)
        more = len(found) > limit
        found = found[:limit]
        items = self.with_badges([row for row, _key in found], now)
        return QueuePage(items, found[-1][1] if more else None)

    def count(self) -> int:
        return self._repo.count()

    def with_badges(self, rows: Sequence[QueueRow], now: datetime | None = None) -> list[QueueItem]:
        """SLA badges for these rows: one audit query for all of them, then the clock."""
        now = now or self._clock.now()
        history = self._repo.sla_history([r.id for r in rows])
        policy = self._policy()
        return [
            QueueItem(r, badge_for(clock_for(r, history[r.id], now, policy), now)) for r in rows
        ]

    def items(self, ticket_ids: Sequence[str], now: datetime | None = None) -> dict[str, QueueItem]:
        """Current state and badge of these tickets (whether still queued or not)."""
        rows = self._repo.rows(ticket_ids)
        return {item.row.id: item for item in self.with_badges(list(rows.values()), now)}

    # ---- duplicates --------------------------------------------------------------------

    def duplicate_index(self) -> DuplicateIndex:
        """The TF-IDF index of open tickets, rebuilt when a ticket changed since (blocking:
        call on a worker; seconds at 100,000 open tickets)."""
        from opexdesk.services.triage.duplicates import DuplicateIndex

        with self._dup_lock:
            if self._dup_index is None or self._dup_stale:
                self._dup_stale = False
                self._dup_index = DuplicateIndex(self._repo.open_texts())
            return self._dup_index

    def duplicates(self, ticket_id: str, limit: int = 5) -> list[DuplicateCandidate]:
        """Open tickets similar to ``ticket_id`` (blocking the first time: use a worker)."""
        rows = self._repo.rows([ticket_id])
        row = rows.get(ticket_id)
        if row is None:
            return []
        return self.duplicate_index().candidates(
            row.title, row.description, exclude=ticket_id, limit=limit
        )

    # ---- classifier --------------------------------------------------------------------

    def classifier(self) -> ClassifierService:
        """A classifier for standalone use (tests, tools), loaded on first use (blocking:
        call on a worker). The app's window uses ``AppContext.classifier`` instead, the one
        classifier shared with the editor; this one keeps nothing on disk unless built
        with ``classifier_dir``."""
        with self._classifier_lock:
            if self._classifier is None:
                from opexdesk.services.classify import ClassifierService, load_default_model

                service = ClassifierService(
                    self._classifier_dir, default_model=load_default_model()
                )
                if self._classifier_dir is not None:
                    service.load()
                self._classifier = service
            return self._classifier

    def set_classifier(self, service: Any) -> None:
        """Use another suggestion source (tests, or one the app already built)."""
        self._classifier = service

    def _changed(self, change: TicketChange) -> None:
        """Rebuild the duplicate index only when the open set or a text may have changed:
        triage edits (impact, group, assignee...) and appends leave it as it is."""
        if change.action in _KEEPS_INDEX:
            return
        if change.action == "updated" and not _TEXT_FIELDS & set(change.fields):
            return
        self._dup_stale = True


_KEEPS_INDEX = frozenset({"commented", "work_logged", "attached"})
_TEXT_FIELDS = frozenset({"title", "description", "status"})
