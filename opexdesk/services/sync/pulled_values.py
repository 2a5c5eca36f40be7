"""Small helpers shared by the appliers of pulled changes (tickets in pull_apply.py,
articles in article_apply.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

PENDING = "pending"  # an outbox row not yet acknowledged by the server
_IN_CHUNK = 500


def parse_time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def in_chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """``values`` in slices short enough for one IN list."""
    for i in range(0, len(values), _IN_CHUNK):
        yield values[i : i + _IN_CHUNK]
