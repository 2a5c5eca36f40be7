"""Applying one pushed mutation to the stored state (docs/sync.md, "Push").

``apply_mutation`` runs inside the push request's transaction, in a SAVEPOINT of its own:
a rejected mutation leaves no trace but its ledger row (written by the caller), so the
client's queue never wedges on it. Every changed row gets a new ``server_seq`` from
``next_seq`` (the ``seq_counter`` row lock is held to commit, so seq order is commit order).

Outcome statuses: ``applied`` (as sent), ``merged`` (applied with automatic resolutions the
user is told about in ``notices``), ``conflict`` (some change was not applied and is kept in
``sync_conflicts`` rows named by ``conflict_ids``), ``rejected`` (nothing applied; ``reason``
says why), ``duplicate`` (already processed; set by the caller).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from opexdesk.domain import ticket as rules
from opexdesk.domain.conflicts import replay_transition, resolve_field
from opexdesk.domain.enums import CommentKind, Priority, Role, Status, parse_status
from opexdesk.domain.errors import DomainError
from opexdesk.domain.ids import new_id
from opexdesk.domain.permissions import (
    DISPATCHER_ROLES,
    assignment_refusal,
    deletion_refusal,
)
from opexdesk.domain.priority import PriorityMatrix, coerce_impact, coerce_urgency
from opexdesk.domain.sla import due_times
from opexdesk.server.sync_models import (
    SeqCounter,
    SyncAttachment,
    SyncComment,
    SyncConflict,
    SyncTicket,
    SyncTombstone,
    SyncWorkLog,
)

APPLIED = "applied"
MERGED = "merged"
CONFLICT = "conflict"
REJECTED = "rejected"
DUPLICATE = "duplicate"

# Fields the client sends in an "update" that the server derives itself: priority and the
# due times follow impact x urgency, status follows the assignee (New <-> Assigned).
DERIVED_FIELDS = frozenset({"priority", "status", "response_due_at", "resolution_due_at"})
SHORT_FIELDS = ("requester", "site", "category", "assignee", "group_name")
APPEND_ENTITIES = ("comment", "work_log", "attachment")
ID_MAX = 36
_SHA256 = re.compile(r"[0-9a-f]{64}")
MEDIA_TYPE_MAX = 120
FILENAME_MAX = 255
RESOLUTIONS = frozenset({"server", "local", "custom"})


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


class Rejected(Exception):
    """The mutation cannot be applied at all; ``reason`` is shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def outcome(
    mutation_id: str,
    status: str,
    *,
    notices: list[dict[str, Any]] | None = None,
    conflict_ids: list[str] | None = None,
    reason: str | None = None,
    ticket_number: int | None = None,
) -> dict[str, Any]:
    return {
        "mutation_id": mutation_id,
        "status": status,
        "notices": notices or [],
        "conflict_ids": conflict_ids or [],
        "reason": reason,
        "ticket_number": ticket_number,
    }


def next_seq(session: Session) -> int:
    """The next server_seq; locks the counter row until the transaction ends."""
    value = session.execute(
        update(SeqCounter)
        .where(SeqCounter.id == 1)
        .values(value=SeqCounter.value + 1)
        .returning(SeqCounter.value)
    ).scalar_one()
    return int(value)


def current_seq(session: Session) -> int:
    return int(session.execute(select(SeqCounter.value).where(SeqCounter.id == 1)).scalar_one())


def lock_seq(session: Session) -> int:
    """Take the counter's row lock now (PostgreSQL), so writers serialise from here on."""
    value = session.execute(
        select(SeqCounter.value).where(SeqCounter.id == 1).with_for_update()
    ).scalar_one()
    return int(value)


def _next_ticket_number(session: Session) -> int:
    value = session.execute(
        update(SeqCounter)
        .where(SeqCounter.id == 1)
        .values(ticket_number=SeqCounter.ticket_number + 1)
        .returning(SeqCounter.ticket_number)
    ).scalar_one()
    return int(value)


def apply_mutation(
    session: Session,
    mutation: Mutation,
    pusher: Pusher,
    now: datetime,
    matrix: PriorityMatrix | None = None,
) -> dict[str, Any]:
    """Apply ``mutation`` in a savepoint and return its outcome (see the module doc)."""
    applier = _Applier(session, mutation, pusher, now, matrix or PriorityMatrix())
    try:
        with session.begin_nested():
            result = applier.run()
    except Rejected as exc:
        result = outcome(mutation.mutation_id, REJECTED, reason=exc.reason)
    except DomainError as exc:
        result = outcome(mutation.mutation_id, REJECTED, reason=str(exc))
    if result["status"] != APPLIED or result["notices"]:
        resend_ticket(session, mutation.entity, mutation.entity_id, mutation.changes)
    return result


def resend_ticket(session: Session, entity: str, entity_id: str, changes: Any) -> None:
    """A new server_seq for the mutation's ticket, so every device pulls its row again.

    The pusher may show a value the store does not have: a pull while its edit was pending
    kept the local value. When the edit is then not taken as sent (conflict, kept value,
    rejection) or its first answer was lost (a duplicate now), the row would otherwise never
    be sent again and that replica would keep the wrong value.
    """
    ticket_id = entity_id if entity == "ticket" else None
    if ticket_id is None and isinstance(changes, dict):
        ticket_id = changes.get("ticket_id")
    if isinstance(ticket_id, str) and 0 < len(ticket_id) <= ID_MAX:
        ticket = session.get(SyncTicket, ticket_id, with_for_update=True)
        if ticket is not None:
            ticket.server_seq = next_seq(session)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _str(changes: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    value = changes.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Rejected(f"'{key}' must be a string, not {type(value).__name__}.")
    return value


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected(f"'{what}' must be a whole number, not {value!r}.")
    return value


def _clean(field: str, value: Any) -> Any:
    """Validate one editable field's value with the domain rules (raises DomainError)."""
    if field == "title":
        if not isinstance(value, str):
            raise Rejected("'title' must be a string.")
        return rules.clean_title(value)
    if field == "description":
        if value is not None and not isinstance(value, str):
            raise Rejected("'description' must be a string.")
        return rules.clean_description(value)
    if field == "impact":
        return int(coerce_impact(_int(value, "impact")))
    if field == "urgency":
        return int(coerce_urgency(_int(value, "urgency")))
    if value is not None and not isinstance(value, str):
        raise Rejected(f"'{field}' must be a string or null.")
    return rules.clean_short(field, value)


class _Applier:
    def __init__(
        self,
        session: Session,
        mutation: Mutation,
        pusher: Pusher,
        now: datetime,
        matrix: PriorityMatrix,
    ) -> None:
        self.s = session
        self.m = mutation
        self.pusher = pusher
        self.now = now
        self.matrix = matrix

    def run(self) -> dict[str, Any]:
        m = self.m
        if not m.entity_id or len(m.entity_id) > ID_MAX:
            raise Rejected(f"entity_id must be an id of 1 to {ID_MAX} characters.")
        if m.entity == "ticket":
            handlers = {
                "create": self.create,
                "update": self.update,
                "transition": self.transition,
                "delete": self.delete,
            }
            handler = handlers.get(m.op)
            if handler is None:
                raise Rejected(
                    f"Unknown operation {m.op!r} on a ticket; use create, update, transition "
                    "or delete."
                )
            return handler()
        if m.entity == "conflict":
            if m.op != "resolve":
                raise Rejected(f"Unknown operation {m.op!r} on a conflict; use resolve.")
            return self.resolve()
        if m.entity in APPEND_ENTITIES:
            if m.op != "append":
                raise Rejected(f"Unknown operation {m.op!r} on a {m.entity}; use append.")
            return self.append()
        raise Rejected(
            f"Unknown entity {m.entity!r}; use ticket, conflict, "
            + ", ".join(APPEND_ENTITIES)
            + "."
        )

    # ---- helpers ---------------------------------------------------------------------

    def _client_time(self, value: Any) -> datetime:
        """A time stamped by the client, never later than the server's now (clock skew)."""
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                parsed = None
            if parsed is not None and parsed.tzinfo is not None:
                return min(parsed, self.now)
        return self.now

    def _ticket(self) -> SyncTicket | None:
        ticket_id = (
            self.m.entity_id if self.m.entity == "ticket" else self.m.changes.get("ticket_id")
        )
        if not isinstance(ticket_id, str) or not ticket_id or len(ticket_id) > ID_MAX:
            raise Rejected("'ticket_id' must be the id of the ticket.")
        return self.s.get(SyncTicket, ticket_id, with_for_update=True)

    def _missing_ticket(self) -> dict[str, Any]:
        """An edit of a ticket the store does not have: kept in a conflict record."""
        ticket_id = (
            self.m.entity_id if self.m.entity == "ticket" else str(self.m.changes["ticket_id"])
        )
        reason = f"The ticket {ticket_id} does not exist on the server (deleted?); "
        reason += "your change is kept in a conflict record."
        conflict = self._conflict(ticket_id, None, None, self.m.changes, None, "ticket_missing")
        conflict.reason = reason
        return outcome(self.m.mutation_id, CONFLICT, conflict_ids=[conflict.id], reason=reason)

    def _conflict(
        self, ticket_id: str, field: str | None, base: Any, local: Any, server: Any, rule: str
    ) -> SyncConflict:
        conflict = SyncConflict(
            id=new_id(),
            ticket_id=ticket_id,
            user_id=self.pusher.user_id,
            mutation_id=self.m.mutation_id,
            field=field,
            base=_json(base),
            local=_json(local),
            server=_json(server),
            rule=rule,
            created_at=self.now,
            server_seq=next_seq(self.s),
        )
        self.s.add(conflict)
        return conflict

    def _touch(self, ticket: SyncTicket) -> None:
        ticket.updated_at = self.now
        ticket.version += 1
        ticket.server_seq = next_seq(self.s)

    def _derive_priority(self, ticket: SyncTicket) -> None:
        priority = int(self.matrix.priority_for(ticket.impact, ticket.urgency))
        if priority != ticket.priority:
            ticket.priority = priority
            response_due, resolution_due = due_times(Priority(priority), ticket.created_at)
            ticket.response_due_at, ticket.resolution_due_at = response_due, resolution_due

    # ---- ticket operations -------------------------------------------------------------

    def create(self) -> dict[str, Any]:
        m = self.m
        changes = m.changes
        unknown = set(changes) - set(rules.EDITABLE_FIELDS) - {"priority", "status"}
        if unknown:
            raise Rejected(f"Unknown ticket fields: {', '.join(sorted(unknown))}.")
        if "title" not in changes:
            raise Rejected("A new ticket needs a title.")
        values = {f: _clean(f, changes[f]) for f in rules.EDITABLE_FIELDS if f in changes}
        if self.s.get(SyncTicket, m.entity_id) is not None:
            raise Rejected(f"A ticket with the id {m.entity_id} already exists.")
        impact = values.get("impact", 3)
        urgency = values.get("urgency", 3)
        priority = self.matrix.priority_for(impact, urgency)
        created_at = self._client_time(m.created_at)
        response_due, resolution_due = due_times(priority, created_at)
        ticket = SyncTicket(
            id=m.entity_id,
            number=_next_ticket_number(self.s),
            title=values["title"],
            description=values.get("description", ""),
            impact=impact,
            urgency=urgency,
            priority=int(priority),
            status=rules.initial_status(values.get("assignee")).value,
            created_by=self.pusher.username,
            created_at=created_at,
            updated_at=self.now,
            response_due_at=response_due,
            resolution_due_at=resolution_due,
            version=1,
            server_seq=next_seq(self.s),
            **{f: values.get(f) for f in SHORT_FIELDS},
        )
        self.s.add(ticket)
        self.s.flush()
        return outcome(m.mutation_id, APPLIED, ticket_number=ticket.number)

    def _edits(self, changes: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
        """``{field: {"base", "new"}}`` validated into ``{field: (base, clean new)}``."""
        edits: dict[str, tuple[Any, Any]] = {}
        for field, change in changes.items():
            if field in DERIVED_FIELDS:
                continue
            if field not in rules.EDITABLE_FIELDS:
                raise Rejected(f"The field {field!r} cannot be edited.")
            if not isinstance(change, dict) or set(change) != {"base", "new"}:
                raise Rejected(f"The change of {field!r} must be {{'base': ..., 'new': ...}}.")
            edits[field] = (change["base"], _clean(field, change["new"]))
        return edits

    def update(self) -> dict[str, Any]:
        edits = self._edits(self.m.changes)
        ticket = self._ticket()
        if ticket is None:
            return self._missing_ticket()
        return self._apply_edits(ticket, edits)

    def _apply_edits(self, ticket: SyncTicket, edits: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
        """Per field: apply when the base is what is stored, else the conflict policy."""
        dispatcher = self.pusher.role in DISPATCHER_ROLES
        notices: list[dict[str, Any]] = []
        conflicts: list[SyncConflict] = []
        changed = False
        for field, (base, new) in edits.items():
            stored = getattr(ticket, field)
            if stored == base:
                value = new
            else:
                decided = resolve_field(
                    field,
                    base,
                    new,
                    stored,
                    local_by_dispatcher=dispatcher,
                    server_by_dispatcher=False,
                )
                value = decided.value
                if decided.conflict:
                    conflicts.append(
                        self._conflict(ticket.id, field, base, new, stored, decided.rule.value)
                    )
                elif decided.notice:
                    notices.append(
                        {
                            "field": field,
                            "rule": decided.rule.value,
                            "value": value,
                            "kept_local": decided.kept_local,
                        }
                    )
            if field == "assignee" and value != stored:
                refused = assignment_refusal(self.pusher.role, self.pusher.username, stored, value)
                rule = "permission"
                if refused is None:
                    refused = self._assign(ticket, value)
                    rule = "workflow"
                if refused is not None:
                    conflict = self._conflict(ticket.id, field, base, new, stored, rule)
                    conflict.reason = refused
                    conflicts.append(conflict)
                    continue
            if value != stored:
                setattr(ticket, field, value)
                changed = True
        if changed:
            self._derive_priority(ticket)
            self._touch(ticket)
        status = CONFLICT if conflicts else MERGED if notices else APPLIED
        return outcome(
            self.m.mutation_id,
            status,
            notices=notices,
            conflict_ids=[c.id for c in conflicts],
            ticket_number=ticket.number,
        )

    def delete(self) -> dict[str, Any]:
        """Delete a ticket with everything appended to it; a tombstone tells the replicas."""
        m = self.m
        unknown = set(m.changes) - {"reason"}
        if unknown:
            raise Rejected(f"Unknown keys in a deletion: {', '.join(sorted(unknown))}.")
        refused = deletion_refusal(self.pusher.role)
        if refused is not None:
            raise Rejected(refused)
        reason = (_str(m.changes, "reason", required=False) or "").strip() or None
        ticket = self.s.get(SyncTicket, m.entity_id, with_for_update=True)
        if ticket is None:
            if self.s.get(SyncTombstone, m.entity_id) is not None:
                notice = {"field": "ticket", "rule": "already_done", "value": m.entity_id}
                return outcome(m.mutation_id, APPLIED, notices=[notice])
            raise Rejected(f"The ticket {m.entity_id} does not exist on the server.")
        for model in (SyncComment, SyncWorkLog, SyncAttachment):
            self.s.execute(sa_delete(model).where(model.ticket_id == ticket.id))
        self.s.add(
            SyncTombstone(
                id=ticket.id,
                entity="ticket",
                number=ticket.number,
                title=ticket.title,
                deleted_by=self.pusher.username,
                deleted_at=self.now,
                reason=reason,
                server_seq=next_seq(self.s),
            )
        )
        number = ticket.number
        self.s.delete(ticket)
        self.s.flush()
        return outcome(m.mutation_id, APPLIED, ticket_number=number)

    # ---- conflict resolution -------------------------------------------------------------

    def resolve(self) -> dict[str, Any]:
        """The user's decision on a conflict record: keep the server's value, or apply
        theirs (as sent, or edited) as a new edit against the current value. A second
        decision from another device still applies its edit: nothing chosen is dropped."""
        m = self.m
        c = m.changes
        unknown = set(c) - {"choice", "ticket_id", "field", "base", "new"}
        if unknown:
            raise Rejected(f"Unknown keys in a resolution: {', '.join(sorted(unknown))}.")
        choice = _str(c, "choice")
        if choice not in RESOLUTIONS:
            raise Rejected(f"Unknown choice {choice!r}; use server, local or custom.")
        conflict = self.s.get(SyncConflict, m.entity_id, with_for_update=True)
        if conflict is None or conflict.user_id != self.pusher.user_id:
            raise Rejected(f"There is no conflict {m.entity_id} of yours to resolve.")
        result: dict[str, Any] = outcome(m.mutation_id, APPLIED)
        if choice != "server":
            if conflict.field is None:
                raise Rejected(
                    "This change could not be applied as a whole (its ticket is gone); "
                    "it can only be dismissed."
                )
            if c.get("field") != conflict.field:
                raise Rejected(f"The resolution must edit the field {conflict.field!r}.")
            edits = self._edits({conflict.field: {"base": c.get("base"), "new": c.get("new")}})
            ticket = self.s.get(SyncTicket, conflict.ticket_id, with_for_update=True)
            if ticket is None:
                raise Rejected(f"The ticket {conflict.ticket_id} no longer exists.")
            result = self._apply_edits(ticket, edits)
        if conflict.resolved_at is None:
            conflict.resolved_at = self.now
            conflict.resolution = choice
            conflict.resolution_mutation_id = m.mutation_id
            conflict.server_seq = next_seq(self.s)
        else:
            result.setdefault("notices", []).append(
                {"field": conflict.field, "rule": "already_resolved", "value": conflict.resolution}
            )
        return result

    @staticmethod
    def _assign(ticket: SyncTicket, assignee: str | None) -> str | None:
        """Move New <-> Assigned with the assignee, as the client does; a reason if refused."""
        current = Status(ticket.status)
        if assignee and current is Status.NEW:
            ticket.status = Status.ASSIGNED.value
        elif not assignee and current is Status.ASSIGNED:
            ticket.status = Status.NEW.value
        elif not assignee and current in (Status.IN_PROGRESS, Status.PENDING):
            return f"A ticket that is {current.label} needs an assignee; reassign it instead."
        return None

    def transition(self) -> dict[str, Any]:
        m = self.m
        changes = m.changes
        unknown = set(changes) - {"from", "to", "note"}
        if unknown:
            raise Rejected(f"Unknown keys in a status move: {', '.join(sorted(unknown))}.")
        requested_from = parse_status(_str(changes, "from") or "")
        target = parse_status(_str(changes, "to") or "")
        note = (_str(changes, "note", required=False) or "").strip() or None
        ticket = self._ticket()
        if ticket is None:
            return self._missing_ticket()
        current = Status(ticket.status)
        replay = replay_transition(current, requested_from, target, ticket.assignee, note)
        if not replay.applied:
            raise Rejected(replay.reason or "The status move is not allowed.")
        if current is target:
            notice = {"field": "status", "rule": "already_done", "value": target.value}
            return outcome(m.mutation_id, APPLIED, notices=[notice], ticket_number=ticket.number)
        if target is Status.RESOLVED:
            ticket.resolved_at, ticket.resolution_note = self.now, note
        elif target is Status.CLOSED:
            ticket.closed_at = self.now
        elif current is Status.RESOLVED:  # reopen
            ticket.resolved_at = None
        ticket.status = target.value
        self._touch(ticket)
        return outcome(m.mutation_id, APPLIED, ticket_number=ticket.number)

    # ---- appends -----------------------------------------------------------------------

    def append(self) -> dict[str, Any]:
        m = self.m
        row_id = m.changes.get("id", m.entity_id)
        if row_id != m.entity_id:
            raise Rejected(f"The row id {row_id!r} differs from the entity_id {m.entity_id!r}.")
        row: SyncComment | SyncWorkLog | SyncAttachment
        if m.entity == "comment":  # each builder validates before the ticket is looked up
            row = self._comment()
        elif m.entity == "work_log":
            row = self._work_log()
        else:
            row = self._attachment()
        ticket = self._ticket()
        if ticket is None:
            return self._missing_ticket()
        existing = self.s.get(type(row), m.entity_id)
        if existing is not None:
            assert isinstance(existing, SyncComment | SyncWorkLog | SyncAttachment)
            if existing.ticket_id != ticket.id:
                raise Rejected(f"A {m.entity} with the id {m.entity_id} belongs to another ticket.")
            # The same append replayed (e.g. re-sent under a new mutation id): exactly once.
            notice = {"field": m.entity, "rule": "already_stored", "value": m.entity_id}
            return outcome(m.mutation_id, APPLIED, notices=[notice], ticket_number=ticket.number)
        row.ticket_id = ticket.id
        row.server_seq = next_seq(self.s)
        self.s.add(row)
        if (
            isinstance(row, SyncComment)
            and row.kind == CommentKind.PUBLIC.value
            and ticket.first_response_at is None
            and self.pusher.username != ticket.requester
        ):
            ticket.first_response_at = row.created_at
        self._touch(ticket)
        self.s.flush()
        return outcome(m.mutation_id, APPLIED, ticket_number=ticket.number)

    def _allowed_keys(self, *keys: str) -> None:
        unknown = set(self.m.changes) - {"id", "ticket_id", "created_at", *keys}
        if unknown:
            raise Rejected(f"Unknown keys in a {self.m.entity}: {', '.join(sorted(unknown))}.")

    def _comment(self) -> SyncComment:
        self._allowed_keys("kind", "body")
        c = self.m.changes
        kind = _str(c, "kind")
        if kind not in {k.value for k in CommentKind}:
            raise Rejected(f"Unknown comment kind {kind!r}; use public or internal.")
        return SyncComment(
            id=self.m.entity_id,
            kind=kind,
            body=rules.clean_comment(_str(c, "body") or ""),
            author=self.pusher.username,
            device_id=self.pusher.client_id,
            created_at=self._client_time(c.get("created_at", self.m.created_at)),
        )

    def _work_log(self) -> SyncWorkLog:
        self._allowed_keys("minutes", "note")
        c = self.m.changes
        note = (_str(c, "note", required=False) or "").strip()
        if len(note) > rules.COMMENT_MAX:
            raise Rejected(f"The work note is longer than {rules.COMMENT_MAX:,} characters.")
        return SyncWorkLog(
            id=self.m.entity_id,
            minutes=rules.clean_minutes(_int(c.get("minutes"), "minutes")),
            note=note,
            author=self.pusher.username,
            device_id=self.pusher.client_id,
            created_at=self._client_time(c.get("created_at", self.m.created_at)),
        )

    def _attachment(self) -> SyncAttachment:
        self._allowed_keys("sha256", "filename", "size", "media_type")
        c = self.m.changes
        sha256 = _str(c, "sha256") or ""
        if not _SHA256.fullmatch(sha256):
            raise Rejected("'sha256' must be 64 lowercase hexadecimal digits.")
        filename = _str(c, "filename") or ""
        if not filename.strip() or len(filename) > FILENAME_MAX:
            raise Rejected(f"'filename' must have 1 to {FILENAME_MAX} characters.")
        size = _int(c.get("size"), "size")
        if size < 0:
            raise Rejected("'size' must not be negative.")
        media_type = _str(c, "media_type") or ""
        if not media_type or len(media_type) > MEDIA_TYPE_MAX:
            raise Rejected(f"'media_type' must have 1 to {MEDIA_TYPE_MAX} characters.")
        return SyncAttachment(
            id=self.m.entity_id,
            sha256=sha256,
            filename=filename,
            size=size,
            media_type=media_type,
            author=self.pusher.username,
            device_id=self.pusher.client_id,
            created_at=self._client_time(c.get("created_at", self.m.created_at)),
        )
