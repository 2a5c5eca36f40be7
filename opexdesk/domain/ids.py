"""Entity ids: UUIDv7, created where the entity is created (time-ordered, sync-safe)."""

import uuid6


def new_id() -> str:
    """Return a new UUIDv7 as its canonical 36-character string."""
    return str(uuid6.uuid7())
