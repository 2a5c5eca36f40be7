"""How far a sync round is, and how a user stops it: shared by the engine and the runner
(kept free of httpx so the runner stays off the start-up path)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from opexdesk.domain.errors import Templated


@dataclass(frozen=True)
class SyncProgress:
    """``phase`` "push" (mutations sent of those pending), "download" (a new device's
    working set: tickets received of those in it), "download_articles" (its knowledge
    base: articles received of all) or "pull" (server_seq positions covered of those up
    to the checkpoint); ``total`` 0 when unknown."""

    phase: str
    done: int
    total: int


ProgressCallback = Callable[[SyncProgress], None]


class RoundCancelled(Templated, Exception):  # noqa: N818 - a request, not an error
    """Raised from a progress callback to stop a round after the page just committed; the
    message (optional) is a template like any Templated error's."""
