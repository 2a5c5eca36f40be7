"""The plain records of knowledge-base articles as the service hands them out (views,
versions, change notices, import items and outcomes) and the change notifier. No database
session is held by any of them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from opexdesk.domain.article import ArticleContent, ArticleStatus
from opexdesk.storage.kb_models import ArticleRow, ArticleVersionRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleView:
    """An article as the UI shows it (current content and bookkeeping)."""

    id: str
    title: str
    body: str
    category: str
    tags: tuple[str, ...]
    language: str
    author: str
    updated_by: str
    status: ArticleStatus
    version: int
    created_at: datetime
    updated_at: datetime
    helpful_count: int
    not_helpful_count: int

    @property
    def content(self) -> ArticleContent:
        return ArticleContent(self.title, self.body, self.category, self.tags, self.language)


@dataclass(frozen=True)
class VersionView:
    """One saved version (never edited)."""

    article_id: str
    version: int
    content: ArticleContent
    author: str
    saved_at: datetime
    note: str


@dataclass(frozen=True)
class ArticleChange:
    """What one committed operation changed on one article."""

    article_id: str
    # created, saved, restored, published, archived, reopened, voted, linked, imported, or
    # pulled (a sync brought a new state: ArticleService.catch_up_index)
    action: str
    version: int


ArticleListener = Callable[[ArticleChange], None]


class ArticleNotifier:
    """A plain observer list for article changes (no Qt here; the UI adapts it to a signal)."""

    def __init__(self) -> None:
        self._listeners: list[ArticleListener] = []

    def subscribe(self, listener: ArticleListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: ArticleChange) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a broken view must not undo a committed change
                log.exception("article listener failed for %s", change)


@dataclass(frozen=True)
class ImportItem:
    """One parsed, validated article of an import (from a file)."""

    source: str  # file name, for messages
    article_id: str | None
    content: ArticleContent
    status: ArticleStatus | None
    author: str | None
    base_version: int | None  # the version the file was exported from


@dataclass(frozen=True)
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: bool = False


def _view(row: ArticleRow) -> ArticleView:
    return ArticleView(
        id=row.id,
        title=row.title,
        body=row.body,
        category=row.category,
        tags=tuple(row.tags),
        language=row.language,
        author=row.author,
        updated_by=row.updated_by,
        status=ArticleStatus(row.status),
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        helpful_count=row.helpful_count,
        not_helpful_count=row.not_helpful_count,
    )


def _version_view(row: ArticleVersionRow) -> VersionView:
    content = ArticleContent(row.title, row.body, row.category, tuple(row.tags), row.language)
    return VersionView(row.article_id, row.version, content, row.author, row.saved_at, row.note)


def _content_of(row: ArticleRow) -> ArticleContent:
    return ArticleContent(row.title, row.body, row.category, tuple(row.tags), row.language)
