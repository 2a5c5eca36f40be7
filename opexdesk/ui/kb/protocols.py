"""What the knowledge-base panels need from the services, as small Protocols.

``KbSearch`` is a :class:`SearchSource`; the article store is an :class:`ArticleReader`; the
"this solved it" link is a :class:`SolvedRecorder`. The panels never import the concrete
services, so the article storage can change without touching the UI."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from opexdesk.services.kb import Filters, Hit, Snippet


class SearchSource(Protocol):
    """Ranked hits for free text (``KbSearch`` fits). Called on a worker thread, so it must
    be thread-safe; it must not raise on any text."""

    def search(
        self,
        text: str,
        limit: int = 10,
        filters: Filters | None = None,
        as_you_type: bool = False,
    ) -> Sequence[Hit]: ...

    def title_spans(self, title: str, text: str) -> Snippet: ...


@runtime_checkable
class Warmable(Protocol):
    """Optional on a search source: load what the first search needs, ahead of it."""

    def warm(self) -> None: ...


@runtime_checkable
class QueryCorrector(Protocol):
    """Optional on a search source: the query with its typos corrected, or None."""

    def corrected_query(self, text: str) -> str | None: ...


class ArticleRecord(Protocol):
    """One article as the reader pane shows it."""

    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...  # Markdown
    @property
    def category(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def language(self) -> str: ...
    @property
    def updated_at(self) -> datetime | None: ...


class ArticleReader(Protocol):
    """Reads one article; unknown ids give None or raise LookupError."""

    def get(self, article_id: str) -> ArticleRecord | None: ...


class SolvedRecorder(Protocol):
    """Stores "this article solved this ticket" (one operation)."""

    def link_solved(self, article_id: str, ticket_id: str, query_text: str) -> object: ...
