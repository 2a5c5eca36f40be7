"""The checks after quiet-down: nothing lost, nothing applied twice, replicas equal the server,
conflicts visible on every device of their user. Every violation is counted, none stops.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from opexdesk.server.models import User
from opexdesk.server.sync_models import (
    SyncAttachment,
    SyncComment,
    SyncConflict,
    SyncMutation,
    SyncTicket,
    SyncWorkLog,
)
from opexdesk.services.sync.pull_apply import TICKET_FIELDS
from opexdesk.storage.models import Attachment, AuditEvent, Comment, Ticket, WorkLog
from opexdesk.storage.sync_models import SYNC_STATE_ID, Conflict, SyncState

from .article_invariants import client_articles, server_articles
from .world import SimClient, SimServer

APPEND_COMPARED: dict[str, tuple[str, ...]] = {
    "comment": ("ticket_id", "kind", "body", "author", "device_id", "created_at"),
    "work_log": ("ticket_id", "minutes", "note", "author", "device_id", "created_at"),
    "attachment": ("ticket_id", "sha256", "filename", "size", "media_type", "author", "created_at"),
}
SERVER_APPENDS: dict[str, Any] = {
    "comment": SyncComment,
    "work_log": SyncWorkLog,
    "attachment": SyncAttachment,
}
CLIENT_APPENDS: dict[str, Any] = {"comment": Comment, "work_log": WorkLog, "attachment": Attachment}
MAX_DETAILS = 20

Rows = dict[str, dict[str, Any]]


def _norm(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _rows(session: Any, model: Any, fields: tuple[str, ...]) -> Rows:
    return {
        row.id: {f: _norm(getattr(row, f)) for f in fields}
        for row in session.scalars(select(model))
    }


@dataclass
class Violations:
    lost: int = 0
    duplicated: int = 0
    diverged: int = 0
    invisible_conflicts: int = 0
    cursor_regressions: int = 0
    stuck_outboxes: int = 0  # clients with pending rows after quiet-down
    conflicts: int = 0
    rejected: int = 0
    diverged_fields: Counter[str] = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if len(self.details) < MAX_DETAILS:
            self.details.append(message)

    @property
    def failed(self) -> bool:
        return bool(
            self.lost
            or self.duplicated
            or self.diverged
            or self.invisible_conflicts
            or self.cursor_regressions
            or self.stuck_outboxes
        )


@dataclass(frozen=True)
class LedgerRow:
    mutation_id: str
    client_id: str
    client_seq: int
    outcome: dict[str, Any]


@dataclass
class ServerView:
    tickets: Rows
    appends: dict[str, Rows]
    ledger: list[LedgerRow]
    conflicts_by_user: dict[str, dict[str, Any]]


def server_view(server: SimServer) -> ServerView:
    with server.services.db.read() as s:
        users = {u.id: u.username for u in s.scalars(select(User))}
        tickets = _rows(s, SyncTicket, TICKET_FIELDS)
        appends = {e: _rows(s, m, APPEND_COMPARED[e]) for e, m in SERVER_APPENDS.items()}
        ledger = [
            LedgerRow(m.mutation_id, m.client_id, m.client_seq, m.outcome or {})
            for m in s.scalars(select(SyncMutation))
        ]
        conflicts: dict[str, dict[str, Any]] = defaultdict(dict)
        for c in s.scalars(select(SyncConflict)):
            conflicts[users[c.user_id]][c.id] = _norm(c.resolved_at)
    return ServerView(tickets, appends, ledger, dict(conflicts))


@dataclass
class ClientView:
    client_id: str | None
    tickets: Rows
    appends: dict[str, Rows]
    created_mutations: set[str]
    created_appends: dict[str, dict[str, Any]]  # id -> audit new_value, with "entity"
    conflicts: dict[str, Any]


AUDIT_APPENDS = {"commented": "comment", "work_logged": "work_log"}


def client_view(client: SimClient) -> ClientView:
    with client.db.read() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        created: set[str] = set()
        appended: dict[str, dict[str, Any]] = {}
        for event in s.scalars(select(AuditEvent)):
            if event.mutation_id:
                created.add(event.mutation_id)
            entity = AUDIT_APPENDS.get(event.action)
            if entity is not None and isinstance(event.new_value, dict):
                appended[str(event.new_value["id"])] = {
                    **event.new_value,
                    "entity": entity,
                    "ticket_id": event.ticket_id,
                }
        return ClientView(
            client_id=state.client_id if state is not None else None,
            tickets=_rows(s, Ticket, TICKET_FIELDS),
            appends={e: _rows(s, m, APPEND_COMPARED[e]) for e, m in CLIENT_APPENDS.items()},
            created_mutations=created,
            created_appends=appended,
            conflicts={c.id: _norm(c.resolved_at) for c in s.scalars(select(Conflict))},
        )


def _compare(v: Violations, who: str, what: str, mine: Rows, theirs: Rows) -> None:
    for row_id in mine.keys() | theirs.keys():
        a, b = mine.get(row_id), theirs.get(row_id)
        if a is None or b is None:
            v.diverged += 1
            v.diverged_fields[f"{what}.missing"] += 1
            v.note(f"{who}: {what} {row_id} only on the {'server' if a is None else 'client'}")
            continue
        fields = [f for f in a if a[f] != b[f]]
        if fields:
            v.diverged += 1
            v.diverged_fields.update(f"{what}.{f}" for f in fields)
            v.note(f"{who}: {what} {row_id} differs in {fields}: {[(a[f], b[f]) for f in fields]}")


def check(server: SimServer, clients: list[SimClient], v: Violations) -> None:
    """Count every violation after quiet-down into ``v``."""
    sv = server_view(server)
    server_kb = server_articles(server.services.db.read)
    for article_id in server_kb.pop("_miscounted", {}):
        v.duplicated += 1
        v.note(f"server article {article_id}: vote counts differ from its votes")
    by_client: dict[str, list[LedgerRow]] = defaultdict(list)
    for m in sv.ledger:
        by_client[m.client_id].append(m)
        outcome = m.outcome
        if outcome.get("status") == "rejected":
            v.rejected += 1
            if not outcome.get("reason"):
                v.lost += 1
                v.note(f"mutation {m.mutation_id} rejected without a reason")
    v.conflicts += sum(len(c) for c in sv.conflicts_by_user.values())

    created_minutes: Counter[str] = Counter()
    all_created: set[str] = set()
    for client in clients:
        cv = client_view(client)
        who = f"client {client.index} ({client.username})"
        ledger = by_client.get(cv.client_id or "", [])
        seqs = Counter(m.client_seq for m in ledger)
        v.duplicated += sum(n - 1 for n in seqs.values() if n > 1)
        ledger_ids = {m.mutation_id for m in ledger}
        made = cv.created_mutations | client.made
        missing = made - ledger_ids
        if missing:
            v.lost += len(missing)
            v.note(f"{who}: {len(missing)} mutations never reached the server ledger")
        phantom = ledger_ids - made
        if phantom:
            v.duplicated += len(phantom)
            v.note(f"{who}: {len(phantom)} ledger rows for mutations it never made")
        for row_id, append in cv.created_appends.items():
            all_created.add(row_id)
            stored = sv.appends[append["entity"]].get(row_id)
            if stored is None:
                v.lost += 1
                v.note(f"{who}: {append['entity']} {row_id} missing on the server")
            elif append["entity"] == "work_log":
                created_minutes[append["ticket_id"]] += int(append["minutes"])
                if stored["minutes"] != append["minutes"]:
                    v.lost += 1
        _compare(v, who, "ticket", cv.tickets, sv.tickets)
        for what, mine in client_articles(client.db.read).items():
            _compare(v, who, what, mine, server_kb[what])
        for entity, rows in cv.appends.items():
            _compare(v, who, entity, rows, sv.appends[entity])
        expected = sv.conflicts_by_user.get(client.username, {})
        for conflict_id, resolved in expected.items():
            if conflict_id not in cv.conflicts:
                v.invisible_conflicts += 1
                v.note(f"{who}: conflict {conflict_id} not visible")
            elif (cv.conflicts[conflict_id] is None) != (resolved is None):
                v.invisible_conflicts += 1
                v.note(f"{who}: conflict {conflict_id} resolved on one side only")
            elif cv.conflicts[conflict_id] != resolved:
                v.diverged += 1
                v.diverged_fields["conflict.resolved_at"] += 1
                v.note(f"{who}: conflict {conflict_id} resolved at another time")
        extra = cv.conflicts.keys() - expected.keys()
        if extra:
            v.invisible_conflicts += len(extra)
            v.note(f"{who}: {len(extra)} conflicts that are not this user's on the server")

    server_minutes: Counter[str] = Counter()
    for entity in ("comment", "work_log"):
        for row_id, row in sv.appends[entity].items():
            if row_id not in all_created:
                v.duplicated += 1
                v.note(f"server {entity} {row_id} was created by no client")
            if entity == "work_log":
                server_minutes[row["ticket_id"]] += int(row["minutes"])
    for ticket_id, minutes in server_minutes.items():
        if minutes > created_minutes[ticket_id]:
            v.duplicated += 1
            logged = created_minutes[ticket_id]
            v.note(f"ticket {ticket_id}: {minutes} minutes on the server, {logged} logged")
