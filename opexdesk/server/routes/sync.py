"""Sync: push a client's outbox, pull what changed (docs/sync.md). Every role may sync.

Push (``sync_push``) runs in ONE transaction: the client's ledger row is locked first, then
the ``seq_counter`` row (so pushes serialise and ``server_seq`` order is commit order).
Pull reads one snapshot (REPEATABLE READ on PostgreSQL; a SQLite read transaction is a
snapshot) up to the checkpoint = the counter's value at its start.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr
from sqlalchemy import Select, select, text

from opexdesk.domain.enums import Grant, Role
from opexdesk.server.config import Clock
from opexdesk.server.deps import AnyUser, ServicesDep
from opexdesk.server.schemas import ErrorOut
from opexdesk.server.sync_apply import Mutation, Pusher
from opexdesk.server.sync_article_pull import add_article_parts
from opexdesk.server.sync_batch import current_seq
from opexdesk.server.sync_models import (
    CLIENT_ID_MAX,
    ENTITY_MAX,
    OP_MAX,
    SyncArticle,
    SyncAttachment,
    SyncComment,
    SyncConfig,
    SyncConflict,
    SyncTicket,
    SyncTombstone,
    SyncWorkLog,
)
from opexdesk.server.sync_push import push_batch

MAX_BATCH = 500
PULL_LIMIT_DEFAULT = 500
PULL_LIMIT_MAX = 1000
# A batch of 500 edits may carry long descriptions: more than the default 1 MiB.
PUSH_MAX_BYTES = 32 * 1024 * 1024
SEQ_MAX = 2**63 - 1

router = APIRouter(
    prefix="/sync",
    tags=["sync"],
    responses={401: {"model": ErrorOut, "description": "Missing, invalid or expired token."}},
)


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MutationIn(_Request):
    client_seq: StrictInt = Field(ge=1, le=SEQ_MAX)
    mutation_id: StrictStr = Field(min_length=1, max_length=36)
    entity: StrictStr = Field(min_length=1, max_length=ENTITY_MAX)
    entity_id: StrictStr = Field(min_length=1, max_length=64)
    op: StrictStr = Field(min_length=1, max_length=OP_MAX)
    changes: dict[str, Any]
    created_at: StrictStr | None = Field(default=None, max_length=64)


class PushRequest(_Request):
    client_id: StrictStr = Field(min_length=1, max_length=CLIENT_ID_MAX)
    mutations: list[MutationIn] = Field(max_length=MAX_BATCH)


class PushResponse(BaseModel):
    outcomes: list[dict[str, Any]] = Field(
        description="One per processed mutation, in order: mutation_id, status (applied, "
        "merged, conflict, rejected, duplicate), notices, conflict_ids, reason (English), "
        "reason_template and reason_params (the reason's template and its JSON arguments, "
        "for a client to translate; null when there is no reason), ticket_number."
    )
    server_seq: int


class Change(BaseModel):
    entity: str
    id: str
    server_seq: int
    data: dict[str, Any]


class Account(BaseModel):
    role: Role
    grants: list[Grant]


class PullResponse(BaseModel):
    changes: list[Change]
    next_cursor: int
    checkpoint: int
    more: bool
    account: Account | None = Field(
        default=None,
        description="The caller's role and grants as stored now: a device learns a change "
        "of either with its next pull (for the checks it makes early).",
    )


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


@router.post(
    "/push",
    response_model=PushResponse,
    responses={
        403: {"model": ErrorOut, "description": "The client id belongs to another user."},
        409: {
            "description": "A gap in client_seq: send from expected_client_seq on (the "
            "outcomes before the gap are in the body and were committed)."
        },
    },
)
def push(
    body: PushRequest, caller: AnyUser, services: ServicesDep, request: Request
) -> PushResponse | JSONResponse:
    """Apply a batch of outbox entries, each at most once, in client_seq order."""
    now = _clock(request)()
    user = caller.user
    pusher = Pusher(user.id, user.username, user.role, body.client_id, user.grants)
    mutations = [
        Mutation(m.client_seq, m.mutation_id, m.entity, m.entity_id, m.op, m.changes, m.created_at)
        for m in body.mutations
    ]
    result = push_batch(services.db, pusher, mutations, now)
    outcomes, gap, server_seq = result.outcomes, result.gap, result.server_seq
    if gap is not None:
        return JSONResponse(
            {
                "detail": f"Mutations are missing: the next client_seq must be {gap}.",
                "expected_client_seq": gap,
                "outcomes": outcomes,
                "server_seq": server_seq,
            },
            status_code=409,
        )
    # Sent as is: the outcomes are already in the documented shape (see pull).
    return JSONResponse({"outcomes": outcomes, "server_seq": server_seq})


_PULLED: Sequence[tuple[str, Any]] = (
    ("ticket", SyncTicket),
    ("comment", SyncComment),
    ("work_log", SyncWorkLog),
    ("attachment", SyncAttachment),
    ("conflict", SyncConflict),
    ("tombstone", SyncTombstone),
    ("config", SyncConfig),
    ("article", SyncArticle),  # sent whole: with its versions, votes and links
)


def row_data(row: Any) -> dict[str, Any]:
    """A stored row as a change's ``data``: every column but server_seq, times as ISO text."""
    data: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.key == "server_seq":
            continue
        value = getattr(row, column.key)
        data[column.key] = value.isoformat() if isinstance(value, datetime) else value
    return data


@router.get("/pull", response_model=PullResponse)
def pull(
    caller: AnyUser,
    services: ServicesDep,
    cursor: Annotated[int, Query(ge=0, le=SEQ_MAX)] = 0,
    limit: Annotated[int, Query(ge=1, le=PULL_LIMIT_MAX)] = PULL_LIMIT_DEFAULT,
) -> PullResponse | JSONResponse:
    """Rows changed after ``cursor``, in server_seq order, up to a consistent checkpoint."""
    with services.db.read() as session:
        if services.db.dialect == "postgresql":
            # First statement of the transaction: every query below sees one snapshot.
            session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        checkpoint = current_seq(session)
        account = Account(role=caller.user.role, grants=sorted(caller.user.grants))
        if cursor >= checkpoint:
            return PullResponse(
                changes=[], next_cursor=cursor, checkpoint=checkpoint, more=False, account=account
            )

        # First the page's bound from the server_seq indexes alone (the limit + 1 lowest of
        # each table hold the limit + 1 lowest of them all), then only the page's rows:
        # reading limit + 1 whole rows of every table read three times the page.
        seqs: dict[str, list[int]] = {}
        for entity, model in _PULLED:
            query = _changed(model, caller.user.id, cursor, checkpoint)
            query = query.with_only_columns(model.__table__.c.server_seq)
            seqs[entity] = list(session.scalars(query.order_by(model.server_seq).limit(limit + 1)))
        merged = sorted(seq for found in seqs.values() for seq in found)
        more = len(merged) > limit
        bound = merged[limit - 1] if more else checkpoint
        page: list[dict[str, Any]] = []
        for entity, model in _PULLED:
            if not seqs[entity] or seqs[entity][0] > bound:
                continue
            query = _changed(model, caller.user.id, cursor, bound)
            rows = session.execute(query)
            page.extend(_change_dict(entity, row._mapping) for row in rows)
        add_article_parts(session, page)
        page.sort(key=lambda change: change["server_seq"])
    next_cursor = bound
    # Built by hand and sent as is: the page is already in the documented shape, and
    # validating 500 changes again through the response model cost a third of a pull.
    body = {
        "changes": page,
        "next_cursor": next_cursor,
        "checkpoint": checkpoint,
        "more": more,
        "account": account.model_dump(mode="json"),
    }
    return JSONResponse(body)


def _changed(model: Any, user_id: str, after: int, up_to: int) -> Select[Any]:
    """The rows of ``model`` with after < server_seq <= up_to that the user may pull."""
    table = model.__table__
    query = select(table).where(table.c.server_seq > after, table.c.server_seq <= up_to)
    if model is SyncConflict:
        query = query.where(table.c.user_id == user_id)
    return query


def _change_dict(entity: str, row: Any) -> dict[str, Any]:
    data = {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in row.items()
        if key != "server_seq"
    }
    return {"entity": entity, "id": row["id"], "server_seq": row["server_seq"], "data": data}
