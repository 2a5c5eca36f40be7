"""What happens when a ticket field was changed on two replicas since their common base.

The central store calls :func:`resolve_field` for each field of a pushed edit whose base no
longer equals the stored value. Every rule keeps the user's value somewhere: applied, merged,
or in the outcome's ``kept_local`` for a conflict record that syncs to all the user's
devices (DESIGN.md, "Conflict policy"). Nothing is decided by wall-clock time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from opexdesk.domain.enums import Status
from opexdesk.domain.errors import TransitionError
from opexdesk.domain.text_merge import merge_text
from opexdesk.domain.workflow import TransitionRequest, check_transition


class Rule(StrEnum):
    """Which policy decided a field (shown to the user with the outcome)."""

    NO_CONFLICT = "no_conflict"  # only one side changed it, or both to the same value
    MORE_URGENT = "more_urgent"  # impact / urgency: the more urgent value wins
    DISPATCHER = "dispatcher"  # assignee: the operator's (dispatcher's) choice wins
    MERGED = "merged"  # description: both edits combined
    SERVER_KEPT = "server_kept"  # the stored value stays; the local one is kept aside


@dataclass(frozen=True)
class FieldOutcome:
    """The value to store, and what the user must be told.

    ``conflict``: the local value was not applied and needs the user's decision (kept in
    ``kept_local``). ``notice``: resolved automatically, but the user should see how.
    """

    field: str
    value: Any
    rule: Rule
    conflict: bool = False
    notice: bool = False
    kept_local: Any = None


URGENCY_FIELDS = frozenset({"impact", "urgency"})  # 1 is the most urgent level


def resolve_field(
    field: str,
    base: Any,
    local: Any,
    server: Any,
    *,
    local_by_dispatcher: bool = False,
    server_by_dispatcher: bool = False,
) -> FieldOutcome:
    """Decide one field edited locally (base -> local) while the store moved (base -> server)."""
    if server == base or local == server:
        return FieldOutcome(field, local, Rule.NO_CONFLICT)
    if local == base:
        return FieldOutcome(field, server, Rule.NO_CONFLICT)
    if field in URGENCY_FIELDS:
        winner = min(int(local), int(server))
        lost = winner != int(local)
        return FieldOutcome(
            field, winner, Rule.MORE_URGENT, notice=True, kept_local=local if lost else None
        )
    if field == "assignee" and local_by_dispatcher != server_by_dispatcher:
        if local_by_dispatcher:
            return FieldOutcome(field, local, Rule.DISPATCHER, notice=True)
        return FieldOutcome(field, server, Rule.DISPATCHER, notice=True, kept_local=local)
    if field == "description":
        merged = merge_text(base or "", local or "", server or "")
        if merged.clean:
            return FieldOutcome(field, merged.text, Rule.MERGED, notice=True)
    return FieldOutcome(field, server, Rule.SERVER_KEPT, conflict=True, kept_local=local)


@dataclass(frozen=True)
class TransitionOutcome:
    """A status move replayed on the store's current state."""

    applied: bool
    status: Status
    reason: str | None = None


def replay_transition(
    current: Status, requested_from: Status, target: Status, assignee: str | None, note: str | None
) -> TransitionOutcome:
    """Apply a move made offline if it is valid from the status the ticket has *now*.

    A move already made by someone else counts as done (idempotent); an invalid one is
    rejected with the workflow's reason, and the ticket keeps its current status.
    """
    if current is target:
        return TransitionOutcome(True, current)
    try:
        check_transition(TransitionRequest(current, target, assignee, note))
    except TransitionError as exc:
        moved = "" if current is requested_from else f" (it is now {current.label})"
        return TransitionOutcome(False, current, f"{exc}{moved}")
    return TransitionOutcome(True, target)
