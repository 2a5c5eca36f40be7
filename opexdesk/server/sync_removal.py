"""Deleting a ticket (with a tombstone for the replicas) and resolving a conflict record
(of a ticket, or of an article: ``sync_article_ops`` applies those)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete as sa_delete

from opexdesk.domain import ticket as rules
from opexdesk.domain.permissions import deletion_refusal
from opexdesk.server import sync_article_ops
from opexdesk.server.sync_context import APPLIED, ApplyContext
from opexdesk.server.sync_fields import Rejected, field_edits, only_keys, string
from opexdesk.server.sync_models import (
    SyncAttachment,
    SyncComment,
    SyncConflict,
    SyncTombstone,
    SyncWorkLog,
)
from opexdesk.server.sync_ticket_ops import apply_edits

RESOLUTIONS = frozenset({"server", "local", "custom"})


def delete(ctx: ApplyContext) -> dict[str, Any]:
    """Delete a ticket with everything appended to it; a tombstone tells the replicas."""
    m = ctx.m
    only_keys(m.changes, {"reason"}, "a deletion")
    refused = deletion_refusal(ctx.pusher.role)
    if refused is not None:
        raise Rejected(refused)
    reason = rules.clean_note("reason", string(m.changes, "reason", required=False)) or None
    ticket = ctx.batch.ticket(m.entity_id)
    if ticket is None:
        if ctx.batch.tombstoned(m.entity_id):
            notice = {"field": "ticket", "rule": "already_done", "value": m.entity_id}
            return ctx.result(APPLIED, notices=[notice])
        raise Rejected(
            "The ticket {ticket_id} does not exist on the server.", ticket_id=m.entity_id
        )
    ctx.session.flush()
    ctx.batch.write_appends()  # the rows this batch appended go with the ticket too
    for model in (SyncComment, SyncWorkLog, SyncAttachment):
        ctx.session.execute(sa_delete(model).where(model.ticket_id == ticket.id))
    ctx.session.add(
        SyncTombstone(
            id=ticket.id,
            entity="ticket",
            number=ticket.number,
            title=ticket.title,
            deleted_by=ctx.pusher.username,
            deleted_at=ctx.now,
            reason=reason,
            server_seq=ctx.batch.next_seq(),
        )
    )
    number = ticket.number
    ctx.session.delete(ticket)
    ctx.session.flush()
    ctx.batch.forget_ticket(ticket.id)
    return ctx.result(APPLIED, ticket_number=number)


def resolve(ctx: ApplyContext) -> dict[str, Any]:
    """The user's decision on a conflict record: keep the server's value, or apply theirs
    (as sent, or edited) as a new edit against the current value. A second decision from
    another device still applies its edit: nothing chosen is dropped."""
    m = ctx.m
    c = m.changes
    only_keys(c, {"choice", "ticket_id", "field", "base", "new"}, "a resolution")
    choice = string(c, "choice")
    if choice not in RESOLUTIONS:
        raise Rejected("Unknown choice {choice!r}; use server, local or custom.", choice=choice)
    conflict = ctx.batch.conflict(m.entity_id)
    if conflict is None or conflict.user_id != ctx.pusher.user_id:
        raise Rejected(
            "There is no conflict {conflict_id} of yours to resolve.", conflict_id=m.entity_id
        )
    result: dict[str, Any] = ctx.result(APPLIED)
    if choice != "server":
        result = _apply_choice(ctx, conflict, c)
    if conflict.resolved_at is None:
        conflict.resolved_at = ctx.now
        conflict.resolution = choice
        conflict.resolution_mutation_id = m.mutation_id
        conflict.server_seq = ctx.batch.next_seq()
    else:
        result.setdefault("notices", []).append(
            {"field": conflict.field, "rule": "already_resolved", "value": conflict.resolution}
        )
    return result


def _apply_choice(ctx: ApplyContext, conflict: SyncConflict, c: dict[str, Any]) -> dict[str, Any]:
    """The chosen value as a new edit of the conflict's field against what is stored now,
    through the usual rules (of tickets, or of articles: the same as a save of that field)."""
    article = conflict.entity == "article"
    if conflict.field is None:
        if article:
            raise Rejected("This change was refused as a whole; it can only be dismissed.")
        raise Rejected(
            "This change could not be applied as a whole (its ticket is gone); "
            "it can only be dismissed."
        )
    if c.get("field") != conflict.field:
        raise Rejected("The resolution must edit the field {field!r}.", field=conflict.field)
    edit = {conflict.field: {"base": c.get("base"), "new": c.get("new")}}
    if article:
        return sync_article_ops.resolve_edit(ctx, conflict.ticket_id, edit)
    edits = field_edits(edit)
    ticket = ctx.batch.ticket(conflict.ticket_id)
    if ticket is None:
        raise Rejected("The ticket {ticket_id} no longer exists.", ticket_id=conflict.ticket_id)
    return apply_edits(ctx, ticket, edits)
