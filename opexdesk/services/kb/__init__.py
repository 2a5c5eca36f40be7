"""Knowledge base: articles (versions, drafts, votes, Markdown files) and their search
(lexical FTS5 BM25 over words + trigrams, semantic wordllama vectors, fused).

No Qt here; the UI calls ``KbSearch.search`` and article imports on worker threads.
"""

from opexdesk.services.kb.articles import (
    ArticleChange,
    ArticleNotifier,
    ArticleService,
    ArticleView,
    ImportOutcome,
    VersionView,
)
from opexdesk.services.kb.embedder import Embedder
from opexdesk.services.kb.index import Article, Filters
from opexdesk.services.kb.markdown_io import ExportOutcome, export_articles, import_markdown
from opexdesk.services.kb.search import Hit, KbSearch, Weights
from opexdesk.services.kb.snippets import Snippet

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
