"""One sync round: push the outbox, then pull what changed (docs/sync.md).

Restartable at any point: outcomes are stored per batch in one local transaction, each
pulled page is applied together with the cursor advance in one local transaction, and the
server's ledger turns a re-sent mutation into a duplicate.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from opexdesk.domain.ids import new_id
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.services.events import Clock
from opexdesk.services.sync.answers import (
    checked_pull,
    checked_push,
    effective_status,
    garbage,
)
from opexdesk.services.sync.api import (
    NotAnOpExDeskServer,
    PullPage,
    PushResult,
    ServerError,
    SyncApi,
    SyncError,
)
from opexdesk.services.sync.article_apply import (
    HELD_ARTICLES_KEY,
    held_back,
    pending_article_ops,
)
from opexdesk.services.sync.blob_transfer import BlobTransfer
from opexdesk.services.sync.bootstrap import (
    WORKING_SET_DAYS,
    WorkingSetDownload,
    fetch_articles,
    fetch_tickets,
)
from opexdesk.services.sync.progress import ProgressCallback, SyncProgress
from opexdesk.services.sync.pull_apply import (
    PageResult,
    apply_page,
    forget_held,
    in_chunks,
    load_held,
    pending_fields,
    remember_held,
)
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database
from opexdesk.storage.models import (
    Attachment,
    OutboxEntry,
    Ticket,
    Tombstone,
)
from opexdesk.storage.sync_models import ERROR_FIELDS, SYNC_STATE_ID, SyncState

log = logging.getLogger(__name__)

PUSH_BATCH = 500
PULL_PAGE = 500

PENDING = "pending"
ACKNOWLEDGED = "acknowledged"
REJECTED = "rejected"


@dataclass(frozen=True)
class SyncReport:
    """What one ``sync_once`` did."""

    pushed: int
    acknowledged: int
    rejected: int
    conflicts: int
    pulled: int
    cursor: int
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    blobs_waiting: int = 0  # attachments whose bytes are not here yet (retried next round)
    # Knowledge-base articles the round changed here: after such a round the application
    # calls ArticleService.catch_up_index (the pull noted them in kb.index_pending).
    articles: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class SyncEngine:
    """Push the outbox and pull the server's changes into the local database."""

    def __init__(
        self,
        db: Database,
        api: SyncApi,
        clock: Clock | None = None,
        *,
        push_batch: int = PUSH_BATCH,
        pull_page: int = PULL_PAGE,
        blobs: BlobStore | None = None,
        working_set_days: int | None = WORKING_SET_DAYS,
    ) -> None:
        """With ``blobs``, attachment bytes move too: uploaded before their metadata is
        pushed, downloaded after a complete pull. A database that never pulled first
        downloads the user's working set (open tickets, those changed in the last
        ``working_set_days`` days, the user's own; services/sync/bootstrap.py); None pulls
        the whole history instead."""
        self._db = db
        self._api = api
        self._clock = clock or Clock()
        self._transfer = BlobTransfer(api, blobs) if blobs is not None else None
        self._blobs = blobs
        # Blobs to fetch: all known attachments on the first round (a kill may have come
        # between a pull and its downloads), then the pulled ones and the ones still waiting.
        self._blobs_to_check: set[str] | None = None
        self._uploaded = 0
        self._articles: set[str] = set()  # articles changed by the current round
        self._account_tokens: object | None = None  # the tokens whose role/grants were kept
        self._push_batch = max(1, min(push_batch, PUSH_BATCH))
        self._pull_page = max(1, min(pull_page, 1000))
        self._download = (
            None
            if working_set_days is None
            else WorkingSetDownload(
                db, api, self._clock, days=working_set_days, on_page=self._note_page
            )
        )

    # ---- state ---------------------------------------------------------------------------

    def state(self) -> SyncState:
        """The sync_state row, created (with a new client id) on first use."""
        with self._db.transaction() as s:
            return self._state(s)

    def _state(self, s: Session) -> SyncState:
        state = s.get(SyncState, SYNC_STATE_ID)
        if state is None:
            state = SyncState(id=SYNC_STATE_ID, client_id=new_id(), cursor=0)
            s.add(state)
            s.flush()
        if state.server_url is None:
            state.server_url = self._api.server_url
        elif state.server_url != self._api.server_url:
            raise SyncError(
                f"This database syncs with {state.server_url}, not {self._api.server_url}; "
                "use a separate data directory for another server."
            )
        if self._api.username:
            state.username = self._api.username
        tokens = self._api.tokens
        if tokens is not None and tokens is not self._account_tokens:
            # New tokens (a sign-in or refresh) say the role and grants as of then, which
            # let the client refuse what the server would; every pull page says them as of
            # now, so older tokens must not undo what a pull kept.
            self._account_tokens = tokens
            if tokens.role:
                state.role = tokens.role
            if tokens.grants is not None:
                state.grants = tokens.grants
        return state

    # ---- the round -----------------------------------------------------------------------

    def sync_once(self, on_progress: ProgressCallback | None = None) -> SyncReport:
        """Push, then pull; ``on_progress`` hears how far each phase is (e.g. the first
        download of a new device)."""
        try:
            client_id = self.state().client_id
            self._uploaded = 0
            self._articles = set()
            pushed, acknowledged, rejected, conflicts = self._push(client_id, on_progress)
            pulled, cursor = self._pull(on_progress)
            downloaded, waiting = self._download_blobs()
        except SyncError as exc:
            self._record_error(KeptMessage.of(exc))
            raise
        self._record_error(None)
        return SyncReport(
            pushed,
            acknowledged,
            rejected,
            conflicts,
            pulled,
            cursor,
            self._uploaded,
            downloaded,
            waiting,
            len(self._articles),
        )

    def push(self) -> tuple[int, int, int, int]:
        """Only the push half: (pushed, acknowledged, rejected, conflicts)."""
        return self._push(self.state().client_id)

    def pull(self) -> tuple[int, int]:
        """Only the pull half: (changes applied, cursor)."""
        self.state()
        return self._pull()

    def _record_error(self, error: KeptMessage | None) -> None:
        kept = error.fields("last_error") if error is not None else dict.fromkeys(ERROR_FIELDS)
        with self._db.transaction() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            if state is not None:
                for name, value in kept.items():
                    setattr(state, name, value)

    # ---- push ----------------------------------------------------------------------------

    def pending_count(self) -> int:
        with self._db.read() as s:
            query = select(func.count()).select_from(OutboxEntry)
            return int(s.scalar(query.where(OutboxEntry.state == PENDING)) or 0)

    def _push(
        self, client_id: str, on_progress: ProgressCallback | None = None
    ) -> tuple[int, int, int, int]:
        pushed = acknowledged = rejected = conflicts = 0
        resend_from: int | None = None
        total = self.pending_count() if on_progress else 0
        while True:
            with self._db.read() as s:
                query = select(OutboxEntry).order_by(OutboxEntry.client_seq)
                if resend_from is None:
                    query = query.where(OutboxEntry.state == PENDING)
                else:  # after a gap: from the seq the server expects, whatever the state
                    query = query.where(OutboxEntry.client_seq >= resend_from)
                rows = [self._mutation(r) for r in s.scalars(query.limit(self._push_batch))]
            if not rows:
                if resend_from is not None:
                    raise ServerError(
                        f"The server expects change {resend_from} of this device, which is "
                        "no longer stored here (was the server restored from a backup?)."
                    )
                break
            if resend_from is not None and rows[0]["client_seq"] != resend_from:
                raise ServerError(
                    f"The server expects change {resend_from} of this device, but the next "
                    f"one stored here is {rows[0]['client_seq']} (was the server restored from "
                    "a backup?)."
                )
            self._upload_blobs(rows)
            result = self._checked_push(client_id, rows)
            counts = self._store_outcomes([int(r["client_seq"]) for r in rows], result)
            pushed += len(result.outcomes)
            acknowledged += counts[0]
            rejected += counts[1]
            conflicts += counts[2]
            resend_from = result.expected_client_seq
            if on_progress is not None:
                on_progress(SyncProgress("push", min(pushed, total), total))
            if resend_from is None and len(rows) < self._push_batch:
                break
        return pushed, acknowledged, rejected, conflicts

    def _upload_blobs(self, rows: list[dict[str, Any]]) -> None:
        """The bytes of the batch's attachments go first, so no device ever pulls an
        attachment whose bytes the server lacks (a failure stops the round; it resumes)."""
        if self._transfer is None or self._blobs is None:
            return
        shas = [
            str(r["changes"].get("sha256"))
            for r in rows
            if r["entity"] == "attachment" and r["op"] == "append"
        ]
        # A blob missing here cannot be sent; its metadata still syncs (never wedge the queue).
        present = [sha for sha in shas if self._blobs.has(sha)]
        self._uploaded += len(self._transfer.upload_missing(present))

    def _download_blobs(self) -> tuple[int, int]:
        """Fetch the bytes of attachments that are not here; (downloaded, still waiting)."""
        if self._transfer is None or self._blobs is None:
            return 0, 0
        if self._blobs_to_check is None:
            with self._db.read() as s:
                self._blobs_to_check = set(s.scalars(select(Attachment.sha256).distinct()))
        wanted = {sha for sha in self._blobs_to_check if not self._blobs.has(sha)}
        downloaded = 0
        waiting: set[str] = set()
        for sha in sorted(wanted):
            try:
                if self._transfer.download_missing([sha]):
                    waiting.add(sha)  # not on the server yet (its uploader is offline)
                else:
                    downloaded += 1
            except SyncError as exc:
                # The changes are in; the bytes come next round. Not a failed round.
                log.info("attachment %s not downloaded yet: %s", sha[:12], exc)
                waiting.add(sha)
        self._blobs_to_check = waiting
        return downloaded, len(waiting)

    def _checked_push(self, client_id: str, rows: list[dict[str, Any]]) -> PushResult:
        return checked_push(self._api, client_id, rows)

    def _garbage(self, what: str) -> NotAnOpExDeskServer:
        return garbage(self._api, what)

    @staticmethod
    def _mutation(row: OutboxEntry) -> dict[str, Any]:
        return {
            "client_seq": row.client_seq,
            "mutation_id": row.mutation_id,
            "entity": row.entity,
            "entity_id": row.entity_id,
            "op": row.op,
            "changes": row.changes,
            "created_at": row.created_at.isoformat(),
        }

    def _store_outcomes(self, seqs: list[int], result: PushResult) -> tuple[int, int, int]:
        """Each outcome on its outbox row, the batch in one local transaction."""
        by_id = {str(o.get("mutation_id")): o for o in result.outcomes}
        acknowledged = rejected = conflicts = 0
        now = self._clock.now()
        with self._db.transaction() as s:
            # The batch's rows and created tickets in two queries: a get per row flushed the
            # previous row's change first (autoflush), a flush per outcome.
            rows = [
                row
                for chunk in in_chunks(seqs)
                for row in s.scalars(select(OutboxEntry).where(OutboxEntry.client_seq.in_(chunk)))
            ]
            created = [r.entity_id for r in rows if r.entity == "ticket" and r.op == "create"]
            tickets = {
                t.id: t
                for chunk in in_chunks(created)
                for t in s.scalars(select(Ticket).where(Ticket.id.in_(chunk)))
            }
            for row in sorted(rows, key=lambda r: r.client_seq):
                found = by_id.get(row.mutation_id)
                if found is None:
                    expected = result.expected_client_seq
                    if expected is not None and row.client_seq < expected:
                        # Below the server's expected seq: processed there already.
                        found = {
                            "mutation_id": row.mutation_id,
                            "status": "duplicate",
                            "original": None,
                            **KeptMessage.plain("Already processed by the server.").fields(),
                        }
                    else:
                        continue
                status = effective_status(found)
                row.state = REJECTED if status == "rejected" else ACKNOWLEDGED
                row.outcome = json.dumps(found, sort_keys=True)
                if row.state == REJECTED:
                    rejected += 1
                else:
                    acknowledged += 1
                if found.get("status") == "conflict":
                    conflicts += 1
                if row.entity == "ticket" and row.op == "delete" and row.state == REJECTED:
                    # The server kept the ticket (e.g. the role does not allow deleting):
                    # forget the local tombstone and pull everything again to get it back.
                    # The only time the cursor moves back; pulls are idempotent.
                    tombstone = s.get(Tombstone, ("ticket", row.entity_id))
                    if tombstone is not None:
                        s.delete(tombstone)
                    state = s.get(SyncState, SYNC_STATE_ID)
                    if state is not None:
                        state.cursor = 0
                number = found.get("ticket_number")
                if row.entity == "ticket" and row.op == "create" and isinstance(number, int):
                    ticket = tickets.get(row.entity_id)
                    if ticket is not None and ticket.number != number:
                        ticket.number = number
            state = s.get(SyncState, SYNC_STATE_ID)
            if state is not None:
                state.last_push_at = now
        return acknowledged, rejected, conflicts

    # ---- pull ----------------------------------------------------------------------------

    def _pull(self, on_progress: ProgressCallback | None = None) -> tuple[int, int]:
        downloaded = 0
        if self._download is not None:
            downloaded = self._download.run(on_progress)
        with self._db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            cursor = state.cursor if state is not None else 0
        start = cursor
        pulled = 0
        while True:
            page = self._checked_pull(cursor)
            with self._db.transaction() as s:
                state = self._state(s)
                if state.cursor == cursor:
                    try:
                        self._apply(s, page.changes)
                    except (KeyError, TypeError, ValueError, SQLAlchemyError) as exc:
                        # Raised inside the transaction: the whole page is rolled back.
                        raise self._garbage("pull") from exc
                    state.cursor = max(state.cursor, page.next_cursor)
                    state.last_pull_at = self._clock.now()
                    pulled += len(page.changes)
                if page.account is not None:  # a new role or grant, for the early checks
                    state.role, state.grants = page.account
                cursor = state.cursor
            if on_progress is not None:
                total = max(page.checkpoint - start, 0)
                on_progress(SyncProgress("pull", min(max(cursor - start, 0), total), total))
            if not page.more:
                break
        if self._download is not None:
            self._download.backfill()  # older tickets that came back, with their history
        self._refresh_held()
        self._refresh_held_articles()
        # The pulled state now holds every acknowledged mutation: their rows may go.
        with self._db.transaction() as s:
            s.execute(delete(OutboxEntry).where(OutboxEntry.state == ACKNOWLEDGED))
        return downloaded + pulled, cursor

    def _checked_pull(self, cursor: int) -> PullPage:
        return checked_pull(self._api, cursor, self._pull_page)

    def _apply(self, s: Session, changes: list[dict[str, Any]]) -> None:
        result = apply_page(s, changes)
        self._note_page(result)
        WorkingSetDownload.remember_new_tickets(s, result.new_tickets)
        remember_held(s, result.held)

    def _refresh_held(self) -> None:
        """Fetch again the tickets whose server values a pull held back behind unsent local
        edits, once those edits are through (acknowledged: applied, merged or set aside as
        a conflict). Without it a device whose push answer was lost, and which pulled the
        server's row before sending again, kept its own value for good."""
        with self._db.read() as s:
            waiting = load_held(s)
            if not waiting:
                return
            pending = pending_fields(s)
        ready = [t for t in waiting if not pending.get(t)]

        def done(s: Session, batch: list[str], result: PageResult) -> None:
            self._note_page(result)
            forget_held(s, set(batch) - result.held)

        fetch_tickets(self._db, self._api, ready, done)

    def _refresh_held_articles(self) -> None:
        """The same for knowledge-base articles (docs/sync_articles.md): fetched again with
        ``/sync/articles?article=…`` once no create, save or move of them is pending."""
        with self._db.read() as s:
            waiting = load_held(s, HELD_ARTICLES_KEY)
            if not waiting:
                return
            pending = pending_article_ops(s)
        ready = [a for a in waiting if not held_back(pending.get(a, set()))]

        def done(s: Session, batch: list[str], result: PageResult) -> None:
            self._note_page(result)
            forget_held(s, set(batch) - result.held_articles, HELD_ARTICLES_KEY)

        fetch_articles(self._db, self._api, ready, done)

    def _note_page(self, result: PageResult) -> None:
        """What an applied page brought: attachment bytes to fetch, articles changed."""
        self._articles.update(result.articles)
        if self._blobs_to_check is not None:
            self._blobs_to_check.update(result.attachments)
