"""Errors raised by domain rules; each message names the problem for the user."""


class DomainError(ValueError):
    """A rule of the service desk was broken; ``str(err)`` is safe to show to a user."""


class ValidationError(DomainError):
    """A field value is not acceptable (empty title, unknown status, ...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class TransitionError(DomainError):
    """A status change is not allowed from the ticket's current state."""

    def __init__(self, current: str, target: str, reason: str) -> None:
        super().__init__(reason)
        self.current = current
        self.target = target


class NotFoundError(DomainError):
    """The entity the action refers to does not exist (or was deleted)."""
