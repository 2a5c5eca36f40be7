"""Per-word ranked lists for the word search of a large knowledge base.

FTS5 runs ``bm25()`` on every row a query word matches: at 100,000 articles a common word
costs milliseconds, paid again on every keystroke. BM25 is a sum over the query's words, so
each word's part can be computed once: the rows the word matches with their one-word BM25
score (FTS5's own ``bm25()``, field weights included), best first, the best ``LIST_LENGTH``
kept (a common word adds little to a row outside its best few thousand). A query adds up
the lists of its words: the score FTS5 gives the OR of them, for the rows in those lists.

Lists are keyed by the word's stem as FTS5's porter tokenizer makes it ("printing" and
"prints" share one), stored in the index file (``term_lists``) and kept current when an
article is added or removed: its stems' lists get its row scored or taken out. Scores carry
the article count of the moment they were computed; when the count has moved by more than
``STALE_SHARE`` since the lists were built they are dropped and computed again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from contextlib import nullcontext
from typing import NamedTuple

import numpy as np

from opexdesk.services.kb.query import is_cjk, word_match

# Rows kept per word. At 100,000 articles (StackFAQ + tickets) NDCG@10 fused / words only:
# 1,000: 0.859 / 0.697; 4,000: 0.874 / 0.767; 10,000: 0.875 / 0.772 (p50 +0.5 ms).
LIST_LENGTH = 4000
DENSE_ROWIDS = 50_000_000  # add_up sums into an array this long at most (400 MB)
MAX_NOTED = 100_000  # article changes noted for stored lists before those lists are dropped
STALE_SHARE = 0.1  # lists built for N articles are dropped at N * (1 +- this)
CACHE_SIZE = 20_000  # lists held decoded in memory

log = logging.getLogger(__name__)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS term_lists (stem TEXT PRIMARY KEY, rowids BLOB NOT NULL,"
    " scores BLOB NOT NULL, clipped INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # Rows to score into (+rowid) or take out of (-rowid) a stored list, in the order noted.
    "CREATE TABLE IF NOT EXISTS term_list_changes (id INTEGER PRIMARY KEY, stem TEXT NOT NULL,"
    " word TEXT NOT NULL, signed_rowid INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_term_list_changes_stem ON term_list_changes(stem)",
)
# A scratch table with the word table's tokenizer: what FTS5 makes of a word is read back
# from its vocabulary, so a stem is always the one the index holds.
STEMMER = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5(t,"
    " tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_terms"
    " USING fts5vocab(temp, 'stemmer', 'instance')",
)


class TermList(NamedTuple):
    """One word's rows and their one-word BM25 scores (higher is better), best first."""

    rowids: np.ndarray  # int64
    scores: np.ndarray  # float32
    clipped: bool  # more rows match than the list holds


EMPTY = TermList(np.zeros(0, np.int64), np.zeros(0, np.float32), False)


class TermLists:
    """The lists of one index connection (the caller serialises access)."""

    def __init__(self, conn: sqlite3.Connection, weights: tuple[float, float, float]) -> None:
        self.conn = conn
        self.weights = weights
        for stmt in (*SCHEMA, *STEMMER):
            conn.execute(stmt)
        self._cache: dict[str, TermList] = {}
        self._stems: dict[str, str | None] = {}

    # -- reading -------------------------------------------------------------------------

    def get(self, word: str) -> TermList:
        """The list of a query word (any Latin-script word: CJK runs are phrases, not
        stems, and are searched directly). Computed and stored on first use."""
        stem = self.stems([word]).get(word)
        if stem is None:  # no single stem (e.g. "a_b" is two tokens): not stored
            return self._compute(word)
        found = self._cache.get(stem)
        if found is not None:
            return found
        row = self.conn.execute(
            "SELECT rowids, scores, clipped FROM term_lists WHERE stem = ?", (stem,)
        ).fetchone()
        changes = self.conn.execute(
            "SELECT id, word, signed_rowid FROM term_list_changes WHERE stem = ? ORDER BY id",
            (stem,),
        ).fetchall()
        if row is not None and not changes:
            found = _decode(row)
        else:
            if row is not None:  # articles came or went since it was stored
                found = self._patch(_decode(row), changes[-1][1], [r for _i, _w, r in changes])
            else:
                found = self._compute(word)
            try:
                with self.conn:
                    self._store({stem: found})
                    self.conn.execute(
                        "DELETE FROM term_list_changes WHERE stem = ? AND id <= ?",
                        (stem, max((c[0] for c in changes), default=0)),
                    )
            except sqlite3.Error:  # a full disk or a read-only file: kept in memory only
                log.warning("storing the list of %r failed", stem, exc_info=True)
        self._remember(stem, found)
        return found

    def get_distinct(self, words: list[str]) -> list[TermList]:
        """The lists of these words, one per stem ("print", "printing" and "prints" count
        once, as one FTS5 prefix would)."""
        stems = self.stems(words)
        seen: set[str] = set()
        out = []
        for word in words:
            stem = stems[word]
            if stem is None or stem not in seen:
                out.append(self.get(word))
                if stem is not None:
                    seen.add(stem)
        return out

    def stems(self, words: Iterable[str]) -> dict[str, str | None]:
        """FTS5's stem of each word (None when the tokenizer makes no single token of it)."""
        words = list(words)
        wanted = [w for w in dict.fromkeys(words) if w not in self._stems]
        if wanted:
            self._stem_now(wanted)
        return {w: self._stems.get(w) for w in words}

    def _stem_now(self, words: list[str]) -> None:
        tokens: dict[int, list[str]] = {}
        # the scratch rows live in a transaction of their own unless the caller has one
        with nullcontext() if self.conn.in_transaction else self.conn:
            self.conn.executemany(
                "INSERT INTO temp.stemmer(rowid, t) VALUES (?, ?)", enumerate(words, start=1)
            )
            for term, doc in self.conn.execute("SELECT term, doc FROM temp.stemmer_terms"):
                tokens.setdefault(int(doc), []).append(term)
            self.conn.execute("DELETE FROM temp.stemmer")
        if len(self._stems) > 50_000:
            self._stems.clear()
        for i, word in enumerate(words, start=1):
            found = tokens.get(i, [])
            self._stems[word] = found[0] if len(found) == 1 and not is_cjk(word) else None

    def _compute(self, word: str) -> TermList:
        return self.ranked(word_match([word], {}, False))

    def ranked(self, expr: str) -> TermList:
        """The best LIST_LENGTH rows of a word-table query (a word's, or CJK phrases
        searched directly) with their BM25 scores, higher is better."""
        if not expr:
            return EMPTY
        try:
            rows = self.conn.execute(
                "SELECT rowid, bm25(fts_words, ?, ?, ?) AS s FROM fts_words"
                " WHERE fts_words MATCH ? ORDER BY s LIMIT ?",
                (*self.weights, expr, LIST_LENGTH + 1),
            ).fetchall()
        except sqlite3.OperationalError:  # cannot happen with quoted terms
            return EMPTY
        kept = rows[:LIST_LENGTH]
        return TermList(
            np.fromiter((r[0] for r in kept), np.int64, len(kept)),
            np.fromiter((-r[1] for r in kept), np.float32, len(kept)),  # bm25() is negative
            len(rows) > LIST_LENGTH,
        )

    def _remember(self, stem: str, found: TermList) -> None:
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[stem] = found

    def _store(self, lists: dict[str, TermList]) -> None:
        """Write lists (in the caller's transaction)."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO term_lists(stem, rowids, scores, clipped) VALUES (?, ?, ?, ?)",
            (
                (stem, t.rowids.tobytes(), t.scores.tobytes(), int(t.clipped))
                for stem, t in lists.items()
            ),
        )

    # -- keeping them current --------------------------------------------------------------

    def stored_any(self) -> bool:
        """True when at least one list is stored."""
        return self.conn.execute("SELECT 1 FROM term_lists LIMIT 1").fetchone() is not None

    def built_for(self) -> int | None:
        """The article count the stored lists were computed for (None: none built)."""
        row = self.conn.execute("SELECT value FROM kb_meta WHERE key = 'lists_size'").fetchone()
        return int(row[0]) if row else None

    def check_size(self, size: int) -> None:
        """Drop the lists when the index has grown or shrunk too far since they were
        computed (their scores' document counts are off); they are computed again."""
        built = self.built_for()
        if built is None or abs(size - built) > STALE_SHARE * max(built, 1):
            self.clear(size)

    def clear(self, size: int) -> None:
        """Drop every list; those computed from now on are for ``size`` articles."""
        with self.conn:
            self.conn.execute("DELETE FROM term_lists")
            self.conn.execute("DELETE FROM term_list_changes")
            self.conn.execute(
                "INSERT OR REPLACE INTO kb_meta(key, value) VALUES ('lists_size', ?)", (str(size),)
            )
        self._cache.clear()

    def build(self, words: Iterable[str], size: int) -> int:
        """Compute and store the lists of all these words' stems (after a bulk load, so the
        first searches find them ready); returns how many lists were stored."""
        self.check_size(size)
        by_stem: dict[str, str] = {}
        for word, stem in self.stems(w for w in words if not is_cjk(w)).items():
            if stem is not None:
                by_stem.setdefault(stem, word)
        have = {s for (s,) in self.conn.execute("SELECT stem FROM term_lists")}
        todo = {stem: word for stem, word in by_stem.items() if stem not in have}
        batch: dict[str, TermList] = {}
        for stem, word in todo.items():
            batch[stem] = self._compute(word)
            if len(batch) >= 500:
                with self.conn:
                    self._store(batch)
                batch = {}
        with self.conn:
            self._store(batch)
        return len(todo)

    def changed(self, added: dict[int, list[str]], removed: dict[int, list[str]]) -> None:
        """Note, for the stored lists of their words, the articles added (rowid -> its
        words, already in the word table) and removed (rowid -> the words it had, already
        out of it), in the caller's transaction: the lists follow the articles or nothing
        changes. The rows are scored in when a search next reads the list, on its worker:
        scoring here took up to 0.1 s per published article at 100,000 articles, on the
        thread that publishes."""
        all_words = [w for ws in (*added.values(), *removed.values()) for w in ws]
        stems = self.stems(w for w in all_words if not is_cjk(w))
        notes: list[tuple[str, str, int]] = []
        for rowids_words, sign in ((removed, -1), (added, 1)):
            for rowid, ws in rowids_words.items():
                for w in ws:
                    stem = stems.get(w)
                    if stem is not None:
                        notes.append((stem, w, sign * rowid))
        if not notes:
            return
        touched = list({stem for stem, _w, _r in notes})
        for stem in touched:
            self._cache.pop(stem, None)
        stored: set[str] = set()
        for start in range(0, len(touched), 500):
            part = touched[start : start + 500]
            marks = ",".join("?" * len(part))
            stored.update(
                s
                for (s,) in self.conn.execute(
                    f"SELECT stem FROM term_lists WHERE stem IN ({marks})", part
                )
            )
        self.conn.executemany(
            "INSERT INTO term_list_changes(stem, word, signed_rowid) VALUES (?, ?, ?)",
            (note for note in notes if note[0] in stored),
        )
        # Notes for lists no search reads would pile up (a hundred per published article):
        # past MAX_NOTED, the noted lists are dropped instead, computed again when used.
        noted = self.conn.execute("SELECT count(*) FROM term_list_changes").fetchone()[0]
        if noted > MAX_NOTED:
            self.conn.execute(
                "DELETE FROM term_lists WHERE stem IN (SELECT stem FROM term_list_changes)"
            )
            self.conn.execute("DELETE FROM term_list_changes")
            self._cache.clear()

    def _patch(self, old: TermList, word: str, signed_rowids: list[int]) -> TermList:
        """The list with the noted rows taken out and (re-)scored in; a row added and then
        removed again is simply not found by the word any more."""
        gone = {-r for r in signed_rowids if r < 0}
        new = sorted({r for r in signed_rowids if r > 0})
        keep = ~np.isin(old.rowids, np.fromiter(gone | set(new), np.int64, len(gone | set(new))))
        rowids, scores = old.rowids[keep], old.scores[keep]
        scored = self._score_rows(word, new)
        if scored:
            rowids = np.concatenate([rowids, np.fromiter(scored, np.int64, len(scored))])
            scores = np.concatenate([scores, np.fromiter(scored.values(), np.float32)])
        order = np.argsort(-scores, kind="stable")[:LIST_LENGTH]
        clipped = old.clipped or len(scores) > LIST_LENGTH
        return TermList(rowids[order].copy(), scores[order].copy(), clipped)

    def _score_rows(self, word: str, rowids: list[int]) -> dict[int, float]:
        """The one-word BM25 score of these rows (those the word matches)."""
        out: dict[int, float] = {}
        for start in range(0, len(rowids), 5000):  # under SQLite's limit of parameters
            part = rowids[start : start + 5000]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                "SELECT rowid, bm25(fts_words, ?, ?, ?) FROM fts_words"
                f" WHERE fts_words MATCH ? AND rowid IN ({marks})",
                (*self.weights, word_match([word], {}, False), *part),
            )
            out.update((int(r), -float(sc)) for r, sc in rows)
        return out

    def forget_cached(self) -> None:
        """Drop the decoded lists held in memory (the stored ones stay)."""
        self._cache.clear()


def _decode(row: tuple[bytes, bytes, int]) -> TermList:
    """A stored list from its (rowids, scores, clipped) columns."""
    return TermList(
        np.frombuffer(row[0], np.int64), np.frombuffer(row[1], np.float32), bool(row[2])
    )


def add_up(lists: Iterable[TermList], limit: int) -> list[tuple[int, float]]:
    """The best ``limit`` rows by the sum of their scores over the lists, best first.

    Sums by ``bincount`` over the rowids (a dense array as long as the largest rowid; a
    sort-based ``unique`` took 1 ms for six lists of 4,000); a row is in at most one entry
    per list, so the best ``limit`` x lists entries hold the best ``limit`` rows."""
    parts = [t for t in lists if len(t.rowids)]
    if not parts:
        return []
    rowids = np.concatenate([t.rowids for t in parts])
    scores = np.concatenate([t.scores for t in parts])
    if int(rowids.max()) > DENSE_ROWIDS:  # not seen in practice: rowids count up from 1
        unique, where = np.unique(rowids, return_inverse=True)
        rowids, scores = unique, np.bincount(where, weights=scores)
    else:
        totals = np.bincount(rowids, weights=scores)
        keep = min(len(rowids), limit * len(parts))
        if keep < len(rowids):
            top = np.argpartition(-totals[rowids], keep - 1)[:keep]
            rowids = rowids[top]
        rowids = np.unique(rowids)
        scores = totals[rowids]
    k = min(limit, len(rowids))
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.lexsort((rowids[best], -scores[best]))]  # ties: the lower rowid first
    return [(int(rowids[i]), float(scores[i])) for i in best]
