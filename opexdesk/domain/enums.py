"""Closed vocabularies of the ticket model, with their display labels."""

from enum import IntEnum, StrEnum


class Status(StrEnum):
    """Workflow states of a ticket (stored as these lowercase values)."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in (Status.RESOLVED, Status.CLOSED)


# The open queue: every state before Resolved (kept as the literal list the store indexes).
OPEN_STATUS_VALUES: tuple[str, ...] = ("new", "assigned", "in_progress", "pending")

_STATUS_LABELS = {
    Status.NEW: "New",
    Status.ASSIGNED: "Assigned",
    Status.IN_PROGRESS: "In progress",
    Status.PENDING: "Pending",
    Status.RESOLVED: "Resolved",
    Status.CLOSED: "Closed",
}


# The most levels an axis of the priority matrix may have (see docs/sla.md).
MAX_LEVELS = 5


class Impact(IntEnum):
    """How much of the business is affected (1 = most): the default matrix's levels. A
    matrix may have up to MAX_LEVELS impact levels, named by its own labels."""

    EXTENSIVE = 1
    SIGNIFICANT = 2
    MODERATE = 3
    MINOR = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Urgency(IntEnum):
    """How fast the business needs it (1 = most urgent): the default matrix's levels."""

    CRITICAL = 1
    HIGH = 2
    MEDIUM = 3
    LOW = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Priority(IntEnum):
    """Derived from impact x urgency; P1 is the most urgent. Every level a matrix may use
    (1..MAX_LEVELS) is a member: SLA targets are keyed by it. The default matrix uses
    P1..P4; the matrix's own labels are what a user sees."""

    P1 = 1
    P2 = 2
    P3 = 3
    P4 = 4
    P5 = 5

    @property
    def label(self) -> str:
        return self.name


class Role(StrEnum):
    """What a user may do; enforced by the central store, mirrored locally."""

    TECHNICIAN = "technician"
    OPERATOR = "operator"
    ADMIN = "admin"


class Grant(StrEnum):
    """A right an administrator gives one account beyond what its role allows."""

    # A technician who keeps the knowledge base: edits any article (published, archived or
    # a colleague's draft) and publishes, archives and reopens articles.
    EDIT_ARTICLES = "edit_articles"


class CommentKind(StrEnum):
    """A public reply is seen by the requester; an internal note is not."""

    PUBLIC = "public"
    INTERNAL = "internal"


def parse_status(value: str) -> Status:
    """Parse a status value or label, or raise a ValidationError naming the valid ones."""
    from opexdesk.domain.errors import ValidationError

    text = value.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return Status(text)
    except ValueError:
        valid = ", ".join(s.value for s in Status)
        raise ValidationError(
            "status", f"Unknown status {value!r}; valid statuses: {valid}."
        ) from None


def parse_role(value: str) -> Role:
    """Parse a role name, or raise a ValidationError naming the valid ones."""
    from opexdesk.domain.errors import ValidationError

    try:
        return Role(value.strip().lower())
    except ValueError:
        valid = ", ".join(r.value for r in Role)
        raise ValidationError("role", f"Unknown role {value!r}; valid roles: {valid}.") from None
