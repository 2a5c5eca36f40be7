"""Triage actions with undo, all through ``TicketService`` (one operation per ticket: the row,
its audit events and its outbox entry in one transaction, synced like any edit).

A bulk action is one operation per ticket but one report and one undo step. Undo is the
inverse edit as a new operation whose base is the value that was set; a ticket whose field no
longer holds that value (someone changed it since, here or through a sync) is left alone and
named in the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from opexdesk.domain.enums import CommentKind, Status
from opexdesk.domain.errors import DomainError
from opexdesk.services.tickets import TicketService
from opexdesk.storage.errors import StorageError

TRIAGE_FIELDS = ("impact", "urgency", "category", "group_name", "assignee")
FIELD_LABELS = {
    "impact": "impact",
    "urgency": "urgency",
    "category": "category",
    "group_name": "group",
    "assignee": "assignee",
}


@dataclass(frozen=True)
class FieldEdit:
    """One ticket's field moved from ``before`` to ``after`` by a triage action."""

    ticket_id: str
    number: str
    field: str
    before: Any
    after: Any


@dataclass
class ActionReport:
    """The outcome of one (possibly bulk) action, for one status-bar message."""

    message: str
    changed: list[str] = field(default_factory=list)  # ticket ids
    refused: list[str] = field(default_factory=list)  # "INC-000012: reason"
    undoable: bool = False

    @property
    def ok(self) -> bool:
        return not self.refused


def _shown(value: Any) -> str:
    return "(none)" if value in (None, "") else str(value)


class TriageActions:
    """Field edits, duplicate marking and a one-level undo of the last action."""

    def __init__(self, tickets: TicketService) -> None:
        self._tickets = tickets
        self._last: list[FieldEdit] | None = None
        self._last_label = ""

    @property
    def can_undo(self) -> bool:
        return bool(self._last)

    def set_field(self, ticket_ids: Sequence[str], name: str, value: Any) -> ActionReport:
        """Set one field on every ticket (see :meth:`set_fields`)."""
        return self.set_fields(ticket_ids, {name: value})

    def set_fields(self, ticket_ids: Sequence[str], changes: Mapping[str, Any]) -> ActionReport:
        """Set ``changes`` on every ticket: one ``TicketService.update`` (one operation) per
        ticket; tickets that already have the values are skipped. Refusals (a ticket deleted
        meanwhile, an invalid value) are reported per ticket and do not stop the others."""
        unknown = set(changes) - set(TRIAGE_FIELDS)
        if unknown or not changes:
            raise ValueError(f"not triage fields: {sorted(unknown) or 'none'}")
        what = ", ".join(f"{FIELD_LABELS[k]} {_shown(v)}" for k, v in changes.items())
        edits: list[FieldEdit] = []
        refused: list[str] = []
        changed: list[str] = []
        for ticket_id in ticket_ids:
            try:
                before = self._tickets.get(ticket_id)
                change = self._tickets.update(ticket_id, dict(changes))
                after = self._tickets.get(ticket_id) if change.fields else before
            except (DomainError, StorageError) as exc:
                refused.append(f"{self._number(ticket_id)}: {exc}")
                continue
            fields = [k for k in changes if k in change.fields]
            edits += [
                FieldEdit(
                    ticket_id, before.display_number, k, getattr(before, k), getattr(after, k)
                )
                for k in fields
            ]
            if fields:
                changed.append(ticket_id)
        if edits:
            self._last, self._last_label = edits, what
        count, asked = len(changed), len(ticket_ids)
        if len(changes) == 1:
            ((name, value),) = changes.items()
            done = f"{FIELD_LABELS[name]} set to {_shown(value)}"
        else:
            done = f"set {what}"
        if asked == 1 and count == 1:
            message = f"{edits[0].number}: {done}."
        elif count:
            of = f"{count} tickets" if count == asked else f"{count} of {asked} tickets"
            message = f"{done[0].upper()}{done[1:]} on {of}."
        else:
            message = f"Nothing changed: already {what}."
        if refused:
            message += " Refused: " + "; ".join(refused)
        return ActionReport(message, changed, refused, bool(edits))

    def mark_duplicate(self, duplicate_id: str, original_id: str) -> ActionReport:
        """Resolve ``duplicate_id`` with the note "Duplicate of <number>" and leave an
        internal note on the original naming the duplicate (two operations, both synced).
        Not undoable here: reopening needs an assignee (the editor's status menu does it)."""
        if duplicate_id == original_id:
            return ActionReport("A ticket cannot be a duplicate of itself.", refused=["self"])
        try:
            dup = self._tickets.get(duplicate_id)
            original = self._tickets.get(original_id)
            self._tickets.transition(
                duplicate_id, Status.RESOLVED, note=f"Duplicate of {original.display_number}"
            )
            self._tickets.add_comment(
                original_id,
                f"{dup.display_number} “{dup.title}” was resolved as a duplicate of this ticket.",
                CommentKind.INTERNAL,
            )
        except (DomainError, StorageError) as exc:
            return ActionReport(f"Cannot mark as duplicate: {exc}", refused=[str(exc)])
        self._last, self._last_label = None, ""
        return ActionReport(
            f"{dup.display_number} resolved as a duplicate of {original.display_number}.",
            [duplicate_id, original_id],
        )

    def undo(self) -> ActionReport:
        """Undo the last field action: per ticket, one inverse edit (a new operation whose
        base is the value that was set). A field changed since is refused (named in the
        message) and left as it is; the ticket's other fields are still undone."""
        edits = self._last
        if not edits:
            return ActionReport("Nothing to undo.", refused=["nothing"])
        self._last = None
        by_ticket: dict[str, list[FieldEdit]] = {}
        for edit in edits:
            by_ticket.setdefault(edit.ticket_id, []).append(edit)
        undone: list[str] = []
        refused: list[str] = []
        for ticket_id, ticket_edits in reversed(by_ticket.items()):
            number = ticket_edits[0].number
            try:
                now = self._tickets.get(ticket_id)
                inverse = {}
                for edit in ticket_edits:
                    value = getattr(now, edit.field)
                    if value == edit.after:
                        inverse[edit.field] = edit.before
                    else:
                        label = FIELD_LABELS[edit.field]
                        refused.append(
                            f"{number} was changed since ({label} is now {_shown(value)})"
                        )
                if inverse:
                    self._tickets.update(ticket_id, inverse)
                    undone.append(ticket_id)
            except (DomainError, StorageError) as exc:
                refused.append(f"{number}: {exc}")
        what = self._last_label
        if undone and not refused:
            message = f"Undid {what} on {len(undone)} ticket(s)."
        elif undone:
            message = f"Undid {what} on {len(undone)} ticket(s); not undone: " + "; ".join(refused)
        else:
            message = "Undo refused: " + "; ".join(refused) + "."
        return ActionReport(message, undone, refused)

    def _number(self, ticket_id: str) -> str:
        try:
            return self._tickets.get(ticket_id).display_number
        except (DomainError, StorageError):
            return ticket_id[:8]
