"""The SLA clock of one ticket, replayed from its event history.

The same events give the same clock on every device: events are put in one total order
(time, then ``seq``, then kind and value) before they are replayed, instants are integer
microseconds, and nothing depends on the local machine's zone or clock. Rules (docs/sla.md):

- both clocks run in business time from the opening; they pause while the status is one of the
  policy's pausing statuses and stop when the ticket is resolved or closed;
- the response clock stops at the first response (or at the resolution, if that comes first);
- a reopen (resolved -> in progress) restarts the resolution clock with its elapsed time kept;
- a priority change re-targets both clocks: the new priority's targets, measured from the
  original opening, elapsed time kept (so a breach can appear or go away at once);
- breached means more business time used than the target; ``breached_at`` is the deadline
  instant that was passed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from opexdesk.domain.business_calendar import from_us, to_us
from opexdesk.domain.enums import Priority, Status, parse_status
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.sla import DEFAULT_POLICY, FINAL_STATUSES, SlaPolicy

_US = 1_000_000
# The level a ticket without a (readable) priority is measured at; the dashboard metrics
# read a missing priority the same way, so its breakdowns match the clock's targets.
UNSET_PRIORITY = Priority.P4
# Badge texts, in one place for translation later.
TEXTS: dict[str, str] = {
    "met": "met",
    "met_late": "met late",
    "paused": "paused",
    "due_in": "breaches in {duration}",
    "due_now": "breaches now",
    "overdue": "breached {duration} ago",
    "overdue_paused": "breached {duration} ago, paused",
}


class SlaEventKind(StrEnum):
    """What happened to the ticket, as far as the SLA is concerned."""

    OPENED = "opened"
    STATUS = "status"
    PRIORITY = "priority"
    RESPONDED = "responded"


_KIND_RANK = {kind: rank for rank, kind in enumerate(SlaEventKind)}


class WarningLevel(StrEnum):
    """How close a clock is to its target (escalation level)."""

    NONE = "none"
    WARNING = "warning"
    CRITICAL = "critical"
    BREACHED = "breached"


@dataclass(frozen=True)
class SlaEvent:
    """One entry of the history. ``seq`` orders events with the same time (e.g. the audit
    event number); build events with the class methods, or :meth:`from_dict`."""

    kind: SlaEventKind
    at: datetime
    seq: int = 0
    status: Status | None = None
    priority: Priority | None = None
    us: int = field(init=False, repr=False, compare=False)  # ``at`` in epoch microseconds

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _coerce_kind(self.kind))
        object.__setattr__(self, "us", to_us(self.at, "at"))  # rejects naive times early
        if isinstance(self.seq, bool) or not isinstance(self.seq, int):
            raise ValidationError("seq", f"Event seq must be an integer, got {self.seq!r}.")
        if self.kind is SlaEventKind.OPENED and self.status is None:
            object.__setattr__(self, "status", Status.NEW)
        if self.status is not None:
            object.__setattr__(self, "status", parse_status(str(self.status)))
        if self.priority is not None:
            object.__setattr__(self, "priority", _coerce_priority(self.priority))
        if self.kind in (SlaEventKind.OPENED, SlaEventKind.PRIORITY) and self.priority is None:
            raise ValidationError("priority", f"A {self.kind.value!r} event needs a priority.")
        if self.kind is SlaEventKind.STATUS and self.status is None:
            raise ValidationError("status", "A 'status' event needs a status.")

    @classmethod
    def opened(
        cls, at: datetime, priority: Priority, seq: int = 0, status: Status = Status.NEW
    ) -> SlaEvent:
        """The ticket was created at ``at`` with ``priority`` (and ``status``)."""
        return cls(SlaEventKind.OPENED, at, seq, status=status, priority=priority)

    @classmethod
    def status_changed(cls, at: datetime, status: Status, seq: int = 0) -> SlaEvent:
        """The status became ``status`` at ``at``."""
        return cls(SlaEventKind.STATUS, at, seq, status=status)

    @classmethod
    def priority_changed(cls, at: datetime, priority: Priority, seq: int = 0) -> SlaEvent:
        """The priority became ``priority`` at ``at``."""
        return cls(SlaEventKind.PRIORITY, at, seq, priority=priority)

    @classmethod
    def responded(cls, at: datetime, seq: int = 0) -> SlaEvent:
        """Someone answered the requester at ``at`` (only the first one counts)."""
        return cls(SlaEventKind.RESPONDED, at, seq)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SlaEvent:
        """Parse ``{"kind", "at" (ISO 8601 with offset), "seq", "status"?, "priority"?}``."""
        if not isinstance(data, Mapping):
            raise ValidationError("event", "An SLA event must be an object.")
        at = data.get("at")
        if isinstance(at, str):
            try:
                at = datetime.fromisoformat(at)
            except ValueError:
                raise ValidationError("at", f"Event time {at!r} is not ISO 8601.") from None
        if not isinstance(at, datetime):
            raise ValidationError("at", f"Event time {at!r} is not a date and time.")
        status, priority, seq = data.get("status"), data.get("priority"), data.get("seq", 0)
        return cls(
            _coerce_kind(data.get("kind")),
            at,
            seq,  # type: ignore[arg-type]  # checked in __post_init__
            status=None if status is None else parse_status(str(status)),
            priority=None if priority is None else _coerce_priority(priority),
        )

    def sort_key(self) -> tuple[int, int, int, str, int]:
        """Total order used for replay: time, seq, then kind and value as tie-breakers."""
        return (
            self.us,
            self.seq,
            _KIND_RANK[self.kind],
            self.status.value if self.status else "",
            int(self.priority) if self.priority else 0,
        )


@dataclass(frozen=True)
class TimerState:
    """One clock (response or resolution) at ``now``. Seconds are business seconds."""

    name: str
    target_seconds: float
    elapsed_seconds: float
    remaining_seconds: float  # negative once breached
    running: bool
    paused: bool
    met_at: datetime | None  # when the clock stopped (response given / resolved), else None
    due_at: datetime | None  # predicted deadline if nothing changes; None while paused or met
    breached: bool
    breached_at: datetime | None
    percent_used: float
    level: WarningLevel
    next_level_at: datetime | None  # when ``level`` goes up if nothing changes


@dataclass(frozen=True)
class SlaClock:
    """Both clocks of a ticket at ``now``, with the state they were computed from."""

    now: datetime
    priority: Priority
    status: Status
    response: TimerState
    resolution: TimerState

    @property
    def next_due_at(self) -> datetime | None:
        """The earliest deadline among the running clocks (for ordering a queue)."""
        dues = [t.due_at for t in (self.response, self.resolution) if t.due_at and t.running]
        return min(dues) if dues else None


def compute_clock(
    events: Iterable[SlaEvent], now: datetime, policy: SlaPolicy = DEFAULT_POLICY
) -> SlaClock:
    """Replay ``events`` under ``policy`` and return the clocks at ``now``.

    Exactly one ``opened`` event is required. Events after ``now`` are ignored; events stamped
    before the opening (device clock skew) take effect at the opening, and a ``now`` before
    the opening is read as the opening.
    """
    now_us = to_us(now, "now")
    ordered = sorted(events, key=SlaEvent.sort_key)
    openings = [e for e in ordered if e.kind is SlaEventKind.OPENED]
    if len(openings) != 1:
        raise ValidationError(
            "events", f"An SLA history needs exactly one 'opened' event, got {len(openings)}."
        )
    first = openings[0]
    open_us = first.us
    # A "now" before the opening (clock skew) reads as the opening itself.
    now_us = max(now_us, open_us)
    status: Status = first.status or Status.NEW
    priority: Priority = first.priority or UNSET_PRIORITY
    responded = False
    pausing = policy.pausing_statuses
    segments: dict[str, list[tuple[int, int]]] = {"response": [], "resolution": []}
    started: dict[str, int | None] = {"response": None, "resolution": None}
    met: dict[str, int | None] = {"response": None, "resolution": None}

    def runs(name: str) -> bool:
        if status in pausing or status in FINAL_STATUSES:
            return False
        return name == "resolution" or not responded

    def sync(t: int) -> None:  # open or close running segments after a change at t
        for name in segments:
            begin = started[name]
            if runs(name):
                if begin is None:
                    started[name] = t
            elif begin is not None:
                segments[name].append((begin, t))
                started[name] = None

    sync(open_us)
    for event in ordered:
        t = max(event.us, open_us)
        if event is first or t > now_us:
            continue
        if event.kind is SlaEventKind.STATUS and event.status is not None:
            status = event.status
            if status in FINAL_STATUSES:
                if met["resolution"] is None:
                    met["resolution"] = t
                if not responded:  # resolving answers the requester too
                    responded, met["response"] = True, t
            else:
                met["resolution"] = None  # reopened: not met until resolved again
        elif event.kind is SlaEventKind.PRIORITY and event.priority is not None:
            priority = event.priority
        elif event.kind is SlaEventKind.RESPONDED and not responded:
            responded, met["response"] = True, t
        sync(t)
    for name, begin in started.items():
        if begin is not None:
            segments[name].append((begin, now_us))
    target = policy.target_for(priority)
    targets = {"response": target.response, "resolution": target.resolution}
    timers = {
        name: _timer(
            name,
            policy,
            targets[name] // timedelta(microseconds=1),
            segments[name],
            now,
            now_us,
            running=runs(name),
            met_us=met[name],
        )
        for name in segments
    }
    return SlaClock(now, priority, status, timers["response"], timers["resolution"])


def _timer(
    name: str,
    policy: SlaPolicy,
    target: int,
    segments: list[tuple[int, int]],
    now: datetime,
    now_us: int,
    *,
    running: bool,
    met_us: int | None,
) -> TimerState:
    calendar = policy.calendar
    elapsed = 0
    breached_us: int | None = None
    for begin, end in segments:
        length = calendar.business_us_between(begin, end)
        if breached_us is None and elapsed + length > target:
            breached_us = calendar.add_business_us(begin, target - elapsed)
        elapsed += length
    paused = met_us is None and not running
    tz = now.tzinfo

    def at(us: int | None) -> datetime | None:
        return None if us is None else from_us(us).astimezone(tz)

    breached = breached_us is not None
    if breached:
        level = WarningLevel.BREACHED
    elif met_us is not None:
        level = WarningLevel.NONE
    elif elapsed >= policy.critical_at * target:
        level = WarningLevel.CRITICAL
    elif elapsed >= policy.warning_at * target:
        level = WarningLevel.WARNING
    else:
        level = WarningLevel.NONE
    due_us = next_us = None
    if running:
        due_us = breached_us if breached else calendar.add_business_us(now_us, target - elapsed)
        if not breached:
            later = [
                round(share * target)
                for share in (policy.warning_at, policy.critical_at)
                if round(share * target) > elapsed
            ]
            # Past the critical share the next level is the breach, just after the deadline.
            mark = later[0] if later else target + 1
            next_us = calendar.add_business_us(now_us, mark - elapsed)
    return TimerState(
        name=name,
        target_seconds=target / _US,
        elapsed_seconds=elapsed / _US,
        remaining_seconds=(target - elapsed) / _US,
        running=running,
        paused=paused,
        met_at=at(met_us),
        due_at=at(due_us),
        breached=breached,
        breached_at=at(breached_us),
        percent_used=100.0 * elapsed / target,
        level=level,
        next_level_at=at(next_us),
    )


def format_duration(seconds: float) -> str:
    """Short wall-clock duration for badges: '35 min', '2 h 5 min', '3 d 4 h'."""
    minutes = max(1, math.ceil(abs(seconds) / 60 - 1e-9))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


def breach_text(timer: TimerState, now: datetime) -> str:
    """Badge text for one clock at ``now``: 'breaches in 35 min', 'breached 2 h 5 min ago',
    'paused', 'met'. Distances are wall-clock time, which is what a reader plans with."""
    if timer.met_at is not None:
        return TEXTS["met_late"] if timer.breached else TEXTS["met"]
    if timer.breached and timer.breached_at is not None:
        ago = format_duration((now - timer.breached_at).total_seconds())
        key = "overdue_paused" if timer.paused else "overdue"
        return TEXTS[key].format(duration=ago)
    if timer.paused or timer.due_at is None:
        return TEXTS["paused"]
    left = (timer.due_at - now).total_seconds()
    if left <= 0:
        return TEXTS["due_now"]
    return TEXTS["due_in"].format(duration=format_duration(left))


def _coerce_kind(value: object) -> SlaEventKind:
    try:
        return SlaEventKind(str(value).strip().lower())
    except ValueError:
        valid = ", ".join(k.value for k in SlaEventKind)
        raise ValidationError("kind", f"Unknown event kind {value!r}; valid: {valid}.") from None


def _coerce_priority(value: object) -> Priority:
    if isinstance(value, Priority):
        return value
    text = str(value).strip().upper().removeprefix("P")
    if not isinstance(value, bool) and text.isdigit() and int(text) in {int(p) for p in Priority}:
        return Priority(int(text))
    valid = ", ".join(p.label for p in Priority)
    raise ValidationError("priority", f"Unknown priority {value!r}; valid: {valid}.")
