"""The knowledge base as the panels use it, opened on first use.

Opening it loads numpy and the index file (and rebuilds the index when it is missing), and
the first search loads the embedding model: none of that belongs before the first paint.
The panels search on a worker, so the first search pays for it there."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from opexdesk.services.kb import Filters, Hit, Snippet


class LazyKnowledge:
    """A search source, article reader and solved recorder in one, over
    ``provider()`` (e.g. ``lambda: ctx.knowledge``: thread-safe, built once)."""

    def __init__(self, provider: Callable[[], Any]) -> None:
        self._provider = provider

    def search(
        self,
        text: str,
        limit: int = 10,
        filters: Filters | None = None,
        as_you_type: bool = False,
    ) -> Sequence[Hit]:
        return self._provider().search.search(
            text, limit=limit, filters=filters, as_you_type=as_you_type
        )

    def warm(self) -> None:
        """Open the knowledge base and load what its first search needs (on a worker)."""
        self._provider().search.warm()

    def title_spans(self, title: str, text: str) -> Snippet:
        return self._provider().search.title_spans(title, text)

    def corrected_query(self, text: str) -> str | None:
        return self._provider().search.corrected_query(text)

    def get(self, article_id: str) -> Any:
        return self._provider().articles.get(article_id)

    def link_solved(self, article_id: str, ticket_id: str, query_text: str) -> object:
        return self._provider().articles.link_solved(article_id, ticket_id, query_text)
