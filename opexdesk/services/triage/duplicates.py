"""Duplicate candidates: open tickets whose title and description look like the selected one.

TF-IDF (scikit-learn) over the open tickets, cosine similarity against one ticket. Words for
Latin, Cyrillic... scripts; overlapping character pairs for Chinese/Japanese runs (no spaces
to split on, and a two-character pair is the common word length). The title counts twice.
Building the index reads every open ticket and runs on a worker; a query is one sparse
matrix-vector product (bench/triage_queue.py: ~20 ms at 100,000 open tickets).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from opexdesk.services.triage.candidates import DuplicateCandidate

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MIN_SCORE = 0.3  # below this the texts share little more than common words ("周一开始")


def tokens(text: str) -> list[str]:
    """Lower-cased words; CJK runs become overlapping character pairs (single characters
    when the run is one character long). Control characters and mojibake are just text."""
    norm = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for word in _WORD.findall(norm):
        pos = 0
        for m in _CJK.finditer(word):
            if m.start() > pos:
                out.append(word[pos : m.start()])
            run = m.group()
            out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
            pos = m.end()
        if pos < len(word):
            rest = word[pos:]
            if len(rest) > 1 or rest.isdigit():
                out.append(rest)
    return out


def document(title: str, description: str) -> str:
    """The indexed text of a ticket: the title weighs twice the description."""
    return f"{title}\n{title}\n{description}"


class DuplicateIndex:
    """An immutable TF-IDF index of open tickets; build a new one to refresh it."""

    def __init__(self, rows: Sequence[tuple[str, int, str, str]]) -> None:
        self._ids = [r[0] for r in rows]
        self._local_ids = np.array([r[1] for r in rows], dtype=np.int64)
        self._titles = [r[2] for r in rows]
        self._vectorizer: TfidfVectorizer | None = None
        self._matrix: csr_matrix | None = None
        self._pos = {tid: i for i, tid in enumerate(self._ids)}
        docs = [document(r[2], r[3]) for r in rows]
        if docs:
            vec = TfidfVectorizer(analyzer=tokens, sublinear_tf=True, dtype=np.float32)
            try:
                self._matrix = csr_matrix(vec.fit_transform(docs))
                self._vectorizer = vec
            except ValueError:  # every text empty: nothing to compare
                self._matrix = None
        self._lock = threading.Lock()  # sklearn's transform is not documented thread-safe

    def __len__(self) -> int:
        return len(self._ids)

    def candidates(
        self,
        title: str,
        description: str = "",
        exclude: str | None = None,
        limit: int = 5,
        min_score: float = MIN_SCORE,
    ) -> list[DuplicateCandidate]:
        """The ``limit`` most similar open tickets (best first), never ``exclude`` itself.
        Empty or unmatched text gives no candidates."""
        if self._vectorizer is None or self._matrix is None:
            return []
        text = document(title or "", description or "")
        if not tokens(text):
            return []
        with self._lock:
            query = self._vectorizer.transform([text])
        scores = (self._matrix @ query.T).toarray().ravel()
        if exclude is not None and exclude in self._pos:
            scores[self._pos[exclude]] = -1.0
        k = min(limit, len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [
            DuplicateCandidate(
                self._ids[i], int(self._local_ids[i]), self._titles[i], float(scores[i])
            )
            for i in top
            if scores[i] >= min_score
        ]
