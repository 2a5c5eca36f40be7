"""Applying one pushed mutation to the stored state (docs/sync.md, "Push").

``apply_mutation`` runs inside the push request's transaction, in a SAVEPOINT of its own
when the push runs carefully (``sync_push``): a rejected mutation leaves no trace but its
ledger row (written by the caller), so the client's queue never wedges on it. Every
changed row gets a new ``server_seq`` from the push's ``PushBatch`` (the ``seq_counter``
row lock is held to commit, so seq order is commit order). The operations live beside
this module: ``sync_ticket_ops`` (create, edit, status move), ``sync_appends`` (comments,
work logs, attachments), ``sync_removal`` (delete, conflict resolution),
``sync_article_ops`` (knowledge-base articles, docs/sync_articles.md); ``sync_fields``
checks the values.

Outcome statuses: ``applied`` (as sent), ``merged`` (applied with automatic resolutions the
user is told about in ``notices``), ``conflict`` (some change was not applied and is kept in
``sync_conflicts`` rows named by ``conflict_ids``), ``rejected`` (nothing applied; ``reason``
says why, in English, with ``reason_template`` and ``reason_params`` for a client to show it in
its own language), ``duplicate`` (already processed; set by the caller).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from opexdesk.domain.errors import DomainError
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.server import (
    sync_appends,
    sync_article_ops,
    sync_config_ops,
    sync_removal,
    sync_ticket_ops,
)
from opexdesk.server.sync_batch import APPEND_MODELS, ID_MAX, PushBatch
from opexdesk.server.sync_context import (
    APPLIED,
    CONFLICT,
    DUPLICATE,
    MERGED,
    REJECTED,
    ApplyContext,
    Mutation,
    Pusher,
    outcome,
)
from opexdesk.server.sync_fields import DERIVED_FIELDS, Rejected, json_value

__all__ = [
    "APPLIED",
    "CONFLICT",
    "DUPLICATE",
    "MERGED",
    "REJECTED",
    "Mutation",
    "Pusher",
    "Rejected",
    "apply_mutation",
    "outcome",
    "resend_ticket",
]

APPEND_ENTITIES = tuple(APPEND_MODELS)
_TICKET_OPS: dict[str, Callable[[ApplyContext], dict[str, Any]]] = {
    "create": sync_ticket_ops.create,
    "update": sync_ticket_ops.update,
    "transition": sync_ticket_ops.transition,
    "override": sync_ticket_ops.override,
    "delete": sync_removal.delete,
}
_ARTICLE_OPS: dict[str, Callable[[ApplyContext], dict[str, Any]]] = {
    "create": sync_article_ops.create,
    "save": sync_article_ops.save,
    "move": sync_article_ops.move,
    "vote": sync_article_ops.vote,
    "link": sync_article_ops.link,
}


def apply_mutation(
    session: Session,
    batch: PushBatch,
    mutation: Mutation,
    pusher: Pusher,
    now: datetime,
    *,
    savepoint: bool = True,
) -> dict[str, Any]:
    """Apply ``mutation`` and return its outcome (see the module doc).

    With ``savepoint`` (the careful run) a rejection is an outcome and leaves nothing
    behind. Without (the fast run, ``sync_push``) ``Rejected`` and ``DomainError`` are
    raised to the caller, which starts the batch again carefully.
    """
    ctx = ApplyContext(session, batch, mutation, pusher, now)
    if not savepoint:
        result = _run(ctx)
        if _pusher_sees_otherwise(batch, mutation, result):
            resend_ticket(batch, mutation.entity, mutation.entity_id, mutation.changes)
        return result
    try:
        with session.begin_nested():
            result = _run(ctx)
            session.flush()
            batch.write_appends()
    except (Rejected, DomainError) as exc:
        result = outcome(mutation.mutation_id, REJECTED, reason=KeptMessage.of(exc))
    except (IntegrityError, DataError) as exc:
        # A value the checks let through but the database refuses: this mutation only.
        refused = Rejected(
            "The store could not save this change ({error}).", error=type(exc.orig).__name__
        )
        result = outcome(mutation.mutation_id, REJECTED, reason=KeptMessage.of(refused))
    if _pusher_sees_otherwise(batch, mutation, result):
        resend_ticket(batch, mutation.entity, mutation.entity_id, mutation.changes)
    return result


def _pusher_sees_otherwise(batch: PushBatch, m: Mutation, result: dict[str, Any]) -> bool:
    """Whether the pushing device may now show a value the store does not have, so the
    ticket must be sent to it again (see ``resend_ticket``): the edit was not taken as sent,
    or the device derived a priority or due time the server derived differently (say, from
    a placeholder's creation time, or under a matrix or SLA policy it had not pulled yet)."""
    if result["status"] != APPLIED or result["notices"]:
        return True
    if m.entity != "ticket" or m.op != "update" or not isinstance(m.changes, dict):
        return False
    ticket = batch.ticket(m.entity_id)
    if ticket is None:
        return False
    for field in DERIVED_FIELDS:
        change = m.changes.get(field)
        sent = change.get("new") if isinstance(change, dict) else None
        if sent is not None and sent != json_value(getattr(ticket, field)):
            return True
    return False


def _run(ctx: ApplyContext) -> dict[str, Any]:
    m = ctx.m
    if not m.entity_id or len(m.entity_id) > ID_MAX:
        raise Rejected("entity_id must be an id of 1 to {limit} characters.", limit=ID_MAX)
    if m.entity == "ticket":
        handler = _TICKET_OPS.get(m.op)
        if handler is None:
            raise Rejected(
                "Unknown operation {op!r} on a ticket; use create, update, transition or delete.",
                op=m.op,
            )
        return handler(ctx)
    if m.entity == "article":
        article_op = _ARTICLE_OPS.get(m.op)
        if article_op is None:
            raise Rejected(
                "Unknown operation {op!r} on an article; use create, save, move, vote or link.",
                op=m.op,
            )
        return article_op(ctx)
    if m.entity == "config":
        if m.op != "set":
            raise Rejected("Unknown operation {op!r} on a setting; use set.", op=m.op)
        return sync_config_ops.set_config(ctx)
    if m.entity == "conflict":
        if m.op != "resolve":
            raise Rejected("Unknown operation {op!r} on a conflict; use resolve.", op=m.op)
        return sync_removal.resolve(ctx)
    if m.entity in APPEND_ENTITIES:
        if m.op != "append":
            raise Rejected(
                "Unknown operation {op!r} on a {entity}; use append.", op=m.op, entity=m.entity
            )
        return sync_appends.append(ctx)
    raise Rejected(
        "Unknown entity {entity!r}; use {entities}.",
        entity=m.entity,
        entities=", ".join(("ticket", "conflict", "config", "article", *APPEND_ENTITIES)),
    )


def resend_ticket(batch: PushBatch, entity: str, entity_id: str, changes: Any) -> None:
    """A new server_seq for the mutation's ticket (or article), so every device pulls its
    row again.

    The pusher may show a value the store does not have: a pull while its edit was pending
    kept the local value. When the edit is then not taken as sent (conflict, kept value,
    rejection) or its first answer was lost (a duplicate now), the row would otherwise never
    be sent again and that replica would keep the wrong value.
    """
    if entity == "article":
        sync_article_ops.resend_article(batch, entity_id)
        return
    if entity == "conflict" and 0 < len(entity_id) <= ID_MAX:
        conflict = batch.conflict(entity_id)
        if conflict is not None and conflict.entity == "article":
            sync_article_ops.resend_article(batch, conflict.ticket_id)
            return
    ticket_id = entity_id if entity == "ticket" else None
    if ticket_id is None and isinstance(changes, dict):
        ticket_id = changes.get("ticket_id")
    if isinstance(ticket_id, str) and 0 < len(ticket_id) <= ID_MAX:
        ticket = batch.ticket(ticket_id)
        if ticket is not None:
            ticket.server_seq = batch.next_seq()
