"""Knowledge base: articles (versions, drafts, votes, Markdown files) and their search
(lexical FTS5 BM25 over words + trigrams, semantic wordllama vectors, fused).

No Qt here; the UI calls ``KbSearch.search`` and article imports on worker threads. The
search engine (numpy, the embedding model) is imported on first use of ``KbSearch``,
``Embedder`` or ``Weights``, so importing the records does not load it.
"""

from typing import TYPE_CHECKING, Any

from opexdesk.services.kb.articles import (
    ArticleChange,
    ArticleNotifier,
    ArticleService,
    ArticleView,
    ImportOutcome,
    VersionView,
)
from opexdesk.services.kb.markdown_io import ExportOutcome, export_articles, import_markdown
from opexdesk.services.kb.records import Article, Filters, Hit
from opexdesk.services.kb.snippets import Snippet

if TYPE_CHECKING:  # for type checkers; at run time __getattr__ imports them on first use
    from opexdesk.services.kb.embedder import Embedder
    from opexdesk.services.kb.search import KbSearch, Weights

_ENGINE = {"Embedder": "embedder", "KbSearch": "search", "Weights": "search"}


def __getattr__(name: str) -> Any:
    if name in _ENGINE:
        from importlib import import_module

        return getattr(import_module(f"opexdesk.services.kb.{_ENGINE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Article",
    "ArticleChange",
    "ArticleNotifier",
    "ArticleService",
    "ArticleView",
    "Embedder",
    "ExportOutcome",
    "Filters",
    "Hit",
    "ImportOutcome",
    "KbSearch",
    "Snippet",
    "VersionView",
    "Weights",
    "export_articles",
    "import_markdown",
]
