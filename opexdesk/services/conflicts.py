"""The user's open conflicts (changes the central store could not apply as sent) and their
resolution: one local operation, whose outbox row carries the decision to the server.

Choices: ``server`` keeps the stored value (the conflict is dismissed); ``local`` applies the
user's value; ``custom`` applies a value the user edited (e.g. a hand-merged description).
``local``/``custom`` are sent as an edit against the value this device holds now, so the
server handles them like any edit (a newer change there becomes a new conflict, never a
silent overwrite).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from opexdesk.domain import ticket as rules
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.domain.priority import MatrixSource, PriorityMatrix, matrix_source
from opexdesk.domain.sla import PolicySource, SlaPolicy, policy_source
from opexdesk.services.events import ChangeNotifier, Clock, TicketChange
from opexdesk.services.ticket_edits import (
    apply_update,
    clean_field,
    json_value,
    plan_update,
    record_outbox,
)
from opexdesk.storage import settings_repo
from opexdesk.storage.database import Database
from opexdesk.storage.models import Ticket
from opexdesk.storage.sync_models import Conflict

CHOICES = ("server", "local", "custom")
# English fallbacks; the UI shows its own translated texts for these (by rule, by field).
DELETED_TICKET_LABEL = "(deleted)"
NO_FIELD_LABEL = "Change"
RULE_LABELS = {
    "server_kept": "Both changed it; the server's value was kept",
    "workflow": "Not allowed by the workflow",
    "permission": "Not allowed for your role",
    "ticket_missing": "The ticket no longer exists",
    "merged": "Both changed the text in the same place",
}


@dataclass(frozen=True)
class ConflictItem:
    """One open conflict as the conflicts view shows it."""

    id: str
    ticket_id: str
    ticket_label: str  # "#123", or the provisional number before the first sync
    ticket_title: str
    field: str | None
    field_label: str
    base: Any
    local: Any  # what this user changed it to
    server: Any  # what the server had when the change arrived
    current: Any  # the value on this device now (None when the ticket is gone)
    rule: str
    rule_label: str
    reason: str | None  # English
    reason_message: KeptMessage | None  # the reason with its template, for translation
    created_at: datetime
    can_use_mine: bool  # False for a change whose ticket is gone: it can only be dismissed


class ConflictService:
    """List and resolve this user's conflicts."""

    def __init__(
        self,
        db: Database,
        notifier: ChangeNotifier,
        username: str,
        clock: Clock | None = None,
        matrix: PriorityMatrix | MatrixSource | None = None,
        sla_policy: SlaPolicy | PolicySource | None = None,
    ) -> None:
        self._db = db
        self._notifier = notifier
        self._username = username
        self._clock = clock or Clock()
        self._matrix_source = matrix_source(matrix)  # read per operation: it may change
        self._policy_source = policy_source(sla_policy)

    def open_count(self) -> int:
        with self._db.read() as s:
            query = select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
            return int(s.scalar(query) or 0)

    def open_conflicts(self) -> list[ConflictItem]:
        """Open conflicts, oldest first."""
        with self._db.read() as s:
            rows = s.scalars(
                select(Conflict)
                .where(Conflict.resolved_at.is_(None))
                .order_by(Conflict.created_at, Conflict.id)
            ).all()
            ids = {r.ticket_id for r in rows}
            tickets = {t.id: t for t in s.scalars(select(Ticket).where(Ticket.id.in_(ids))).all()}
            return [self._item(r, tickets.get(r.ticket_id)) for r in rows]

    @staticmethod
    def _item(row: Conflict, ticket: Ticket | None) -> ConflictItem:
        if ticket is None:
            label, title, current = DELETED_TICKET_LABEL, "", None
        else:
            label = f"#{ticket.number}" if ticket.number else ticket.provisional_number
            title = ticket.title
            current = json_value(getattr(ticket, row.field)) if row.field else None
        field_label = rules.FIELD_LABELS.get(row.field, row.field) if row.field else NO_FIELD_LABEL
        return ConflictItem(
            id=row.id,
            ticket_id=row.ticket_id,
            ticket_label=label,
            ticket_title=title,
            field=row.field,
            field_label=field_label,
            base=row.base,
            local=row.local,
            server=row.server,
            current=current,
            rule=row.rule,
            rule_label=RULE_LABELS.get(row.rule, row.rule.replace("_", " ")),
            reason=row.reason,
            reason_message=KeptMessage.from_fields(
                {
                    "reason": row.reason,
                    "reason_template": row.reason_template,
                    "reason_params": row.reason_params,
                }
            ),
            created_at=row.created_at,
            can_use_mine=row.field is not None and ticket is not None,
        )

    def resolve(self, conflict_id: str, choice: str, value: Any = None) -> None:
        """Decide a conflict in one local transaction (and one outbox row)."""
        if choice not in CHOICES:
            raise ValidationError(
                "choice", "Unknown choice {choice!r}; use server, local or custom.", choice=choice
            )
        now = self._clock.now()
        change: TicketChange | None = None
        with self._db.transaction() as s:
            conflict = s.get(Conflict, conflict_id)
            if conflict is None:
                raise ValidationError(
                    "conflict", "There is no conflict {conflict_id}.", conflict_id=conflict_id
                )
            if conflict.resolved_at is not None:
                raise ValidationError("conflict", "This conflict is already resolved.")
            payload: dict[str, Any] = {"choice": choice, "ticket_id": conflict.ticket_id}
            diff: dict[str, Any] = {}
            ticket: Ticket | None = None
            if choice != "server":
                field = conflict.field
                ticket = s.scalar(select(Ticket).where(Ticket.id == conflict.ticket_id))
                if field is None or ticket is None:
                    raise ValidationError(
                        "choice", "This change cannot be applied any more; dismiss it instead."
                    )
                wanted = conflict.local if choice == "local" else value
                cleaned = clean_field(field, wanted)
                diff = plan_update(
                    ticket, {field: cleaned}, self._matrix_source(), self._policy_source()
                )
                payload.update(
                    field=field, base=json_value(getattr(ticket, field)), new=json_value(cleaned)
                )
            mutation = record_outbox(s, "conflict", conflict.id, "resolve", payload, now)
            if ticket is not None and diff:
                device = settings_repo.device_id(s)
                apply_update(s, ticket, diff, self._username, device, now, mutation)
                change = TicketChange(ticket.id, ticket.local_id, "updated", tuple(diff))
            conflict.resolved_at = now
            conflict.resolution = choice
        if change is not None:
            self._notifier.publish(change)
