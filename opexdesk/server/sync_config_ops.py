"""Shared configuration in a push: an administrator sets the priority matrix or SLA policy.

Checked with the domain's parsers (``domain/shared_config.py``), stored with a new
``server_seq`` so every device pulls it; a matrix set in a batch applies to the mutations
after it in the same batch.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from opexdesk.domain.enums import Role
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.shared_config import PRIORITY_MATRIX, SLA_POLICY, check_config
from opexdesk.domain.sla import SlaPolicy
from opexdesk.server.sync_batch import PushBatch
from opexdesk.server.sync_context import APPLIED, ApplyContext
from opexdesk.server.sync_fields import Rejected, only_keys
from opexdesk.server.sync_models import SyncConfig


def set_config(ctx: ApplyContext) -> dict[str, Any]:
    m = ctx.m
    if ctx.pusher.role is not Role.ADMIN:
        raise Rejected("Only an administrator may change shared settings.")
    only_keys(m.changes, {"value"}, "a setting")
    if "value" not in m.changes:
        raise Rejected("A setting needs its 'value'.")
    value = check_config(m.entity_id, m.changes["value"])
    row = ctx.session.get(SyncConfig, m.entity_id, with_for_update=True)
    if row is None:
        row = SyncConfig(id=m.entity_id)
        ctx.session.add(row)
    row.value = value
    row.updated_by = ctx.pusher.username
    row.updated_at = ctx.now
    row.server_seq = ctx.batch.next_seq()
    if m.entity_id == PRIORITY_MATRIX:
        ctx.batch.matrix = PriorityMatrix.from_dict(value)
    elif m.entity_id == SLA_POLICY and isinstance(value, dict):
        ctx.batch.policy = SlaPolicy.from_dict(value)
    return ctx.result(APPLIED)


def load_rules(session: Session, batch: PushBatch) -> None:
    """The matrix and SLA policy in force (the administrator's, else the defaults), once
    per push."""
    matrix = session.get(SyncConfig, PRIORITY_MATRIX)
    if matrix is not None:
        batch.matrix = PriorityMatrix.from_dict(matrix.value)
    policy = session.get(SyncConfig, SLA_POLICY)
    if policy is not None and isinstance(policy.value, dict):
        batch.policy = SlaPolicy.from_dict(policy.value)
