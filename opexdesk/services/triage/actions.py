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
from opexdesk.domain.errors import DomainError, Term
from opexdesk.domain.kept_messages import Listed, Message
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
    """The outcome of one (possibly bulk) action, for one status-bar message.

    ``message`` is the English text; ``phrase`` the same as a template a UI words in its
    language (see phrases.py)."""

    message: str
    changed: list[str] = field(default_factory=list)  # ticket ids
    refused: list[str] = field(default_factory=list)  # "INC-000012: reason"
    undoable: bool = False
    phrase: Message | None = None

    @classmethod
    def of(
        cls,
        said: Message,
        changed: list[str] | None = None,
        refused: list[str] | None = None,
        undoable: bool = False,
    ) -> ActionReport:
        """The report saying ``said`` (its English text as ``message``)."""
        return cls(str(said), changed or [], refused or [], undoable, said)

    @property
    def ok(self) -> bool:
        return not self.refused


def _shown(value: Any) -> str:
    # "(none)" is a label of the vocabulary: the UI shows it in its language.
    return Term("(none)") if value in (None, "") else str(value)


def _label(name: str, capital: bool = False) -> Term:
    label = FIELD_LABELS[name]
    return Term(label[:1].upper() + label[1:] if capital else label)


def _pairs(changes: Mapping[str, Any]) -> Listed:
    """ "impact 3, category Hardware" """
    return Listed.of(
        Message("{field} {value}", field=_label(k), value=_shown(v)) for k, v in changes.items()
    )


def _refusal(number: str, error: BaseException) -> Message:
    return Message("{number}: {reason}", number=number, reason=Message.of(error))


class TriageActions:
    """Field edits, duplicate marking and a one-level undo of the last action."""

    def __init__(self, tickets: TicketService) -> None:
        self._tickets = tickets
        self._last: list[FieldEdit] | None = None
        self._last_label: Listed = Listed.of(())

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
        what = _pairs(changes)
        edits: list[FieldEdit] = []
        refused: list[Message] = []
        changed: list[str] = []
        for ticket_id in ticket_ids:
            try:
                before = self._tickets.get(ticket_id)
                change = self._tickets.update(ticket_id, dict(changes))
                after = self._tickets.get(ticket_id) if change.fields else before
            except (DomainError, StorageError) as exc:
                refused.append(_refusal(self._number(ticket_id), exc))
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
        number = edits[0].number if edits else ""
        said = _set_message(changes, what, len(changed), len(ticket_ids), number)
        if refused:
            said = Message("{done} Refused: {refused}", done=said, refused=Listed.of(refused, "; "))
        return ActionReport.of(said, changed, [str(r) for r in refused], bool(edits))

    def mark_duplicate(self, duplicate_id: str, original_id: str) -> ActionReport:
        """Resolve ``duplicate_id`` with the note "Duplicate of <number>" and leave an
        internal note on the original naming the duplicate (two operations, both synced).
        Not undoable here: reopening needs an assignee (the editor's status menu does it)."""
        if duplicate_id == original_id:
            return ActionReport.of(
                Message("A ticket cannot be a duplicate of itself."), refused=["self"]
            )
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
            said = Message("Cannot mark as duplicate: {reason}", reason=Message.of(exc))
            return ActionReport.of(said, refused=[str(exc)])
        self._last, self._last_label = None, Listed.of(())
        said = Message(
            "{duplicate} resolved as a duplicate of {original}.",
            duplicate=dup.display_number,
            original=original.display_number,
        )
        return ActionReport.of(said, [duplicate_id, original_id])

    def undo(self) -> ActionReport:
        """Undo the last field action: per ticket, one inverse edit (a new operation whose
        base is the value that was set). A field changed since is refused (named in the
        message) and left as it is; the ticket's other fields are still undone."""
        edits = self._last
        if not edits:
            return ActionReport.of(Message("Nothing to undo."), refused=["nothing"])
        self._last = None
        by_ticket: dict[str, list[FieldEdit]] = {}
        for edit in edits:
            by_ticket.setdefault(edit.ticket_id, []).append(edit)
        undone: list[str] = []
        refused: list[Message] = []
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
                        refused.append(
                            Message(
                                "{number} was changed since ({field} is now {value})",
                                number=number,
                                field=_label(edit.field),
                                value=_shown(value),
                            )
                        )
                if inverse:
                    self._tickets.update(ticket_id, inverse)
                    undone.append(ticket_id)
            except (DomainError, StorageError) as exc:
                refused.append(_refusal(number, exc))
        what, count, not_undone = self._last_label, len(undone), Listed.of(refused, "; ")
        if undone and not refused:
            said = Message("Undid {what} on {count} ticket(s).", what=what, count=count)
        elif undone:
            said = Message(
                "Undid {what} on {count} ticket(s); not undone: {refused}",
                what=what,
                count=count,
                refused=not_undone,
            )
        else:
            said = Message("Undo refused: {refused}.", refused=not_undone)
        return ActionReport.of(said, undone, [str(r) for r in refused])

    def _number(self, ticket_id: str) -> str:
        try:
            return self._tickets.get(ticket_id).display_number
        except (DomainError, StorageError):
            return ticket_id[:8]


def _set_message(
    changes: Mapping[str, Any], what: Listed, count: int, asked: int, number: str
) -> Message:
    """What a field action did, as one sentence (a whole template per case, so a language
    can order it its own way)."""
    if not count:
        return Message("Nothing changed: already {what}.", what=what)
    if len(changes) == 1:
        ((name, value),) = changes.items()
        return _one_field_message(name, _shown(value), count, asked, number)
    if asked == 1:
        return Message("{number}: set {what}.", number=number, what=what)
    if count == asked:
        return Message("Set {what} on {count} tickets.", what=what, count=count)
    return Message("Set {what} on {count} of {asked} tickets.", what=what, count=count, asked=asked)


def _one_field_message(name: str, value: str, count: int, asked: int, number: str) -> Message:
    if asked == 1:
        return Message(
            "{number}: {field} set to {value}.", number=number, field=_label(name), value=value
        )
    field_ = _label(name, capital=True)  # it opens the sentence
    if count == asked:
        return Message(
            "{field} set to {value} on {count} tickets.", field=field_, value=value, count=count
        )
    return Message(
        "{field} set to {value} on {count} of {asked} tickets.",
        field=field_,
        value=value,
        count=count,
        asked=asked,
    )
