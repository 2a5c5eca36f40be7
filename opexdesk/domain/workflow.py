"""The ticket status workflow: which moves are allowed, and why a move is refused."""

from dataclasses import dataclass

from opexdesk.domain.enums import Status
from opexdesk.domain.errors import Term, Terms, TransitionError

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED}),
    Status.ASSIGNED: frozenset({Status.NEW, Status.IN_PROGRESS, Status.PENDING, Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.ASSIGNED, Status.PENDING, Status.RESOLVED}),
    Status.PENDING: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    # Reopen: a resolved ticket goes back to work; closed is final.
    Status.RESOLVED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

# States in which somebody must own the ticket.
NEEDS_ASSIGNEE = frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING})


@dataclass(frozen=True)
class TransitionRequest:
    """What the user asks for, with the facts the rules depend on."""

    current: Status
    target: Status
    assignee: str | None
    note: str | None = None


def allowed_targets(current: Status) -> list[Status]:
    """The states reachable from ``current`` in one step, in workflow order."""
    return [s for s in Status if s in ALLOWED[current]]


def is_reopen(current: Status, target: Status) -> bool:
    return current is Status.RESOLVED and target is Status.IN_PROGRESS


def check_transition(request: TransitionRequest) -> None:
    """Raise TransitionError with a reason a user understands if the move is not allowed."""
    current, target = request.current, request.target
    if current is target:
        raise TransitionError(
            current, target, "The ticket is already {status}.", status=Term(current.label)
        )
    if current is Status.CLOSED:
        raise TransitionError(
            current, target, "Closed tickets are final; open a follow-up ticket instead."
        )
    if target not in ALLOWED[current]:
        raise TransitionError(
            current,
            target,
            "A ticket cannot go from {current} to {target}; "
            "from {current} it can go to: {options}.",
            current=Term(current.label),
            target=Term(target.label),
            options=Terms(s.label for s in allowed_targets(current)),
        )
    if target in NEEDS_ASSIGNEE and not (request.assignee or "").strip():
        raise TransitionError(
            current,
            target,
            "Assign the ticket to someone before setting it to {status}.",
            status=Term(target.label),
        )
    if target is Status.RESOLVED and not (request.note or "").strip():
        raise TransitionError(current, target, "Describe the resolution before resolving.")
    if is_reopen(current, target) and not (request.note or "").strip():
        raise TransitionError(current, target, "Give a reason for reopening the ticket.")
