"""A new device's download of the knowledge base: every article, whole, page by page.

``GET /sync/articles`` pages by article id through every article (the knowledge base is
shared: a device needs all of it, not a working set as for tickets), each carrying all its
versions, votes and links, in the shape of a pull's change. The first page also gives
``checkpoint`` (the seq counter before anything was read) and ``total``. As for
``/sync/snapshot``, pages are not one snapshot: the ordinary pull from the checkpoint brings
whatever changed meanwhile. ``article=ID`` (repeatable, up to ``limit`` ids) returns those
articles only: how a device fetches again one whose pulled state it held back.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, StringConstraints
from sqlalchemy import func, select, text

from opexdesk.server.deps import AnyUser, ServicesDep
from opexdesk.server.routes.sync import Change, row_data
from opexdesk.server.schemas import ErrorOut
from opexdesk.server.sync_article_pull import add_article_parts
from opexdesk.server.sync_batch import current_seq
from opexdesk.server.sync_models import SyncArticle

ARTICLES_LIMIT_DEFAULT = 100
ARTICLES_LIMIT_MAX = 500

ArticleId = Annotated[str, StringConstraints(min_length=1, max_length=64)]

router = APIRouter(
    prefix="/sync",
    tags=["sync"],
    responses={401: {"model": ErrorOut, "description": "Missing, invalid or expired token."}},
)


class ArticlePage(BaseModel):
    changes: list[Change]
    next_after: str | None  # pass as ``after`` for the next page; None when done
    more: bool
    checkpoint: int | None  # first page only: start the ordinary pull here afterwards
    total: int | None  # first page only: how many articles there are


@router.get("/articles", response_model=ArticlePage)
def articles(
    caller: AnyUser,
    services: ServicesDep,
    after: Annotated[str, Query(max_length=64)] = "",
    limit: Annotated[int, Query(ge=1, le=ARTICLES_LIMIT_MAX)] = ARTICLES_LIMIT_DEFAULT,
    article: Annotated[list[ArticleId] | None, Query(max_length=ARTICLES_LIMIT_MAX)] = None,
) -> ArticlePage:
    """One page of every article (or the named articles), each whole. Every signed-in role
    reads the shared knowledge base (``caller`` only requires a sign-in)."""
    with services.db.read() as session:
        if services.db.dialect == "postgresql":
            session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        first = not after and article is None
        checkpoint = current_seq(session) if first else None
        query = select(SyncArticle).order_by(SyncArticle.id)
        if article is not None:
            query = query.where(SyncArticle.id.in_(article))
        elif after:
            query = query.where(SyncArticle.id > after)
        total = None
        if first:
            counted = select(func.count()).select_from(query.order_by(None).subquery())
            total = int(session.execute(counted).scalar_one())
        rows = list(session.scalars(query.limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        next_after = rows[-1].id if more else None
        changes: list[dict[str, Any]] = [
            {"entity": "article", "id": a.id, "server_seq": a.server_seq, "data": row_data(a)}
            for a in rows
        ]
        add_article_parts(session, changes)
    return ArticlePage(
        changes=[Change(**c) for c in changes],
        next_after=next_after,
        more=more,
        checkpoint=checkpoint,
        total=total,
    )
