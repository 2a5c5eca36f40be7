"""Entity ids: UUIDv7, created where the entity is created (time-ordered, sync-safe)."""

from functools import cache
from typing import Any


@cache
def _uuid7() -> Any:
    # Imported on first use: uuid6 reads its own package metadata at import (~70 ms),
    # which start-up does not need.
    from uuid6 import uuid7

    return uuid7


def new_id() -> str:
    """Return a new UUIDv7 as its canonical 36-character string."""
    return str(_uuid7()())
