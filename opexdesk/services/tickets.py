"""Ticket operations. Each public method is one user action in one SQLite transaction that
writes the row, its audit events and its outbox entry together, then publishes the change."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from opexdesk.domain import ticket as rules
from opexdesk.domain.enums import CommentKind, Status, parse_status
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.ids import new_id
from opexdesk.domain.permissions import deletion_refusal
from opexdesk.domain.priority import (
    MatrixSource,
    PriorityMatrix,
    coerce_impact,
    coerce_urgency,
    matrix_source,
)
from opexdesk.domain.sla import PolicySource, SlaPolicy, policy_source
from opexdesk.domain.workflow import TransitionRequest, check_transition
from opexdesk.services import vocabulary
from opexdesk.services.events import ChangeNotifier, Clock, TicketChange
from opexdesk.services.ticket_edits import (
    apply_update,
    clean_field,
    json_value,
    plan_override,
    plan_update,
    record_audit,
    record_outbox,
)
from opexdesk.services.ticket_views import (
    AttachmentView,
    CommentView,
    HistoryEntry,
    TicketDetail,
    WorkLogView,
    attachments_of,
    comments_of,
    detail_of,
    history_of,
    load_ticket,
    work_logs_of,
)
from opexdesk.services.vocabulary import FIELDS as VOCABULARY_FIELDS
from opexdesk.storage import settings_repo
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database
from opexdesk.storage.models import Attachment, Comment, Ticket, WorkLog
from opexdesk.storage.sync_models import signed_in_role
from opexdesk.storage.ticket_removal import remove_ticket


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user (or the local OS user when working offline only)."""

    username: str


class TicketService:
    """Create, edit, move through the workflow, comment, log work, attach files."""

    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        notifier: ChangeNotifier,
        actor: Actor,
        clock: Clock | None = None,
        matrix: PriorityMatrix | MatrixSource | None = None,
        sla_policy: SlaPolicy | PolicySource | None = None,
    ) -> None:
        self._db = db
        self._blobs = blobs
        self._notifier = notifier
        self._actor = actor
        self._clock = clock or Clock()
        self._matrix_source = matrix_source(matrix)  # read per operation: it may change
        self._policy_source = policy_source(sla_policy)

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def matrix(self) -> PriorityMatrix:
        """The priority matrix in use, so editors can show the derived priority live."""
        return self._matrix_source()

    @property
    def sla_policy(self) -> SlaPolicy:
        """The SLA policy in force (the shared setting): due times follow its calendar."""
        return self._policy_source()

    # ---- reads -------------------------------------------------------------------------

    def get(self, ticket_id: str) -> TicketDetail:
        with self._db.read() as s:
            return detail_of(load_ticket(s, ticket_id))

    def id_for_local(self, local_id: int) -> str:
        with self._db.read() as s:
            ticket = s.get(Ticket, local_id)
            if ticket is None:
                raise ValidationError(
                    "ticket", "No ticket with local id {local_id}.", local_id=local_id
                )
            return ticket.id

    def history(self, ticket_id: str) -> list[HistoryEntry]:
        with self._db.read() as s:
            return history_of(s, ticket_id)

    def comments(self, ticket_id: str) -> list[CommentView]:
        with self._db.read() as s:
            return comments_of(s, ticket_id)

    def work_logs(self, ticket_id: str) -> list[WorkLogView]:
        with self._db.read() as s:
            return work_logs_of(s, ticket_id)

    def attachments(self, ticket_id: str) -> list[AttachmentView]:
        with self._db.read() as s:
            return attachments_of(s, ticket_id)

    def attachment_path(self, sha256: str) -> Path:
        return self._blobs.path_for(sha256)

    def vocabulary(self, field: str) -> list[str]:
        return self.vocabularies((field,))[field]

    def vocabularies(self, fields: Iterable[str] = VOCABULARY_FIELDS) -> dict[str, list[str]]:
        """Pick lists for several fields in one read (editors fill all of them at once)."""
        with self._db.read() as s:
            return {field: vocabulary.values(s, field) for field in fields}

    # ---- writes ------------------------------------------------------------------------

    def create(self, draft: rules.TicketDraft) -> TicketChange:
        title = rules.clean_title(draft.title)
        description = rules.clean_description(draft.description)
        matrix = self.matrix  # one reading: the checks and the derived priority agree
        impact = coerce_impact(draft.impact, matrix)
        urgency = coerce_urgency(draft.urgency, matrix)
        short = {
            name: rules.clean_short(name, getattr(draft, name))
            for name in ("requester", "site", "category", "assignee", "group_name")
        }
        priority = matrix.priority_for(impact, urgency)
        status = rules.initial_status(short["assignee"])
        now = self._clock.now()
        response_due, resolution_due = self.sla_policy.due_times(priority, now)
        with self._db.transaction() as s:
            device = settings_repo.device_id(s)
            ticket = Ticket(
                id=new_id(),
                provisional_number=settings_repo.next_provisional_number(s),
                title=title,
                description=description,
                impact=int(impact),
                urgency=int(urgency),
                priority=int(priority),
                status=status.value,
                created_by=self._actor.username,
                created_at=now,
                updated_at=now,
                response_due_at=response_due,
                resolution_due_at=resolution_due,
                version=1,
                **short,
            )
            s.add(ticket)
            s.flush()
            values = {
                "title": title,
                "description": description,
                "impact": int(impact),
                "urgency": int(urgency),
                "priority": int(priority),
                "status": status.value,
                **short,
            }
            mutation = self._outbox(s, "ticket", ticket.id, "create", values, now)
            self._audit(s, ticket.id, "created", None, None, values, device, now, mutation)
            vocabulary.remember(s, {k: short[k] for k in vocabulary.FIELDS})
            change = TicketChange(ticket.id, ticket.local_id, "created", tuple(values))
        self._notifier.publish(change)
        return change

    def update(self, ticket_id: str, changes: dict[str, Any]) -> TicketChange:
        """Edit plain fields. Priority follows impact x urgency; assignment moves New/Assigned."""
        unknown = set(changes) - set(rules.EDITABLE_FIELDS)
        if unknown:
            raise ValidationError(
                sorted(unknown)[0],
                "These fields cannot be edited here: {fields}.",
                fields=", ".join(sorted(unknown)),
            )
        matrix = self.matrix
        cleaned = {name: clean_field(name, value, matrix) for name, value in changes.items()}
        now = self._clock.now()
        with self._db.transaction() as s:
            device = settings_repo.device_id(s)
            ticket = load_ticket(s, ticket_id)
            diff = plan_update(ticket, cleaned, matrix, self.sla_policy)
            if not diff:
                return TicketChange(ticket.id, ticket.local_id, "updated", ())
            payload = {
                k: {"base": json_value(getattr(ticket, k)), "new": json_value(v)}
                for k, v in diff.items()
            }
            mutation = self._outbox(s, "ticket", ticket.id, "update", payload, now)
            apply_update(s, ticket, diff, self._actor.username, device, now, mutation)
            vocabulary.remember(s, {k: diff.get(k) for k in vocabulary.FIELDS})
            change = TicketChange(ticket.id, ticket.local_id, "updated", tuple(diff))
        self._notifier.publish(change)
        return change

    def override_priority(
        self, ticket_id: str, priority: int | None, reason: str | None = None
    ) -> TicketChange:
        """Set the priority by hand, with a reason (audited); the matrix then no longer
        moves it. ``priority=None`` ends the override: impact x urgency decide again."""
        now = self._clock.now()
        with self._db.transaction() as s:
            device = settings_repo.device_id(s)
            ticket = load_ticket(s, ticket_id)
            diff = plan_override(ticket, priority, reason, self.matrix, self.sla_policy)
            if not diff:
                return TicketChange(ticket.id, ticket.local_id, "updated", ())
            payload = {
                "priority": None if priority is None else diff.get("priority", ticket.priority),
                "reason": diff.get("priority_override_reason", ticket.priority_override_reason),
                "base": ticket.priority,
            }
            mutation = self._outbox(s, "ticket", ticket.id, "override", payload, now)
            apply_update(s, ticket, diff, self._actor.username, device, now, mutation)
            change = TicketChange(ticket.id, ticket.local_id, "updated", tuple(diff))
        self._notifier.publish(change)
        return change

    def transition(
        self, ticket_id: str, target: Status | str, note: str | None = None
    ) -> TicketChange:
        """Move along the workflow; refused with a reason when the move is not allowed."""
        target_status = target if isinstance(target, Status) else parse_status(target)
        note_text = rules.clean_note("resolution_note", note) or None
        now = self._clock.now()
        with self._db.transaction() as s:
            device = settings_repo.device_id(s)
            ticket = load_ticket(s, ticket_id)
            current = Status(ticket.status)
            check_transition(TransitionRequest(current, target_status, ticket.assignee, note_text))
            payload = {"from": current.value, "to": target_status.value, "note": note_text}
            mutation = self._outbox(s, "ticket", ticket.id, "transition", payload, now)
            fields = ["status"]
            if target_status is Status.RESOLVED:
                ticket.resolved_at, ticket.resolution_note = now, note_text
                fields += ["resolved_at", "resolution_note"]
            elif target_status is Status.CLOSED:
                ticket.closed_at = now
                fields.append("closed_at")
            elif current is Status.RESOLVED:  # reopen
                ticket.resolved_at = None
                fields.append("resolved_at")
            self._audit(
                s,
                ticket.id,
                "status_changed",
                "status",
                current.value,
                target_status.value,
                device,
                now,
                mutation,
                note_text,
            )
            ticket.status = target_status.value
            ticket.updated_at = now
            ticket.version += 1
            change = TicketChange(ticket.id, ticket.local_id, "transitioned", tuple(fields))
        self._notifier.publish(change)
        return change

    def add_comment(
        self, ticket_id: str, body: str, kind: CommentKind | str = CommentKind.INTERNAL
    ) -> TicketChange:
        text = rules.clean_comment(body)
        try:
            comment_kind = CommentKind(kind)
        except ValueError:
            raise ValidationError(
                "kind", "Unknown comment kind {kind!r}; use public or internal.", kind=kind
            ) from None
        now = self._clock.now()
        with self._db.transaction() as s:
            device = settings_repo.device_id(s)
            ticket = load_ticket(s, ticket_id)
            comment = Comment(
                id=new_id(),
                ticket_id=ticket.id,
                kind=comment_kind.value,
                body=text,
                author=self._actor.username,
                device_id=device,
                created_at=now,
            )
            s.add(comment)
            fields = ["comments"]
            # First response: the first public reply by someone other than the requester.
            if (
                comment_kind is CommentKind.PUBLIC
                and ticket.first_response_at is None
                and self._actor.username != ticket.requester
            ):
                ticket.first_response_at = now
                fields.append("first_response_at")
            payload = {
                "id": comment.id,
                "kind": comment.kind,
                "body": text,
                "created_at": now.isoformat(),
            }
            mutation = self._outbox(
                s, "comment", comment.id, "append", {"ticket_id": ticket.id, **payload}, now
            )
            self._audit(
                s,
                ticket.id,
                "commented",
                None,
                None,
                {"id": comment.id, "kind": comment.kind},
                device,
                now,
                mutation,
            )
            ticket.updated_at = now
            change = TicketChange(ticket.id, ticket.local_id, "commented", tuple(fields))
        self._notifier.publish(change)
        return change

    def log_work(self, ticket_id: str, minutes: int, note: str = "") -> TicketChange:
        spent = rules.clean_minutes(minutes)
        text = rules.clean_note("note", note)
        now = self._clock.now()
        with self._db.transaction() as s:
            device = settings_repo.device_id(s)
            ticket = load_ticket(s, ticket_id)
            entry = WorkLog(
                id=new_id(),
                ticket_id=ticket.id,
                minutes=spent,
                note=text,
                author=self._actor.username,
                device_id=device,
                created_at=now,
            )
            s.add(entry)
            payload = {"ticket_id": ticket.id, "id": entry.id, "minutes": spent, "note": text}
            mutation = self._outbox(s, "work_log", entry.id, "append", payload, now)
            self._audit(
                s,
                ticket.id,
                "work_logged",
                None,
                None,
                {"id": entry.id, "minutes": spent},
                device,
                now,
                mutation,
            )
            ticket.updated_at = now
            change = TicketChange(ticket.id, ticket.local_id, "work_logged", ("work_logs",))
        self._notifier.publish(change)
        return change

    def attach_file(self, ticket_id: str, source: Path) -> TicketChange:
        """Store the file's bytes (content-addressed) and record the attachment.

        The blob is written first; if the transaction then fails, the unreferenced blob is
        harmless (same content, same name) and nothing half-written is visible.
        """
        if not source.is_file():
            raise ValidationError("attachment", "{path} is not a file.", path=source)
        with self._db.read() as s:
            load_ticket(s, ticket_id)  # fail before copying bytes for a missing ticket
        stored = self._blobs.put_file(source)
        media_type = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        now = self._clock.now()
        with self._db.transaction() as s:
            device = settings_repo.device_id(s)
            ticket = load_ticket(s, ticket_id)
            att = Attachment(
                id=new_id(),
                ticket_id=ticket.id,
                sha256=stored.sha256,
                filename=source.name[:255],
                size=stored.size,
                media_type=media_type,
                author=self._actor.username,
                device_id=device,
                created_at=now,
            )
            s.add(att)
            payload = {
                "ticket_id": ticket.id,
                "id": att.id,
                "sha256": stored.sha256,
                "filename": att.filename,
                "size": stored.size,
                "media_type": media_type,
            }
            mutation = self._outbox(s, "attachment", att.id, "append", payload, now)
            self._audit(
                s,
                ticket.id,
                "attached",
                None,
                None,
                {"filename": att.filename, "sha256": stored.sha256},
                device,
                now,
                mutation,
            )
            ticket.updated_at = now
            change = TicketChange(ticket.id, ticket.local_id, "attached", ("attachments",))
        self._notifier.publish(change)
        return change

    def delete(self, ticket_id: str, reason: str | None = None) -> TicketChange:
        """Delete a ticket (spam, a duplicate entered twice) with its conversation, work log
        and attachments; a tombstone makes every replica delete it too. Only operators and
        admins may, once this database is signed in to a central store."""
        note = rules.clean_note("reason", reason) or None
        now = self._clock.now()
        with self._db.transaction() as s:
            role = signed_in_role(s)
            refused = deletion_refusal(role) if role is not None else None
            if refused is not None:
                raise ValidationError("ticket", refused)
            device = settings_repo.device_id(s)
            ticket = load_ticket(s, ticket_id)
            change = TicketChange(ticket.id, ticket.local_id, "deleted", ())
            self._outbox(s, "ticket", ticket.id, "delete", {"reason": note}, now)
            remove_ticket(s, ticket.id, deleted_by=self._actor.username, device_id=device, at=now)
        self._notifier.publish(change)
        return change

    # ---- helpers -----------------------------------------------------------------------

    def _outbox(
        self,
        s: Session,
        entity: str,
        entity_id: str,
        op: str,
        changes: dict[str, Any],
        now: datetime,
    ) -> str:
        return record_outbox(s, entity, entity_id, op, changes, now)

    def _audit(
        self,
        s: Session,
        ticket_id: str,
        action: str,
        field: str | None,
        old: Any,
        new: Any,
        device: str,
        now: datetime,
        mutation_id: str,
        note: str | None = None,
    ) -> None:
        record_audit(
            s,
            self._actor.username,
            ticket_id,
            action,
            field,
            old,
            new,
            device,
            now,
            mutation_id,
            note,
        )
