"""Who may do what to a ticket or a knowledge-base article, beyond the workflow: the role
rules the central store enforces on every pushed change (and the client may check early to
warn the user)."""

from __future__ import annotations

from opexdesk.domain.article import ArticleStatus
from opexdesk.domain.enums import Role
from opexdesk.domain.errors import Term
from opexdesk.domain.kept_messages import Message

DISPATCHER_ROLES = frozenset({Role.OPERATOR, Role.ADMIN})


def assignment_refusal(
    role: Role, actor: str, current: str | None, new: str | None
) -> Message | None:
    """Why ``actor`` may not change the assignee from ``current`` to ``new``, or None.

    Operators and admins dispatch freely. A technician may take an unassigned ticket for
    themselves and hand their own tickets on (or back to the queue), but may not reassign
    a colleague's ticket or dispatch an unassigned one to someone else.
    """
    if role in DISPATCHER_ROLES or current == new:
        return None
    if current not in (None, "", actor):
        return Message(
            "The ticket is assigned to {current}; only an operator or an admin can "
            "reassign a colleague's ticket.",
            current=current,
        )
    if not current and new not in (None, "", actor):
        return Message(
            "A technician can take an unassigned ticket only for themselves, not assign it "
            "to {new}; ask an operator to dispatch it.",
            new=new,
        )
    return None


def deletion_refusal(role: Role) -> Message | None:
    """Why a user of ``role`` may not delete a ticket, or None."""
    if role in DISPATCHER_ROLES:
        return None
    return Message("Only an operator or an admin can delete a ticket.")


def article_edit_refusal(role: Role, actor: str, status: str, author: str) -> Message | None:
    """Why ``actor`` may not edit the content of an article that is ``status`` and was
    written by ``author``, or None.

    Operators and admins edit any article. A technician edits only their own drafts: a
    published article is what colleagues rely on, so changing it (or an archived one, or a
    colleague's draft) needs an operator or an admin.
    """
    if role in DISPATCHER_ROLES:
        return None
    if status != ArticleStatus.DRAFT:
        return Message(
            "The article is {status}; only an operator or an admin can edit it.",
            status=Term(status),
        )
    if author != actor:
        return Message(
            "The draft belongs to {author}; only an operator or an admin can edit a "
            "colleague's draft.",
            author=author,
        )
    return None


def article_move_refusal(role: Role) -> Message | None:
    """Why a user of ``role`` may not publish, archive or reopen an article, or None."""
    if role in DISPATCHER_ROLES:
        return None
    return Message("Only an operator or an admin can publish, archive or reopen an article.")
