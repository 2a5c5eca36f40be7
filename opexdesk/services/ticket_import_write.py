"""Writing imported tickets: the same rows ``TicketService.create`` (and ``transition``)
write for a ticket made here, batched with executemany inside the caller's transaction.

Per ticket: the ticket row; a "create" outbox entry and its "created" audit event; and for
a status past New/Assigned the status moves a technician would have made (one outbox
entry and one audit event each), so the central store replays them in order when the
tickets sync. The outbox "create" carries the source's opening time as its time, which the
central store keeps as the ticket's creation time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.ids import new_id
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.sla import SlaPolicy
from opexdesk.domain.ticket import initial_status
from opexdesk.domain.workflow import TransitionRequest, check_transition
from opexdesk.services import vocabulary
from opexdesk.services.ticket_import_rows import SHORT_FIELDS, ImportRecord
from opexdesk.storage import settings_repo

# Columns of the JSON type: stored as JSON text, None as 'null' (as the ORM writes them).
_JSON_COLUMNS = frozenset({"changes", "old_value", "new_value"})
IMPORT_NOTE = "Imported as {status} from another service desk."

# The moves from a new ticket's first status to an imported status (workflow.ALLOWED).
_STEPS: dict[Status, tuple[Status, ...]] = {
    Status.NEW: (),
    Status.ASSIGNED: (),
    Status.IN_PROGRESS: (Status.IN_PROGRESS,),
    Status.PENDING: (Status.PENDING,),
    Status.RESOLVED: (Status.RESOLVED,),
    Status.CLOSED: (Status.RESOLVED, Status.CLOSED),
}


@dataclass(frozen=True)
class WriteContext:
    actor: str
    device: str
    now: datetime
    matrix: PriorityMatrix
    policy: SlaPolicy


class BatchWriter:
    """Collects the rows of a batch of records and inserts them with executemany."""

    def __init__(self, session: Session, context: WriteContext) -> None:
        self._s = session
        self._c = context
        counter = settings_repo.get(session, settings_repo.PROVISIONAL_COUNTER)
        self._number = int(counter or 0)
        self._seen: dict[str, set[str]] = {f: set() for f in vocabulary.FIELDS}
        self.last_id: str | None = None
        self.written = 0
        self._times: dict[datetime, str] = {}  # "now" and due times repeat: format once

    def _stored(self, value: Any, as_json: bool) -> Any:
        """A value as the models store it on SQLite: JSON text (the JSON type's default
        serializer, None as 'null') for JSON columns, naive UTC text for times."""
        if as_json:
            return json.dumps(value)
        if isinstance(value, datetime):
            text = self._times.get(value)
            if text is None:
                text = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
                if len(self._times) < 10_000:
                    self._times[value] = text
            return text
        return value

    def write(self, records: Sequence[ImportRecord]) -> None:
        tickets: list[dict[str, Any]] = []
        outbox: list[dict[str, Any]] = []
        audit: list[dict[str, Any]] = []
        for record in records:
            self._rows_of(record, tickets, outbox, audit)
        if not tickets:
            return
        # Plain executemany of stored values: the ORM's bulk path runs one INSERT per row
        # to fetch keys, and bind processing per value cost more than the inserts.
        conn = self._s.connection()
        for table, rows in (("tickets", tickets), ("outbox", outbox), ("audit_events", audit)):
            columns = list(rows[0])
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})"
            )
            kinds = [c in _JSON_COLUMNS for c in columns]
            pairs = list(zip(columns, kinds, strict=True))
            conn.exec_driver_sql(
                sql, [tuple(self._stored(r[c], j) for c, j in pairs) for r in rows]
            )
        self.written += len(tickets)

    def finish(self) -> None:
        """The provisional counter and the pick lists, once for the whole import."""
        settings_repo.put(self._s, settings_repo.PROVISIONAL_COUNTER, str(self._number))
        for name, found in self._seen.items():
            known = vocabulary.values(self._s, name)
            merged = known + sorted(found - set(known))
            merged = merged[: max(len(known), vocabulary.MAX_VALUES)]
            if len(merged) > len(known):
                value = json.dumps(sorted(merged), ensure_ascii=False)
                settings_repo.put(self._s, f"vocab.{name}", value)

    def _rows_of(
        self,
        r: ImportRecord,
        tickets: list[dict[str, Any]],
        outbox: list[dict[str, Any]],
        audit: list[dict[str, Any]],
    ) -> None:
        c = self._c
        ticket_id = new_id()
        self._number += 1
        created = r.created_at or c.now
        priority = c.matrix.priority_for(r.impact, r.urgency)
        response_due, resolution_due = c.policy.due_times(Priority(priority), created)
        short = {n: getattr(r, n) for n in SHORT_FIELDS}
        first = initial_status(r.assignee)
        steps = _STEPS[r.status]
        note = IMPORT_NOTE.format(status=r.status.label) if steps else None
        values = {
            "title": r.title,
            "description": r.description,
            "impact": r.impact,
            "urgency": r.urgency,
            "priority": int(priority),
            "status": first.value,
            **short,
        }
        done = r.status in (Status.RESOLVED, Status.CLOSED)
        tickets.append(
            {
                "id": ticket_id,
                "provisional_number": f"L-{self._number:06d}",
                **values,
                "status": r.status.value,
                "created_by": c.actor,
                "created_at": created,
                "updated_at": c.now,
                "resolved_at": c.now if done else None,
                "closed_at": c.now if r.status is Status.CLOSED else None,
                "resolution_note": note if done else None,
                "response_due_at": response_due,
                "resolution_due_at": resolution_due,
                "version": 1 + len(steps),
            }
        )
        mutation = self._outbox(outbox, ticket_id, "create", values, created)
        self._audit(audit, ticket_id, "created", None, None, values, created, mutation)
        current = first
        for target in steps:
            check_transition(TransitionRequest(current, target, r.assignee, note))
            step_note = note if target is Status.RESOLVED else None
            payload = {"from": current.value, "to": target.value, "note": step_note}
            mutation = self._outbox(outbox, ticket_id, "transition", payload, c.now)
            new_value: Any = target.value
            if step_note is not None:
                new_value = {"value": target.value, "note": step_note}
            self._audit(
                audit, ticket_id, "status_changed", "status", current.value, new_value, c.now,
                mutation,
            )  # fmt: skip
            current = target
        for name in vocabulary.FIELDS:
            if short.get(name):
                self._seen[name].add(short[name])
        self.last_id = ticket_id

    def _outbox(
        self,
        rows: list[dict[str, Any]],
        ticket_id: str,
        op: str,
        changes: dict[str, Any],
        at: datetime,
    ) -> str:
        mutation_id = new_id()
        rows.append(
            {
                "mutation_id": mutation_id,
                "entity": "ticket",
                "entity_id": ticket_id,
                "op": op,
                "changes": changes,
                "created_at": at,
                "state": "pending",
            }
        )
        return mutation_id

    def _audit(
        self,
        rows: list[dict[str, Any]],
        ticket_id: str,
        action: str,
        field: str | None,
        old: Any,
        new: Any,
        at: datetime,
        mutation_id: str,
    ) -> None:
        rows.append(
            {
                "id": new_id(),
                "ticket_id": ticket_id,
                "action": action,
                "field": field,
                "old_value": old,
                "new_value": new,
                "actor": self._c.actor,
                "device_id": self._c.device,
                "at": at,
                "mutation_id": mutation_id,
            }
        )
