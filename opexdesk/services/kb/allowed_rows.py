"""The articles a search's filters let through, kept while the user types.

A filter (category, tag, language) is the same on every keystroke, so the rows it lets
through are read once and kept as a mask over rowids until the index changes. Built per
search as a Python set, a filter that let most of 100,000 articles through cost ~110 ms of
each keystroke's ~130 ms (bench/kb_quality.py's filtered runs).

In a large index (search.py) the per-word lists are narrowed to the allowed rows before
they are added up, whatever the filter. How much it lets through decides the vectors side:
a broad filter narrows the sign-bit codes' candidates, a narrow one scores just its own
rows.
"""

from __future__ import annotations

import numpy as np

from opexdesk.services.kb.records import Filters
from opexdesk.services.kb.term_lists import TermList

MAX_KEPT = 32  # filters remembered at once (a user switches between a few)


class AllowedRows:
    """A mask over rowids, with how many rows pass and what share of the index that is."""

    def __init__(self, rowids: np.ndarray, total: int) -> None:
        rowids = np.asarray(rowids, np.int64)
        self.count = len(rowids)
        self.share = self.count / total if total else 0.0
        self._mask = np.zeros(int(rowids.max()) + 1 if len(rowids) else 0, bool)
        self._mask[rowids] = True

    def __contains__(self, rowid: int) -> bool:
        return 0 <= rowid < len(self._mask) and bool(self._mask[rowid])

    def select(self, rowids: np.ndarray) -> np.ndarray:
        """For each rowid, whether it passes (rowids beyond the mask do not)."""
        inside = rowids < len(self._mask)
        out = np.zeros(len(rowids), bool)
        out[inside] = self._mask[rowids[inside]]
        return out

    def narrow(self, found: TermList) -> TermList:
        """A word's list with only the rows that pass."""
        keep = self.select(found.rowids)
        return TermList(found.rowids[keep], found.scores[keep], found.clipped)


class AllowedCache:
    """The rows of the last few filters; cleared whenever the index changes."""

    def __init__(self) -> None:
        self._kept: dict[Filters, AllowedRows] = {}

    def get(self, filters: Filters) -> AllowedRows | None:
        return self._kept.get(filters)

    def put(self, filters: Filters, rows: AllowedRows) -> AllowedRows:
        if len(self._kept) >= MAX_KEPT:
            self._kept.pop(next(iter(self._kept)))  # the oldest
        self._kept[filters] = rows
        return rows

    def clear(self) -> None:
        self._kept.clear()
