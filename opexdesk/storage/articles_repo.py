"""Queries and row writes of the knowledge-base article tables (no rules: the service and
opexdesk.domain.article decide what may be written)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.orm import Session

from opexdesk.storage import settings_repo
from opexdesk.storage.kb_models import (
    ArticleRow,
    ArticleTagRow,
    ArticleTicketLinkRow,
    ArticleVersionRow,
    ArticleVoteRow,
)

# Article ids per IN (...) list: well under SQLite's limit on bound parameters.
IN_CHUNK = 500

# Settings key: pulled article changes the search index has not taken in yet (JSON
# {"articles": [id, ...], "feedback": [[query_text, id], ...]}), written in the pull's
# transaction and cleared by ArticleService.catch_up_index.
INDEX_PENDING_KEY = "kb.index_pending"


@dataclass(frozen=True)
class IndexPending:
    """Article ids to re-index (or drop from the index) and "this solved it" feedback."""

    articles: tuple[str, ...] = ()
    feedback: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.articles or self.feedback)


@dataclass(frozen=True)
class ArticleQuery:
    """Filters of an article list; None means any."""

    status: str | None = None
    category: str | None = None
    tag: str | None = None
    language: str | None = None
    limit: int = 500
    offset: int = 0


def get(s: Session, article_id: str) -> ArticleRow | None:
    return s.get(ArticleRow, article_id)


def get_many(s: Session, article_ids: Sequence[str]) -> dict[str, ArticleRow]:
    rows = s.scalars(select(ArticleRow).where(ArticleRow.id.in_(list(article_ids))))
    return {row.id: row for row in rows}


def list_articles(s: Session, q: ArticleQuery) -> list[ArticleRow]:
    """Newest change first; every filter is an indexed equality."""
    stmt = select(ArticleRow)
    if q.status is not None:
        stmt = stmt.where(ArticleRow.status == q.status)
    if q.category is not None:
        stmt = stmt.where(ArticleRow.category == q.category)
    if q.language is not None:
        stmt = stmt.where(ArticleRow.language == q.language)
    if q.tag is not None:
        tagged = select(ArticleTagRow.article_id).where(ArticleTagRow.tag == q.tag)
        stmt = stmt.where(ArticleRow.id.in_(tagged))
    stmt = stmt.order_by(ArticleRow.updated_at.desc(), ArticleRow.id).limit(q.limit)
    return list(s.scalars(stmt.offset(q.offset)))


def all_ids(s: Session) -> list[str]:
    return list(s.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))


def ids_with_status(s: Session, status: str, *, negate: bool = False) -> list[str]:
    test = ArticleRow.status != status if negate else ArticleRow.status == status
    return list(s.scalars(select(ArticleRow.id).where(test).order_by(ArticleRow.id)))


def with_status(s: Session, status: str) -> list[ArticleRow]:
    return list(s.scalars(select(ArticleRow).where(ArticleRow.status == status)))


def compare_and_set_version(
    s: Session, article_id: str, expected: int, values: dict[str, object]
) -> bool:
    """Write ``values`` and version+1 only if the row is still at ``expected`` (one statement,
    so a concurrent save cannot slip in between the check and the write)."""
    result = s.execute(
        update(ArticleRow)
        .where(ArticleRow.id == article_id, ArticleRow.version == expected)
        .values(version=expected + 1, **values)
        .execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def add_version(s: Session, row: ArticleVersionRow) -> None:
    s.add(row)
    s.flush()


def versions(s: Session, article_id: str) -> list[ArticleVersionRow]:
    return list(
        s.scalars(
            select(ArticleVersionRow)
            .where(ArticleVersionRow.article_id == article_id)
            .order_by(ArticleVersionRow.version.desc())
        )
    )


def version(s: Session, article_id: str, number: int) -> ArticleVersionRow | None:
    return s.get(ArticleVersionRow, (article_id, number))


def set_tags(s: Session, article_id: str, tags: Sequence[str]) -> None:
    s.execute(delete(ArticleTagRow).where(ArticleTagRow.article_id == article_id))
    s.add_all(ArticleTagRow(article_id=article_id, tag=t) for t in tags)
    s.flush()


def set_tags_of_many(s: Session, tags: Mapping[str, Sequence[str]]) -> None:
    """Several articles' tags at once (a pulled page): one delete and one insert per 500
    articles, where ``set_tags`` flushed per article (1 ms each: 0.8 s of a simulated
    seed's pulls)."""
    ids = list(tags)
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        s.execute(
            delete(ArticleTagRow)
            .where(ArticleTagRow.article_id.in_(chunk))
            .execution_options(synchronize_session=False)
        )
    rows = [{"article_id": a, "tag": t} for a, article_tags in tags.items() for t in article_tags]
    if rows:
        s.execute(insert(ArticleTagRow), rows)


def vote_of(s: Session, article_id: str, username: str) -> ArticleVoteRow | None:
    return s.get(ArticleVoteRow, (article_id, username))


def put_vote(s: Session, article_id: str, username: str, helpful: bool, at: datetime) -> None:
    row = vote_of(s, article_id, username)
    if row is None:
        s.add(ArticleVoteRow(article_id=article_id, username=username, helpful=helpful, at=at))
    else:
        row.helpful, row.at = helpful, at
    s.flush()


def vote_counts(s: Session, article_id: str) -> tuple[int, int]:
    """(helpful, not helpful) counted from the votes themselves."""
    helpful, total = s.execute(
        select(
            func.coalesce(func.sum(case((ArticleVoteRow.helpful, 1), else_=0)), 0),
            func.count(),
        ).where(ArticleVoteRow.article_id == article_id)
    ).one()
    return int(helpful), int(total) - int(helpful)


def link(s: Session, article_id: str, ticket_id: str) -> ArticleTicketLinkRow | None:
    return s.get(ArticleTicketLinkRow, (article_id, ticket_id))


def add_link(
    s: Session, article_id: str, ticket_id: str, username: str, at: datetime, query_text: str
) -> None:
    s.add(
        ArticleTicketLinkRow(
            article_id=article_id,
            ticket_id=ticket_id,
            username=username,
            at=at,
            query_text=query_text,
        )
    )
    s.flush()


def links_of_ticket(s: Session, ticket_id: str) -> list[ArticleTicketLinkRow]:
    return list(
        s.scalars(
            select(ArticleTicketLinkRow)
            .where(ArticleTicketLinkRow.ticket_id == ticket_id)
            .order_by(ArticleTicketLinkRow.at)
        )
    )


def links_of_article(s: Session, article_id: str) -> list[ArticleTicketLinkRow]:
    return list(
        s.scalars(
            select(ArticleTicketLinkRow)
            .where(ArticleTicketLinkRow.article_id == article_id)
            .order_by(ArticleTicketLinkRow.at)
        )
    )


# ---- the search index's to-do list -----------------------------------------------------


def index_pending(s: Session) -> IndexPending:
    raw = settings_repo.get(s, INDEX_PENDING_KEY)
    value = json.loads(raw) if raw else {}
    if not isinstance(value, dict):
        return IndexPending()
    articles = value.get("articles")
    feedback = value.get("feedback")
    return IndexPending(
        tuple(str(a) for a in articles) if isinstance(articles, list) else (),
        tuple(
            (str(pair[0]), str(pair[1]))
            for pair in (feedback if isinstance(feedback, list) else [])
            if isinstance(pair, list) and len(pair) == 2
        ),
    )


def add_index_pending(
    s: Session, article_ids: Iterable[str], feedback: Iterable[tuple[str, str]] = ()
) -> None:
    """Note articles (and feedback pairs) for the index, in the caller's transaction."""
    ids, pairs = set(article_ids), list(feedback)
    if not ids and not pairs:
        return
    known = index_pending(s)
    merged = {
        "articles": sorted(set(known.articles) | ids),
        "feedback": [list(p) for p in known.feedback] + [list(p) for p in pairs],
    }
    settings_repo.put(s, INDEX_PENDING_KEY, json.dumps(merged, ensure_ascii=False))


def clear_index_pending(s: Session) -> None:
    settings_repo.delete(s, INDEX_PENDING_KEY)


# ---- whole articles from the server (services/sync/article_apply.py) -------------------


def replace_versions_of_many(
    s: Session, versions: Mapping[str, Sequence[ArticleVersionRow]]
) -> None:
    """Each article's versions become the server's list (a pulled page): one delete per
    500 articles, and the rows added for the caller's next flush."""
    ids = list(versions)
    for start in range(0, len(ids), IN_CHUNK):
        s.execute(
            delete(ArticleVersionRow)
            .where(ArticleVersionRow.article_id.in_(ids[start : start + IN_CHUNK]))
            .execution_options(synchronize_session=False)
        )
    s.add_all(row for rows in versions.values() for row in rows)


def votes_of_many(s: Session, article_ids: Sequence[str]) -> dict[str, list[ArticleVoteRow]]:
    found: dict[str, list[ArticleVoteRow]] = {a: [] for a in article_ids}
    query = select(ArticleVoteRow).where(ArticleVoteRow.article_id.in_(list(article_ids)))
    for row in s.scalars(query):
        found[row.article_id].append(row)
    return found


def link_keys_of_many(s: Session, article_ids: Sequence[str]) -> set[tuple[str, str]]:
    """(article_id, ticket_id) of the links already here."""
    query = select(ArticleTicketLinkRow.article_id, ArticleTicketLinkRow.ticket_id).where(
        ArticleTicketLinkRow.article_id.in_(list(article_ids))
    )
    return {(row.article_id, row.ticket_id) for row in s.execute(query)}
