"""Configuration shared by every device and the server: its names and how each is checked.

An administrator changes one with a synced operation; the server checks the value with the
same parser a device uses, so no device ever holds a matrix or policy the others refuse.
"""

from __future__ import annotations

from collections.abc import Callable

from opexdesk.domain.errors import ValidationError
from opexdesk.domain.priority import PriorityMatrix
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
        raise ValidationError("config", f"Unknown setting {key!r}; shared settings: {known}.")
    return check(value)
