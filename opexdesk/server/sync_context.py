"""The shared state of applying one mutation, and the writes every operation makes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from opexdesk.domain.enums import Grant, Priority, Role
from opexdesk.domain.ids import new_id
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.server.sync_batch import ID_MAX, PushBatch
from opexdesk.server.sync_fields import Rejected, json_value
from opexdesk.server.sync_models import SyncConflict, SyncTicket

APPLIED = "applied"
MERGED = "merged"
CONFLICT = "conflict"
REJECTED = "rejected"
DUPLICATE = "duplicate"
REASON_FIELDS = ("reason", "reason_template", "reason_params")


@dataclass(frozen=True)
class Mutation:
    """One outbox entry as pushed by a client."""

    client_seq: int
    mutation_id: str
    entity: str
    entity_id: str
    op: str
    changes: dict[str, Any]
    created_at: str | None = None


@dataclass(frozen=True)
class Pusher:
    """Who pushes: the signed-in user and the client installation."""

    user_id: str
    username: str
    role: Role
    client_id: str
    grants: frozenset[Grant] = frozenset()


def outcome(
    mutation_id: str,
    status: str,
    *,
    notices: list[dict[str, Any]] | None = None,
    conflict_ids: list[str] | None = None,
    reason: KeptMessage | None = None,
    ticket_number: int | None = None,
) -> dict[str, Any]:
    """An outcome as pushed back: ``reason`` is the English text (older clients and logs
    read it), ``reason_template`` and ``reason_params`` let a client translate it."""
    return {
        "mutation_id": mutation_id,
        "status": status,
        "notices": notices or [],
        "conflict_ids": conflict_ids or [],
        **(reason.fields() if reason is not None else dict.fromkeys(REASON_FIELDS)),
        "ticket_number": ticket_number,
    }


def keep_reason(conflict: SyncConflict, reason: KeptMessage) -> None:
    """Why the change was not applied, on its conflict record (pulled by every device)."""
    conflict.reason = reason.text
    conflict.reason_template = reason.template
    conflict.reason_params = reason.fields()["reason_params"]


@dataclass
class ApplyContext:
    """One mutation being applied: who sent it, when, and the push it belongs to."""

    session: Session
    batch: PushBatch
    m: Mutation
    pusher: Pusher
    now: datetime

    def result(self, status: str, **extra: Any) -> dict[str, Any]:
        return outcome(self.m.mutation_id, status, **extra)

    def ticket_id(self) -> str:
        """The id of the ticket the mutation is about (its own id, or ``ticket_id``)."""
        value = self.m.entity_id if self.m.entity == "ticket" else self.m.changes.get("ticket_id")
        if not isinstance(value, str) or not value or len(value) > ID_MAX:
            raise Rejected("'ticket_id' must be the id of the ticket.")
        return value

    def ticket(self) -> SyncTicket | None:
        return self.batch.ticket(self.ticket_id())

    def missing_ticket(self) -> dict[str, Any]:
        """An edit of a ticket the store does not have: kept in a conflict record."""
        ticket_id = self.ticket_id()
        reason = KeptMessage.of(
            Rejected(
                "The ticket {ticket_id} does not exist on the server (deleted?); "
                "your change is kept in a conflict record.",
                ticket_id=ticket_id,
            )
        )
        conflict = self.conflict(ticket_id, None, None, self.m.changes, None, "ticket_missing")
        keep_reason(conflict, reason)
        return self.result(CONFLICT, conflict_ids=[conflict.id], reason=reason)

    def conflict(
        self,
        ticket_id: str,
        field: str | None,
        base: Any,
        local: Any,
        server: Any,
        rule: str,
        *,
        entity: str = "ticket",
    ) -> SyncConflict:
        """A conflict record; ``entity`` "article" when ``ticket_id`` is an article's id."""
        conflict = SyncConflict(
            id=new_id(),
            entity=entity,
            ticket_id=ticket_id,
            user_id=self.pusher.user_id,
            mutation_id=self.m.mutation_id,
            field=field,
            base=json_value(base),
            local=json_value(local),
            server=json_value(server),
            rule=rule,
            created_at=self.now,
            server_seq=self.batch.next_seq(),
        )
        self.session.add(conflict)
        return conflict

    def touch(self, ticket: SyncTicket) -> None:
        """The ticket changed: a new version and server_seq, so every replica pulls it."""
        ticket.updated_at = self.now
        ticket.version += 1
        ticket.server_seq = self.batch.next_seq()

    def derive_priority(self, ticket: SyncTicket) -> None:
        if ticket.priority_override_reason is not None:
            return  # set by a person, with a reason: the matrix does not move it
        priority = int(self.batch.matrix.priority_for(ticket.impact, ticket.urgency))
        if priority != ticket.priority:
            ticket.priority = priority
            response_due, resolution_due = self.batch.policy.due_times(
                Priority(priority), ticket.created_at
            )
            ticket.response_due_at, ticket.resolution_due_at = response_due, resolution_due
