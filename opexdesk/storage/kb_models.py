"""Knowledge-base article tables: the current article, its append-only versions, tags,
helpful votes and "this solved it" links to tickets.

Imported at the bottom of ``storage/models.py`` so ``Base.metadata`` always holds these
tables (migrations and the schema comparison see them).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from opexdesk.storage.models import ID, Base
from opexdesk.storage.types import UtcDateTime

PERSON = 120  # author / user names, as tickets' people columns


class ArticleRow(Base):
    """The current state of an article (what lists, the editor and the index read)."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    category: Mapped[str] = mapped_column(String(120), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)  # in the author's order
    language: Mapped[str] = mapped_column(String(35))
    author: Mapped[str] = mapped_column(String(PERSON))
    updated_by: Mapped[str] = mapped_column(String(PERSON))
    status: Mapped[str] = mapped_column(String(16))  # draft / published / archived
    # The number of the newest row in article_versions; a save must name it (optimistic).
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    not_helpful_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_articles_status_updated", "status", "updated_at"),
        Index("ix_articles_category_status", "category", "status"),
        Index("ix_articles_language_status", "language", "status"),
    )


class ArticleVersionRow(Base):
    """One saved version of an article's content; written once, never edited."""

    __tablename__ = "article_versions"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(120))
    tags: Mapped[list[str]] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(35))
    author: Mapped[str] = mapped_column(String(PERSON))  # who saved this version
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class ArticleTagRow(Base):
    """An article's current tags, one row each, so "articles tagged X" is an index lookup."""

    __tablename__ = "article_tags"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True)

    __table_args__ = (Index("ix_article_tags_tag", "tag", "article_id"),)


class ArticleVoteRow(Base):
    """A user's helpful / not helpful vote on an article (one per user, changeable)."""

    __tablename__ = "article_votes"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(PERSON), primary_key=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class ArticleTicketLinkRow(Base):
    """ "This solved it": an article that resolved a ticket."""

    __tablename__ = "article_ticket_links"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    # No foreign key: a ticket can be removed (tombstoned) while the link stays evidence.
    ticket_id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(PERSON))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The text the search feedback learned from (kept so a rebuilt index can learn it again).
    query_text: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_article_ticket_links_ticket", "ticket_id"),)
