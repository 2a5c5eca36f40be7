"""Which events deserve a desktop notification: new P1 tickets, SLA breaches soon, sync
conflicts needing a choice. No Qt here; the tray (ui/tray.py) shows what :meth:`check` returns.

New P1 tickets are found by a high-water mark on ``local_id`` (tickets created here and
tickets pulled by sync both get a new ``local_id``), read through the small open-ticket index
``(priority, local_id)``; the change notifications add tickets whose priority was raised to
P1. SLA candidates are open tickets whose stored resolution due time lies inside a window,
read through the open-ticket index on ``resolution_due_at``; each candidate's clock is then
replayed from its history (the same domain clock as the triage badges).

What was sent is remembered in memory and in the settings table, so a restart never repeats
an alert.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import bindparam, text

from opexdesk.domain.enums import OPEN_STATUS_VALUES, Priority
from opexdesk.domain.errors import Term
from opexdesk.domain.kept_messages import Message
from opexdesk.domain.sla import PolicySource, SlaPolicy, policy_source
from opexdesk.domain.sla_clock import TimerState, WarningLevel
from opexdesk.services.events import ChangeNotifier, Clock, TicketChange
from opexdesk.services.triage.sla_badges import clock_for
from opexdesk.storage import settings_repo
from opexdesk.storage.database import Database
from opexdesk.storage.ticket_list import format_number
from opexdesk.storage.triage_queue import QueueRow, StatusHistoryRow, TriageQueueRepository
from opexdesk.storage.types import UtcDateTime

log = logging.getLogger(__name__)

STATE_KEY = "alerts.state"
NEW_P1_MAX_AGE = timedelta(days=1)  # an old P1 arriving by a first download is not "new"
SLA_LOOKBACK = timedelta(days=1)  # paused clocks run later than the stored due time
SENT_KEEP = timedelta(days=30)
SENT_MAX = 5000
CHUNK = 500  # ids per IN (...) query
BURST_NAMES = 3  # how many numbers a coalesced message names


class AlertSwitches(Protocol):
    """The three notification settings (read at every check, so a change applies at once)."""

    @property
    def notify_new_p1(self) -> bool: ...

    @property
    def notify_sla_breach(self) -> bool: ...

    @property
    def notify_conflicts(self) -> bool: ...


@dataclass(frozen=True)
class Alert:
    """One notification. ``ticket_id`` is what a click opens (None for a burst or conflicts).
    ``title`` and ``message`` are English; as Message the UI shows them translated."""

    kind: str  # "new_p1", "sla", "conflicts"
    title: str
    message: str
    ticket_id: str | None = None
    count: int = 1


@dataclass
class _State:
    p1_mark: int | None = None
    conflicts: int = 0
    sent: dict[str, str] = field(default_factory=dict)  # key -> when (ISO 8601)

    @classmethod
    def parse(cls, raw: str | None) -> _State:
        try:
            data = json.loads(raw) if raw else {}
            mark = data.get("p1_mark")
            sent = data.get("sent", {})
            return cls(
                p1_mark=int(mark) if mark is not None else None,
                conflicts=int(data.get("conflicts", 0)),
                sent={str(k): str(v) for k, v in sent.items()} if isinstance(sent, dict) else {},
            )
        except (ValueError, TypeError, AttributeError):
            log.warning("alert state unreadable; starting afresh (nothing is repeated)")
            return cls()

    def dump(self) -> str:
        return json.dumps({"p1_mark": self.p1_mark, "conflicts": self.conflicts, "sent": self.sent})


_P1_SQL = text(
    "SELECT id FROM tickets INDEXED BY ix_tickets_open_priority"
    " WHERE is_open = 1 AND priority = 1 AND local_id > :mark AND created_at >= :since"
    " ORDER BY local_id"
).bindparams(bindparam("since", type_=UtcDateTime()))


class AlertService:
    """Decides the notifications. ``check()`` may run on any thread (one at a time)."""

    def __init__(
        self,
        db: Database,
        switches: AlertSwitches,
        *,
        clock: Clock | None = None,
        sla_policy: SlaPolicy | PolicySource | None = None,
        conflict_count: Callable[[], int] | None = None,
        period: timedelta = timedelta(minutes=1),
    ) -> None:
        self._db = db
        self._switches = switches
        self._clock = clock or Clock()
        self._policy = policy_source(sla_policy)
        self._conflict_count = conflict_count
        self.period = period
        self._repo = TriageQueueRepository(db.engine)
        self._lock = threading.Lock()
        self._pending_lock = threading.Lock()
        self._pending: set[str] = set()
        with db.read() as s:
            self._state = _State.parse(settings_repo.get(s, STATE_KEY))
        if self._state.p1_mark is None:  # first run: what is already here is not new
            self._state.p1_mark = self._max_local_id()
        self._saved = ""

    # ---- inputs ----------------------------------------------------------------------------

    def watch(
        self, notifier: ChangeNotifier, on_pending: Callable[[], None] | None = None
    ) -> Callable[[], None]:
        """Follow the operations' changes; ``on_pending`` is called (on the committing thread)
        when a change may deserve an alert, so the caller can check soon."""

        def listener(change: TicketChange) -> None:
            if change.action == "created" or "priority" in change.fields:
                with self._pending_lock:
                    self._pending.add(change.ticket_id)
                if on_pending is not None:
                    on_pending()

        return notifier.subscribe(listener)

    # ---- the check -------------------------------------------------------------------------

    def check(self) -> list[Alert]:
        """Everything that deserves a notification now and was not sent before."""
        with self._lock:
            now = self._clock.now()
            with self._pending_lock:
                pending, self._pending = self._pending, set()
            alerts = self._new_p1(now, pending)
            if self._switches.notify_sla_breach:
                alerts += self._sla(now)
            alerts += self._conflicts()
            self._prune(now)
            self._save()
            return alerts

    def _new_p1(self, now: datetime, pending: set[str]) -> list[Alert]:
        mark = self._state.p1_mark or 0
        top = self._max_local_id()
        if not self._switches.notify_new_p1:  # off: never a backlog when turned back on
            self._state.p1_mark = max(mark, top)
            return []
        with self._db.read() as s:
            ids = list(s.execute(_P1_SQL, {"mark": mark, "since": now - NEW_P1_MAX_AGE}).scalars())
        self._state.p1_mark = max(mark, top)
        rows = self._rows(sorted(set(ids) | pending))
        fresh = [
            r
            for r in sorted(rows.values(), key=lambda r: r.local_id)
            if r.priority == Priority.P1
            and r.status in OPEN_STATUS_VALUES
            and f"p1:{r.id}" not in self._state.sent
        ]
        for row in fresh:
            self._state.sent[f"p1:{row.id}"] = now.isoformat()
        if not fresh:
            return []
        if len(fresh) == 1:
            row = fresh[0]
            message = Message("New P1: {number} {title}", number=_number(row), title=row.title)
            return [Alert("new_p1", Message("New P1 ticket"), message, row.id)]
        names = ", ".join(_number(r) for r in fresh[:BURST_NAMES])
        more = "…" if len(fresh) > BURST_NAMES else ""
        return [
            Alert(
                "new_p1",
                Message("{count} new P1 tickets", count=len(fresh)),
                Message(
                    "{count} new P1 tickets: {names}{more}",
                    count=len(fresh),
                    names=names,
                    more=more,
                ),
                None,
                len(fresh),
            )
        ]

    def _sla(self, now: datetime) -> list[Alert]:
        policy = self._policy()
        ids = self._sla_candidates(now, policy)
        if not ids:
            return []
        rows = self._rows(ids)
        history: dict[str, list[StatusHistoryRow]] = {}
        keys = list(rows)
        for i in range(0, len(keys), CHUNK):
            history.update(self._repo.sla_history(keys[i : i + CHUNK]))
        found: list[tuple[datetime, Alert]] = []
        for row in rows.values():
            clock = clock_for(row, history.get(row.id, []), now, policy)
            for timer in (clock.response, clock.resolution):
                key = f"sla:{row.id}:{timer.name}"
                if key in self._state.sent or not self._critical_soon(timer, now, policy):
                    continue
                self._state.sent[key] = now.isoformat()
                due = timer.due_at or now
                left = timedelta(seconds=max((due - now).total_seconds(), 60))
                text_ = Message(
                    "{number} breaches its {timer} target in {left}",
                    number=_number(row),
                    timer=Term(timer.name),
                    left=left,
                )
                found.append((due, Alert("sla", Message("SLA breach soon"), text_, row.id)))
        found.sort(key=lambda pair: pair[0])
        if len(found) <= 1:
            return [alert for _due, alert in found]
        first = found[0][1]
        return [
            Alert(
                "sla",
                Message("{count} tickets near an SLA breach", count=len(found)),
                Message(
                    "{count} tickets near an SLA breach; first: {first}",
                    count=len(found),
                    first=first.message,
                ),
                None,
                len(found),
            )
        ]

    def _critical_soon(self, timer: TimerState, now: datetime, policy: SlaPolicy) -> bool:
        """Running, not breached, and at its critical share by the end of the next period."""
        if not timer.running or timer.breached or timer.met_at is not None:
            return False
        if timer.level is WarningLevel.CRITICAL:
            return True
        left = policy.critical_at * timer.target_seconds - timer.elapsed_seconds
        return policy.calendar.add_business_seconds(now, max(left, 0.0)) <= now + self.period

    def _sla_candidates(self, now: datetime, policy: SlaPolicy) -> list[str]:
        """Open tickets that may reach a critical share within the period, by an index range
        on the stored resolution due time. Stored due times assume no pause, so the real
        deadline is never earlier: a clock critical by ``now + period`` had a stored due
        time no later than the bound per priority computed here."""
        soon = now + self.period
        add = policy.calendar.add_business_seconds
        clauses: list[str] = []
        params: dict[str, object] = {"lo": now - SLA_LOOKBACK}
        upper: list[datetime] = []
        for p in Priority:
            target = policy.target_for(p)
            spare = 1.0 - policy.critical_at
            response_hi = add(soon, spare * target.response.total_seconds())
            resolution_hi = add(soon, spare * target.resolution.total_seconds())
            # The resolution due time of a ticket whose response due time is response_hi.
            gap = (target.resolution - target.response).total_seconds()
            upper.append(max(add(response_hi, gap), resolution_hi))
            params[f"p{int(p)}"] = int(p)
            params[f"a{int(p)}"] = response_hi
            params[f"b{int(p)}"] = resolution_hi
            clauses.append(
                f"(priority = :p{int(p)} AND ((first_response_at IS NULL"
                f" AND response_due_at <= :a{int(p)}) OR resolution_due_at <= :b{int(p)}))"
            )
        params["hi"] = max(upper)
        times = [k for k, v in params.items() if isinstance(v, datetime)]
        sql = text(
            "SELECT id FROM tickets INDEXED BY ix_tickets_open_due WHERE is_open = 1"
            " AND resolution_due_at > :lo AND resolution_due_at <= :hi"
            f" AND ({' OR '.join(clauses)})"
        ).bindparams(*(bindparam(k, type_=UtcDateTime()) for k in times))
        with self._db.read() as s:
            return list(s.execute(sql, params).scalars())

    def _conflicts(self) -> list[Alert]:
        if self._conflict_count is None:
            return []
        count = self._conflict_count()
        rising = count > self._state.conflicts
        self._state.conflicts = count  # a fall resets, so the next rise is told again
        if not rising or not self._switches.notify_conflicts:
            return []
        if count == 1:
            message = Message("1 sync conflict needs your choice")
        else:
            message = Message("{count} sync conflicts need your choice", count=count)
        return [Alert("conflicts", Message("Sync conflicts"), message, None, count)]

    # ---- state -----------------------------------------------------------------------------

    def sent_keys(self) -> Iterable[str]:
        return tuple(self._state.sent)

    def _rows(self, ids: Sequence[str]) -> dict[str, QueueRow]:
        """Current rows of these tickets, read in chunks (bound-parameter limits)."""
        out: dict[str, QueueRow] = {}
        for i in range(0, len(ids), CHUNK):
            out.update(self._repo.rows(ids[i : i + CHUNK]))
        return out

    def _max_local_id(self) -> int:
        with self._db.read() as s:
            return int(s.execute(text("SELECT max(local_id) FROM tickets")).scalar() or 0)

    def _prune(self, now: datetime) -> None:
        oldest = (now - SENT_KEEP).isoformat()
        sent = {k: v for k, v in self._state.sent.items() if v >= oldest}
        if len(sent) > SENT_MAX:
            sent = dict(sorted(sent.items(), key=lambda kv: kv[1])[-SENT_MAX:])
        self._state.sent = sent

    def _save(self) -> None:
        raw = self._state.dump()
        if raw == self._saved:
            return
        with self._db.transaction() as s:
            settings_repo.put(s, STATE_KEY, raw)
        self._saved = raw


def _number(row: QueueRow) -> str:
    return format_number(row.number, row.provisional_number)


def describe(alerts: Sequence[Alert]) -> str:
    """One line for the log or the status bar."""
    return "; ".join(a.message for a in alerts)
