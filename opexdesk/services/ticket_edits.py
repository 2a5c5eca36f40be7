"""The pieces every local ticket operation shares: what a field edit changes (derived
priority, due times, status after assignment), its audit events and its outbox row.

Used by ``TicketService`` and ``ConflictService`` so an edit made while resolving a conflict
follows exactly the rules of an edit made in the editor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from opexdesk.domain import ticket as rules
from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.errors import Term, ValidationError
from opexdesk.domain.ids import new_id
from opexdesk.domain.priority import (
    PriorityMatrix,
    clean_override_reason,
    coerce_any_level,
    coerce_impact,
    coerce_priority,
    coerce_urgency,
)
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy
from opexdesk.storage.models import AuditEvent, OutboxEntry, Ticket


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def clean_field(name: str, value: Any, matrix: PriorityMatrix | None = None) -> Any:
    """One editable field's value checked by the domain rules (raises ValidationError).
    Impact and urgency are checked against ``matrix`` (the one in force); without it,
    against every level a matrix may have, and deriving the priority checks the rest."""
    if name not in rules.EDITABLE_FIELDS:
        raise ValidationError(name, "The field {name!r} cannot be edited here.", name=name)
    if name == "title":
        return rules.clean_title(value)
    if name == "description":
        return rules.clean_description(value)
    if name == "impact":
        return coerce_impact(value, matrix) if matrix else coerce_any_level(name, value)
    if name == "urgency":
        return coerce_urgency(value, matrix) if matrix else coerce_any_level(name, value)
    return rules.clean_short(name, value)


def status_after_assignment(current: Status, assignee: str | None) -> dict[str, Any]:
    if assignee and current is Status.NEW:
        return {"status": Status.ASSIGNED.value}
    if not assignee and current is Status.ASSIGNED:
        return {"status": Status.NEW.value}
    if not assignee and current in (Status.IN_PROGRESS, Status.PENDING):
        raise ValidationError(
            "assignee",
            "A ticket that is {status} needs an assignee; reassign it instead.",
            status=Term(current.label),
        )
    return {}


def plan_update(
    ticket: Ticket,
    cleaned: dict[str, Any],
    matrix: PriorityMatrix,
    policy: SlaPolicy = DEFAULT_POLICY,
) -> dict[str, Any]:
    """Every column an edit of ``cleaned`` changes, derived ones included (may be empty)."""
    diff = {k: v for k, v in cleaned.items() if getattr(ticket, k) != v}
    if "assignee" in diff:
        diff.update(status_after_assignment(Status(ticket.status), diff["assignee"]))
    if "impact" in diff or "urgency" in diff:
        impact = diff.get("impact", ticket.impact)
        urgency = diff.get("urgency", ticket.urgency)
        priority = int(matrix.priority_for(impact, urgency))
        if priority != ticket.priority and ticket.priority_override_reason is None:
            diff["priority"] = priority
            response_due, resolution_due = policy.due_times(Priority(priority), ticket.created_at)
            diff["resolution_due_at"] = resolution_due
            diff["response_due_at"] = response_due
    return diff


def record_outbox(
    s: Session, entity: str, entity_id: str, op: str, changes: dict[str, Any], now: datetime
) -> str:
    """The outbox row of one operation; returns its mutation id."""
    mutation_id = new_id()
    s.add(
        OutboxEntry(
            mutation_id=mutation_id,
            entity=entity,
            entity_id=entity_id,
            op=op,
            changes=changes,
            created_at=now,
            state="pending",
        )
    )
    return mutation_id


def record_audit(
    s: Session,
    actor: str,
    ticket_id: str,
    action: str,
    field: str | None,
    old: Any,
    new: Any,
    device: str,
    now: datetime,
    mutation_id: str,
    note: str | None = None,
) -> None:
    new_value = json_value(new)
    if note is not None:
        new_value = {"value": new_value, "note": note}
    s.add(
        AuditEvent(
            id=new_id(),
            ticket_id=ticket_id,
            action=action,
            field=field,
            old_value=json_value(old),
            new_value=new_value,
            actor=actor,
            device_id=device,
            at=now,
            mutation_id=mutation_id,
        )
    )


def plan_override(
    ticket: Ticket,
    priority: int | None,
    reason: str | None,
    matrix: PriorityMatrix,
    policy: SlaPolicy = DEFAULT_POLICY,
) -> dict[str, Any]:
    """The columns a priority override (or its end, ``priority=None``) changes."""
    if priority is None:
        if ticket.priority_override_reason is None:
            return {}
        target, new_reason = matrix.priority_for(ticket.impact, ticket.urgency), None
    else:
        target, new_reason = coerce_priority(priority, matrix), clean_override_reason(reason)
    diff: dict[str, Any] = {}
    if new_reason != ticket.priority_override_reason:
        diff["priority_override_reason"] = new_reason
    if int(target) != ticket.priority:
        diff["priority"] = int(target)
        diff["response_due_at"], diff["resolution_due_at"] = policy.due_times(
            target, ticket.created_at
        )
    return diff


def apply_update(
    s: Session,
    ticket: Ticket,
    diff: dict[str, Any],
    actor: str,
    device: str,
    now: datetime,
    mutation_id: str,
) -> None:
    """Write ``diff`` onto the ticket with one audit event per column."""
    for name, value in diff.items():
        record_audit(
            s,
            actor,
            ticket.id,
            "field_changed",
            name,
            getattr(ticket, name),
            value,
            device,
            now,
            mutation_id,
        )
        setattr(ticket, name, value)
    ticket.updated_at = now
    ticket.version += 1
