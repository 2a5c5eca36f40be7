"""Applying one pulled page to the local database (inside the caller's transaction).

The rows the page names are loaded up front, one query per table, instead of one query per
change. Unsent local edits always win over the server's values (they are on their way and
the server decides there); a ticket deleted here stays deleted. Knowledge-base articles are
applied by article_apply.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from opexdesk.services.sync.article_apply import apply_articles

# Re-exported (``as``): the engine and other modules import them from here.
from opexdesk.services.sync.pulled_values import PENDING as PENDING
from opexdesk.services.sync.pulled_values import in_chunks as in_chunks
from opexdesk.services.sync.pulled_values import parse_time as parse_time
from opexdesk.storage import settings_repo
from opexdesk.storage.models import Attachment, Comment, OutboxEntry, Ticket, Tombstone, WorkLog
from opexdesk.storage.sync_models import Conflict
from opexdesk.storage.ticket_fields import SYNCED_FIELDS, TIME_FIELDS
from opexdesk.storage.ticket_removal import remove_ticket

STUB_PREFIX = "S-stub-"
TICKET_FIELDS = ("number", *SYNCED_FIELDS)
# What a pending status move changed locally (kept over the server's values).
TRANSITION_FIELDS = ("status", "resolved_at", "resolution_note", "closed_at")
# What a pending priority override changed locally.
OVERRIDE_FIELDS = (
    "priority",
    "priority_override_reason",
    "response_due_at",
    "resolution_due_at",
)
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
    "entity",
    "ticket_id",
    "mutation_id",
    "field",
    "base",
    "local",
    "server",
    "rule",
    "reason",
    "reason_template",
    "reason_params",
    "created_at",
    "resolved_at",
    "resolution",
)
# In the pending-fields map: the ticket itself is deleted here, not yet on the server.
DELETED = "__deleted__"
# Tickets first: an append's ticket always has a later server_seq than the append.
_ORDER = {
    "config": 0,  # first: a new matrix applies to what follows
    "ticket": 0,
    "comment": 1,
    "work_log": 1,
    "attachment": 1,
    "article": 1,
    "conflict": 2,
    "tombstone": 3,
}
# Shared settings live in the settings table under this prefix (services/shared_config.py).
CONFIG_PREFIX = "config."
# Settings key: ticket ids whose server values were held back by unsent local edits.
HELD_KEY = "sync.held"
# In the pending-fields map: the setting names this device changed and has not sent.
CONFIG_PENDING = "__config__"


@dataclass
class PageResult:
    """What applying a page found: attachment bytes to fetch, the tickets that were not on
    this device before (id -> created_at), for the history of older ones, and the tickets
    whose server value of a field was held back by an unsent local edit of it (``held``:
    fetched again once that edit is through, see engine.SyncEngine._refresh_held). For
    knowledge-base articles: those whose local state changed (``articles``) and those held
    back by unsent edits (``held_articles``, already noted in settings by the apply)."""

    attachments: set[str] = dataclass_field(default_factory=set)
    new_tickets: dict[str, datetime | None] = dataclass_field(default_factory=dict)
    held: set[str] = dataclass_field(default_factory=set)
    articles: set[str] = dataclass_field(default_factory=set)
    held_articles: set[str] = dataclass_field(default_factory=set)


def apply_page(s: Session, changes: list[dict[str, Any]]) -> PageResult:
    """Apply ``changes`` (raises KeyError/TypeError/ValueError on malformed data; the
    caller rolls back)."""
    return _PageApplier(s, changes).run()


class _PageApplier:
    def __init__(self, s: Session, changes: list[dict[str, Any]]) -> None:
        self.s = s
        self.changes = sorted(changes, key=lambda c: _ORDER.get(str(c.get("entity")), 4))
        self.pending = pending_fields(s)
        self.resolving = pending_resolutions(s)
        self.tickets: dict[str, Ticket] = {}
        self.appends: dict[str, dict[str, Any]] = {entity: {} for entity in APPEND_MODELS}
        self.conflicts: dict[str, Conflict] = {}
        self._load()
        self.result = PageResult()
        self._here_before = set(self.tickets)

    def _load(self) -> None:
        """The page's tickets, append rows and conflicts that are already here."""
        ticket_ids = {
            str(c["data"].get("ticket_id")) if c.get("entity") in APPEND_MODELS else str(c["id"])
            for c in self.changes
            if c.get("entity") in APPEND_MODELS or c.get("entity") == "ticket"
        }
        for chunk in in_chunks(sorted(ticket_ids)):
            query = select(Ticket).where(Ticket.id.in_(chunk))
            self.tickets.update((t.id, t) for t in self.s.scalars(query))
        # Tombstones of tickets the page brings back (a local deletion the server refused),
        # in one query rather than a lookup (and an autoflush) per new ticket.
        missing = sorted(ticket_ids - set(self.tickets))
        self.tombstones: dict[str, Tombstone] = {}
        for chunk in in_chunks(missing):
            stale = select(Tombstone).where(
                Tombstone.entity == "ticket", Tombstone.entity_id.in_(chunk)
            )
            self.tombstones.update((t.entity_id, t) for t in self.s.scalars(stale))
        for entity, model in APPEND_MODELS.items():
            ids = sorted({str(c["id"]) for c in self.changes if c.get("entity") == entity})
            for chunk in in_chunks(ids):
                found = self.s.scalars(select(model).where(model.id.in_(chunk)))
                self.appends[entity].update((row.id, row) for row in found)
        conflict_ids = sorted({str(c["id"]) for c in self.changes if c.get("entity") == "conflict"})
        for chunk in in_chunks(conflict_ids):
            found = self.s.scalars(select(Conflict).where(Conflict.id.in_(chunk)))
            self.conflicts.update((c.id, c) for c in found)

    def run(self) -> PageResult:
        attachments = self.result.attachments
        tickets_written = False
        articles: list[dict[str, Any]] = []
        for change in self.changes:
            entity = str(change.get("entity"))
            if entity != "ticket" and not tickets_written:
                # No ORM relationship orders the inserts: the tickets go in before their rows.
                self.s.flush()
                tickets_written = True
            data = dict(change.get("data") or {})
            row_id = str(change.get("id"))
            if entity == "ticket":
                self._ticket(row_id, data, self.pending.get(row_id, set()))
            elif entity in APPEND_MODELS:
                if DELETED not in self.pending.get(str(data.get("ticket_id")), set()):
                    self._append(entity, row_id, data)
                    if entity == "attachment":
                        attachments.add(str(data.get("sha256")))
            elif entity == "article":
                articles.append(change)  # applied together, after the tickets
            elif entity == "conflict":
                seq = int(change.get("server_seq") or 0)
                self._conflict(row_id, data, seq, row_id in self.resolving)
            elif entity == "tombstone":
                self._tombstone(row_id, data)
            elif entity == "config" and row_id not in self.pending.get(CONFIG_PENDING, set()):
                # A setting this device changed and has not sent yet stays as set here.
                settings_repo.put(self.s, CONFIG_PREFIX + row_id, json.dumps(data.get("value")))
        if articles:
            found = apply_articles(self.s, articles)
            self.result.articles, self.result.held_articles = found.changed, found.held
        self.s.flush()
        return self.result

    def _tombstone(self, ticket_id: str, data: dict[str, Any]) -> None:
        self.s.flush()  # rows added on this page go with the ticket too
        remove_ticket(
            self.s,
            ticket_id,
            deleted_by=str(data.get("deleted_by") or ""),
            device_id=str(data.get("deleted_by") or "server"),
            at=parse_time(data.get("deleted_at")) or datetime.now(UTC),
        )
        self.tickets.pop(ticket_id, None)

    def _ticket(self, ticket_id: str, data: dict[str, Any], keep: set[str]) -> None:
        values = {
            f: (parse_time(data.get(f)) if f in TIME_FIELDS else data.get(f))
            for f in TICKET_FIELDS
            if f in data
        }
        if DELETED in keep:
            return  # deleted here; the deletion is on its way to the server
        if ticket_id not in self._here_before:
            self.result.new_tickets[ticket_id] = values.get("created_at")
        ticket = self.tickets.get(ticket_id)
        if ticket is None:
            stale = self.tombstones.pop(ticket_id, None)
            if stale is not None:  # the server kept it: the local deletion was refused
                self.s.delete(stale)
            ticket = Ticket(
                id=ticket_id, provisional_number=f"S-{values.get('number')}", version=1, **values
            )
            self.s.add(ticket)
            self.tickets[ticket_id] = ticket
            return
        changed = False
        if ticket.provisional_number.startswith(STUB_PREFIX) and values.get("number"):
            ticket.provisional_number = f"S-{values['number']}"
        for field, value in values.items():
            if field in keep and field != "number":
                # An unsent local edit is never overwritten. The server's value may still be
                # the one to end with (the edit is refused, or it was already applied and
                # its answer lost): the ticket is fetched again once the edit is through.
                if getattr(ticket, field) != value:
                    self.result.held.add(ticket_id)
                continue
            if getattr(ticket, field) != value:
                setattr(ticket, field, value)
                changed = True
        if changed:
            ticket.version += 1

    def _append(self, entity: str, row_id: str, data: dict[str, Any]) -> None:
        model = APPEND_MODELS[entity]
        existing = self.appends[entity].get(row_id)
        if existing is not None:
            # Already here (often our own append coming back): the server's copy is the
            # record, with created_at capped at its clock and device_id = the pushing client.
            for field in ("author", "device_id", "created_at"):
                if field in data:
                    value = parse_time(data[field]) if field == "created_at" else data[field]
                    if getattr(existing, field) != value:
                        setattr(existing, field, value)
            return
        ticket_id = str(data.get("ticket_id"))
        values = {f: data.get(f) for f in APPEND_FIELDS[entity] if f in data}
        values["created_at"] = parse_time(values.get("created_at"))
        if ticket_id not in self.tickets:
            # The ticket's own change has a later server_seq (an append touches it), so it
            # may come in a later page: a placeholder until then (same pull, same cursor run).
            when = values["created_at"]
            stub = Ticket(
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
            self.s.add(stub)
            self.s.flush()
            self.tickets[ticket_id] = stub
        row = model(id=row_id, ticket_id=ticket_id, **values)
        self.s.add(row)
        self.appends[entity][row_id] = row

    def _conflict(self, row_id: str, data: dict[str, Any], seq: int, resolving: bool) -> None:
        values = {f: data.get(f) for f in CONFLICT_FIELDS}
        values["created_at"] = parse_time(values["created_at"])
        values["resolved_at"] = parse_time(values["resolved_at"])
        if values["entity"] not in ("ticket", "article"):
            values["entity"] = "ticket"  # an older server sends none: its conflicts are tickets'
        # An older server sends neither; a malformed one is dropped (the English reason stays).
        if not isinstance(values["reason_template"], str):
            values["reason_template"] = None
        if not isinstance(values["reason_params"], dict):
            values["reason_params"] = None
        conflict = self.conflicts.get(row_id)
        if conflict is None:
            conflict = Conflict(id=row_id, server_seq=seq, **values)
            self.s.add(conflict)
            self.conflicts[row_id] = conflict
            return
        if resolving and values["resolved_at"] is None:
            # Resolved here and not yet sent: the server's "open" is older news.
            values["resolved_at"] = conflict.resolved_at
            values["resolution"] = conflict.resolution
        for field, value in values.items():
            setattr(conflict, field, value)
        conflict.server_seq = seq


def pending_fields(s: Session) -> dict[str, set[str]]:
    """Per ticket id, the fields this device changed in still-pending outbox rows."""
    fields: dict[str, set[str]] = {}
    # Columns, not entities: a device offline for days has thousands of pending rows, and
    # this runs for every page pulled.
    rows = s.execute(
        select(OutboxEntry.entity_id, OutboxEntry.op, OutboxEntry.changes).where(
            OutboxEntry.state == PENDING, OutboxEntry.entity == "ticket"
        )
    )
    for row in rows:
        kept = fields.setdefault(row.entity_id, set())
        if row.op == "update":
            kept.update(row.changes)
        elif row.op == "transition":
            kept.update(TRANSITION_FIELDS)
        elif row.op == "override":
            kept.update(OVERRIDE_FIELDS)
        elif row.op == "create":
            kept.update(TICKET_FIELDS)
        elif row.op == "delete":
            kept.add(DELETED)
    settings = s.scalars(
        select(OutboxEntry.entity_id).where(
            OutboxEntry.state == PENDING, OutboxEntry.entity == "config"
        )
    )
    fields.setdefault(CONFIG_PENDING, set()).update(settings)
    resolutions = s.scalars(
        select(OutboxEntry.changes).where(
            OutboxEntry.state == PENDING, OutboxEntry.entity == "conflict"
        )
    )
    for resolution in resolutions:  # "use mine" is a pending edit of that field
        changes = resolution or {}
        if changes.get("field") and changes.get("ticket_id"):
            fields.setdefault(str(changes["ticket_id"]), set()).add(str(changes["field"]))
    return fields


def load_held(s: Session, key: str = HELD_KEY) -> list[str]:
    """Tickets (or, with article_apply.HELD_ARTICLES_KEY, articles) whose server values a
    pull held back behind unsent local edits."""
    return settings_repo.load_list(s, key)


def remember_held(s: Session, ids: set[str], key: str = HELD_KEY) -> None:
    """Inside a pull's transaction: note ``ids`` to fetch again (kept in the database, so
    a device killed before it sends its edits still fetches them later)."""
    settings_repo.add_to_list(s, key, ids)


def forget_held(s: Session, ids: set[str], key: str = HELD_KEY) -> None:
    settings_repo.remove_from_list(s, key, ids)


def pending_resolutions(s: Session) -> set[str]:
    """Conflict ids this device resolved and has not yet sent."""
    query = select(OutboxEntry.entity_id).where(
        OutboxEntry.state == PENDING, OutboxEntry.entity == "conflict"
    )
    return set(s.scalars(query))
