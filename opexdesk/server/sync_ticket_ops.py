"""Ticket operations of a push: create, field edits under the conflict policy, status moves."""

from __future__ import annotations

from typing import Any

from opexdesk.domain import ticket as rules
from opexdesk.domain.conflicts import replay_transition, resolve_field
from opexdesk.domain.enums import Status, parse_status
from opexdesk.domain.errors import Term, TransitionError
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.domain.permissions import DISPATCHER_ROLES, assignment_refusal
from opexdesk.domain.priority import clean_override_reason, coerce_priority
from opexdesk.domain.workflow import TransitionRequest, check_transition
from opexdesk.server.sync_context import APPLIED, CONFLICT, MERGED, ApplyContext, keep_reason
from opexdesk.server.sync_fields import (
    Rejected,
    clean_field,
    client_time,
    field_edits,
    only_keys,
    string,
    whole_number,
)
from opexdesk.server.sync_models import SyncConflict, SyncTicket

SHORT_FIELDS = ("requester", "site", "category", "assignee", "group_name")


def create(ctx: ApplyContext) -> dict[str, Any]:
    m = ctx.m
    changes = m.changes
    unknown = set(changes) - set(rules.EDITABLE_FIELDS) - {"priority", "status"}
    if unknown:
        raise Rejected("Unknown ticket fields: {fields}.", fields=", ".join(sorted(unknown)))
    if "title" not in changes:
        raise Rejected("A new ticket needs a title.")
    matrix = ctx.batch.matrix
    values = {f: clean_field(f, changes[f], matrix) for f in rules.EDITABLE_FIELDS if f in changes}
    if ctx.batch.ticket(m.entity_id) is not None:
        raise Rejected("A ticket with the id {ticket_id} already exists.", ticket_id=m.entity_id)
    if ctx.batch.tombstoned(m.entity_id):
        raise Rejected(
            "The ticket {ticket_id} was deleted; its id cannot be used again.",
            ticket_id=m.entity_id,
        )
    # Not sent: level 3 as before, or the least severe level of a smaller matrix.
    impact = values.get("impact", min(3, len(matrix.impacts)))
    urgency = values.get("urgency", min(3, len(matrix.urgencies)))
    priority = matrix.priority_for(impact, urgency)
    created_at = client_time(m.created_at, ctx.now)
    response_due, resolution_due = ctx.batch.policy.due_times(priority, created_at)
    ticket = SyncTicket(
        id=m.entity_id,
        number=ctx.batch.next_ticket_number(),
        title=values["title"],
        description=values.get("description", ""),
        impact=impact,
        urgency=urgency,
        priority=int(priority),
        status=rules.initial_status(values.get("assignee")).value,
        created_by=ctx.pusher.username,
        created_at=created_at,
        updated_at=ctx.now,
        response_due_at=response_due,
        resolution_due_at=resolution_due,
        version=1,
        server_seq=ctx.batch.next_seq(),
        **{f: values.get(f) for f in SHORT_FIELDS},
    )
    ctx.session.add(ticket)
    ctx.batch.add_ticket(ticket)
    return ctx.result(APPLIED, ticket_number=ticket.number)


def update(ctx: ApplyContext) -> dict[str, Any]:
    edits = field_edits(ctx.m.changes, ctx.batch.matrix)
    ticket = ctx.ticket()
    if ticket is None:
        return ctx.missing_ticket()
    return apply_edits(ctx, ticket, edits)


def apply_edits(
    ctx: ApplyContext, ticket: SyncTicket, edits: dict[str, tuple[Any, Any]]
) -> dict[str, Any]:
    """Per field: apply when the base is what is stored, else the conflict policy."""
    pusher = ctx.pusher
    dispatcher = pusher.role in DISPATCHER_ROLES
    notices: list[dict[str, Any]] = []
    conflicts: list[SyncConflict] = []
    changed = False
    for field, (base, new) in edits.items():
        stored = getattr(ticket, field)
        if stored == base:
            value = new
        else:
            decided = resolve_field(
                field, base, new, stored, local_by_dispatcher=dispatcher, server_by_dispatcher=False
            )
            value = decided.value
            if decided.conflict:
                conflicts.append(
                    ctx.conflict(ticket.id, field, base, new, stored, decided.rule.value)
                )
            elif decided.notice:
                notices.append(
                    {
                        "field": field,
                        "rule": decided.rule.value,
                        "value": value,
                        "kept_local": decided.kept_local,
                    }
                )
        if field == "assignee" and value != stored:
            permission = assignment_refusal(pusher.role, pusher.username, stored, value)
            refused = None if permission is None else KeptMessage.of(permission)
            rule = "permission"
            if refused is None:
                refused = _assign(ticket, value)
                rule = "workflow"
            if refused is not None:
                conflict = ctx.conflict(ticket.id, field, base, new, stored, rule)
                keep_reason(conflict, refused)
                conflicts.append(conflict)
                continue
        if value != stored:
            setattr(ticket, field, value)
            changed = True
    if changed:
        ctx.derive_priority(ticket)
        ctx.touch(ticket)
    status = CONFLICT if conflicts else MERGED if notices else APPLIED
    return ctx.result(
        status,
        notices=notices,
        conflict_ids=[c.id for c in conflicts],
        ticket_number=ticket.number,
    )


def _assign(ticket: SyncTicket, assignee: str | None) -> KeptMessage | None:
    """Move New <-> Assigned with the assignee, as the client does; a reason if refused."""
    current = Status(ticket.status)
    if assignee and current is Status.NEW:
        ticket.status = Status.ASSIGNED.value
    elif not assignee and current is Status.ASSIGNED:
        ticket.status = Status.NEW.value
    elif not assignee and current in (Status.IN_PROGRESS, Status.PENDING):
        refused = Rejected(
            "A ticket that is {status} needs an assignee; reassign it instead.",
            status=Term(current.label),
        )
        return KeptMessage.of(refused)
    return None


def transition(ctx: ApplyContext) -> dict[str, Any]:
    changes = ctx.m.changes
    only_keys(changes, {"from", "to", "note"}, "a status move")
    requested_from = parse_status(string(changes, "from") or "")
    target = parse_status(string(changes, "to") or "")
    note = rules.clean_note("resolution_note", string(changes, "note", required=False)) or None
    ticket = ctx.ticket()
    if ticket is None:
        return ctx.missing_ticket()
    current = Status(ticket.status)
    replay = replay_transition(current, requested_from, target, ticket.assignee, note)
    if not replay.applied:
        raise _refused_move(current, requested_from, target, ticket.assignee, note, replay.reason)
    if current is target:
        notice = {"field": "status", "rule": "already_done", "value": target.value}
        return ctx.result(APPLIED, notices=[notice], ticket_number=ticket.number)
    if target is Status.RESOLVED:
        ticket.resolved_at, ticket.resolution_note = ctx.now, note
    elif target is Status.CLOSED:
        ticket.closed_at = ctx.now
    elif current is Status.RESOLVED:  # reopen
        ticket.resolved_at = None
    ticket.status = target.value
    ctx.touch(ticket)
    return ctx.result(APPLIED, ticket_number=ticket.number)


def _refused_move(
    current: Status,
    requested_from: Status,
    target: Status,
    assignee: str | None,
    note: str | None,
    reason: str | None,
) -> Rejected:
    """The workflow's refusal as a template with its arguments (the replay gives only its
    text), with the status the ticket has now when it moved since the user's move."""
    try:
        check_transition(TransitionRequest(current, target, assignee, note))
    except TransitionError as exc:
        if current is requested_from:
            refused = Rejected(exc.template or str(exc), **exc.params)
        else:
            refused = Rejected(
                "{refusal} (it is now {status})", refusal=exc, status=Term(current.label)
            )
        if str(refused) == reason:
            return refused
    return Rejected(reason or "The status move is not allowed.")


def override(ctx: ApplyContext) -> dict[str, Any]:
    """A priority set by hand with a reason (or the end of it, ``priority: null``). A
    deliberate choice: it applies over a newer priority, with a notice saying so."""
    changes = ctx.m.changes
    only_keys(changes, {"priority", "reason", "base"}, "a priority override")
    value = changes.get("priority")
    reason = None if value is None else clean_override_reason(string(changes, "reason"))
    target = (
        None
        if value is None
        else coerce_priority(whole_number(value, "priority"), ctx.batch.matrix)
    )
    ticket = ctx.ticket()
    if ticket is None:
        return ctx.missing_ticket()
    notices: list[dict[str, Any]] = []
    base = changes.get("base")
    if base is not None and base != ticket.priority:
        notices.append({"field": "priority", "rule": "override_wins", "value": ticket.priority})
    before = (ticket.priority, ticket.priority_override_reason)
    ticket.priority_override_reason = reason
    if target is None:
        ctx.derive_priority(ticket)
    elif int(target) != ticket.priority:
        ticket.priority = int(target)
        ticket.response_due_at, ticket.resolution_due_at = ctx.batch.policy.due_times(
            target, ticket.created_at
        )
    if (ticket.priority, ticket.priority_override_reason) != before:
        ctx.touch(ticket)
    status = MERGED if notices else APPLIED
    return ctx.result(status, notices=notices, ticket_number=ticket.number)
