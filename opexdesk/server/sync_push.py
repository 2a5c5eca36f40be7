"""One push: a client's outbox batch applied in client_seq order, each mutation at most once.

Two ways to run the same batch, with the same outcomes:

- **fast** (first): the mutations are applied to the ORM objects one after the other with
  no SAVEPOINT, and everything is written in one flush at the end (multi-row inserts).
  Every operation checks its input before it changes anything, but rather than trust that,
  a rejection of any mutation, or a constraint or data error from the database, abandons
  the fast run: the transaction is rolled back and the batch is run again carefully.
- **careful**: each mutation in a SAVEPOINT of its own, flushed at its end, so a rejected
  mutation or one the database refuses leaves nothing behind and the client's queue never
  wedges on it.

A batch of edits (the usual case) is applied about ten times faster the fast way; a batch
with a rejection pays for both runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from opexdesk.domain.errors import DomainError
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.server.database import ServerDatabase
from opexdesk.server.errors import PermissionDeniedError
from opexdesk.server.sync_apply import (
    DUPLICATE,
    REJECTED,
    Mutation,
    Pusher,
    apply_mutation,
    outcome,
    resend_ticket,
)
from opexdesk.server.sync_batch import PushBatch, table_of
from opexdesk.server.sync_config_ops import load_rules
from opexdesk.server.sync_fields import Rejected
from opexdesk.server.sync_models import SyncClient, SyncMutation


@dataclass(frozen=True)
class PushResult:
    outcomes: list[dict[str, Any]]
    server_seq: int
    gap: int | None  # the client_seq expected next when the batch skipped one
    careful: bool  # whether the batch needed the careful run


class _RunCarefully(Exception):
    """The fast run met a rejection or a database refusal: start again carefully."""


def push_batch(
    db: ServerDatabase, pusher: Pusher, mutations: Sequence[Mutation], now: datetime
) -> PushResult:
    try:
        with db.write() as session:
            return _push(session, pusher, mutations, now, careful=False)
    except _RunCarefully:
        pass
    except (IntegrityError, DataError):
        pass  # rolled back by db.write(); the careful run finds the mutation that did it
    with db.write() as session:
        return _push(session, pusher, mutations, now, careful=True)


def _push(
    session: Session,
    pusher: Pusher,
    mutations: Sequence[Mutation],
    now: datetime,
    *,
    careful: bool,
) -> PushResult:
    client = _client_for(session, pusher.client_id, pusher.user_id, now)
    batch = PushBatch(session)  # the counter lock: pushes serialise from here on
    batch.preload(mutations)
    load_rules(session, batch)  # matrix and SLA policy, once per push, not per mutation
    outcomes: list[dict[str, Any]] = []
    ledger: list[dict[str, Any]] = []
    gap: int | None = None
    last = client.last_client_seq
    for m in mutations:
        if m.client_seq <= last:
            outcomes.append(_duplicate(_stored_outcome(session, client.client_id, m), m))
            resend_ticket(batch, m.entity, m.entity_id, m.changes)
            continue
        if m.client_seq > last + 1:
            gap = last + 1
            break
        last = m.client_seq
        earlier = batch.ledger.get(m.mutation_id)
        if earlier is not None:
            # The same mutation under a new client_seq: never applied twice.
            earlier_client, earlier_outcome = earlier
            if earlier_client == client.client_id:
                outcomes.append(_duplicate(earlier_outcome, m))
            else:
                reason = KeptMessage.of(Rejected("This mutation_id is already used."))
                outcomes.append(outcome(m.mutation_id, REJECTED, reason=reason))
            continue
        if careful:
            result = apply_mutation(session, batch, m, pusher, now, savepoint=True)
        else:
            try:
                result = apply_mutation(session, batch, m, pusher, now, savepoint=False)
            except (Rejected, DomainError) as exc:
                raise _RunCarefully from exc
        ledger.append(_ledger_row(m, pusher, result, now))
        batch.ledger[m.mutation_id] = (client.client_id, result)
        outcomes.append(result)
    session.flush()
    batch.write_appends()
    if ledger:  # one multi-row insert, not one flush per mutation
        session.execute(insert(table_of(SyncMutation)), ledger)  # Core: see write_appends
    batch.write_counters()
    client.last_client_seq = last
    client.last_push_at = now
    return PushResult(outcomes, batch.seq, gap, careful)


def _ledger_row(
    m: Mutation, pusher: Pusher, result: dict[str, Any], now: datetime
) -> dict[str, Any]:
    return {
        "mutation_id": m.mutation_id,
        "client_id": pusher.client_id,
        "client_seq": m.client_seq,
        "user_id": pusher.user_id,
        "entity": m.entity,
        "entity_id": m.entity_id,
        "op": m.op,
        "payload": m.changes,
        "client_created_at": m.created_at,
        "outcome": result,
        "received_at": now,
    }


def _client_for(session: Session, client_id: str, user_id: str, now: datetime) -> SyncClient:
    """The client's ledger row, locked; registered (bound to the user) on first use."""
    client = session.get(SyncClient, client_id, with_for_update=True)
    if client is None:
        try:
            with session.begin_nested():
                session.add(
                    SyncClient(
                        client_id=client_id,
                        user_id=user_id,
                        last_client_seq=0,
                        created_at=now,
                        last_push_at=now,
                    )
                )
        except IntegrityError:  # registered concurrently by another request
            pass
        client = session.get(SyncClient, client_id, with_for_update=True, populate_existing=True)
        assert client is not None
    if client.user_id != user_id:
        raise PermissionDeniedError(
            f"The client {client_id!r} belongs to another user; sign in as that user or use "
            "a new client id."
        )
    return client


def _duplicate(stored: dict[str, Any] | None, m: Mutation) -> dict[str, Any]:
    """A mutation already processed: its original outcome, wrapped."""
    if stored is None:
        reason = KeptMessage.plain("Already processed.")
        result = outcome(m.mutation_id, DUPLICATE, reason=reason)
        result["original"] = None
        return result
    return {**stored, "status": DUPLICATE, "original": stored}


def _stored_outcome(session: Session, client_id: str, m: Mutation) -> dict[str, Any] | None:
    row = session.execute(
        select(SyncMutation.outcome).where(
            SyncMutation.client_id == client_id, SyncMutation.client_seq == m.client_seq
        )
    ).scalar_one_or_none()
    if row is None:
        row = session.execute(
            select(SyncMutation.outcome).where(
                SyncMutation.client_id == client_id, SyncMutation.mutation_id == m.mutation_id
            )
        ).scalar_one_or_none()
    return row
