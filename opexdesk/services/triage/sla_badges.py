"""SLA badges of queued tickets, from the domain SLA clock replayed over each ticket's history.

A ticket's events come from its row (created_at, priority, status, first_response_at) and its
audit rows (creation, status and priority changes), so the badge here is the same clock the
central store computes. The stored ``response_due_at`` only orders the queue (it is indexed
and plain calendar time); the badge is the policy's business-time clock.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.errors import DomainError
from opexdesk.domain.sla import SlaPolicy
from opexdesk.domain.sla_clock import (
    SlaClock,
    SlaEvent,
    TimerState,
    WarningLevel,
    breach_text,
    compute_clock,
)
from opexdesk.storage.triage_queue import QueueRow, StatusHistoryRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlaBadge:
    """What the queue shows for one ticket: ``text`` ("breaches in 35 min"), the warning
    ``level`` (none / warning / critical / breached) and which clock it is about.

    ``key`` (a key of domain.sla_clock.TEXTS) and ``minutes`` (the distance it names) let
    a UI write the text in its language; ``text`` is the English one."""

    clock_name: str  # "response" until answered, then "resolution"
    text: str
    level: WarningLevel
    due_at: datetime | None
    paused: bool
    key: str = ""
    minutes: int = 0


def _audit_value(value: object) -> object:
    """An audit row's value: a status move with a note stores {"value": ..., "note": ...}."""
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def _priority(value: object, fallback: int) -> Priority:
    value = _audit_value(value)
    try:
        return Priority(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return Priority(fallback)


def _status(value: object, fallback: str) -> Status:
    value = _audit_value(value)
    try:
        return Status(str(value))
    except ValueError:
        return Status(fallback)


def sla_events(row: QueueRow, history: Sequence[StatusHistoryRow]) -> list[SlaEvent]:
    """The SLA events of one ticket. Odd audit values (unknown statuses from a newer
    version, JSON garbage) fall back to the row's values instead of failing."""
    created = next((h for h in history if h.action == "created"), None)
    first_priority = next((h for h in history if h.field == "priority"), None)
    first_status = next((h for h in history if h.field == "status"), None)
    created_values = created.new_value if created and isinstance(created.new_value, dict) else {}
    if "priority" in created_values:
        opened_priority = _priority(created_values["priority"], row.priority)
    elif first_priority is not None:
        opened_priority = _priority(first_priority.old_value, row.priority)
    else:
        opened_priority = Priority(row.priority)
    if "status" in created_values:
        opened_status = _status(created_values["status"], row.status)
    elif first_status is not None:
        opened_status = _status(first_status.old_value, row.status)
    else:
        opened_status = Status(row.status)
    events = [SlaEvent.opened(row.created_at, opened_priority, 0, opened_status)]
    for h in history:
        if h.field == "status":
            events.append(SlaEvent.status_changed(h.at, _status(h.new_value, row.status), h.seq))
        elif h.field == "priority":
            events.append(
                SlaEvent.priority_changed(h.at, _priority(h.new_value, row.priority), h.seq)
            )
    if row.first_response_at is not None:
        events.append(SlaEvent.responded(row.first_response_at))
    return events


def clock_for(
    row: QueueRow, history: Sequence[StatusHistoryRow], now: datetime, policy: SlaPolicy
) -> SlaClock:
    """The ticket's SLA clock at ``now``; a history the clock refuses is replaced by the
    row alone (logged), so one bad audit row never hides the queue."""
    try:
        return compute_clock(sla_events(row, history), now, policy)
    except DomainError as exc:
        log.warning("SLA history of %s refused (%s); using the ticket row only", row.id, exc)
        return compute_clock(sla_events(row, ()), now, policy)


def badge_for(clock: SlaClock, now: datetime) -> SlaBadge:
    """The response clock until it is met, then the resolution clock."""
    timer: TimerState = clock.response
    if timer.met_at is not None or not (timer.running or timer.paused):
        timer = clock.resolution
    key, minutes = badge_key(timer, now)
    return SlaBadge(
        timer.name,
        breach_text(timer, now),
        timer.level,
        timer.due_at,
        timer.paused,
        key,
        minutes,
    )


def badge_key(timer: TimerState, now: datetime) -> tuple[str, int]:
    """Which of domain.sla_clock.TEXTS ``breach_text`` says, and the minutes its
    ``{duration}`` names (0 when it names none); the same decisions, in the same order."""
    if timer.met_at is not None:
        return ("met_late" if timer.breached else "met"), 0
    if timer.breached and timer.breached_at is not None:
        ago = _minutes((now - timer.breached_at).total_seconds())
        return ("overdue_paused" if timer.paused else "overdue"), ago
    if timer.paused or timer.due_at is None:
        return "paused", 0
    left = (timer.due_at - now).total_seconds()
    return ("due_now", 0) if left <= 0 else ("due_in", _minutes(left))


def _minutes(seconds: float) -> int:
    """As domain.sla_clock.format_duration rounds: up, at least one."""
    return max(1, math.ceil(abs(seconds) / 60 - 1e-9))
