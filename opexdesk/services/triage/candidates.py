"""The duplicate-candidate record, apart from the index (no numpy or scikit-learn import)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DuplicateCandidate:
    """An open ticket similar to the selected one; ``score`` is the cosine (0..1)."""

    ticket_id: str
    local_id: int
    title: str
    score: float
