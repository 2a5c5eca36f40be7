"""Labelled ticket history from the local database: the classifier's training data.

The only module of the classifier that touches the database; everything else works on
plain :class:`Example` lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from opexdesk.storage.database import Database
from opexdesk.storage.models import Ticket

HISTORY_LIMIT = 50_000  # most recently updated tickets; older ones add little and cost time


@dataclass(frozen=True)
class Example:
    """One ticket's text and its labels per field (None: not set)."""

    title: str
    description: str
    labels: dict[str, str | None] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return ticket_text(self.title, self.description)


def ticket_text(title: str | None, description: str | None) -> str:
    """The text the classifier reads: title and description."""
    return f"{title or ''}\n{description or ''}".strip()


def _label(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def load_examples(db: Database, limit: int = HISTORY_LIMIT) -> list[Example]:
    """The ``limit`` most recently updated tickets with category, impact, urgency and group."""
    query = (
        select(
            Ticket.title,
            Ticket.description,
            Ticket.category,
            Ticket.impact,
            Ticket.urgency,
            Ticket.group_name,
        )
        .order_by(Ticket.updated_at.desc(), Ticket.local_id.desc())
        .limit(limit)
    )
    with db.read() as session:
        rows = session.execute(query).all()
    return [
        Example(
            title or "",
            description or "",
            {
                "category": _label(category),
                "impact": _label(impact),
                "urgency": _label(urgency),
                "group_name": _label(group),
            },
        )
        for title, description, category, impact, urgency, group in rows
    ]


def count_changed_since(db: Database, since: datetime | None) -> int:
    """Tickets created or updated after ``since`` (all tickets when None): how much new
    history a retraining would see. One indexed range count (``ix_tickets_updated``)."""
    query = select(func.count()).select_from(Ticket)
    if since is not None:
        query = query.where(Ticket.updated_at > since)
    with db.read() as session:
        return int(session.execute(query).scalar_one())


def newest_change(db: Database) -> datetime | None:
    """The newest ticket ``updated_at`` (None for an empty store)."""
    with db.read() as session:
        value = session.execute(select(func.max(Ticket.updated_at))).scalar_one()
    return value if isinstance(value, datetime) else None
