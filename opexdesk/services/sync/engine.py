"""One sync round: push the outbox, then pull what changed (docs/sync.md).

Restartable at any point: outcomes are stored per batch in one local transaction, each
pulled page is applied together with the cursor advance in one local transaction, and the
server's ledger turns a re-sent mutation into a duplicate.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from opexdesk.domain.ids import new_id
from opexdesk.services.events import Clock
from opexdesk.services.sync.api import (
    NotAnOpExDeskServer,
    PullPage,
    PushResult,
    ServerError,
    SyncApi,
    SyncError,
)
from opexdesk.services.sync.blob_transfer import BlobTransfer
from opexdesk.services.sync.progress import ProgressCallback, SyncProgress
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database
from opexdesk.storage.models import (
    Attachment,
    Comment,
    OutboxEntry,
    Ticket,
    Tombstone,
    WorkLog,
)
from opexdesk.storage.sync_models import SYNC_STATE_ID, Conflict, SyncState
from opexdesk.storage.ticket_removal import remove_ticket

log = logging.getLogger(__name__)

PUSH_BATCH = 500
STUB_PREFIX = "S-stub-"
PULL_PAGE = 500

OUTCOME_STATUSES = frozenset({"applied", "merged", "conflict", "rejected", "duplicate"})
PENDING = "pending"
ACKNOWLEDGED = "acknowledged"
REJECTED = "rejected"

TICKET_FIELDS = (
    "number",
    "title",
    "description",
    "requester",
    "site",
    "category",
    "impact",
    "urgency",
    "priority",
    "status",
    "assignee",
    "group_name",
    "created_by",
    "created_at",
    "updated_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "response_due_at",
    "resolution_due_at",
    "resolution_note",
)
TIME_FIELDS = frozenset(
    {
        "created_at",
        "updated_at",
        "first_response_at",
        "resolved_at",
        "closed_at",
        "response_due_at",
        "resolution_due_at",
    }
)
# What a pending status move changed locally (kept over the server's values).
TRANSITION_FIELDS = ("status", "resolved_at", "resolution_note", "closed_at")
APPEND_MODELS: dict[str, Any] = {"comment": Comment, "work_log": WorkLog, "attachment": Attachment}
APPEND_FIELDS: dict[str, tuple[str, ...]] = {
    "comment": ("kind", "body", "author", "device_id", "created_at"),
    "work_log": ("minutes", "note", "author", "device_id", "created_at"),
    "attachment": (
        "sha256",
        "filename",
        "size",
        "media_type",
        "author",
        "device_id",
        "created_at",
    ),
}
CONFLICT_FIELDS = (
    "ticket_id",
    "mutation_id",
    "field",
    "base",
    "local",
    "server",
    "rule",
    "reason",
    "created_at",
    "resolved_at",
    "resolution",
)


# In the pending-fields map: the ticket itself is deleted here, not yet on the server.
DELETED = "__deleted__"


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

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def effective_status(outcome: dict[str, Any]) -> str:
    """The status that counts: a duplicate's original one."""
    status = str(outcome.get("status"))
    if status == "duplicate":
        original = outcome.get("original")
        return str(original.get("status")) if isinstance(original, dict) else "applied"
    return status


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
    ) -> None:
        """With ``blobs``, attachment bytes move too: uploaded before their metadata is
        pushed, downloaded after a complete pull."""
        self._db = db
        self._api = api
        self._clock = clock or Clock()
        self._transfer = BlobTransfer(api, blobs) if blobs is not None else None
        self._blobs = blobs
        # Blobs to fetch: all known attachments on the first round (a kill may have come
        # between a pull and its downloads), then the pulled ones and the ones still waiting.
        self._blobs_to_check: set[str] | None = None
        self._uploaded = 0
        self._push_batch = max(1, min(push_batch, PUSH_BATCH))
        self._pull_page = max(1, min(pull_page, 1000))

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
        if tokens is not None and tokens.role:
            state.role = tokens.role  # lets the client refuse what the server would
        return state

    # ---- the round -----------------------------------------------------------------------

    def sync_once(self, on_progress: ProgressCallback | None = None) -> SyncReport:
        """Push, then pull; ``on_progress`` hears how far each phase is (e.g. the first
        download of a new device)."""
        try:
            client_id = self.state().client_id
            self._uploaded = 0
            pushed, acknowledged, rejected, conflicts = self._push(client_id, on_progress)
            pulled, cursor = self._pull(on_progress)
            downloaded, waiting = self._download_blobs()
        except SyncError as exc:
            self._record_error(str(exc))
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
        )

    def push(self) -> tuple[int, int, int, int]:
        """Only the push half: (pushed, acknowledged, rejected, conflicts)."""
        return self._push(self.state().client_id)

    def pull(self) -> tuple[int, int]:
        """Only the pull half: (changes applied, cursor)."""
        self.state()
        return self._pull()

    def _record_error(self, message: str | None) -> None:
        with self._db.transaction() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            if state is not None:
                state.last_error = message

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
        """The server's answer, refused unless every outcome is well formed (a captive
        portal or a broken proxy must never mark a change as sent)."""
        try:
            result = self._api.push(client_id, rows)
        except (KeyError, TypeError, ValueError) as exc:
            raise self._garbage("push") from exc
        sent = {str(r["mutation_id"]) for r in rows}
        for found in result.outcomes:
            if (
                not isinstance(found, dict)
                or found.get("mutation_id") not in sent
                or found.get("status") not in OUTCOME_STATUSES
            ):
                raise self._garbage("push")
        return result

    def _garbage(self, what: str) -> NotAnOpExDeskServer:
        return NotAnOpExDeskServer(
            f"{self._api.server_url} sent a {what} answer OpExDesk cannot use (a network "
            "login page or a broken proxy in the way?); nothing was changed here and the "
            "sync will be tried again."
        )

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
            for seq in seqs:
                row = s.get(OutboxEntry, seq)
                if row is None:
                    continue
                found = by_id.get(row.mutation_id)
                if found is None:
                    expected = result.expected_client_seq
                    if expected is not None and row.client_seq < expected:
                        # Below the server's expected seq: processed there already.
                        found = {
                            "mutation_id": row.mutation_id,
                            "status": "duplicate",
                            "original": None,
                            "reason": "Already processed by the server.",
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
                    ticket = s.scalar(select(Ticket).where(Ticket.id == row.entity_id))
                    if ticket is not None and ticket.number != number:
                        ticket.number = number
            state = s.get(SyncState, SYNC_STATE_ID)
            if state is not None:
                state.last_push_at = now
        return acknowledged, rejected, conflicts

    # ---- pull ----------------------------------------------------------------------------

    def _pull(self, on_progress: ProgressCallback | None = None) -> tuple[int, int]:
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
                cursor = state.cursor
            if on_progress is not None:
                total = max(page.checkpoint - start, 0)
                on_progress(SyncProgress("pull", min(max(cursor - start, 0), total), total))
            if not page.more:
                break
        # The pulled state now holds every acknowledged mutation: their rows may go.
        with self._db.transaction() as s:
            s.execute(delete(OutboxEntry).where(OutboxEntry.state == ACKNOWLEDGED))
        return pulled, cursor

    def _checked_pull(self, cursor: int) -> PullPage:
        try:
            page = self._api.pull(cursor, self._pull_page)
        except (KeyError, TypeError, ValueError) as exc:
            raise self._garbage("pull") from exc
        if page.next_cursor < cursor or (page.more and page.next_cursor <= cursor):
            raise ServerError(
                f"{self._api.server_url} sent a change feed that does not move forward "
                f"(from {cursor} to {page.next_cursor}); nothing was changed here."
            )
        for change in page.changes:
            if (
                not isinstance(change, dict)
                or not isinstance(change.get("entity"), str)
                or not isinstance(change.get("id"), str)
                or not change["id"]
                or not isinstance(change.get("data"), dict)
            ):
                raise self._garbage("pull")
        return page

    def _apply(self, s: Session, changes: list[dict[str, Any]]) -> None:
        # Tickets first: an append's ticket always has a later server_seq than the append.
        order = {
            "ticket": 0,
            "comment": 1,
            "work_log": 1,
            "attachment": 1,
            "conflict": 2,
            "tombstone": 3,
        }
        pending = self._pending_fields(s)
        resolving = self._pending_resolutions(s)
        for change in sorted(changes, key=lambda c: order.get(str(c.get("entity")), 4)):
            entity = str(change.get("entity"))
            data = dict(change.get("data") or {})
            row_id = str(change.get("id"))
            if entity == "ticket":
                self._apply_ticket(s, row_id, data, pending.get(row_id, set()))
            elif entity in APPEND_MODELS:
                if DELETED not in pending.get(str(data.get("ticket_id")), set()):
                    self._apply_append(s, entity, row_id, data)
                    if entity == "attachment" and self._blobs_to_check is not None:
                        self._blobs_to_check.add(str(data.get("sha256")))
            elif entity == "conflict":
                seq = int(change.get("server_seq") or 0)
                self._apply_conflict(s, row_id, data, seq, row_id in resolving)
            elif entity == "tombstone":
                self._apply_tombstone(s, row_id, data)
        s.flush()

    @staticmethod
    def _pending_fields(s: Session) -> dict[str, set[str]]:
        """Per ticket id, the fields this device changed in still-pending outbox rows."""
        fields: dict[str, set[str]] = {}
        rows = s.scalars(
            select(OutboxEntry).where(OutboxEntry.state == PENDING, OutboxEntry.entity == "ticket")
        )
        for row in rows:
            kept = fields.setdefault(row.entity_id, set())
            if row.op == "update":
                kept.update(row.changes)
            elif row.op == "transition":
                kept.update(TRANSITION_FIELDS)
            elif row.op == "create":
                kept.update(TICKET_FIELDS)
            elif row.op == "delete":
                kept.add(DELETED)
        resolutions = s.scalars(
            select(OutboxEntry).where(
                OutboxEntry.state == PENDING, OutboxEntry.entity == "conflict"
            )
        )
        for row in resolutions:  # "use mine" is a pending edit of that field
            changes = row.changes or {}
            if changes.get("field") and changes.get("ticket_id"):
                fields.setdefault(str(changes["ticket_id"]), set()).add(str(changes["field"]))
        return fields

    @staticmethod
    def _pending_resolutions(s: Session) -> set[str]:
        """Conflict ids this device resolved and has not yet sent."""
        query = select(OutboxEntry.entity_id).where(
            OutboxEntry.state == PENDING, OutboxEntry.entity == "conflict"
        )
        return set(s.scalars(query))

    @staticmethod
    def _apply_tombstone(s: Session, ticket_id: str, data: dict[str, Any]) -> None:
        remove_ticket(
            s,
            ticket_id,
            deleted_by=str(data.get("deleted_by") or ""),
            device_id=str(data.get("deleted_by") or "server"),
            at=_time(data.get("deleted_at")) or datetime.now(UTC),
        )

    @staticmethod
    def _apply_ticket(s: Session, ticket_id: str, data: dict[str, Any], keep: set[str]) -> None:
        values = {
            f: (_time(data.get(f)) if f in TIME_FIELDS else data.get(f))
            for f in TICKET_FIELDS
            if f in data
        }
        if DELETED in keep:
            return  # deleted here; the deletion is on its way to the server
        ticket = s.scalar(select(Ticket).where(Ticket.id == ticket_id))
        if ticket is None:
            stale = s.get(Tombstone, ("ticket", ticket_id))
            if stale is not None:  # the server kept it: the local deletion was refused
                s.delete(stale)
            s.add(
                Ticket(
                    id=ticket_id,
                    provisional_number=f"S-{values.get('number')}",
                    version=1,
                    **values,
                )
            )
            return
        changed = False
        if ticket.provisional_number.startswith(STUB_PREFIX) and values.get("number"):
            ticket.provisional_number = f"S-{values['number']}"
        for field, value in values.items():
            if field in keep and field != "number":
                continue  # an unsent local edit is never overwritten
            if getattr(ticket, field) != value:
                setattr(ticket, field, value)
                changed = True
        if changed:
            ticket.version += 1

    @staticmethod
    def _apply_append(s: Session, entity: str, row_id: str, data: dict[str, Any]) -> None:
        model = APPEND_MODELS[entity]
        existing = s.get(model, row_id)
        if existing is not None:
            # Already here (often our own append coming back): the server's copy is the
            # record, with created_at capped at its clock and device_id = the pushing client.
            for field in ("author", "device_id", "created_at"):
                if field in data:
                    value = _time(data[field]) if field == "created_at" else data[field]
                    if getattr(existing, field) != value:
                        setattr(existing, field, value)
            return
        ticket_id = str(data.get("ticket_id"))
        values = {f: data.get(f) for f in APPEND_FIELDS[entity] if f in data}
        values["created_at"] = _time(values.get("created_at"))
        if s.scalar(select(Ticket.local_id).where(Ticket.id == ticket_id)) is None:
            # The ticket's own change has a later server_seq (an append touches it), so it
            # may come in a later page: a placeholder until then (same pull, same cursor run).
            when = values["created_at"]
            s.add(
                Ticket(
                    id=ticket_id,
                    provisional_number=f"{STUB_PREFIX}{ticket_id[:8]}",
                    title="(arriving from the server)",
                    impact=3,
                    urgency=3,
                    priority=3,
                    status="new",
                    created_by=str(data.get("author") or ""),
                    created_at=when,
                    updated_at=when,
                    version=0,
                )
            )
            s.flush()
        s.add(model(id=row_id, ticket_id=ticket_id, **values))

    @staticmethod
    def _apply_conflict(
        s: Session, row_id: str, data: dict[str, Any], seq: int, resolving: bool
    ) -> None:
        values = {f: data.get(f) for f in CONFLICT_FIELDS}
        values["created_at"] = _time(values["created_at"])
        values["resolved_at"] = _time(values["resolved_at"])
        conflict = s.get(Conflict, row_id)
        if conflict is None:
            s.add(Conflict(id=row_id, server_seq=seq, **values))
            return
        if resolving and values["resolved_at"] is None:
            # Resolved here and not yet sent: the server's "open" is older news.
            values["resolved_at"] = conflict.resolved_at
            values["resolution"] = conflict.resolution
        for field, value in values.items():
            setattr(conflict, field, value)
        conflict.server_seq = seq
