"""Configuration shared by every device and the server: its names and how each is checked.

An administrator changes one with a synced operation; the server checks the value with the
same parser a device uses, so no device ever holds a matrix or policy the others refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from opexdesk.domain.enums import Priority
from opexdesk.domain.errors import Term, ValidationError
from opexdesk.domain.priority import AXES, PriorityMatrix
from opexdesk.domain.sla import SlaPolicy

PRIORITY_MATRIX = "priority_matrix"
SLA_POLICY = "sla_policy"


def _matrix(value: object) -> object:
    return PriorityMatrix.from_dict(value).to_dict()


def _policy(value: object) -> object:
    if not isinstance(value, dict):
        raise ValidationError(SLA_POLICY, "An SLA policy is a JSON object.")
    return SlaPolicy.from_dict(value).to_dict()


# name -> check (returns the value in its stored form, or raises ValidationError)
CONFIG_KEYS: dict[str, Callable[[object], object]] = {
    PRIORITY_MATRIX: _matrix,
    SLA_POLICY: _policy,
}


def check_config(key: str, value: object) -> object:
    """The value of ``key`` as it will be stored, or a ValidationError saying what is wrong."""
    check = CONFIG_KEYS.get(key)
    if check is None:
        known = ", ".join(sorted(CONFIG_KEYS))
        raise ValidationError(
            "config", "Unknown setting {key!r}; shared settings: {known}.", key=key, known=known
        )
    return check(value)


def refuse_missing_targets(matrix: PriorityMatrix, policy: SlaPolicy, *, changing: str) -> None:
    """Every priority of the matrix needs an SLA target; ``changing`` is the setting being
    changed (PRIORITY_MATRIX or SLA_POLICY), so the message says what to do first."""
    missing = policy.missing_targets(matrix.levels("priority"))
    if not missing:
        return
    names = ", ".join(f"{Priority(p).label} ({matrix.label('priority', p)})" for p in missing)
    if changing == PRIORITY_MATRIX:
        raise ValidationError(
            PRIORITY_MATRIX,
            "The SLA policy {policy!r} has no response and resolution target for "
            "priority {names}; add the target to the SLA policy first.",
            policy=policy.name,
            names=names,
        )
    raise ValidationError(
        SLA_POLICY,
        "The priority matrix in force uses priority {names}, which this SLA policy has no "
        "target for; keep the target, or remove the level from the matrix first.",
        names=names,
    )


# axis -> level -> (tickets using it, of which open); only levels above the new size matter.
LevelUse = Mapping[str, Mapping[int, tuple[int, int]]]


def refuse_dropped_levels(new: PriorityMatrix, before: PriorityMatrix, in_use: LevelUse) -> None:
    """A matrix may not drop a level that tickets still carry: their priority would no
    longer follow from the matrix in force. The message says how many tickets (and how many
    of them are open) to change first."""
    for axis in AXES:
        for level, (count, open_count) in sorted(in_use.get(axis, {}).items()):
            if count and level not in new.levels(axis):
                _refuse_dropped(count, open_count, axis, level, before, new)


def _refuse_dropped(
    count: int, open_count: int, axis: str, level: int, before: PriorityMatrix, new: PriorityMatrix
) -> None:
    """Refuse the matrix that drops ``level`` of ``axis`` while ``count`` tickets carry it."""
    axis_term, label, size = Term(axis), Term(before.label(axis, level)), len(new.labels(axis))
    if count == 1:
        raise ValidationError(
            PRIORITY_MATRIX,
            "{count} ticket has {axis} {level} ({label}); {open} of them open. The new "
            "matrix has {axis} levels 1 to {size}: change the {axis} of those tickets first.",
            count=count,
            axis=axis_term,
            level=level,
            label=label,
            open=open_count,
            size=size,
        )
    raise ValidationError(
        PRIORITY_MATRIX,
        "{count} tickets have {axis} {level} ({label}); {open} of them open. The new "
        "matrix has {axis} levels 1 to {size}: change the {axis} of those tickets first.",
        count=count,
        axis=axis_term,
        level=level,
        label=label,
        open=open_count,
        size=size,
    )
