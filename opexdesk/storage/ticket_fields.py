"""The ticket fields every replica stores: the client's working copy and the central store.

One declaration, mixed into ``storage.models.Ticket`` and ``server.sync_models.SyncTicket``,
so the two schemas cannot drift apart (each side adds only its own keys and bookkeeping).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from opexdesk.storage.types import UtcDateTime

SHORT_TEXT = 120  # requester, site, category, assignee, group, people


class TicketFields:
    """Declarative mixin: the synced state of a ticket."""

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    requester: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    site: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    category: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    impact: Mapped[int] = mapped_column(Integer)
    urgency: Mapped[int] = mapped_column(Integer)
    priority: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    assignee: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    group_name: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    created_by: Mapped[str] = mapped_column(String(SHORT_TEXT))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    response_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_note: Mapped[str | None] = mapped_column(Text)
    # Set when a person chose the priority (with this reason): the matrix no longer moves it.
    priority_override_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)  # bumped on every change


# What a pull page carries per ticket besides its number: every synced field except the
# version, which each replica counts for itself.
SYNCED_FIELDS: tuple[str, ...] = tuple(
    name for name in TicketFields.__annotations__ if name != "version"
)
# The synced fields that hold a time (sent as ISO 8601 text).
TIME_FIELDS: frozenset[str] = frozenset(
    name for name, kind in TicketFields.__annotations__.items() if "datetime" in str(kind)
)
