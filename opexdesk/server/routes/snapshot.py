"""A new device's first download: the user's working set, not the whole history.

``GET /sync/snapshot`` pages (by ticket id) through the tickets a user works with: every
open ticket, every ticket changed in the last ``days`` days, and the user's own (assigned
to or created by them) of any age; each page carries those tickets with all their comments,
work logs and attachments, and the first page the user's conflict records and the shared
settings. The first page
also gives ``checkpoint`` (the seq counter before anything was read) and ``total``.

Pages are not one snapshot: the client starts the ordinary pull from ``checkpoint``
afterwards, so whatever changed while it paged comes again (applying a change twice is
harmless). ``ticket=ID`` (repeatable: ``ticket=A&ticket=B``, up to ``limit`` ids) returns
those tickets with everything appended to them, whatever their age: how a device fills in
the history of old tickets that come back to life, many in one request.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, StringConstraints
from sqlalchemy import ColumnElement, func, or_, select, text
from sqlalchemy.orm import Session

from opexdesk.domain.enums import OPEN_STATUS_VALUES
from opexdesk.server.config import Clock
from opexdesk.server.deps import AnyUser, ServicesDep
from opexdesk.server.routes.sync import Change, row_data
from opexdesk.server.schemas import ErrorOut
from opexdesk.server.sync_batch import current_seq
from opexdesk.server.sync_models import (
    SyncAttachment,
    SyncComment,
    SyncConfig,
    SyncConflict,
    SyncTicket,
    SyncWorkLog,
)

SNAPSHOT_LIMIT_DEFAULT = 100
SNAPSHOT_LIMIT_MAX = 500
WORKING_SET_DAYS_DEFAULT = 90
_APPENDS: Sequence[tuple[str, Any]] = (
    ("comment", SyncComment),
    ("work_log", SyncWorkLog),
    ("attachment", SyncAttachment),
)

TicketId = Annotated[str, StringConstraints(min_length=1, max_length=64)]

router = APIRouter(
    prefix="/sync",
    tags=["sync"],
    responses={401: {"model": ErrorOut, "description": "Missing, invalid or expired token."}},
)


class SnapshotPage(BaseModel):
    changes: list[Change]
    next_after: str | None  # pass as ``after`` for the next page; None when done
    more: bool
    checkpoint: int | None  # first page only: start the ordinary pull here afterwards
    total: int | None  # first page only: how many tickets the working set holds


def working_set(username: str, since: Any) -> ColumnElement[bool]:
    """The tickets a user needs on a new device (see the module doc)."""
    return or_(
        SyncTicket.status.in_(OPEN_STATUS_VALUES),
        SyncTicket.updated_at >= since,
        SyncTicket.assignee == username,
        SyncTicket.created_by == username,
    )


@router.get("/snapshot", response_model=SnapshotPage)
def snapshot(
    caller: AnyUser,
    services: ServicesDep,
    request: Request,
    after: Annotated[str, Query(max_length=64)] = "",
    limit: Annotated[int, Query(ge=1, le=SNAPSHOT_LIMIT_MAX)] = SNAPSHOT_LIMIT_DEFAULT,
    days: Annotated[int, Query(ge=0, le=36500)] = WORKING_SET_DAYS_DEFAULT,
    ticket: Annotated[list[TicketId] | None, Query(max_length=SNAPSHOT_LIMIT_MAX)] = None,
) -> SnapshotPage:
    """One page of the caller's working set (or the named tickets' full records)."""
    clock: Clock = request.app.state.clock
    user = caller.user
    with services.db.read() as session:
        if services.db.dialect == "postgresql":
            session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        first = not after and ticket is None
        checkpoint = current_seq(session) if first else None
        query = select(SyncTicket).order_by(SyncTicket.id)
        if ticket is not None:
            query = query.where(SyncTicket.id.in_(ticket))
        else:
            query = query.where(working_set(user.username, clock() - timedelta(days=days)))
            if after:
                query = query.where(SyncTicket.id > after)
        total = None
        if first:
            counted = select(func.count()).select_from(query.order_by(None).subquery())
            total = int(session.execute(counted).scalar_one())
        tickets = list(session.scalars(query.limit(limit + 1)))
        more = len(tickets) > limit
        tickets = tickets[:limit]
        next_after = tickets[-1].id if more else None  # read before the session ends
        changes = [_change("ticket", t) for t in tickets]
        changes.extend(_appends(session, [t.id for t in tickets]))
        if first:
            conflicts = session.scalars(
                select(SyncConflict)
                .where(SyncConflict.user_id == user.id)
                .order_by(SyncConflict.server_seq)
            )
            changes.extend(_change("conflict", c) for c in conflicts)
            changes.extend(_change("config", c) for c in session.scalars(select(SyncConfig)))
    return SnapshotPage(
        changes=changes,
        next_after=next_after,
        more=more,
        checkpoint=checkpoint,
        total=total,
    )


def _change(entity: str, row: Any) -> Change:
    return Change(entity=entity, id=row.id, server_seq=row.server_seq, data=row_data(row))


def _appends(session: Session, ticket_ids: list[str]) -> list[Change]:
    if not ticket_ids:
        return []
    found: list[Change] = []
    for entity, model in _APPENDS:
        rows = session.scalars(
            select(model).where(model.ticket_id.in_(ticket_ids)).order_by(model.server_seq)
        )
        found.extend(_change(entity, row) for row in rows)
    return found
