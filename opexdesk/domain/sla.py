"""Service-level policy: targets per priority, a business calendar, pausing statuses, warnings.

``due_times`` keeps its historical meaning (calendar time under the default 24x7 policy); the
full clock, computed from a ticket's event history, is in ``opexdesk.domain.sla_clock``.
The rules are described in docs/sla.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import resources

from opexdesk.domain.business_calendar import BusinessCalendar
from opexdesk.domain.enums import Priority, Status, parse_status
from opexdesk.domain.errors import Term, Terms, ValidationError

# Statuses that stop the clocks for good (until a reopen); never "pausing".
FINAL_STATUSES: frozenset[Status] = frozenset({Status.RESOLVED, Status.CLOSED})
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$")


@dataclass(frozen=True)
class SlaTarget:
    """How much business time a ticket may use before the response and before resolution."""

    response: timedelta
    resolution: timedelta


DEFAULT_TARGETS: dict[Priority, SlaTarget] = {
    Priority.P1: SlaTarget(timedelta(minutes=15), timedelta(hours=4)),
    Priority.P2: SlaTarget(timedelta(hours=1), timedelta(hours=8)),
    Priority.P3: SlaTarget(timedelta(hours=4), timedelta(days=3)),
    Priority.P4: SlaTarget(timedelta(hours=8), timedelta(days=10)),
}

# Every policy has targets for these (the default matrix's priorities); P5 is optional, but
# a priority matrix that uses P5 is refused until the policy in force has a P5 target.
REQUIRED_PRIORITIES: tuple[Priority, ...] = (Priority.P1, Priority.P2, Priority.P3, Priority.P4)


@dataclass(frozen=True)
class SlaPolicy:
    """Targets per priority, the business calendar they are measured in, the statuses that
    pause the clocks, and the shares of a target at which warnings are raised."""

    targets: Mapping[Priority, SlaTarget] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    calendar: BusinessCalendar = field(default_factory=BusinessCalendar.always_open)
    pausing_statuses: frozenset[Status] = frozenset({Status.PENDING})
    warning_at: float = 0.75
    critical_at: float = 0.90
    name: str = "Default (24x7)"

    def __post_init__(self) -> None:
        missing = [p.label for p in REQUIRED_PRIORITIES if p not in self.targets]
        if missing:
            raise ValidationError(
                "targets",
                "SLA policy has no target for {priorities}.",
                priorities=", ".join(missing),
            )
        for priority, target in self.targets.items():
            label = Priority(priority).label
            if target.response <= timedelta(0) or target.resolution <= timedelta(0):
                raise ValidationError(
                    "targets", "{priority}: SLA targets must be positive.", priority=label
                )
            if target.response > target.resolution:
                raise ValidationError(
                    "targets",
                    "{priority}: the response target is longer than the resolution target.",
                    priority=label,
                )
        final = sorted(s.value for s in self.pausing_statuses & FINAL_STATUSES)
        if final:
            raise ValidationError(
                "pausing_statuses",
                "{statuses} cannot pause the clock: it stops it (see docs/sla.md).",
                statuses=Terms(final),
            )
        if not 0 < self.warning_at < self.critical_at < 1:
            raise ValidationError(
                "warnings",
                "Warning thresholds must satisfy 0 < warning < critical < 1 "
                "(got warning={warning}, critical={critical}).",
                warning=self.warning_at,
                critical=self.critical_at,
            )

    def __hash__(self) -> int:  # usable as a cache key although ``targets`` is a mapping
        targets = tuple(sorted(self.targets.items()))
        return hash((targets, self.calendar, self.pausing_statuses, self.warning_at, self.name))

    def target_for(self, priority: Priority) -> SlaTarget:
        """The targets of ``priority``. A level without a target of its own (only P5 may
        lack one) is measured against the nearest more urgent level that has one: shared
        settings never pair such a policy with a matrix using that level, so this only
        serves callers that walk every possible level."""
        level = Priority(priority)
        while level not in self.targets:
            level = Priority(level - 1)
        return self.targets[level]

    def missing_targets(self, priorities: Iterable[int]) -> list[Priority]:
        """The priority levels among ``priorities`` this policy has no target for."""
        return [Priority(p) for p in sorted(set(priorities)) if Priority(p) not in self.targets]

    def due_times(self, priority: Priority, opened_at: datetime) -> tuple[datetime, datetime]:
        """(response due, resolution due) for a ticket opened at ``opened_at`` that is never
        paused: the targets added in business time on the policy's calendar."""
        target = self.target_for(priority)
        add = self.calendar.add_business_seconds
        return (
            add(opened_at, target.response.total_seconds()),
            add(opened_at, target.resolution.total_seconds()),
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SlaPolicy:
        """Parse the JSON-style policy format (docs/sla.md); raises ValidationError."""
        if not isinstance(data, Mapping):
            raise ValidationError("sla_policy", "SLA policy must be an object (a JSON dict).")
        unknown = set(data) - {"name", "calendar", "targets", "pausing_statuses", "warnings"}
        if unknown:
            raise ValidationError(
                "sla_policy",
                "Unknown SLA policy keys: {keys}.",
                keys=", ".join(sorted(map(str, unknown))),
            )
        name = data.get("name", "Default (24x7)")
        if not isinstance(name, str):
            raise ValidationError("sla_policy.name", "SLA policy name must be text.")
        calendar_data = data.get("calendar", {"time_zone": "UTC", "hours": "24x7"})
        if not isinstance(calendar_data, Mapping):
            raise ValidationError("calendar", "Calendar must be an object (a JSON dict).")
        warning, critical = _parse_warnings(data.get("warnings", {}))
        return cls(
            targets=_parse_targets(data.get("targets")),
            calendar=BusinessCalendar.from_dict(calendar_data),
            pausing_statuses=_parse_pausing(data.get("pausing_statuses", ["pending"])),
            warning_at=warning,
            critical_at=critical,
            name=name,
        )

    def to_dict(self) -> dict[str, object]:
        """The JSON-style dict :meth:`from_dict` reads back to an equal policy."""
        return {
            "name": self.name,
            "calendar": self.calendar.to_dict(),
            "targets": {
                Priority(p).label: {
                    "response": format_target(self.targets[p].response),
                    "resolution": format_target(self.targets[p].resolution),
                }
                for p in sorted(self.targets)
            },
            "pausing_statuses": sorted(s.value for s in self.pausing_statuses),
            "warnings": {"warning": self.warning_at, "critical": self.critical_at},
        }


DEFAULT_POLICY = SlaPolicy()


PolicySource = Callable[[], SlaPolicy]


def policy_source(policy: SlaPolicy | PolicySource | None) -> PolicySource:
    """Where an operation reads the SLA policy in force: a fixed one (the default when
    None), or a callable that reads the current shared setting."""
    if callable(policy):
        return policy
    fixed = policy or DEFAULT_POLICY
    return lambda: fixed


def due_times(priority: Priority, opened_at: datetime) -> tuple[datetime, datetime]:
    """Return (response due, resolution due) for a ticket opened at ``opened_at`` under the
    default 24x7 policy (plain calendar time)."""
    return DEFAULT_POLICY.due_times(priority, opened_at)


def parse_policy_json(text: str) -> SlaPolicy:
    """Parse a policy from JSON text; malformed JSON is a ValidationError too."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError) as err:
        raise ValidationError(
            "sla_policy", "SLA policy is not valid JSON: {error}.", error=str(err)
        ) from None
    return SlaPolicy.from_dict(data)


def default_policy_json() -> str:
    """The shipped default policy (opexdesk/resources/sla/default_policy.json) as text."""
    return (
        resources.files("opexdesk")
        .joinpath("resources", "sla", "default_policy.json")
        .read_text(encoding="utf-8")
    )


def load_default_policy() -> SlaPolicy:
    """The shipped default policy, parsed and validated."""
    return parse_policy_json(default_policy_json())


def parse_target(value: object, what: str) -> timedelta:
    """Parse '8h', '1h30m', '15m' (or whole minutes as a number) into a timedelta; ``what``
    names the target in the message ("P1 response")."""
    result = _duration(value)
    if result is None:
        raise ValidationError(
            "targets",
            "{what}: {value!r} is not a duration; write hours and minutes such as '8h', "
            "'1h30m' or '15m' (days are not accepted: a business day is ambiguous).",
            what=what,
            value=value,
        )
    if result <= timedelta(0):
        raise ValidationError("targets", "{what}: a target must be longer than zero.", what=what)
    return result


def _priority_target(value: object, priority: Priority, target: str) -> timedelta:
    """:func:`parse_target` for one target of a policy; the message names the priority
    and the target ("P1 response") with the target word translatable."""
    result = _duration(value)
    if result is None:
        raise ValidationError(
            "targets",
            "{priority} {target}: {value!r} is not a duration; write hours and minutes such "
            "as '8h', '1h30m' or '15m' (days are not accepted: a business day is ambiguous).",
            priority=priority.label,
            target=Term(target),
            value=value,
        )
    if result <= timedelta(0):
        raise ValidationError(
            "targets",
            "{priority} {target}: a target must be longer than zero.",
            priority=priority.label,
            target=Term(target),
        )
    return result


def _duration(value: object) -> timedelta | None:
    """The duration ``value`` writes, or None when it is not one."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return timedelta(minutes=value)
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None or not (match[1] or match[2]):
        return None
    return timedelta(hours=int(match[1] or 0), minutes=int(match[2] or 0))


def format_target(value: timedelta) -> str:
    """'1h30m' style text for a target (the inverse of :func:`parse_target`)."""
    minutes = int(value.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{rest}m" if rest or not hours else "")


def _parse_targets(value: object) -> dict[Priority, SlaTarget]:
    if not isinstance(value, Mapping):
        raise ValidationError("targets", "SLA targets must be an object keyed by priority (P1..).")
    out: dict[Priority, SlaTarget] = {}
    for key, item in value.items():
        text = str(key).strip().upper()
        priority = next((p for p in Priority if text in (p.label, str(int(p)))), None)
        if priority is None:
            valid = ", ".join(p.label for p in Priority)
            raise ValidationError(
                "targets", "Unknown priority {key!r}; use {valid}.", key=key, valid=valid
            )
        if priority in out:
            raise ValidationError("targets", "{priority} has two targets.", priority=priority.label)
        if not isinstance(item, Mapping) or set(item) != {"response", "resolution"}:
            raise ValidationError(
                "targets",
                "{priority}: give exactly 'response' and 'resolution'.",
                priority=priority.label,
            )
        out[priority] = SlaTarget(
            _priority_target(item["response"], priority, "response"),
            _priority_target(item["resolution"], priority, "resolution"),
        )
    return out


def _parse_pausing(value: object) -> frozenset[Status]:
    if not isinstance(value, list | tuple):
        raise ValidationError("pausing_statuses", "pausing_statuses must be a list of statuses.")
    statuses: set[Status] = set()
    for item in value:
        if not isinstance(item, str):
            raise ValidationError("pausing_statuses", "Unknown status {status!r}.", status=item)
        try:
            statuses.add(parse_status(item))
        except ValidationError as err:
            # The status rule's own message, still a template the UI can translate.
            raise ValidationError(
                "pausing_statuses", err.template or str(err), **err.params
            ) from None
    return frozenset(statuses)


def _parse_warnings(value: object) -> tuple[float, float]:
    if not isinstance(value, Mapping) or set(value) - {"warning", "critical"}:
        raise ValidationError(
            "warnings", "warnings must be an object with 'warning' and 'critical' shares (0..1)."
        )
    out: list[float] = []
    for key, default in (("warning", 0.75), ("critical", 0.90)):
        item = value.get(key, default)
        if isinstance(item, bool) or not isinstance(item, int | float):
            raise ValidationError(
                "warnings",
                "{key} must be a number such as 0.75, got {value!r}.",
                key=key,
                value=item,
            )
        out.append(float(item))
    return out[0], out[1]
