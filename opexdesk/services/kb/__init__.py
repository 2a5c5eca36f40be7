"""Knowledge-base search: lexical (FTS5 BM25, words + trigrams) and semantic (wordllama), fused.

No Qt here; the UI calls ``KbSearch.search`` on a worker thread.
"""

from opexdesk.services.kb.embedder import Embedder
from opexdesk.services.kb.index import Article, Filters
from opexdesk.services.kb.search import Hit, KbSearch, Weights
from opexdesk.services.kb.snippets import Snippet

__all__ = ["Article", "Embedder", "Filters", "Hit", "KbSearch", "Snippet", "Weights"]
