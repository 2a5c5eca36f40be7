"""Append-only rows of a push: comments, work logs and attachments never conflict.

Each row is validated before its ticket is looked up; the same row replayed (e.g. re-sent
under a new mutation id) is stored once.
"""

from __future__ import annotations

import re
from typing import Any

from opexdesk.domain import ticket as rules
from opexdesk.domain.enums import CommentKind
from opexdesk.server.sync_context import APPLIED, ApplyContext
from opexdesk.server.sync_fields import Rejected, client_time, only_keys, string, whole_number

_SHA256 = re.compile(r"[0-9a-f]{64}")
MEDIA_TYPE_MAX = 120
FILENAME_MAX = 255
SIZE_MAX = 2**53  # fits every database's BIGINT and a JSON number without loss
_COMMON_KEYS = {"id", "ticket_id", "created_at"}


def append(ctx: ApplyContext) -> dict[str, Any]:
    m = ctx.m
    row_id = m.changes.get("id", m.entity_id)
    if row_id != m.entity_id:
        raise Rejected(
            "The row id {row_id} differs from the entity_id {entity_id!r}.",
            row_id=repr(row_id),
            entity_id=m.entity_id,
        )
    if m.entity == "comment":
        row = _comment(ctx)
    elif m.entity == "work_log":
        row = _work_log(ctx)
    else:
        row = _attachment(ctx)
    ticket = ctx.ticket()
    if ticket is None:
        return ctx.missing_ticket()
    owner = ctx.batch.stored_append(m.entity, m.entity_id)
    if owner is not None:
        if owner != ticket.id:
            raise Rejected(
                "A {entity} with the id {row_id} belongs to another ticket.",
                entity=m.entity,
                row_id=m.entity_id,
            )
        # The same append replayed (e.g. re-sent under a new mutation id): exactly once.
        notice = {"field": m.entity, "rule": "already_stored", "value": m.entity_id}
        return ctx.result(APPLIED, notices=[notice], ticket_number=ticket.number)
    row["ticket_id"] = ticket.id
    row["server_seq"] = ctx.batch.next_seq()
    if (
        m.entity == "comment"
        and row["kind"] == CommentKind.PUBLIC.value
        and ticket.first_response_at is None
        and ctx.pusher.username != ticket.requester
    ):
        ticket.first_response_at = row["created_at"]
    ctx.touch(ticket)
    ctx.batch.add_append(m.entity, row)
    return ctx.result(APPLIED, ticket_number=ticket.number)


def _stamped(ctx: ApplyContext, **columns: Any) -> dict[str, Any]:
    """A row with what every append records: who, from which device, and when (clamped)."""
    c = ctx.m.changes
    return {
        "id": ctx.m.entity_id,
        "author": ctx.pusher.username,
        "device_id": ctx.pusher.client_id,
        "created_at": client_time(c.get("created_at", ctx.m.created_at), ctx.now),
        **columns,
    }


def _comment(ctx: ApplyContext) -> dict[str, Any]:
    c = ctx.m.changes
    only_keys(c, _COMMON_KEYS | {"kind", "body"}, "a comment")
    kind = string(c, "kind")
    if kind not in {k.value for k in CommentKind}:
        raise Rejected("Unknown comment kind {kind!r}; use public or internal.", kind=kind)
    body = rules.clean_comment(string(c, "body") or "")
    return _stamped(ctx, kind=kind, body=body)


def _work_log(ctx: ApplyContext) -> dict[str, Any]:
    c = ctx.m.changes
    only_keys(c, _COMMON_KEYS | {"minutes", "note"}, "a work_log")
    note = rules.clean_note("note", string(c, "note", required=False))
    minutes = rules.clean_minutes(whole_number(c.get("minutes"), "minutes"))
    return _stamped(ctx, minutes=minutes, note=note)


def _attachment(ctx: ApplyContext) -> dict[str, Any]:
    c = ctx.m.changes
    only_keys(c, _COMMON_KEYS | {"sha256", "filename", "size", "media_type"}, "an attachment")
    sha256 = string(c, "sha256") or ""
    if not _SHA256.fullmatch(sha256):
        raise Rejected("'sha256' must be 64 lowercase hexadecimal digits.")
    filename = string(c, "filename") or ""
    if not filename.strip() or len(filename) > FILENAME_MAX:
        raise Rejected("'filename' must have 1 to {limit} characters.", limit=FILENAME_MAX)
    size = whole_number(c.get("size"), "size")
    if not 0 <= size <= SIZE_MAX:
        raise Rejected("'size' must be 0 to {limit:,} bytes.", limit=SIZE_MAX)
    media_type = string(c, "media_type") or ""
    if not media_type or len(media_type) > MEDIA_TYPE_MAX:
        raise Rejected("'media_type' must have 1 to {limit} characters.", limit=MEDIA_TYPE_MAX)
    return _stamped(ctx, sha256=sha256, filename=filename, size=size, media_type=media_type)
