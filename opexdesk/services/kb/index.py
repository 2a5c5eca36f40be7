"""The knowledge-base search index: its own SQLite file of derived, rebuildable data.

Stdlib ``sqlite3`` rather than SQLAlchemy: the index is FTS5 virtual tables, ``bm25()`` and
blobs, none of which the ORM models; a search-as-you-type query is a handful of statements
where Core's compile step would be pure overhead; and the file is not part of the migrated
store (delete it and rebuild).

Tables: ``articles`` (the records), ``fts_words`` (porter + unicode61, CJK as bigrams,
columns title/tags/body weighted by BM25), ``fts_tri`` (trigram over the same record text, for
substrings and Chinese), ``terms`` (surface words and their document frequency, for typo
correction), ``vectors`` (float16 embeddings), ``feedback`` ("this solved it") and the
per-word ranked lists of term_lists.py (``term_lists``, ``kb_meta``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from opexdesk.services.kb.query import index_text, trigram_match, word_match, words
from opexdesk.services.kb.records import Article, Filters
from opexdesk.services.kb.term_lists import TermLists

# title > tags > body, in the fts tables' column order
WEIGHTS = (10.0, 4.0, 1.0)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS articles (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,"
    " title TEXT, body TEXT, category TEXT, tags TEXT, language TEXT)",
    "CREATE INDEX IF NOT EXISTS ix_articles_category ON articles(category)",
    "CREATE INDEX IF NOT EXISTS ix_articles_language ON articles(language)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_words USING fts5(title, tags, body,"
    " tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_tri USING fts5(title, tags, body,"
    " content='articles', content_rowid='rowid', tokenize='trigram')",
    "CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS vectors (rowid INTEGER PRIMARY KEY, vec BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, query TEXT NOT NULL,"
    " article_id TEXT NOT NULL, vec BLOB NOT NULL)",
)


@dataclass
class LexicalIndex:
    """SQLite side of the index: records, FTS5 tables, vocabulary, vectors, feedback rows."""

    path: str
    conn: sqlite3.Connection = field(init=False)
    lists: TermLists = field(init=False)

    def __post_init__(self) -> None:
        # check_same_thread=False: the UI runs searches on a worker thread, one at a time
        self.conn = sqlite3.connect(self.path, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        for stmt in SCHEMA:
            self.conn.execute(stmt)
        self.lists = TermLists(self.conn, WEIGHTS)
        self.conn.commit()

    def close(self) -> None:
        """Close the file."""
        self.conn.close()

    def add(
        self, articles: Iterable[Article], vectors: np.ndarray | None, note_lists: bool = True
    ) -> tuple[list[int], list[int]]:
        """Insert or replace articles (one transaction); returns their rowids and the
        rowids of the versions they replaced. ``note_lists``: note them for the stored
        per-word lists (a bulk load drops and rebuilds the lists instead)."""
        arts = list(articles)
        rowids: list[int] = []
        df: Counter[str] = Counter()
        added: dict[int, list[str]] = {}
        removed: dict[int, list[str]] = {}
        with self.conn:
            for art in arts:
                old = self.conn.execute(
                    "SELECT rowid FROM articles WHERE id = ?", (art.id,)
                ).fetchone()
                if old:
                    removed[old[0]] = self._delete_rowid(old[0])
                tags = " ".join(art.tags)
                cur = self.conn.execute(
                    "INSERT INTO articles(id, title, body, category, tags, language)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (art.id, art.title, art.body, art.category, tags, art.language),
                )
                rid = int(cur.lastrowid or 0)
                rowids.append(rid)
                self.conn.execute(
                    "INSERT INTO fts_words(rowid, title, tags, body) VALUES (?, ?, ?, ?)",
                    (rid, index_text(art.title), index_text(tags), index_text(art.body)),
                )
                self.conn.execute(
                    "INSERT INTO fts_tri(rowid, title, tags, body) VALUES (?, ?, ?, ?)",
                    (rid, art.title, tags, art.body),
                )
                added[rid] = list(set(words(f"{art.title} {tags} {art.body}")))
                df.update(added[rid])
            self.conn.executemany(
                "INSERT INTO terms(term, df) VALUES (?, ?)"
                " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                df.items(),
            )
            if vectors is not None:
                blobs = (v.astype(np.float16).tobytes() for v in vectors)
                self.conn.executemany(
                    "INSERT OR REPLACE INTO vectors(rowid, vec) VALUES (?, ?)",
                    zip(rowids, blobs, strict=True),
                )
            if note_lists:
                self.lists.changed(added, removed)
        return rowids, list(removed)

    def _delete_rowid(self, rid: int) -> list[str]:
        """Delete one article's rows everywhere; returns the words it had."""
        row = self.conn.execute(
            "SELECT title, tags, body FROM articles WHERE rowid = ?", (rid,)
        ).fetchone()
        self.conn.execute(
            "INSERT INTO fts_tri(fts_tri, rowid, title, tags, body) VALUES ('delete', ?, ?, ?, ?)",
            (rid, *row),
        )
        self.conn.execute("DELETE FROM fts_words WHERE rowid = ?", (rid,))
        self.conn.execute("DELETE FROM vectors WHERE rowid = ?", (rid,))
        self.conn.execute("DELETE FROM articles WHERE rowid = ?", (rid,))
        return list(set(words(" ".join(t or "" for t in row))))

    def remove(self, article_id: str) -> bool:
        """Remove one article; False if it was not indexed."""
        with self.conn:
            row = self.conn.execute(
                "SELECT rowid FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row:
                gone = self._delete_rowid(row[0])
                self.lists.changed({}, {row[0]: gone})
        return bool(row)

    def count(self) -> int:
        """Number of indexed articles."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def known_terms(self, terms: list[str]) -> dict[str, int]:
        """Document frequency of those terms that occur in the index."""
        if not terms:
            return {}
        marks = ",".join("?" * len(terms))
        rows = self.conn.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", terms)
        return {t: int(d) for t, d in rows}

    def matching_rows(self, term: str) -> int:
        """How many articles the word table matches for ``term``, stemmed as a search
        stems it: "engine" also matches "engineering", which the surface count misses."""
        expr = word_match([term], {}, False)
        if not expr:
            return 0
        try:
            row = self.conn.execute(
                "SELECT count(*) FROM fts_words WHERE fts_words MATCH ?", (expr,)
            ).fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0])

    def prefix_rows(self, prefix: str, most_words: int = 2000) -> int | None:
        """An upper estimate of the rows a prefix search matches: the summed document
        counts of the known words with that prefix (a row with two of them counts twice).
        None when more than ``most_words`` words have it: too many to be worth counting."""
        rows = self._words_with_prefix(prefix, most_words + 1)
        return None if len(rows) > most_words else sum(df for _word, df in rows)

    def prefix_words(self, prefix: str, most: int, scan: int = 2000) -> list[str]:
        """The ``most`` most frequent known words starting with ``prefix`` (among the first
        ``scan`` of them in order: a one-letter prefix is not worth reading them all)."""
        rows = sorted(self._words_with_prefix(prefix, scan), key=lambda r: -r[1])
        return [word for word, _df in rows[:most]]

    def _words_with_prefix(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT term, df FROM terms WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [(str(t), int(d)) for t, d in rows]

    def all_terms(self) -> list[tuple[str, int]]:
        """The whole vocabulary (for the typo index, built lazily)."""
        return [(t, int(d)) for t, d in self.conn.execute("SELECT term, df FROM terms")]

    def allowed_rowids(self, filters: Filters) -> np.ndarray:
        """Rowids passing the filters (tags are whole words of the space-joined tag list),
        found in SQL: splitting 100,000 tag lists in Python took 110 ms."""
        sql, args = ["SELECT rowid FROM articles WHERE 1"], list[str]()
        for col, values in (("category", filters.categories), ("language", filters.languages)):
            if values:
                sql.append(f"AND {col} IN ({','.join('?' * len(values))})")
                args.extend(values)
        for tag in filters.tags:
            sql.append("AND instr(' ' || coalesce(tags, '') || ' ', ' ' || ? || ' ') > 0")
            args.append(tag)
        rows = self.conn.execute(" ".join(sql), args)
        return np.fromiter((rid for (rid,) in rows), np.int64)

    def lexical(
        self,
        terms: list[str],
        corrections: dict[str, list[str]],
        limit: int,
        prefix_last: bool = False,
        trigram_terms: list[str] | None = None,
        last_in_title: bool = False,
    ) -> tuple[list[int], list[int]]:
        """Ranked rowids from the word table (BM25, weighted) over ``terms`` and from the
        trigram table over ``trigram_terms`` (default: the same terms)."""
        w_expr = word_match(terms, corrections, prefix_last, last_in_title)
        terms = trigram_terms if trigram_terms is not None else terms
        found_w = self._run(
            "SELECT rowid FROM fts_words WHERE fts_words MATCH ? "
            "ORDER BY bm25(fts_words, ?, ?, ?) LIMIT ?",
            w_expr,
            limit,
        )
        # trigram: always for non-Latin terms; for the rest only when words found too little
        tri_terms = terms if len(found_w) < limit else [t for t in terms if not t.isascii()]
        return found_w, self.trigram(tri_terms, limit)

    def trigram(self, terms: list[str], limit: int) -> list[int]:
        """Ranked rowids from the trigram table (BM25) for these terms."""
        return self._run(
            "SELECT rowid FROM fts_tri WHERE fts_tri MATCH ? "
            "ORDER BY bm25(fts_tri, ?, ?, ?) LIMIT ?",
            trigram_match(terms),
            limit,
        )

    def _run(self, sql: str, expr: str, limit: int) -> list[int]:
        if not expr:
            return []
        try:
            return [r[0] for r in self.conn.execute(sql, (expr, *WEIGHTS, limit))]
        except sqlite3.OperationalError:
            # cannot happen with quoted terms; a search box must never raise all the same
            return []

    def records(self, rowids: list[int]) -> dict[int, tuple[str, str, str, str, str, str]]:
        """(id, title, body, category, tags, language) by rowid."""
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.conn.execute(
            "SELECT rowid, id, title, body, category, tags, language FROM articles"
            f" WHERE rowid IN ({marks})",
            rowids,
        )
        return {int(r[0]): tuple(r[1:]) for r in rows}  # type: ignore[misc]

    def rowid_of(self, article_id: str) -> int | None:
        """The rowid of an article id, or None."""
        row = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        return int(row[0]) if row else None

    def load_vectors(self, dim: int) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, float16 matrix as stored) of all stored vectors: the reader widens them
        into its own arrays (vector_table.py), one float32 copy instead of two."""
        rows = self.conn.execute("SELECT rowid, vec FROM vectors ORDER BY rowid").fetchall()
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        mat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16)
        return ids, mat.reshape(len(rows), dim)

    def add_feedback(self, query: str, article_id: str, vec: np.ndarray) -> None:
        """Store one "this solved it" event."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO feedback(query, article_id, vec) VALUES (?, ?, ?)",
                (query, article_id, vec.astype(np.float16).tobytes()),
            )

    def load_feedback(self, dim: int) -> tuple[list[str], np.ndarray]:
        """(article ids, float32 query vectors) of all feedback events."""
        rows = self.conn.execute("SELECT article_id, vec FROM feedback ORDER BY id").fetchall()
        mat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16)
        return [r[0] for r in rows], mat.reshape(len(rows), dim).astype(np.float32)
