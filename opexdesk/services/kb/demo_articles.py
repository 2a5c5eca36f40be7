"""Demo knowledge base: published articles drafted from the demo's resolved tickets.

A fresh demo install should show the knowledge base working (search, suggestions in the
editor) without shipping any article text: the articles go through the same path a person
uses ("article from a resolved ticket", then publish)."""

from __future__ import annotations

from dataclasses import replace

from opexdesk.domain.errors import DomainError
from opexdesk.services.kb.articles import ArticleService
from opexdesk.services.ticket_list import TicketListService
from opexdesk.storage.ticket_list import TicketFilter, TicketSort

DEMO_ARTICLES = 40


def seed_demo_articles(
    articles: ArticleService, tickets: TicketListService, limit: int = DEMO_ARTICLES
) -> int:
    """Draft, save and publish up to ``limit`` articles from resolved or closed tickets with
    distinct titles; returns how many were published. Does nothing when articles exist."""
    if articles.list_articles(limit=1):
        return 0
    done = set[str]()
    resolved = TicketFilter(statuses=frozenset({"resolved", "closed"}))
    for row in tickets.page(resolved, TicketSort(), limit * 3):
        if len(done) >= limit:
            break
        if row.title in done:
            continue
        try:
            draft = articles.from_ticket(row.id)
            tag = (draft.category or "").lower()
            view = articles.create(replace(draft, tags=(tag,) if tag else ()), "Demo article")
            articles.publish(view.id)
        except DomainError:
            continue  # a demo ticket the article rules refuse (e.g. a title too long)
        done.add(row.title)
    return len(done)
