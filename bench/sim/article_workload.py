"""Random knowledge-base actions on one client, through its real ArticleService.

Few articles, so devices edit the same ones between syncs: body edits in different places
merge, title edits collide, technicians' edits of published articles become permission
conflicts (except tech3's, a knowledge-base editor: world.GRANTS), and status moves race
each other.
"""

from __future__ import annotations

import random

from sqlalchemy import select

from opexdesk.domain.article import ArticleDraft, ArticleStatus
from opexdesk.storage.kb_models import ArticleRow

from .world import SimClient

ARTICLE_ACTIONS = (
    ("article_create", 2),
    ("article_edit", 5),
    ("article_move", 2),
    ("article_vote", 2),
    ("article_link", 1),
)
TOPICS = ("printer", "vpn", "laptop", "badge", "wifi", "toner", "dock", "backup")
HOT_ARTICLES = 6


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(TOPICS) for _ in range(6)).capitalize() + "."


def _article_ids(client: SimClient) -> list[tuple[str, str, int]]:
    """(id, status, version) of the client's articles, oldest first."""
    with client.db.read() as s:
        rows = s.execute(
            select(ArticleRow.id, ArticleRow.status, ArticleRow.version).order_by(
                ArticleRow.created_at, ArticleRow.id
            )
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def _edited_body(rng: random.Random, body: str) -> str:
    """One paragraph replaced or added: edits of different paragraphs merge cleanly."""
    paragraphs = body.split("\n\n") if body else []
    if paragraphs and rng.random() < 0.7:
        paragraphs[rng.randrange(len(paragraphs))] = _sentence(rng)
    else:
        paragraphs.append(_sentence(rng))
    return "\n\n".join(paragraphs)


def act_on_articles(
    rng: random.Random, client: SimClient, action: str, ticket_ids: list[str]
) -> None:
    """Perform ``action``; a DomainError (the app refusing it) propagates to the caller."""
    kb = client.articles
    articles = _article_ids(client)
    if action == "article_create" or not articles:
        body = "\n\n".join(_sentence(rng) for _ in range(3))
        kb.create(ArticleDraft(f"{rng.choice(TOPICS)} {rng.choice(TOPICS)}", body, "Hardware"))
        return
    article_id, status, version = rng.choice(articles[-HOT_ARTICLES:])
    if action == "article_edit":
        current = kb.get(article_id)
        if rng.random() < 0.25:
            draft = ArticleDraft(
                f"{rng.choice(TOPICS)} guide",
                current.body,
                current.category,
                current.tags,
                current.language,
            )
        else:
            draft = ArticleDraft(
                current.title,
                _edited_body(rng, current.body),
                current.category,
                current.tags,
                current.language,
            )
        kb.save(article_id, draft, version)
    elif action == "article_move":
        if status == ArticleStatus.PUBLISHED:
            kb.archive(article_id)
        elif status == ArticleStatus.ARCHIVED:
            kb.reopen(article_id)
        else:
            kb.publish(article_id)
    elif action == "article_vote":
        kb.vote(article_id, rng.random() < 0.8)
    elif ticket_ids:
        kb.link_solved(article_id, rng.choice(ticket_ids), rng.choice(TOPICS))
