"""The sync state as the status bar shows it: one snapshot read from the database.

What only the running program knows (signed in? a round running? how the last one ended?)
comes in as :class:`LiveState`; everything else is one SELECT of scalar subqueries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select

from opexdesk.domain.enums import Grant
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.domain.permissions import parse_grants
from opexdesk.services.events import Clock
from opexdesk.services.sync.runner import Outcome
from opexdesk.storage.database import Database
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import ERROR_FIELDS, SYNC_STATE_ID, Conflict, SyncState

UNSYNCED_WARNING = timedelta(hours=24)
# The outbox states of services/sync/engine.py (not imported: it pulls httpx in at start-up).
PENDING = "pending"
REJECTED = "rejected"


class State(StrEnum):
    """What the status bar says (``SyncState`` is the storage model's name)."""

    SIGNED_OUT = "signed_out"
    OFFLINE = "offline"
    SYNCING = "syncing"
    UP_TO_DATE = "up_to_date"
    ERROR = "error"
    AUTH_NEEDED = "auth_needed"


@dataclass(frozen=True)
class LiveState:
    """What the running program knows and the database does not."""

    signed_in: bool = False
    syncing: bool = False
    last_outcome: Outcome | None = None
    last_message: str | None = None  # English; its template and arguments below
    auth_needed: bool = False
    last_template: str | None = None
    last_params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncStatus:
    state: State
    pending: int = 0
    rejected: int = 0
    last_sync_at: datetime | None = None
    oldest_pending_at: datetime | None = None
    unsynced_too_long: bool = False
    open_conflicts: int = 0
    last_error: str | None = None  # English; the UI shows it through the template below
    server_url: str | None = None
    username: str | None = None
    role: str | None = None  # the signed-in user's, as the server last said
    kb_editor: bool = False  # granted edit_articles: edits and publishes any article
    cursor: int = 0  # the last server_seq pulled
    now: datetime | None = None
    # ``last_error``'s template and arguments (opexdesk.ui.i18n.message_text); None when it
    # has none (a message the engine stored in the database).
    last_error_template: str | None = field(default=None, compare=False)
    last_error_params: Mapping[str, object] = field(default_factory=dict, compare=False)

    @property
    def oldest_pending_age(self) -> timedelta | None:
        if self.oldest_pending_at is None or self.now is None:
            return None
        return max(timedelta(0), self.now - self.oldest_pending_at)


def derive_state(live: LiveState) -> State:
    if live.syncing:
        return State.SYNCING
    if live.auth_needed or live.last_outcome == Outcome.AUTH_NEEDED:
        return State.AUTH_NEEDED
    if not live.signed_in:
        return State.SIGNED_OUT
    if live.last_outcome == Outcome.OFFLINE:
        return State.OFFLINE
    if live.last_outcome == Outcome.SERVER_ERROR:
        return State.ERROR
    if live.last_outcome in (Outcome.OK, Outcome.CANCELLED):
        return State.UP_TO_DATE
    return State.OFFLINE  # signed in, no round finished yet: offline until one succeeds


class SyncStatusReader:
    """Reads :class:`SyncStatus` snapshots; ``threshold`` is when unsynced work warns."""

    def __init__(
        self, db: Database, clock: Clock | None = None, threshold: timedelta = UNSYNCED_WARNING
    ) -> None:
        self._db = db
        self._clock = clock or Clock()
        self.threshold = threshold

    def read(self, live: LiveState | None = None) -> SyncStatus:
        live = live or LiveState()
        pending = (
            select(func.count())
            .select_from(OutboxEntry)
            .where(OutboxEntry.state == PENDING)
            .scalar_subquery()
        )
        rejected = (
            select(func.count())
            .select_from(OutboxEntry)
            .where(OutboxEntry.state == REJECTED)
            .scalar_subquery()
        )
        oldest = (
            select(func.min(OutboxEntry.created_at))
            .where(OutboxEntry.state == PENDING)
            .scalar_subquery()
        )
        conflicts = (
            select(func.count())
            .select_from(Conflict)
            .where(Conflict.resolved_at.is_(None))
            .scalar_subquery()
        )
        state_cols = [
            select(col).where(SyncState.id == SYNC_STATE_ID).scalar_subquery()
            for col in (
                SyncState.last_pull_at,
                SyncState.last_error,
                SyncState.last_error_template,
                SyncState.last_error_params,
                SyncState.server_url,
                SyncState.username,
                SyncState.cursor,
                SyncState.role,
                SyncState.grants,
            )
        ]
        with self._db.read() as s:
            row = s.execute(select(pending, rejected, oldest, conflicts, *state_cols)).one()
        n_pending, n_rejected, oldest_at, n_conflicts, last_pull, *rest = row
        *stored, url, user, cursor, role, grants = rest
        kept = KeptMessage.from_fields(dict(zip(ERROR_FIELDS, stored, strict=True)), "last_error")
        now = self._clock.now()
        too_long = oldest_at is not None and now - oldest_at > self.threshold
        state = derive_state(live)
        message = live.last_message if state in (State.ERROR, State.AUTH_NEEDED) else None
        template, params = (live.last_template, live.last_params) if message else (None, {})
        if not message and state == State.ERROR and kept is not None:
            # No error this run yet: the one stored by the last round (before a restart).
            message, template, params = kept.text, kept.template, kept.params
        return SyncStatus(
            state=state,
            pending=int(n_pending or 0),
            rejected=int(n_rejected or 0),
            last_sync_at=last_pull,
            oldest_pending_at=oldest_at,
            unsynced_too_long=too_long,
            open_conflicts=int(n_conflicts or 0),
            last_error=message,
            server_url=url,
            username=user,
            role=role,
            kb_editor=Grant.EDIT_ARTICLES in parse_grants(grants),
            cursor=int(cursor or 0),
            now=now,
            last_error_template=template,
            last_error_params=params,
        )
