"""Hybrid knowledge-base search: BM25 (words + trigrams) and embeddings, fused by RRF.

A query runs the lexical side (see index.py), a cosine top-k over the stored article vectors
(one matrix-vector product) and, when there is feedback, a "solved similar queries" list;
the lists are fused with weighted reciprocal rank fusion.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from opexdesk.services.kb.allowed_rows import AllowedCache, AllowedRows
from opexdesk.services.kb.embedder import Embedder
from opexdesk.services.kb.index import LexicalIndex
from opexdesk.services.kb.query import (
    STOPWORDS,
    clean,
    is_cjk,
    query_terms,
    word_match,
    words,
)
from opexdesk.services.kb.records import Article, Filters, Hit
from opexdesk.services.kb.sign_codes import CodeColumns, nearest_rows
from opexdesk.services.kb.snippets import Snippet, make_snippet, pattern, whole_text_spans
from opexdesk.services.kb.term_lists import STALE_SHARE, add_up
from opexdesk.services.kb.typo_map import TypoMap
from opexdesk.services.kb.vector_table import VectorTable

log = logging.getLogger(__name__)

RRF_K = 20  # 20 vs 60: +0.003 NDCG@10 on StackFAQ, a coarse choice
MAX_TYPO_QUERY_TERMS = 4
TITLE_SHARE = 0.6  # of an article's vector; 0.5-0.7 measured alike
# Large collections only (below this every query is fast and exact):
LARGE_INDEX = 20_000
# ... the words of a query are ranked by adding up their stored per-word lists
# (term_lists.py; an add of more articles than a tenth of the index drops them and builds
# them again at its end, instead of patching them), and the semantic top-k is found among
# the CODE_CANDIDATES rows nearest by sign-bit codes (sign_codes.py), re-scored exactly.
TYPED_COMPLETIONS = 5  # known words whose lists stand in for a prefix being typed
CODE_CANDIDATES = 700  # NDCG@10 at 100k: 500 0.859, 700 and 1,000 0.862, exact 0.863
# ... with filters, the word query keeps the rarest terms while together they match at
# most this share of the articles (counted as a search stems them: "engine" also matches
# "engineering"), and never a term matching more: BM25 gives common terms little weight,
# but FTS5 scores every row a term matches. At 100,000 articles (StackFAQ + tickets):
# NDCG@10 0.871 with every term, 0.864 with 3 % (p95 22 -> 8 ms), 0.854 with 1 %.
COMMON_TERM_SHARE = 0.03
LEXICAL_ROW_SHARE = 0.03
# ... and keeps at most this many terms, the rarest (long pasted texts).
MAX_LARGE_WORD_TERMS = 6
# ... and the word being typed, when its prefix matches more rows than the budget left, is
# looked for in titles only, and left out of the query when rarer terms are left and the
# prefix matches more than this share ("pr": 39 %).
TYPED_TITLE_SHARE = 0.1
# A filter letting through at least this share of a large index takes the sign-bit codes'
# candidates, narrowed to its rows; a narrower one scores its own rows' vectors exactly (a
# gather of at most 5,000 rows). The words side takes the per-word lists either way.
BROAD_FILTER_SHARE = 0.05


class LexicalPlan(NamedTuple):
    """What the lexical side of one search asks the index for."""

    words: list[str]  # the word query's terms, in query order
    trigrams: list[str]  # the trigram query's terms
    typed_in_title: bool  # the last word term (being typed) is looked for in titles only


@dataclass(frozen=True)
class Weights:
    """Weights of each ranked list in the fusion (0 switches a component off)."""

    words: float = 1.0
    trigram: float = 0.5
    semantic: float = 1.5
    feedback: float = 2.0  # 1.5 / 2.0 / 3.0: StackFAQ held-out half +feedback 0.932 / 0.936 / 0.936
    feedback_min_sim: float = 0.75
    # Semantic neighbours kept: cosine at least this share of the best one's, and at least
    # semantic_min_sim. Without a floor every article is somebody's neighbour, so a query
    # about printers lists the calendar article too (Chinese texts sit at 0.3-0.5 cosine
    # from each other whatever they say). StackFAQ NDCG@10: 0.914 without, 0.920 with 0.8.
    semantic_floor: float = 0.8
    semantic_min_sim: float = 0.2


class KbSearch:
    """Search over knowledge-base articles, stored in its own index file (``:memory:`` ok)."""

    def __init__(
        self,
        path: str,
        embedder: Embedder | None = None,
        weights: Weights | None = None,
        large_index: int = LARGE_INDEX,
    ) -> None:
        self.index = LexicalIndex(path)
        self.large_index = large_index  # from this many articles, the shortcuts apply
        self.embedder = embedder or Embedder()
        self.weights = weights or Weights()
        # One user of the index connection at a time: searches run on workers while the GUI
        # thread publishes articles, and closing must wait for a search in flight.
        self._lock = threading.RLock()
        self._closed = False
        self._table: VectorTable | None = None  # the vectors, loaded on first use
        self._fb: tuple[list[str], np.ndarray] | None = None
        self._vocab: TypoMap | None = None
        self._size: int | None = None
        self._lists_checked: int | None = None  # the size the lists were last checked for
        self._matches: dict[str, int] = {}  # term -> rows it matches (stemmed)
        self._prefix_matches: dict[str, int | None] = {}  # prefix -> estimated rows
        self._completed: dict[str, list[str]] = {}  # prefix -> its frequent completions
        self._filtered = AllowedCache()  # filters -> the rows they let through
        self._blas: Any = None  # threadpoolctl controller, made on first use
        self._pool: ThreadPoolExecutor | None = None  # the vectors side of large searches

    def close(self) -> None:
        """Close the index file (after a search in flight); later searches find nothing."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self.index.close()
                if self._pool is not None:
                    self._pool.shutdown(wait=True)

    def warm(self) -> None:
        """Load what the first searches need, ahead of them: the embedding model, the
        vectors (and their sign-bit codes), the typo map and the BLAS controller; in a
        large index without per-word lists (made before they existed) the lists too,
        once (2-5 s at 100,000 articles). A panel calls it on its worker when it opens;
        unwarmed, the first keystroke at 100,000 articles waited 2.5 s and the first
        misspelt word 0.35 s (bench/kb_first_search.py)."""
        with self._lock:
            if self._closed:
                return
            qvec = self.embedder.embed(["warm"])[0]
            self._load_vectors()
            if self._large():
                self._semantic(qvec, 1, None)  # builds the codes, BLAS controller
                if self._vocab is None:
                    self._vocab = TypoMap(self.index.all_terms())
                if not self.index.lists.stored_any():
                    self._build_lists()

    def add_articles(self, articles: Iterable[Article], batch: int = 2000) -> int:
        """Index (or re-index) articles with their embeddings; returns how many."""
        with self._lock:
            return self._add_articles(articles, batch)

    def _add_articles(self, articles: Iterable[Article], batch: int) -> int:
        n = 0
        arts = list(articles)
        bulk = len(arts) > STALE_SHARE * self._count()
        if bulk:
            self.index.lists.clear(0)
        patched = not bulk  # the loaded vectors follow a small change
        try:
            for i in range(0, len(arts), batch):
                part = arts[i : i + batch]
                # title and body embedded apart and mixed: averaged together the long body
                # drowns the title (StackFAQ semantic-only NDCG@10: body 0.76, one text
                # 0.83, mix 0.92)
                titles = self.embedder.embed([a.title or " " for a in part])
                bodies = self.embedder.embed([a.body[:4000] or a.title or " " for a in part])
                vecs = TITLE_SHARE * titles + (1 - TITLE_SHARE) * bodies
                vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
                rowids, replaced = self.index.add(part, vecs, note_lists=not bulk)
                if patched:
                    self._patch_vectors(rowids, vecs, replaced)
                    self._patch_vocabulary(part)
                n += len(part)
        except BaseException:
            patched = False
            raise
        finally:
            self._forget(vectors=not patched)
        if bulk and self._large():
            self._build_lists()  # ready before the first search
        return n

    def _build_lists(self) -> None:
        """Store the per-word lists of the whole vocabulary (2-5 s at 100,000 articles)."""
        vocabulary = (t for t, _df in self.index.all_terms() if t not in STOPWORDS)
        self.index.lists.build(vocabulary, self._count())

    def _forget(self, vectors: bool = True) -> None:
        """Drop what was derived from the index (it changed); the loaded vectors and the
        typo map too unless they were patched (``_patch_vectors``, ``_patch_vocabulary``)."""
        if vectors:
            self._table = None
            self._vocab = None
        self._size = None
        self._matches = {}
        self._prefix_matches = {}
        self._completed = {}
        self._filtered.clear()

    def remove_article(self, article_id: str) -> bool:
        """Drop an article from the index."""
        with self._lock:
            rowid = self.index.rowid_of(article_id)
            try:
                removed = self.index.remove(article_id)
            except BaseException:
                self._forget()
                raise
            if rowid is not None:
                self._patch_vectors([], np.zeros((0, self.embedder.dim), np.float32), [rowid])
            self._forget(vectors=False)
            return removed

    def _patch_vocabulary(self, articles: list[Article]) -> None:
        """Add the new words of articles to a loaded typo map. Words of removed articles
        stay, as in the ``terms`` table."""
        if self._vocab is not None:
            for art in articles:
                self._vocab.learn(set(words(f"{art.title} {' '.join(art.tags)} {art.body}")))

    def _patch_vectors(self, added: list[int], vecs: np.ndarray, removed: list[int]) -> None:
        """Keep loaded vectors and their codes in step with a small change, in place
        (vector_table.py), instead of reading all of them again at the next search."""
        if self._table is None:
            return  # not loaded: the next search reads them
        self._table.remove(removed)
        self._table.add(added, vecs.astype(np.float16).astype(np.float32))  # as a reload

    @property
    def _vec_ids(self) -> np.ndarray | None:
        return None if self._table is None else self._table.ids

    @property
    def _vecs(self) -> np.ndarray | None:
        return None if self._table is None else self._table.vecs

    @property
    def _codes(self) -> CodeColumns | None:
        """The codes, if computed (they are on the first large search)."""
        return self._table.codes() if self._table and self._table.has_codes() else None

    def record_solved(self, query_text: str, article_id: str) -> None:
        """Remember that ``article_id`` solved ``query_text``; boosts it for similar queries."""
        vec = self.embedder.embed([clean(query_text) or " "])[0]
        with self._lock:
            self.index.add_feedback(clean(query_text), article_id, vec)
            self._fb = None

    def search(
        self,
        text: str,
        limit: int = 10,
        filters: Filters | None = None,
        as_you_type: bool = False,
        weights: Weights | None = None,
    ) -> list[Hit]:
        """Ranked hits for free text; never raises on any input (user text is not syntax)."""
        with self._lock:
            if self._closed:
                return []
            return self._search(text, limit, filters or Filters(), as_you_type, weights)

    def _search(
        self, text: str, limit: int, filters: Filters, prefix: bool, w: Weights | None
    ) -> list[Hit]:
        w = w or self.weights
        text = clean(text)
        terms = query_terms(text)
        if not terms:
            return []
        allowed = None if filters.empty() else self._allowed(filters)
        if allowed is not None and not allowed.count:
            return []
        depth = max(50, limit * 5) if allowed is None else max(500, limit * 50)
        scores: dict[int, float] = {}

        def fuse(ranked: list[int], weight: float) -> None:
            rank = 0
            for rid in ranked:
                if allowed is not None and rid not in allowed:
                    continue
                rank += 1
                scores[rid] = scores.get(rid, 0.0) + weight / (RRF_K + rank)

        semantic_job: Future[tuple[np.ndarray | None, list[tuple[int, float]]]] | None = None
        if (w.semantic or w.feedback) and (w.words or w.trigram) and self._large():
            # In a large index both sides take milliseconds: the vectors side runs on a
            # worker (numpy and SQLite both let go of the GIL) while the words are searched.
            self._load_vectors()  # here: the worker must not touch the connection
            semantic_job = self._worker().submit(self._embed_and_rank, text, depth, allowed, w)
        # Each list narrowed to the filter's rows, however few: a word the filter's articles
        # share with few others has a complete list, and a common one kept some of them
        # (FTS5 ranking every row it matched, filtered afterwards, found fewer: NDCG@10
        # 0.904 -> 0.917 with the 125 FAQ articles of 100,000, p50 6.1 -> 1.9 ms).
        by_lists = (w.words or w.trigram) and self._large()
        if by_lists:
            try:
                found_w, found_t = self._lexical_by_lists(terms, prefix, depth, allowed)
                fuse(found_w, w.words)
                fuse(found_t, w.trigram)
            except sqlite3.Error:  # e.g. the lists cannot be dropped on a full disk
                log.warning("the per-word lists failed; FTS5 ranks this search", exc_info=True)
                by_lists = False
        if (w.words or w.trigram) and not by_lists:
            plan = self._lexical_terms(terms, prefix)
            found_w, found_t = self.index.lexical(
                plan.words,
                self._corrections(terms),
                depth,
                prefix and plan.words[-1] == terms[-1],  # the word being typed is kept
                plan.trigrams,
                plan.typed_in_title,
            )
            fuse(found_w, w.words)
            fuse(found_t, w.trigram)
        if semantic_job is not None:
            qvec, ranked = semantic_job.result()
        else:
            qvec, ranked = self._embed_and_rank(text, depth, allowed, w)
        if w.semantic:
            fuse(_above_floor(ranked, w.semantic_floor, w.semantic_min_sim), w.semantic)
        if w.feedback and qvec is not None:
            fuse(self._feedback(qvec, w.feedback_min_sim), w.feedback)
        top = sorted(scores.items(), key=lambda kv: -kv[1])[:limit]
        recs = self.index.records([rid for rid, _ in top])
        hits, pat = [], pattern(terms)
        for rid, score in top:
            aid, title, body, cat, tags, lang = recs[rid]
            snip = make_snippet(body or "", terms, pat=pat)
            hits.append(Hit(aid, title, score, cat, tuple((tags or "").split()), lang, snip))
        return hits

    def title_spans(self, title: str, text: str) -> Snippet:
        """Highlight the query's terms in a title (whole title, spans marked)."""
        return whole_text_spans(title, query_terms(clean(text)))

    def corrected_query(self, text: str) -> str | None:
        """The query with its likely typos replaced by the index's best-known spelling
        ("pritner jam" -> "printer jam"), or None when nothing was corrected."""
        with self._lock:
            if self._closed:
                return None
            corrections = self._corrections(query_terms(clean(text)))
        fixed = clean(text)
        for typo, alternatives in corrections.items():
            fixed = re.sub(rf"(?i)(?<!\w){re.escape(typo)}(?!\w)", alternatives[0], fixed)
        return fixed if fixed != clean(text) else None

    def _embed_and_rank(
        self, text: str, depth: int, allowed: AllowedRows | None, w: Weights
    ) -> tuple[np.ndarray | None, list[tuple[int, float]]]:
        """The query's vector (None when neither vectors side is on) and its neighbours."""
        if not (w.semantic or w.feedback):
            return None, []
        qvec = self.embedder.embed([text])[0]
        return qvec, self._semantic(qvec, depth, allowed) if w.semantic else []

    def _large(self) -> bool:
        return self._count() >= self.large_index

    def _worker(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-vectors")
        return self._pool

    def _load_vectors(self) -> None:
        if self._table is None:
            self._table = VectorTable(*self.index.load_vectors(self.embedder.dim))

    def _count(self) -> int:
        if self._size is None:
            self._size = self.index.count()
        return self._size

    def _allowed(self, filters: Filters) -> AllowedRows:
        """The rows the filters let through, read once per filter until the index changes
        (the same filter comes back with every key typed)."""
        found = self._filtered.get(filters)
        if found is None:
            rows = AllowedRows(self.index.allowed_rowids(filters), self._count())
            found = self._filtered.put(filters, rows)
        return found

    def _lexical_by_lists(
        self, terms: list[str], prefix: bool, depth: int, allowed: AllowedRows | None = None
    ) -> tuple[list[int], list[int]]:
        """The lexical side in a large index, with or without filters (each list narrowed
        to the allowed rows before adding up): each complete word's stored
        list (and its typo alternatives'), added up with the lists of the most frequent
        known words the word being typed can become; CJK runs searched directly (a
        phrase); the trigram table for words the word table does not know and for CJK."""
        lists = self.index.lists
        size = self._count()
        if self._lists_checked != size:  # once per size, not per keystroke
            lists.check_size(size)
            self._lists_checked = size
        typed = terms[-1] if prefix and len(terms[-1]) >= 2 and not is_cjk(terms[-1]) else None
        known = self.index.known_terms(terms)  # one read for the typo and trigram choices
        corrections = self._corrections(terms, known)
        listed = [t for t in terms if t != typed and not is_cjk(t)]
        parts = [lists.get(t) for t in listed]
        parts += [lists.get(a) for t in listed for a in corrections.get(t, ())]
        if typed is not None:
            parts += lists.get_distinct(self._completions(typed))
        direct = [t for t in terms if is_cjk(t)]
        if direct:
            parts.append(lists.ranked(word_match(direct, {}, False)))
        if allowed is not None:
            parts = [allowed.narrow(p) for p in parts]
        found_w = [rid for rid, _score in add_up(parts, depth)]
        tri = [t for t in terms if (t not in known and t != typed) or is_cjk(t)]
        if len(found_w) >= depth:
            tri = [t for t in tri if not t.isascii()]
        return found_w, self.index.trigram(tri, depth)

    def _lexical_terms(self, terms: list[str], prefix: bool) -> LexicalPlan:
        """The terms of the word query and of the trigram query: all of them, except in a
        large index. There the word query keeps the rarest terms within a budget of rows
        (COMMON_TERM_SHARE, LEXICAL_ROW_SHARE, MAX_LARGE_WORD_TERMS); the word being typed
        is kept, in titles only when its prefix is common, and left out when it is very
        common and rarer terms are left. The trigram query, meant for substrings, unknown
        words and CJK, gets only the terms the word table does not know and CJK terms."""
        size = self._count()
        if size < self.large_index:
            return LexicalPlan(terms, terms, False)
        df = self.index.known_terms(terms)
        typed = terms[-1] if prefix else None
        rows = {t: self._matching_rows(t) for t in terms if t != typed}
        rare: list[str] = []
        budget = size * LEXICAL_ROW_SHARE
        for t in sorted(rows, key=lambda t: rows[t])[: MAX_LARGE_WORD_TERMS - bool(typed)]:
            if rows[t] > size * COMMON_TERM_SHARE or rows[t] > budget:
                break
            rare.append(t)
            budget -= rows[t]
        keep_typed, in_title = typed is not None, False
        if typed is not None and len(typed) >= 2 and not is_cjk(typed):
            estimate = self._prefix_rows(typed)
            if estimate is None or estimate > budget:
                very_common = estimate is None or estimate > size * TYPED_TITLE_SHARE
                keep_typed = not (very_common and rare)
                in_title = keep_typed
        kept = [t for t in terms if t in rare or (t == typed and keep_typed)]  # query order
        word_terms = kept or [min(terms, key=lambda t: rows.get(t, 0))]
        trigram_terms = [t for t in terms if (t not in df and t != typed) or is_cjk(t)]
        return LexicalPlan(word_terms, trigram_terms, in_title and word_terms[-1] == typed)

    def _completions(self, prefix: str) -> list[str]:
        """The most frequent known words starting with a prefix being typed (stopwords
        left out), cached like _matching_rows. Their lists stand in for FTS5's prefix
        query, which scored every row of every such word on each keystroke ("pr": 39,092
        rows, 46 ms at 100,000 articles)."""
        found = self._completed.get(prefix)
        if found is None:
            if len(self._completed) >= 10_000:
                self._completed.clear()
            words = self.index.prefix_words(prefix, TYPED_COMPLETIONS)
            found = self._completed[prefix] = [w for w in words if w not in STOPWORDS]
        return found

    def _prefix_rows(self, prefix: str) -> int | None:
        """The index's estimate of the rows a prefix matches, cached like _matching_rows."""
        if prefix not in self._prefix_matches:
            if len(self._prefix_matches) >= 10_000:
                self._prefix_matches.clear()
            self._prefix_matches[prefix] = self.index.prefix_rows(prefix)
        return self._prefix_matches[prefix]

    def _matching_rows(self, term: str) -> int:
        """Rows the term matches in the word table, cached until the index changes (the
        same words come back with every key typed)."""
        found = self._matches.get(term)
        if found is None:
            if len(self._matches) >= 10_000:
                self._matches.clear()
            found = self._matches[term] = self.index.matching_rows(term)
        return found

    def _semantic(
        self, qvec: np.ndarray, k: int, allowed: AllowedRows | None
    ) -> list[tuple[int, float]]:
        """The k nearest articles by cosine, best first, with their cosine."""
        self._load_vectors()
        ids, mat = self._vec_ids, self._vecs
        if ids is None or mat is None or not len(ids):
            return []
        large = len(ids) >= self.large_index
        if large and (allowed is None or allowed.share >= BROAD_FILTER_SHARE):
            with self._one_blas_thread():
                return self._semantic_by_codes(qvec, k, allowed)
        rows = None if allowed is None else np.flatnonzero(allowed.select(ids))
        if rows is not None and not len(rows):
            return []
        with self._one_blas_thread():
            # a narrow filter: only its rows (a gather of a few thousand beats all 100,000)
            sims = (mat if rows is None else mat[rows]) @ qvec
        k = min(k, len(sims))
        part = np.argpartition(-sims, k - 1)[:k]
        order = part[np.argsort(-sims[part])]
        at = ids if rows is None else ids[rows]
        return [(int(at[i]), float(sims[i])) for i in order]

    def _one_blas_thread(self) -> Any:
        """One BLAS thread for these small products: the default pool of threads costs more
        to wake than a 1,000-row product takes (4 ms vs 0.2 ms measured on 2 busy cores)."""
        if self._blas is None:
            from threadpoolctl import ThreadpoolController

            self._blas = ThreadpoolController()
        return self._blas.limit(limits=1, user_api="blas")

    def _semantic_by_codes(
        self, qvec: np.ndarray, k: int, allowed: AllowedRows | None = None
    ) -> list[tuple[int, float]]:
        """Top-k by cosine among the rows nearest by sign-bit codes, re-scored exactly;
        with a broad filter, more of them (``CODE_CANDIDATES / share``), narrowed to the
        allowed rows."""
        assert self._table is not None
        table = self._table
        wanted = max(CODE_CANDIDATES, k)
        if allowed is not None:
            wanted = int(wanted / max(allowed.share, BROAD_FILTER_SHARE))
        rows = nearest_rows(table.codes(), qvec, wanted)
        if allowed is not None:
            rows = rows[allowed.select(table.ids[rows])]
            if not len(rows):
                return []
        sims = table.vecs[rows] @ qvec
        k = min(k, len(rows))
        best = np.argpartition(-sims, k - 1)[:k]
        order = best[np.argsort(-sims[best])]
        return [(int(table.ids[rows[i]]), float(sims[i])) for i in order]

    def _feedback(self, qvec: np.ndarray, min_sim: float) -> list[int]:
        if self._fb is None:
            self._fb = self.index.load_feedback(self.embedder.dim)
        art_ids, mat = self._fb
        if not art_ids:
            return []
        sims = mat @ qvec
        best: dict[str, float] = {}
        for aid, sim in zip(art_ids, sims.tolist(), strict=True):
            if sim >= min_sim:
                # similar past queries add up: an article that solved many similar ones wins
                best[aid] = best.get(aid, 0.0) + sim
        ranked = sorted(best, key=lambda a: -best[a])
        rowids = (self.index.rowid_of(a) for a in ranked)
        return [r for r in rowids if r is not None]

    def _corrections(
        self, terms: list[str], known: dict[str, int] | None = None
    ) -> dict[str, list[str]]:
        """Typo alternatives for Latin terms the index has never seen (edit distance 1-2).

        Only for short queries: in a long one an unknown word is more often a word the
        articles do not use than a typo, and its "corrections" were noise (measured).
        ``known``: the terms' document frequencies when the caller has read them already.
        """
        if len(terms) > MAX_TYPO_QUERY_TERMS:
            return {}
        unknown = [t for t in terms if len(t) >= 4 and not is_cjk(t) and t.isalpha()]
        if known is None:
            known = self.index.known_terms(unknown)
        unknown = [t for t in unknown if t not in known]
        if not unknown:
            return {}
        if self._vocab is None:
            self._vocab = TypoMap(self.index.all_terms())
        out = {t: self._vocab.alternatives(t) for t in unknown}
        return {t: c for t, c in out.items() if c}


def _above_floor(ranked: list[tuple[int, float]], share: float, minimum: float) -> list[int]:
    """Rowids of the neighbours close enough to count (see Weights.semantic_floor)."""
    if not ranked:
        return []
    cut = max(minimum, share * ranked[0][1])
    return [rid for rid, sim in ranked if sim >= cut]
