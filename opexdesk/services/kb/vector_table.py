"""The article vectors held in memory for ranking, with their sign-bit codes.

Rows are added and removed in place, so publishing an article does not copy 100 MB (at
100,000 articles: reading every vector again took 0.2 s at the next search, copying them
into new arrays 70-700 ms on the thread that published). The arrays keep spare rows
(capacity grows by half when full); a removed row takes the last row's place, so row order
means nothing.
"""

from __future__ import annotations

import numpy as np

from opexdesk.services.kb.sign_codes import CodeColumns, sign_codes


class VectorTable:
    """Rowids, float32 unit vectors and (once asked for) their codes, row by row."""

    def __init__(self, rowids: np.ndarray, vectors: np.ndarray) -> None:
        """``vectors`` in any float type (the index stores float16): held as float32."""
        self.n = len(rowids)
        self.dim = vectors.shape[1]
        capacity = self.n + self.n // 10 + 64
        self._ids = np.empty(capacity, np.int64)
        self._vecs = np.empty((capacity, self.dim), np.float32)
        self._ids[: self.n] = rowids
        self._vecs[: self.n] = vectors
        self._codes: list[np.ndarray] | None = None  # full-capacity columns

    @property
    def ids(self) -> np.ndarray:
        return self._ids[: self.n]

    @property
    def vecs(self) -> np.ndarray:
        return self._vecs[: self.n]

    def has_codes(self) -> bool:
        return self._codes is not None

    def codes(self) -> CodeColumns:
        """The sign-bit codes of the rows (computed on first use, then kept in step)."""
        if self._codes is None:
            fresh = sign_codes(self.vecs)
            self._codes = []
            for column in fresh:
                full = np.zeros(len(self._ids), np.uint64)
                full[: self.n] = column
                self._codes.append(full)
        return [column[: self.n] for column in self._codes]

    def add(self, rowids: list[int], vectors: np.ndarray) -> None:
        """Add rows (a rowid already held is replaced)."""
        self.remove(rowids)
        k = len(rowids)
        if not k:
            return
        if self.n + k > len(self._ids):
            self._grow(self.n + k)
        end = self.n + k
        self._ids[self.n : end] = rowids
        self._vecs[self.n : end] = vectors
        if self._codes is not None:
            for column, fresh in zip(self._codes, sign_codes(vectors), strict=True):
                column[self.n : end] = fresh
        self.n = end

    def remove(self, rowids: list[int]) -> None:
        """Take rows out (unknown rowids are ignored); the last row fills each gap."""
        for rowid in rowids:
            found = np.flatnonzero(self._ids[: self.n] == rowid)
            if not len(found):
                continue
            i, last = int(found[0]), self.n - 1
            self._ids[i] = self._ids[last]
            self._vecs[i] = self._vecs[last]
            for column in self._codes or ():
                column[i] = column[last]
            self.n = last

    def _grow(self, need: int) -> None:
        capacity = max(need, len(self._ids) + len(self._ids) // 2)
        ids = np.empty(capacity, np.int64)
        vecs = np.empty((capacity, self.dim), np.float32)
        ids[: self.n] = self.ids
        vecs[: self.n] = self.vecs
        self._ids, self._vecs = ids, vecs
        if self._codes is not None:
            grown = []
            for column in self._codes:
                full = np.zeros(capacity, np.uint64)
                full[: self.n] = column[: self.n]
                grown.append(full)
            self._codes = grown
