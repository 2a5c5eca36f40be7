"""Finding a ticket a device does not hold: its older history, on demand.

A new device downloads only its user's working set (``routes/snapshot.py``). ``GET
/sync/tickets?q=…`` finds any stored ticket by its number ("1234" or "#1234") or by words of
its title or requester (case-insensitive, every word must match), newest change first, and
returns short rows; the device then fetches the chosen ones whole with
``/sync/snapshot?ticket=…`` and keeps them up to date through the ordinary pull.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, StringConstraints
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Text,
    and_,
    cast,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects import postgresql

from opexdesk.server import ticket_search_index as index
from opexdesk.server.deps import AnyUser, ServicesDep
from opexdesk.server.schemas import ErrorOut
from opexdesk.server.sync_models import SyncTicket

SEARCH_LIMIT_DEFAULT = 50
SEARCH_LIMIT_MAX = 200
MAX_WORDS = 8  # each word is a LIKE over the table: a bound on one request's work
NUMBER_MAX = 2**63 - 1

SearchText = Annotated[str, StringConstraints(min_length=1, max_length=200)]

router = APIRouter(
    prefix="/sync",
    tags=["sync"],
    responses={401: {"model": ErrorOut, "description": "Missing, invalid or expired token."}},
)


class TicketHit(BaseModel):
    id: str
    number: int
    title: str
    status: str
    requester: str | None
    assignee: str | None
    updated_at: str


class TicketSearchPage(BaseModel):
    tickets: list[TicketHit]
    more: bool  # more tickets match than ``limit``: the user should narrow the words


@router.get("/tickets", response_model=TicketSearchPage)
def search_tickets(
    caller: AnyUser,
    services: ServicesDep,
    q: Annotated[
        SearchText, Query(description="A ticket number, or words of its title or requester.")
    ],
    limit: Annotated[int, Query(ge=1, le=SEARCH_LIMIT_MAX)] = SEARCH_LIMIT_DEFAULT,
) -> TicketSearchPage:
    """Stored tickets matching ``q`` (any age, any assignee), newest change first."""
    del caller  # every signed-in role may look tickets up
    condition = matching(q, services.db.dialect)
    if condition is None:
        return TicketSearchPage(tickets=[], more=False)
    query = (
        select(SyncTicket)
        .where(condition)
        .order_by(SyncTicket.updated_at.desc(), SyncTicket.id)
        .limit(limit + 1)
    )
    with services.db.read() as session:
        rows = list(session.scalars(query))
        hits = [
            TicketHit(
                id=t.id,
                number=t.number,
                title=t.title,
                status=t.status,
                requester=t.requester,
                assignee=t.assignee,
                updated_at=t.updated_at.isoformat(),
            )
            for t in rows[:limit]
        ]
    return TicketSearchPage(tickets=hits, more=len(rows) > limit)


def matching(q: str, dialect: str = "sqlite") -> ColumnElement[bool] | None:
    """The stored tickets ``q`` names: a number ("1234", "#1234") is that ticket (an index
    lookup, whatever the table's size); other text, every one of its words in the title or
    the requester (server/ticket_search_index.py: on SQLite words of 3+ characters through
    the FTS5 trigram table, two-letter-or-digit words through the pairs table). None when
    ``q`` holds nothing to look for (spaces or '#')."""
    text_ = " ".join(q.split())
    number = text_.removeprefix("#").strip()
    if number.isascii() and number.isdigit():
        return SyncTicket.number == int(number) if int(number) <= NUMBER_MAX else None
    words = [w for w in text_.split(" ") if w.strip("#")][:MAX_WORDS]
    if not words:
        return None
    conditions: list[ColumnElement[bool]] = []
    if dialect == "sqlite":
        long_words = [w for w in words if len(w) >= index.MIN_TERM_CHARS]
        if long_words:
            found = text(
                f"SELECT rowid FROM {index.SQLITE_TABLE} WHERE {index.SQLITE_TABLE} MATCH :terms"
            ).bindparams(terms=index.match_expression(long_words))
            conditions.append(SyncTicket.number.in_(found.columns(rowid=BigInteger)))
            words = [w for w in words if len(w) < index.MIN_TERM_CHARS]
        paired, expression = index.pairs_lookup(words)
        if paired:
            pairs = index.SYNC_PAIRS.table
            found = text(f"SELECT rowid FROM {pairs} WHERE {pairs} MATCH :pairs").bindparams(
                pairs=expression
            )
            conditions.append(SyncTicket.number.in_(found.columns(rowid=BigInteger)))
            words = [w for w in words if w not in paired]
    elif dialect == "postgresql":
        paired, _expression = index.pairs_lookup(words)
        if paired:
            grams = [w.lower() for w in paired]
            conditions.append(
                literal_column(index.PG_PAIRS_EXPRESSION).op("@>", is_comparison=True)(
                    cast(postgresql.array(grams), postgresql.ARRAY(Text))
                )
            )
            words = [w for w in words if w not in paired]
    conditions.extend(
        or_(
            func.lower(SyncTicket.title).contains(word.lower(), autoescape=True),
            func.lower(SyncTicket.requester).contains(word.lower(), autoescape=True),
        )
        for word in words
    )
    return and_(*conditions)
