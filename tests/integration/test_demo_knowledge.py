"""The demo install's knowledge base: articles drafted from resolved demo tickets through the
real article service, published, and found by the real search index of the app context."""

from __future__ import annotations

from pathlib import Path

from opexdesk.app import build_context
from opexdesk.paths import AppPaths
from opexdesk.services.demo import seed_demo
from opexdesk.services.kb.demo_articles import seed_demo_articles


def test_demo_articles_are_published_searchable_and_seeded_once(tmp_path: Path) -> None:
    ctx = build_context(AppPaths.under(tmp_path), username="operator")
    try:
        seed_demo(ctx.db, 400, seed=0, now=ctx.clock.now())
        kb = ctx.knowledge
        published = seed_demo_articles(kb.articles, ctx.ticket_list, limit=15)
        assert published == 15
        views = kb.articles.list_articles(status="published")
        assert len(views) == 15 and len({v.title for v in views}) == 15
        first = views[0]
        assert "## Resolution" in first.body and first.tags == (first.category.lower(),)
        hits = kb.search.search(first.title, limit=3)
        assert first.id in [h.article_id for h in hits]
        assert seed_demo_articles(kb.articles, ctx.ticket_list) == 0  # never twice
    finally:
        ctx.close()
    # A new context over the same files reuses the index instead of rebuilding it
    ctx = build_context(AppPaths.under(tmp_path), username="operator")
    try:
        assert not ctx.knowledge.articles.index_out_of_date()
        assert ctx.knowledge.search.index.count() == 15
    finally:
        ctx.close()
