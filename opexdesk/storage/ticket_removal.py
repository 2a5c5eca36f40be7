"""Removing a ticket with everything that hangs off it (used by a local delete and by a
pulled tombstone): children first, because of the foreign keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from opexdesk.storage.models import Attachment, AuditEvent, Comment, Ticket, Tombstone, WorkLog


def remove_ticket(
    s: Session, ticket_id: str, *, deleted_by: str, device_id: str, at: datetime
) -> bool:
    """Delete the ticket's rows and leave a tombstone; False when it was not here."""
    for model in (Comment, WorkLog, Attachment, AuditEvent):
        s.execute(delete(model).where(model.ticket_id == ticket_id))
    ticket = s.scalar(select(Ticket).where(Ticket.id == ticket_id))
    if ticket is not None:
        s.delete(ticket)
        s.flush()
    if s.get(Tombstone, ("ticket", ticket_id)) is None:
        s.add(
            Tombstone(
                entity="ticket",
                entity_id=ticket_id,
                deleted_at=at,
                deleted_by=deleted_by,
                device_id=device_id,
            )
        )
    return ticket is not None
