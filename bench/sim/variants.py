"""Deliberately broken sync engines: the checks must catch each of them.

They subclass the real ``SyncEngine`` inside the simulation only; the real engine is never
changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete

from opexdesk.services.events import Clock
from opexdesk.services.sync.api import PushResult, SyncApi, SyncError
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.database import Database
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState


class ForgetDroppedEngine(SyncEngine):
    """Treats a push that failed (dropped, no answer, a proxy's 5xx or garbage) as
    acknowledged, so nothing is ever re-sent."""

    def __init__(self, db: Database, api: SyncApi, clock: Clock | None = None) -> None:
        super().__init__(db, api, clock)
        real_push = api.push

        def push(client_id: str, mutations: list[dict[str, Any]], *a: Any, **kw: Any) -> PushResult:
            try:
                return real_push(client_id, mutations, *a, **kw)
            except SyncError:
                assumed = [
                    {"mutation_id": m["mutation_id"], "status": "applied"} for m in mutations
                ]
                return PushResult(assumed, 0)

        api.push = push  # type: ignore[method-assign]


class CursorFirstEngine(SyncEngine):
    """Commits the cursor advance, then applies the page in a second transaction: a death in
    between skips that page for ever."""

    def _pull(self, *_progress: Any, **_kw: Any) -> tuple[int, int]:
        with self._db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            cursor = state.cursor if state is not None else 0
        pulled = 0
        while True:
            page = self._api.pull(cursor, self._pull_page)
            with self._db.transaction() as s:
                state = self._state(s)
                if state.cursor != cursor:
                    cursor = state.cursor
                    continue
                state.cursor = max(state.cursor, page.next_cursor)
                cursor = state.cursor
            with self._db.transaction() as s:
                self._apply(s, page.changes)
                pulled += len(page.changes)
            if not page.more:
                break
        with self._db.transaction() as s:
            s.execute(delete(OutboxEntry).where(OutboxEntry.state == "acknowledged"))
        return pulled, cursor


class SkipArticlesEngine(SyncEngine):
    """Drops the knowledge-base articles from every pulled page (and keeps the cursor
    moving): the article checks must see the devices' knowledge bases drift apart."""

    def _apply(self, s: Any, changes: list[dict[str, Any]]) -> None:
        super()._apply(s, [c for c in changes if c.get("entity") != "article"])


EngineFactory = Callable[[Database, SyncApi, Clock], SyncEngine]

VARIANTS: dict[str, EngineFactory] = {
    "none": SyncEngine,
    "forget_dropped": ForgetDroppedEngine,
    "cursor_first": CursorFirstEngine,
    "skip_articles": SkipArticlesEngine,
}

BROKEN = tuple(name for name in VARIANTS if name != "none")
