"""Shared configuration in a push: an administrator sets the priority matrix or SLA policy.

Checked with the domain's parsers (``domain/shared_config.py``), stored with a new
``server_seq`` so every device pulls it; a matrix set in a batch applies to the mutations
after it in the same batch. A matrix whose priorities the SLA policy in force has no target
for, a policy dropping a target the matrix uses, and a matrix dropping a level some ticket
still carries are rejected: no stored ticket ever has a level the matrix in force lacks.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from opexdesk.domain.enums import OPEN_STATUS_VALUES, Role
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
from opexdesk.domain.sla import SlaPolicy
from opexdesk.server.sync_batch import PushBatch
from opexdesk.server.sync_context import APPLIED, ApplyContext
from opexdesk.server.sync_fields import Rejected, only_keys
from opexdesk.server.sync_models import SyncConfig, SyncTicket

log = logging.getLogger(__name__)


def set_config(ctx: ApplyContext) -> dict[str, Any]:
    m = ctx.m
    if ctx.pusher.role is not Role.ADMIN:
        raise Rejected("Only an administrator may change shared settings.")
    only_keys(m.changes, {"value"}, "a setting")
    if "value" not in m.changes:
        raise Rejected("A setting needs its 'value'.")
    value = check_config(m.entity_id, m.changes["value"])
    matrix, policy = ctx.batch.matrix, ctx.batch.policy
    if m.entity_id == PRIORITY_MATRIX:
        matrix = PriorityMatrix.from_dict(value)
        refuse_missing_targets(matrix, policy, changing=PRIORITY_MATRIX)
        refuse_dropped_levels(matrix, ctx.batch.matrix, level_use(ctx.session, matrix))
    elif m.entity_id == SLA_POLICY and isinstance(value, dict):
        policy = SlaPolicy.from_dict(value)
        refuse_missing_targets(matrix, policy, changing=SLA_POLICY)
    row = ctx.session.get(SyncConfig, m.entity_id, with_for_update=True)
    if row is None:
        row = SyncConfig(id=m.entity_id)
        ctx.session.add(row)
    row.value = value
    row.updated_by = ctx.pusher.username
    row.updated_at = ctx.now
    row.server_seq = ctx.batch.next_seq()
    ctx.batch.matrix, ctx.batch.policy = matrix, policy
    return ctx.result(APPLIED)


def level_use(session: Session, matrix: PriorityMatrix) -> LevelUse:
    """How many stored tickets (and open ones) carry each level ``matrix`` lacks."""
    session.flush()  # tickets created earlier in this push count too
    is_open = case((SyncTicket.status.in_(OPEN_STATUS_VALUES), 1), else_=0)
    found: dict[str, dict[int, tuple[int, int]]] = {}
    for axis in AXES:
        column = getattr(SyncTicket, axis)
        rows = session.execute(
            select(column, func.count(), func.sum(is_open))
            .where(column > len(matrix.labels(axis)))
            .group_by(column)
        )
        found[axis] = {int(level): (int(n), int(n_open or 0)) for level, n, n_open in rows}
    return found


def load_rules(session: Session, batch: PushBatch) -> None:
    """The matrix and SLA policy in force (the administrator's, else the defaults), once
    per push. A stored matrix today's rules refuse (say, an older 4x4 one leaving a priority
    unused) counts as the default, as on every device, until an administrator sets one."""
    matrix = session.get(SyncConfig, PRIORITY_MATRIX)
    if matrix is not None:
        try:
            batch.matrix = PriorityMatrix.from_dict(matrix.value)
        except ValidationError as exc:
            log.warning("stored priority matrix not usable (%s); using the default", exc)
    policy = session.get(SyncConfig, SLA_POLICY)
    if policy is not None and isinstance(policy.value, dict):
        batch.policy = SlaPolicy.from_dict(policy.value)
