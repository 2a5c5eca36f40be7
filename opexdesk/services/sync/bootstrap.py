"""A new device's first download: the knowledge base and the user's working set, then the
ordinary pull.

A database that has never pulled first pages through ``GET /sync/articles`` (every article,
whole: the knowledge base is shared; progress marker ``sync.bootstrap_articles``), then asks
``GET /sync/snapshot`` for the tickets the user works
with (open ones, ones changed in the last ``days`` days, the user's own) with everything
appended to them, page by page; each page is applied in one local transaction together with
the progress marker (settings key ``sync.bootstrap``), so a kill resumes where it stopped.
The last page sets the cursor to the checkpoint the first page gave (or the articles' one,
taken before it, when lower): the ordinary pull then brings everything that changed
meanwhile.

An older ticket that later comes back to life (a comment on a ticket closed a year ago)
arrives through the pull without its earlier conversation: ``remember_new_tickets`` notes
the ones created before the download, and ``backfill`` fetches their full record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from opexdesk.services.events import Clock
from opexdesk.services.sync.answers import checked_articles, checked_snapshot, garbage
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.progress import ProgressCallback, SyncProgress
from opexdesk.services.sync.pull_apply import PageResult, apply_page
from opexdesk.storage import settings_repo
from opexdesk.storage.database import Database
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

PROGRESS_KEY = "sync.bootstrap"  # {"checkpoint", "after", "total", "done"} while downloading
# The same for the articles, downloaded first; "finished" once their last page is in.
ARTICLES_KEY = "sync.bootstrap_articles"
DONE_AT_KEY = "sync.bootstrapped_at"  # when the download finished (ISO time)
BACKFILL_KEY = "sync.backfill"  # ids of older tickets whose history is still to fetch
WORKING_SET_DAYS = 90
SNAPSHOT_PAGE = 100
# The progress phase of the knowledge base's download (the tickets' is "download").
ARTICLES_PHASE = "download_articles"


class WorkingSetDownload:
    """The first download of a new device, and the history of old tickets later."""

    def __init__(
        self,
        db: Database,
        api: SyncApi,
        clock: Clock,
        *,
        days: int = WORKING_SET_DAYS,
        page: int = SNAPSHOT_PAGE,
        on_page: Callable[[PageResult], None] | None = None,
    ) -> None:
        self._db = db
        self._api = api
        self._clock = clock
        self._days = days
        self._page = page
        self._on_page = on_page

    @staticmethod
    def needed(s: Session) -> bool:
        """True until this database has finished a first download or a pull."""
        state = s.get(SyncState, SYNC_STATE_ID)
        if state is None:
            return True
        return state.last_pull_at is None and state.cursor == 0

    def run(self, on_progress: ProgressCallback | None = None) -> int:
        """Download the knowledge base and the working set (resuming an interrupted
        download); changes applied."""
        with self._db.read() as s:
            if not self.needed(s):
                return 0
            marker = _load(s, PROGRESS_KEY)
            articles = _load(s, ARTICLES_KEY)
        received = 0
        if articles is None or not articles.get("finished"):
            got = self._articles(articles, on_progress)
            if got is None:
                return 0  # finished by another round meanwhile
            received += got
        while True:
            after = str(marker["after"]) if marker else ""
            page = checked_snapshot(self._api, after, self._page, self._days)
            tickets = sum(1 for c in page.changes if c.get("entity") == "ticket")
            with self._db.transaction() as s:
                if not self.needed(s):
                    return received  # finished by another round meanwhile
                if marker is None:
                    marker = {"checkpoint": page.checkpoint or 0, "total": page.total or 0}
                    marker["done"] = 0
                result = _apply(self._api, s, page.changes)
                marker["after"] = page.next_after or ""
                marker["done"] = int(marker["done"]) + tickets
                if page.more:
                    settings_repo.put(s, PROGRESS_KEY, json.dumps(marker))
                else:
                    self._finish(s, int(marker["checkpoint"]))
            received += len(page.changes)
            if self._on_page is not None:
                self._on_page(result)
            if on_progress is not None:
                total = max(int(marker["total"]), int(marker["done"]))
                on_progress(SyncProgress("download", int(marker["done"]), total))
            if not page.more:
                return received

    def _articles(
        self, marker: dict[str, Any] | None, on_progress: ProgressCallback | None
    ) -> int | None:
        """Page through the whole knowledge base, each page in one transaction with its
        marker (a kill resumes at the next page); changes applied, None when another round
        finished the download meanwhile."""
        received = 0
        while True:
            after = str(marker.get("after") or "") if marker else ""
            page = checked_articles(self._api, after, self._page)
            with self._db.transaction() as s:
                if not self.needed(s):
                    return None
                if marker is None:  # the articles' checkpoint: taken before the tickets'
                    marker = {"checkpoint": page.checkpoint, "total": page.total or 0, "done": 0}
                result = _apply(self._api, s, page.changes)
                marker["after"] = page.next_after or ""
                marker["done"] = int(marker["done"]) + len(page.changes)
                marker["finished"] = not page.more
                settings_repo.put(s, ARTICLES_KEY, json.dumps(marker))
            received += len(page.changes)
            if self._on_page is not None:
                self._on_page(result)
            if on_progress is not None:
                total = max(int(marker["total"]), int(marker["done"]))
                on_progress(SyncProgress(ARTICLES_PHASE, int(marker["done"]), total))
            if not page.more:
                return received

    def _finish(self, s: Session, checkpoint: int) -> None:
        state = s.get(SyncState, SYNC_STATE_ID)
        assert state is not None  # the engine created it before the round
        articles = _load(s, ARTICLES_KEY) or {}
        if isinstance(articles.get("checkpoint"), int):
            # Article changes made while the tickets were paged come again in the pull.
            checkpoint = min(checkpoint, int(articles["checkpoint"]))
        state.cursor = max(state.cursor, checkpoint)
        now = self._clock.now()
        state.last_pull_at = now
        settings_repo.delete(s, PROGRESS_KEY)
        settings_repo.delete(s, ARTICLES_KEY)
        settings_repo.put(s, DONE_AT_KEY, now.isoformat())

    # ---- older tickets that come back ----------------------------------------------------

    @staticmethod
    def remember_new_tickets(s: Session, new_tickets: dict[str, datetime | None]) -> None:
        """Inside a pull's transaction: note tickets new here that are older than the
        download (their earlier conversation was never sent to this device)."""
        done_at = settings_repo.get(s, DONE_AT_KEY)
        if done_at is None or not new_tickets:
            return  # a full history was pulled: nothing is missing
        since = datetime.fromisoformat(done_at)
        older = [tid for tid, created in new_tickets.items() if created and created < since]
        settings_repo.add_to_list(s, BACKFILL_KEY, older)

    def backfill(self) -> int:
        """Fetch the full record of each remembered ticket, a page of tickets per request
        (one request per ticket made a first sync after days offline crawl); how many
        were filled in."""
        with self._db.read() as s:
            waiting = settings_repo.load_list(s, BACKFILL_KEY)

        def done(s: Session, batch: list[str], result: PageResult) -> None:
            settings_repo.remove_from_list(s, BACKFILL_KEY, batch)
            if self._on_page is not None:
                self._on_page(result)

        fetch_tickets(self._db, self._api, waiting, done, self._page)
        return len(waiting)


def fetch_tickets(
    db: Database,
    api: SyncApi,
    ticket_ids: list[str],
    done: Callable[[Session, list[str], PageResult], None],
    page_size: int = SNAPSHOT_PAGE,
) -> None:
    """Fetch ``ticket_ids`` whole (row and everything appended), a page of tickets per
    request; each page is applied in one transaction with ``done(session, batch, result)``,
    where the caller forgets what it fetched (so a kill resumes at the next page)."""
    for start in range(0, len(ticket_ids), page_size):
        batch = ticket_ids[start : start + page_size]
        page = checked_snapshot(api, "", len(batch), 0, tickets=batch)
        with db.transaction() as s:
            done(s, batch, _apply(api, s, page.changes))


def fetch_articles(
    db: Database,
    api: SyncApi,
    article_ids: list[str],
    done: Callable[[Session, list[str], PageResult], None],
    page_size: int = SNAPSHOT_PAGE,
) -> None:
    """Fetch ``article_ids`` whole (``/sync/articles?article=…``), a page per request, each
    applied in one transaction with ``done(session, batch, result)`` (as fetch_tickets)."""
    for start in range(0, len(article_ids), page_size):
        batch = article_ids[start : start + page_size]
        page = checked_articles(api, "", len(batch), batch)
        with db.transaction() as s:
            done(s, batch, _apply(api, s, page.changes))


def _apply(api: SyncApi, s: Session, changes: list[dict[str, Any]]) -> PageResult:
    try:
        return apply_page(s, changes)
    except (KeyError, TypeError, ValueError, SQLAlchemyError) as exc:
        # Raised inside the transaction: the whole page is rolled back.
        raise garbage(api, "download") from exc


def _load(s: Session, key: str) -> dict[str, Any] | None:
    raw = settings_repo.get(s, key)
    value = json.loads(raw) if raw else None
    return value if isinstance(value, dict) else None
