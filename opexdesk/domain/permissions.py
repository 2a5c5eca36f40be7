"""Who may do what to a ticket, beyond the workflow: the role rules the central store
enforces on every pushed change (and the client may check early to warn the user)."""

from __future__ import annotations

from opexdesk.domain.enums import Role

DISPATCHER_ROLES = frozenset({Role.OPERATOR, Role.ADMIN})


def assignment_refusal(role: Role, actor: str, current: str | None, new: str | None) -> str | None:
    """Why ``actor`` may not change the assignee from ``current`` to ``new``, or None.

    Operators and admins dispatch freely. A technician may take an unassigned ticket for
    themselves and hand their own tickets on (or back to the queue), but may not reassign
    a colleague's ticket or dispatch an unassigned one to someone else.
    """
    if role in DISPATCHER_ROLES or current == new:
        return None
    if current not in (None, "", actor):
        return (
            f"The ticket is assigned to {current}; only an operator or an admin can "
            "reassign a colleague's ticket."
        )
    if not current and new not in (None, "", actor):
        return (
            f"A technician can take an unassigned ticket only for themselves, not assign it "
            f"to {new}; ask an operator to dispatch it."
        )
    return None


def deletion_refusal(role: Role) -> str | None:
    """Why a user of ``role`` may not delete a ticket, or None."""
    if role in DISPATCHER_ROLES:
        return None
    return "Only an operator or an admin can delete a ticket."
