"""The plain records of the knowledge-base search: what goes in (``Article``), how results
are restricted (``Filters``) and what comes out (``Hit``). No numpy here, so the UI can
import these without loading the search engine."""

from __future__ import annotations

from dataclasses import dataclass

from opexdesk.services.kb.snippets import Snippet


@dataclass(frozen=True)
class Article:
    """An article as the index sees it (plain record, independent of the storage tables)."""

    id: str
    title: str
    body: str
    category: str = ""
    tags: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class Filters:
    """Restrict results; empty means no restriction. A tag filter needs all listed tags."""

    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.categories or self.tags or self.languages)


@dataclass(frozen=True)
class Hit:
    """One search result; ``snippet.html()`` is safe to render."""

    article_id: str
    title: str
    score: float
    category: str
    tags: tuple[str, ...]
    language: str
    snippet: Snippet
