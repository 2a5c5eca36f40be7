"""Who may do what to a ticket or a knowledge-base article, beyond the workflow: the role
rules the central store enforces on every pushed change (and the client may check early to
warn the user)."""

from __future__ import annotations

from collections.abc import Iterable

from opexdesk.domain.article import ArticleStatus
from opexdesk.domain.enums import Grant, Role
from opexdesk.domain.errors import Term
from opexdesk.domain.kept_messages import Message

DISPATCHER_ROLES = frozenset({Role.OPERATOR, Role.ADMIN})
NO_GRANTS: frozenset[Grant] = frozenset()


def parse_grants(text: str | None) -> frozenset[Grant]:
    """The grants stored as space-separated names; names this version does not know are
    left out (the central store still decides on them)."""
    known = {g.value for g in Grant}
    return frozenset(Grant(name) for name in (text or "").split() if name in known)


def grants_text(grants: Iterable[Grant | str]) -> str:
    """Grants as stored: sorted, space-separated, each once."""
    return " ".join(sorted({Grant(g).value for g in grants}))


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


def keeps_articles(role: Role, grants: frozenset[Grant]) -> bool:
    """Whether a user edits and publishes any article: operators, admins, and accounts an
    administrator made knowledge-base editors."""
    return role in DISPATCHER_ROLES or Grant.EDIT_ARTICLES in grants


def article_edit_refusal(
    role: Role, actor: str, status: str, author: str, grants: frozenset[Grant]
) -> Message | None:
    """Why ``actor`` may not edit the content of an article that is ``status`` and was
    written by ``author``, or None.

    Operators, admins and knowledge-base editors edit any article. Another technician edits
    only their own drafts: a published article is what colleagues rely on, so changing it
    (or an archived one, or a colleague's draft) needs someone who keeps the knowledge base.
    """
    if keeps_articles(role, grants):
        return None
    if status != ArticleStatus.DRAFT:
        return Message(
            "The article is {status}; only an operator, an admin or a knowledge-base editor "
            "can edit it.",
            status=Term(status),
        )
    if author != actor:
        return Message(
            "The draft belongs to {author}; only an operator, an admin or a knowledge-base "
            "editor can edit a colleague's draft.",
            author=author,
        )
    return None


def article_move_refusal(role: Role, grants: frozenset[Grant]) -> Message | None:
    """Why a user of ``role`` with ``grants`` may not publish, archive or reopen an article,
    or None."""
    if keeps_articles(role, grants):
        return None
    return Message(
        "Only an operator, an admin or a knowledge-base editor can publish, archive or reopen "
        "an article."
    )
