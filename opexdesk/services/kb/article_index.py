"""Keeping the knowledge-base search index in step with the articles table: rebuilt from the
table, or brought up to date from the changes a sync pulled (``kb.index_pending``).

The index is derived data, updated after the commit of the change it follows; a failed
update marks it stale (``index_stale``) and ``reindex_all`` repairs it. A base of
``ArticleService`` (services/kb/articles.py), which holds the store, the index and the
notices this part uses.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from opexdesk.domain.article import ArticleStatus
from opexdesk.services.kb.article_views import ArticleView, _view
from opexdesk.services.kb.records import Article
from opexdesk.storage import articles_repo as repo
from opexdesk.storage.database import Database
from opexdesk.storage.kb_models import ArticleRow

if TYPE_CHECKING:
    from opexdesk.services.kb.search import KbSearch

log = logging.getLogger(__name__)


class ArticleIndexing:
    """The search-index half of the article service."""

    _db: Database
    _search: KbSearch | None
    # True after an index update failed: the table is right, the index needs reindex_all.
    index_stale: bool

    def _write(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def _notify(self, article_id: str, action: str, version: int) -> None:
        raise NotImplementedError

    def catch_up_index(self) -> int:
        """Take into the search index what a sync pulled (settings ``kb.index_pending``,
        written in the pull's own transaction, so nothing is missed across a crash):
        published articles (re-)indexed, all others removed, "this solved it" feedback
        recorded. The list is cleared in one transaction and the index updated after its
        commit; a failed update sets ``index_stale`` (``reindex_all`` repairs it). Returns
        how many articles were re-indexed or removed."""
        if self._search is None:
            return 0  # no index to catch up: the list waits for a service with one
        with self._db.read() as s:
            if not repo.index_pending(s):
                return 0  # the usual case: no write lock taken
        with self._write() as s:
            pending = repo.index_pending(s)
            rows = repo.get_many(s, pending.articles)
            views = [_view(rows[a]) for a in pending.articles if a in rows]
            repo.clear_index_pending(s)
        self._sync_index(views)
        try:
            for article_id in pending.articles:
                if article_id not in rows:  # not here (any more): not in the index either
                    self._search.remove_article(article_id)
            for text, article_id in pending.feedback:
                self._search.record_solved(text, article_id)
        except Exception:  # the table is right; the index is rebuilt by reindex_all
            log.exception("taking pulled article changes into the index failed")
            self.index_stale = True
        for view in views:
            self._notify(view.id, "pulled", view.version)
        return len(pending.articles)

    def reindex_all(self, replay_feedback: bool = False) -> int:
        """Rebuild the index from the table: published articles added (re-indexed by id),
        every other article removed. ``replay_feedback`` also re-records every "this solved
        it" link (for a new, empty index file). Returns the number of indexed articles."""
        if self._search is None:
            return 0
        # Replaying every link takes in the feedback pulled changes wait to give, so the
        # waiting list is cleared under the same write lock as the read (no pull commits
        # in between), else that feedback would count twice.
        with self._write() as s:
            if replay_feedback:
                repo.clear_index_pending(s)
            published = repo.with_status(s, ArticleStatus.PUBLISHED.value)
            hidden = repo.ids_with_status(s, ArticleStatus.PUBLISHED.value, negate=True)
            records = [self._record(row) for row in published]
            feedback = [
                (link.query_text, row.id)
                for row in (published if replay_feedback else [])
                for link in repo.links_of_article(s, row.id)
            ]
        for article_id in hidden:
            self._search.remove_article(article_id)
        count = self._search.add_articles(records)
        for text, article_id in feedback:
            self._search.record_solved(text, article_id)
        self.index_stale = False
        return count

    def index_out_of_date(self) -> bool:
        """True when the index does not hold exactly as many articles as are published
        (a missing or old index file): call ``reindex_all`` then."""
        if self._search is None:
            return False
        with self._db.read() as s:
            published = len(repo.ids_with_status(s, ArticleStatus.PUBLISHED.value))
        return self.index_stale or self._search.index.count() != published

    @staticmethod
    def _record(row: ArticleRow | ArticleView) -> Article:
        return Article(
            id=row.id,
            title=row.title,
            body=row.body,
            category=row.category,
            tags=tuple(row.tags),
            language=row.language,
        )

    def _sync_index(self, views: Sequence[ArticleView]) -> None:
        """Published articles into the index, all others out (after the commit)."""
        if self._search is None or not views:
            return
        try:
            shown = [self._record(v) for v in views if v.status == ArticleStatus.PUBLISHED]
            for view in views:
                if view.status != ArticleStatus.PUBLISHED:
                    self._search.remove_article(view.id)
            if shown:
                self._search.add_articles(shown)
        except Exception:  # the table is right; the index is rebuilt by reindex_all
            log.exception("updating the knowledge-base index failed")
            self.index_stale = True
