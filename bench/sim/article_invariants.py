"""Knowledge-base checks after quiet-down: every device holds the server's articles, with the
same versions, votes and "this solved it" links, and the counts match the votes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from opexdesk.server.sync_models import (
    SyncArticle,
    SyncArticleLink,
    SyncArticleVersion,
    SyncArticleVote,
)
from opexdesk.storage.kb_models import (
    ArticleRow,
    ArticleTicketLinkRow,
    ArticleVersionRow,
    ArticleVoteRow,
)

ARTICLE_FIELDS = (
    "title",
    "body",
    "category",
    "tags",
    "language",
    "author",
    "status",
    "version",
    "helpful_count",
    "not_helpful_count",
)
VERSION_FIELDS = ("title", "body", "category", "tags", "language", "author", "note")

Rows = dict[str, dict[str, Any]]
Keyed = Callable[[Any], str]

# (what, server model, client model, key of a row, compared fields)
TABLES: tuple[tuple[str, Any, Any, Keyed, tuple[str, ...]], ...] = (
    ("article", SyncArticle, ArticleRow, lambda r: r.id, ARTICLE_FIELDS),
    (
        "article_version",
        SyncArticleVersion,
        ArticleVersionRow,
        lambda r: f"{r.article_id}:{r.version}",
        VERSION_FIELDS,
    ),
    (
        "article_vote",
        SyncArticleVote,
        ArticleVoteRow,
        lambda r: f"{r.article_id}/{r.username}",
        ("helpful",),
    ),
    (
        "article_link",
        SyncArticleLink,
        ArticleTicketLinkRow,
        lambda r: f"{r.article_id}/{r.ticket_id}",
        ("username", "query_text"),
    ),
)


def rows(session: Any, model: Any, key: Keyed, fields: tuple[str, ...]) -> Rows:
    return {
        key(row): {f: getattr(row, f) for f in fields} for row in session.scalars(select(model))
    }


def server_articles(read_session: Any) -> dict[str, Rows]:
    with read_session() as s:
        found = {what: rows(s, server, key, f) for what, server, _, key, f in TABLES}
    votes: dict[str, list[bool]] = {}
    for vote_key, vote in found["article_vote"].items():
        votes.setdefault(vote_key.split("/", 1)[0], []).append(bool(vote["helpful"]))
    for article_id, article in found["article"].items():
        cast = votes.get(article_id, [])
        counted = (article["helpful_count"], article["not_helpful_count"])
        if counted != (sum(cast), len(cast) - sum(cast)):
            found.setdefault("_miscounted", {})[article_id] = {"counted": counted}
    return found


def client_articles(read_session: Any) -> dict[str, Rows]:
    with read_session() as s:
        return {what: rows(s, client, key, f) for what, _, client, key, f in TABLES}
