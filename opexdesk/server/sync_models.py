"""Tables of the sync protocol (docs/sync.md), on the server's own ``ServerBase`` metadata.

Every row a client can pull carries a ``server_seq`` taken from the single ``seq_counter``
row inside the writing transaction (``UPDATE ... SET value = value + 1 RETURNING value``):
the row lock is held to commit, so seq order is commit order and a reader's cursor never
skips a row that commits late. A row's ``server_seq`` is replaced on every change, so a
pull returns the current state of each changed row once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from opexdesk.domain import article as kb
from opexdesk.server.models import ID, ServerBase
from opexdesk.storage.ticket_fields import TicketFields
from opexdesk.storage.types import UtcDateTime

SHORT = String(120)  # requester, site, category, assignee, group, author (as on the client)
CLIENT_ID_MAX = 64
ENTITY_MAX = 32
OP_MAX = 32


class SeqCounter(ServerBase):
    """The one row of counters: ``value`` is the last server_seq handed out; ``ticket_number``
    the last ticket number. Both advance only under this row's lock."""

    __tablename__ = "seq_counter"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    ticket_number: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncTicket(TicketFields, ServerBase):
    """The stored state of a ticket (mirrors the client's ``tickets`` columns)."""

    __tablename__ = "sync_tickets"
    __table_args__ = (Index("ix_sync_tickets_server_seq", "server_seq"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger, unique=True)  # given by the server
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncComment(ServerBase):
    """Append-only: a public reply or an internal note."""

    __tablename__ = "sync_comments"
    __table_args__ = (
        Index("ix_sync_comments_server_seq", "server_seq"),
        Index("ix_sync_comments_ticket_id", "ticket_id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ID, ForeignKey("sync_tickets.id"))
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(SHORT)
    device_id: Mapped[str] = mapped_column(String(CLIENT_ID_MAX))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncWorkLog(ServerBase):
    """Append-only: time spent on a ticket."""

    __tablename__ = "sync_work_logs"
    __table_args__ = (
        Index("ix_sync_work_logs_server_seq", "server_seq"),
        Index("ix_sync_work_logs_ticket_id", "ticket_id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ID, ForeignKey("sync_tickets.id"))
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(SHORT)
    device_id: Mapped[str] = mapped_column(String(CLIENT_ID_MAX))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncAttachment(ServerBase):
    """Append-only: a file's metadata; the bytes are a content-addressed blob (SHA-256)."""

    __tablename__ = "sync_attachments"
    __table_args__ = (
        Index("ix_sync_attachments_server_seq", "server_seq"),
        Index("ix_sync_attachments_ticket_id", "ticket_id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ID, ForeignKey("sync_tickets.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(SHORT)
    author: Mapped[str] = mapped_column(SHORT)
    device_id: Mapped[str] = mapped_column(String(CLIENT_ID_MAX))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncClient(ServerBase):
    """A client installation (device), bound to the user who first pushed from it."""

    __tablename__ = "sync_clients"

    client_id: Mapped[str] = mapped_column(String(CLIENT_ID_MAX), primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"))
    last_client_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_push_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncMutation(ServerBase):
    """The exactly-once ledger: every processed mutation with its payload and outcome."""

    __tablename__ = "sync_mutations"
    __table_args__ = (UniqueConstraint("client_id", "client_seq"),)

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(
        String(CLIENT_ID_MAX), ForeignKey("sync_clients.client_id")
    )
    client_seq: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"))
    entity: Mapped[str] = mapped_column(String(ENTITY_MAX))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(OP_MAX))
    payload: Mapped[Any] = mapped_column(JSON)
    client_created_at: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[Any] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncConflict(ServerBase):
    """A local edit that was not applied, kept for its user's decision (synced to all of the
    user's devices). ``field`` is None when the whole mutation could not be applied (e.g. its
    ticket does not exist); ``local`` then holds the mutation's changes."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (
        Index("ix_sync_conflicts_server_seq", "server_seq"),
        Index("ix_sync_conflicts_user_id", "user_id", "server_seq"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    # What ``ticket_id`` names: a ticket, or (entity "article") a knowledge-base article.
    entity: Mapped[str] = mapped_column(String(16), default="ticket", server_default="ticket")
    ticket_id: Mapped[str] = mapped_column(String(64))  # no FK: the ticket may not exist
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"))
    mutation_id: Mapped[str] = mapped_column(String(36))
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
    resolution_mutation_id: Mapped[str | None] = mapped_column(String(36))
    resolution: Mapped[str | None] = mapped_column(String(16))  # server / local / custom
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncTombstone(ServerBase):
    """A deleted ticket: its comments, work logs and attachments went with it. Pulled like
    any change, so every replica deletes its copy; kept for good (clients offline for weeks
    must still learn of it)."""

    __tablename__ = "sync_tombstones"
    __table_args__ = (Index("ix_sync_tombstones_server_seq", "server_seq"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    number: Mapped[int | None] = mapped_column(BigInteger)
    title: Mapped[str | None] = mapped_column(String(200))
    deleted_by: Mapped[str] = mapped_column(SHORT)
    deleted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncConfig(ServerBase):
    """Shared configuration every device follows, by name (``CONFIG_KEYS``): set by an
    administrator through a push, pulled like any change."""

    __tablename__ = "sync_config"
    __table_args__ = (Index("ix_sync_config_server_seq", "server_seq"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_by: Mapped[str] = mapped_column(SHORT)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncArticle(ServerBase):
    """The stored state of a knowledge-base article (mirrors the client's ``articles``
    columns). Any change to it, its versions, votes or links gives it a new ``server_seq``:
    a pull sends the article whole (docs/sync_articles.md)."""

    __tablename__ = "sync_articles"
    __table_args__ = (Index("ix_sync_articles_server_seq", "server_seq"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(kb.TITLE_MAX))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    category: Mapped[str] = mapped_column(String(kb.CATEGORY_MAX), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(kb.LANGUAGE_MAX))
    author: Mapped[str] = mapped_column(SHORT)
    updated_by: Mapped[str] = mapped_column(SHORT)
    status: Mapped[str] = mapped_column(String(16))  # draft / published / archived
    version: Mapped[int] = mapped_column(Integer)  # the newest sync_article_versions row
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    not_helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    server_seq: Mapped[int] = mapped_column(BigInteger)


class SyncArticleVersion(ServerBase):
    """One saved version of an article's content; written once, never edited."""

    __tablename__ = "sync_article_versions"

    article_id: Mapped[str] = mapped_column(ForeignKey("sync_articles.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(kb.TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(kb.CATEGORY_MAX))
    tags: Mapped[list[str]] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(kb.LANGUAGE_MAX))
    author: Mapped[str] = mapped_column(SHORT)  # who saved this version
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class SyncArticleVote(ServerBase):
    """A user's helpful / not helpful vote on an article (one per user, replaced)."""

    __tablename__ = "sync_article_votes"

    article_id: Mapped[str] = mapped_column(ForeignKey("sync_articles.id"), primary_key=True)
    username: Mapped[str] = mapped_column(SHORT, primary_key=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncArticleLink(ServerBase):
    """ "This solved it": an article that resolved a ticket (once per article and ticket)."""

    __tablename__ = "sync_article_links"

    article_id: Mapped[str] = mapped_column(ForeignKey("sync_articles.id"), primary_key=True)
    # No foreign key: the ticket may be deleted (tombstoned); the link stays evidence.
    ticket_id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(SHORT)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    query_text: Mapped[str] = mapped_column(Text, default="")
