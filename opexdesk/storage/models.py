"""SQLAlchemy 2.x typed models of the local store (sync-ready: UUIDv7 ids, outbox, audit)."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Computed,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from opexdesk.domain.enums import OPEN_STATUS_VALUES
from opexdesk.storage.ticket_fields import TicketFields
from opexdesk.storage.types import UtcDateTime

# Stable constraint names so Alembic migrations are reproducible on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(36)  # canonical UUID text

OPEN_TEST = "status IN (" + ", ".join(f"'{v}'" for v in OPEN_STATUS_VALUES) + ")"


def open_only_index(name: str, *columns: str) -> Index:
    """A partial index over open tickets; queries reach it with the constant ``is_open = 1``."""
    return Index(
        name,
        *columns,
        sqlite_where=sql_text("is_open = 1"),
        postgresql_where=sql_text("is_open"),
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Ticket(TicketFields, Base):
    """The local working state of a ticket (what the UI reads and edits)."""

    __tablename__ = "tickets"

    # Local integer key: the SQLite rowid, used by list paging and full-text search.
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    number: Mapped[int | None] = mapped_column(Integer, unique=True)  # given by the server
    provisional_number: Mapped[str] = mapped_column(String(32))
    # Derived by the database (virtual on SQLite) so the open queue has small partial
    # indexes that a query can use with the constant test ``is_open = 1`` (revision 0003).
    is_open: Mapped[bool] = mapped_column(Boolean, Computed(OPEN_TEST))

    # Deleted tickets leave this table for `tombstones`, so list queries need no
    # "not deleted" filter and every sort below is a pure index walk (revision 0002).
    __table_args__ = (
        Index("ix_tickets_updated", "updated_at", "local_id"),
        Index("ix_tickets_created", "created_at", "local_id"),
        Index("ix_tickets_due", "resolution_due_at", "local_id"),
        Index("ix_tickets_priority", "priority", "local_id"),
        Index("ix_tickets_status", "status", "local_id"),
        Index("ix_tickets_status_updated", "status", "updated_at", "local_id"),
        Index("ix_tickets_assignee", "assignee", "local_id"),
        Index("ix_tickets_title", "title", "local_id"),
        Index("ix_tickets_requester", "requester", "local_id"),
        Index("ix_tickets_site", "site", "local_id"),
        Index("ix_tickets_category", "category", "local_id"),
        open_only_index("ix_tickets_open_due", "resolution_due_at", "local_id"),
        open_only_index("ix_tickets_open_priority", "priority", "local_id"),
        open_only_index("ix_tickets_open_updated", "updated_at", "local_id"),
    )


class Tombstone(Base):
    """A deleted entity, kept past the retention horizon so every replica learns of it."""

    __tablename__ = "tombstones"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_by: Mapped[str] = mapped_column(String(120))
    device_id: Mapped[str] = mapped_column(ID)


class Comment(Base):
    """Append-only conversation entry: a public reply or an internal note."""

    __tablename__ = "comments"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class WorkLog(Base):
    """Append-only record of time spent on a ticket."""

    __tablename__ = "work_logs"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(120))
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Attachment(Base):
    """A file attached to a ticket; the bytes live in the content-addressed blob store."""

    __tablename__ = "attachments"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(120))
    author: Mapped[str] = mapped_column(String(120))
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class User(Base):
    """A person who can own tickets (mirrored from the central store)."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    group_name: Mapped[str | None] = mapped_column(String(120))
    away: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEvent(Base):
    """One entry of a ticket's history: who changed what, when, from which device."""

    __tablename__ = "audit_events"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"))
    action: Mapped[str] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    actor: Mapped[str] = mapped_column(String(120))
    device_id: Mapped[str] = mapped_column(ID)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    mutation_id: Mapped[str | None] = mapped_column(ID)

    __table_args__ = (Index("ix_audit_events_ticket_at", "ticket_id", "at"),)


class OutboxEntry(Base):
    """A local change waiting to be pushed to the central store (DESIGN.md section 3)."""

    __tablename__ = "outbox"

    client_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(ID, unique=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID)
    op: Mapped[str] = mapped_column(String(32))
    # For field edits: {"field": {"base": old, "new": new}}; for appends: the new row.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    outcome: Mapped[str | None] = mapped_column(Text)

    # AUTOINCREMENT: a seq is never reused after acknowledged rows are dropped.
    __table_args__ = (
        Index("ix_outbox_state", "state", "client_seq"),
        {"sqlite_autoincrement": True},
    )


class Setting(Base):
    """Small key/value facts about this database: device id, counters."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# The sync and knowledge-base tables share Base.metadata; imported last (they import Base).
from opexdesk.storage import kb_models as _kb_models  # noqa: E402, F401
from opexdesk.storage import sync_models as _sync_models  # noqa: E402, F401
