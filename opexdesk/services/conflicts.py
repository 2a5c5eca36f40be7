"""The user's open conflicts (changes the central store could not apply as sent) and their
resolution: one local operation, whose outbox row carries the decision to the server.

Choices: ``server`` keeps the stored value (the conflict is dismissed); ``local`` applies the
user's value; ``custom`` applies a value the user edited (e.g. a hand-merged description).
``local``/``custom`` are sent as an edit against the value this device holds now, so the
server handles them like any edit (a newer change there becomes a new conflict, never a
silent overwrite). A conflict about a knowledge-base article (``entity`` "article", its id
in ``ticket_id``) is decided the same way: the chosen value becomes a new version of the
local article under the article rules (docs/sync_articles.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opexdesk.domain import article as article_rules
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
from opexdesk.storage import articles_repo, settings_repo
from opexdesk.storage.database import Database
from opexdesk.storage.kb_models import ArticleRow
from opexdesk.storage.models import Ticket
from opexdesk.storage.sync_models import Conflict

if TYPE_CHECKING:
    from opexdesk.services.kb.articles import ArticleService, FieldEdit

CHOICES = ("server", "local", "custom")
# English fallbacks; the UI shows its own translated texts for these (by rule, by field).
DELETED_TICKET_LABEL = "(deleted)"
ARTICLE_LABEL = "Article"  # what an article conflict shows in place of a ticket number
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
    entity: str = "ticket"  # or "article": then ticket_id is the article's id


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
        articles: ArticleService | None = None,
    ) -> None:
        """``articles`` applies article resolutions (and updates its search index after
        them); without it a service without an index does, and the change waits in
        ``kb.index_pending`` for ArticleService.catch_up_index."""
        self._db = db
        self._articles = articles
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
            ids = {r.ticket_id for r in rows if r.entity != "article"}
            tickets = {t.id: t for t in s.scalars(select(Ticket).where(Ticket.id.in_(ids))).all()}
            about = [r.ticket_id for r in rows if r.entity == "article"]
            articles = articles_repo.get_many(s, about) if about else {}
            return [
                self._article_item(r, articles.get(r.ticket_id))
                if r.entity == "article"
                else self._item(r, tickets.get(r.ticket_id))
                for r in rows
            ]

    @classmethod
    def _article_item(cls, row: Conflict, article: ArticleRow | None) -> ConflictItem:
        item = cls._item(row, None)
        field_label = (
            article_rules.FIELD_LABELS.get(row.field, row.field) if row.field else NO_FIELD_LABEL
        )
        return replace(
            item,
            ticket_label=ARTICLE_LABEL if article is not None else DELETED_TICKET_LABEL,
            ticket_title=article.title if article is not None else "",
            field_label=field_label,
            current=cls._article_current(row, article),
            can_use_mine=row.field is not None and article is not None,
            entity="article",
        )

    @staticmethod
    def _article_current(row: Conflict, article: ArticleRow | None) -> Any:
        """The article's value now; for a whole refused edit, the stored values of the
        fields it changed, in the edit's own shape (shown side by side with it)."""
        if article is None:
            return None
        if row.field is not None:
            return getattr(article, row.field, None)
        fields = row.local.get("fields") if isinstance(row.local, dict) else None
        if not isinstance(fields, dict):
            return None
        stored = {f: {"new": getattr(article, f)} for f in fields if hasattr(article, f)}
        return {"fields": stored}

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
        edit: FieldEdit | None = None
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
            if choice != "server" and conflict.entity == "article":
                edit = self._article_edit(s, conflict, choice, value)
                payload.update(field=conflict.field, base=edit.base, new=edit.new)
            elif choice != "server":
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
        if edit is not None:
            self._article_service().after_resolution(edit)

    def _article_service(self) -> ArticleService:
        if self._articles is None:
            # Imported here: the knowledge base stays off the start-up path.
            from opexdesk.services.kb.articles import ArticleService

            self._articles = ArticleService(self._db, clock=self._clock, user=self._username)
        return self._articles

    def _article_edit(self, s: Session, conflict: Conflict, choice: str, value: Any) -> FieldEdit:
        """The chosen value of an article conflict as a new version of the local article
        (article rules; no outbox row of its own: the resolution's is the one). Without a
        search index here, the article waits in ``kb.index_pending``."""
        field = conflict.field
        if field is None or articles_repo.get(s, conflict.ticket_id) is None:
            raise ValidationError(
                "choice", "This change cannot be applied any more; dismiss it instead."
            )
        service = self._article_service()
        edit = service.resolve_field(
            s, conflict.ticket_id, field, conflict.local if choice == "local" else value
        )
        if edit.view is not None and not service.has_index:
            articles_repo.add_index_pending(s, [conflict.ticket_id])
        return edit
