"""Local sync bookkeeping: the one ``sync_state`` row and the mirrored ``conflicts``.

Imported at the bottom of ``storage/models.py`` so ``Base.metadata`` always holds these
tables (migrations and the schema comparison see them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from opexdesk.domain.enums import Grant, Role
from opexdesk.domain.permissions import parse_grants
from opexdesk.storage.models import ID, Base
from opexdesk.storage.types import UtcDateTime

SYNC_STATE_ID = 1


class SyncState(Base):
    """Where this database stands with its central store (a single row, id 1)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(ID)
    server_url: Mapped[str | None] = mapped_column(String(500))
    username: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(16))  # the signed-in user's, from sign-in
    # The signed-in user's grants (space-separated), from sign-in and each token refresh.
    grants: Mapped[str | None] = mapped_column(String(200))
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_push_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_pull_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The error's template and arguments (KeptMessage.fields), so it shows translated.
    last_error_template: Mapped[str | None] = mapped_column(Text)
    last_error_params: Mapped[Any] = mapped_column(JSON, nullable=True)


# The last round's error columns, as KeptMessage.fields("last_error") names them.
ERROR_FIELDS = ("last_error", "last_error_template", "last_error_params")


class Conflict(Base):
    """A change the server did not apply as sent (mirror of the server's conflict rows)."""

    __tablename__ = "conflicts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    # "ticket" or "article" (then ticket_id holds the article's id; docs/sync_articles.md).
    entity: Mapped[str] = mapped_column(String(16), default="ticket", server_default="ticket")
    ticket_id: Mapped[str] = mapped_column(String(64))  # no FK: the ticket may not exist
    mutation_id: Mapped[str | None] = mapped_column(String(36))
    field: Mapped[str | None] = mapped_column(String(64))
    base: Mapped[Any] = mapped_column(JSON, nullable=True)
    local: Mapped[Any] = mapped_column(JSON, nullable=True)
    server: Mapped[Any] = mapped_column(JSON, nullable=True)
    rule: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)  # English, as older versions show it
    # The reason's template and JSON arguments (domain/kept_messages.py), for translation.
    reason_template: Mapped[str | None] = mapped_column(Text)
    reason_params: Mapped[Any] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution: Mapped[str | None] = mapped_column(String(16))  # server / local / custom
    server_seq: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_conflicts_ticket", "ticket_id"),)


def signed_in_role(s: Session) -> Role | None:
    """The role of the user this database is signed in with (stored at sign-in), for the
    checks a device makes early; None when never signed in, or for a role this version does
    not know (the central store decides then)."""
    state = s.get(SyncState, SYNC_STATE_ID)
    if state is None or not state.role:
        return None
    try:
        return Role(state.role)
    except ValueError:
        return None


def signed_in_grants(s: Session) -> frozenset[Grant]:
    """The grants of the signed-in user as last heard from the central store (none when
    never heard: the store still decides)."""
    state = s.get(SyncState, SYNC_STATE_ID)
    return parse_grants(state.grants if state is not None else None)
