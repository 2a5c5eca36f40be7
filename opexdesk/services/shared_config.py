"""Settings every device shares with the central store: the priority matrix, the SLA policy.

Read from the local settings table (``config.<name>``, written by pulls), so they work
offline; an administrator changes one with one local transaction that stores it and queues
a ``config/set`` operation. The server checks it again and sends it to every device. A
stored value that no longer parses (written by a newer version) falls back to the default
with a warning in the log rather than stopping the app.

The two settings must agree, and the matrix with the tickets: a matrix whose priorities the
SLA policy has no target for, a policy that drops a target the matrix uses, and a matrix that
drops a level tickets still carry are refused, saying what to change first (docs/sla.md).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from opexdesk.domain.enums import OPEN_STATUS_VALUES, Role, parse_role
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.priority import AXES, PriorityMatrix
from opexdesk.domain.shared_config import (
    PRIORITY_MATRIX,
    SLA_POLICY,
    LevelUse,
    check_config,
    refuse_dropped_levels,
    refuse_missing_targets,
)
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy
from opexdesk.services.events import Clock
from opexdesk.services.sync.pull_apply import CONFIG_PREFIX
from opexdesk.services.ticket_edits import record_outbox
from opexdesk.storage import settings_repo
from opexdesk.storage.database import Database
from opexdesk.storage.models import Ticket
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

log = logging.getLogger(__name__)


class SharedConfig:
    """The shared settings in force on this device, and the administrator's way to change them."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or Clock()

    def matrix(self) -> PriorityMatrix:
        with self._db.read() as s:
            return _matrix_in(s)

    def sla_policy(self) -> SlaPolicy:
        with self._db.read() as s:
            return _policy_in(s)

    def may_change(self) -> bool:
        """Administrators may; so may anyone on a database never signed in to a store."""
        with self._db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            return not (state and state.role and parse_role(state.role) is not Role.ADMIN)

    def set(self, key: str, value: object) -> None:
        """Change a shared setting (administrators; anyone on a database that was never
        signed in to a central store). Raises ValidationError with what is wrong."""
        stored = check_config(key, value)
        with self._db.transaction() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            if state is not None and state.role and parse_role(state.role) is not Role.ADMIN:
                raise ValidationError("config", "Only an administrator may change this setting.")
            if key == PRIORITY_MATRIX:
                matrix = PriorityMatrix.from_dict(stored)
                refuse_missing_targets(matrix, _policy_in(s), changing=PRIORITY_MATRIX)
                refuse_dropped_levels(matrix, _matrix_in(s), level_use(s, matrix))
            elif key == SLA_POLICY and isinstance(stored, dict):
                policy = SlaPolicy.from_dict(stored)
                refuse_missing_targets(_matrix_in(s), policy, changing=SLA_POLICY)
            settings_repo.put(s, CONFIG_PREFIX + key, json.dumps(stored))
            record_outbox(s, "config", key, "set", {"value": stored}, self._clock.now())

    def set_matrix(self, matrix: PriorityMatrix) -> None:
        """Store a new matrix; refused while tickets carry a level it drops, or while the
        SLA policy has no target for one of its priorities."""
        self.set(PRIORITY_MATRIX, matrix.to_dict())


def _stored(s: Session, key: str) -> Any:
    raw = settings_repo.get(s, CONFIG_PREFIX + key)
    return None if raw is None else json.loads(raw)


def _matrix_in(s: Session) -> PriorityMatrix:
    value = _stored(s, PRIORITY_MATRIX)
    if value is None:
        return PriorityMatrix()
    try:
        return PriorityMatrix.from_dict(value)
    except ValidationError as exc:
        log.warning("stored priority matrix not usable (%s); using the default", exc)
        return PriorityMatrix()


def _policy_in(s: Session) -> SlaPolicy:
    value = _stored(s, SLA_POLICY)
    if value is None:
        return DEFAULT_POLICY
    try:
        return SlaPolicy.from_dict(value)
    except ValidationError as exc:
        log.warning("stored SLA policy not usable (%s); using the default", exc)
        return DEFAULT_POLICY


def level_use(s: Session, matrix: PriorityMatrix) -> LevelUse:
    """How many local tickets (and open ones) carry each level ``matrix`` lacks."""
    is_open = case((Ticket.status.in_(OPEN_STATUS_VALUES), 1), else_=0)
    found: dict[str, dict[int, tuple[int, int]]] = {}
    for axis in AXES:
        column = getattr(Ticket, axis)
        rows = s.execute(
            select(column, func.count(), func.sum(is_open))
            .where(column > len(matrix.labels(axis)))
            .group_by(column)
        )
        found[axis] = {int(level): (int(n), int(n_open or 0)) for level, n, n_open in rows}
    return found
