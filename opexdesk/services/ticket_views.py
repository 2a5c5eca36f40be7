"""Read models of one ticket for the editor: fields, history, comments, work, attachments."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from opexdesk.domain.errors import NotFoundError
from opexdesk.storage.models import Attachment, AuditEvent, Comment, Ticket, WorkLog
from opexdesk.storage.ticket_list import format_number


@dataclass(frozen=True)
class TicketDetail:
    id: str
    local_id: int
    display_number: str
    title: str
    description: str
    requester: str | None
    site: str | None
    category: str | None
    impact: int
    urgency: int
    priority: int
    priority_override_reason: str | None
    status: str
    assignee: str | None
    group_name: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    resolution_note: str | None
    version: int


# Every TicketDetail field but the formatted number is a column of the same name.
_STORED = frozenset(f.name for f in fields(TicketDetail)) - {"display_number"}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    device_id: str
    action: str
    field: str | None
    old_value: Any
    new_value: Any


@dataclass(frozen=True)
class CommentView:
    id: str
    kind: str
    body: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class WorkLogView:
    id: str
    minutes: int
    note: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class AttachmentView:
    id: str
    sha256: str
    filename: str
    size: int
    media_type: str
    author: str
    created_at: datetime


def load_ticket(session: Session, ticket_id: str) -> Ticket:
    ticket = session.scalar(select(Ticket).where(Ticket.id == ticket_id))
    if ticket is None:
        raise NotFoundError(
            "Ticket {ticket_id} does not exist (it may have been deleted).", ticket_id=ticket_id
        )
    return ticket


def detail_of(ticket: Ticket) -> TicketDetail:
    values = {name: getattr(ticket, name) for name in _STORED}
    return TicketDetail(
        display_number=format_number(ticket.number, ticket.provisional_number), **values
    )


def history_of(session: Session, ticket_id: str) -> list[HistoryEntry]:
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.ticket_id == ticket_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [
        HistoryEntry(e.at, e.actor, e.device_id, e.action, e.field, e.old_value, e.new_value)
        for e in rows
    ]


def comments_of(session: Session, ticket_id: str) -> list[CommentView]:
    rows = session.scalars(
        select(Comment)
        .where(Comment.ticket_id == ticket_id)
        .order_by(Comment.created_at, Comment.id)
    )
    return [CommentView(c.id, c.kind, c.body, c.author, c.created_at) for c in rows]


def work_logs_of(session: Session, ticket_id: str) -> list[WorkLogView]:
    rows = session.scalars(
        select(WorkLog)
        .where(WorkLog.ticket_id == ticket_id)
        .order_by(WorkLog.created_at, WorkLog.id)
    )
    return [WorkLogView(w.id, w.minutes, w.note, w.author, w.created_at) for w in rows]


def attachments_of(session: Session, ticket_id: str) -> list[AttachmentView]:
    rows = session.scalars(
        select(Attachment).where(Attachment.ticket_id == ticket_id).order_by(Attachment.created_at)
    )
    return [
        AttachmentView(a.id, a.sha256, a.filename, a.size, a.media_type, a.author, a.created_at)
        for a in rows
    ]
