"""Failures of the server's operations, each carrying its HTTP status and a precise message.

The operations (auth, users) raise these; the API turns them into ``{"detail": ...}``
responses and the CLI prints ``detail``. Keeping the status next to the error means the
operations stay independent of FastAPI. A detail given as a ``Message`` also travels as its
template and arguments (``detail_template``, ``detail_params``), so a client shows it in its
own language; a plain text is its own template.
"""

from __future__ import annotations

from opexdesk.domain.kept_messages import KeptMessage, Message


class ServerError(Exception):
    """Base class: ``status_code`` for the API, ``detail`` for people."""

    status_code = 400

    def __init__(self, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(str(detail))
        self.detail = str(detail)
        self.message = (
            KeptMessage.of(detail) if isinstance(detail, Message) else KeptMessage.plain(detail)
        )
        self.headers = headers or {}


class AuthenticationError(ServerError):
    """No valid credentials: the client should refresh its token or sign in again."""

    status_code = 401

    def __init__(self, detail: str) -> None:
        # RFC 6750: a 401 for a bearer-protected resource names the scheme.
        super().__init__(detail, {"WWW-Authenticate": "Bearer"})


class PermissionDeniedError(ServerError):
    """Authenticated, but the user's role does not allow this."""

    status_code = 403


class AccountDisabledError(ServerError):
    """The password was right but an administrator disabled the account."""

    status_code = 403


class NotFoundError(ServerError):
    status_code = 404


class ConflictError(ServerError):
    """The request contradicts the stored state (a taken username, the last administrator)."""

    status_code = 409


class InvalidInputError(ServerError):
    """A value is well-formed JSON of the right type but not acceptable (a weak password)."""

    status_code = 422


class RateLimitedError(ServerError):
    """Too many failed logins; ``retry_after`` seconds until the next attempt is accepted."""

    status_code = 429

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, {"Retry-After": str(retry_after)})
        self.retry_after = retry_after


class ServerDatabaseError(RuntimeError):
    """The server's database cannot be used as it is; ``str(err)`` says what to do."""


class NewerSchemaError(ServerDatabaseError):
    """The database was migrated by a newer opexdesk-server; this one must not touch it."""


class SchemaNotCurrentError(ServerDatabaseError):
    """The schema is older than this server and migrations were not allowed to run."""


class NotAServerDatabaseError(ServerDatabaseError):
    """The database holds tables but no server schema version (e.g. a client's database)."""


class DatabaseUnavailableError(ServerDatabaseError):
    """The database cannot be reached or opened."""
