"""Typed settings of the central store server."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

from opexdesk.storage.blobs import DEFAULT_MAX_BYTES as DEFAULT_MAX_BLOB_BYTES

SERVER_APP_NAME = "opexdesk-server"
DATABASE_FILE = "server.sqlite3"

# Environment variables the CLI hands to uvicorn worker processes (they build the app from
# these with ``create_app_from_env``: a multi-process uvicorn cannot be given an object).
ENV_DATABASE_URL = "OPEXDESK_SERVER_DATABASE_URL"
ENV_MIGRATE = "OPEXDESK_SERVER_MIGRATE"


# Where "now" comes from: tests pass their own to move time (token expiry, rate-limit windows).
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The aware current UTC time (the default clock)."""
    return datetime.now(UTC)


def default_database_path() -> Path:
    """``<user data dir>/opexdesk-server/server.sqlite3`` (platformdirs)."""
    return Path(platformdirs.user_data_dir(SERVER_APP_NAME, appauthor=False)) / DATABASE_FILE


def default_database_url() -> str:
    """The embedded SQLite database, so ``opexdesk-server serve`` runs with no set-up."""
    return f"sqlite:///{default_database_path()}"


@dataclass(frozen=True)
class PasswordHashing:
    """argon2id cost parameters (argon2-cffi ``PasswordHasher`` arguments).

    The defaults are RFC 9106's second recommended profile (t=3, 64 MiB, p=4), which is also
    argon2-cffi's default. Stored hashes made with other parameters are upgraded on the next
    successful login.
    """

    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4
    # At most this many hashes run at once per process: each one holds memory_cost_kib of RAM,
    # so a burst of logins must not turn into a burst of gigabytes.
    max_concurrent: int = 4


@dataclass(frozen=True)
class LoginLimits:
    """Login rate limits (failures counted in the database, so they hold across processes)."""

    window: timedelta = timedelta(minutes=15)
    # Failures for one username within the window before further attempts answer 429.
    # A successful login clears the username's count.
    max_failures_per_username: int = 5
    # Failures from one client address within the window (password spraying over many
    # usernames). Higher, because an office behind one NAT address shares it.
    max_failures_per_address: int = 50


@dataclass(frozen=True)
class ServerSettings:
    """Everything ``create_app`` needs; built by the CLI, by tests, or from the environment."""

    database_url: str = field(default_factory=default_database_url)
    access_token_lifetime: timedelta = timedelta(minutes=15)
    refresh_token_lifetime: timedelta = timedelta(days=30)
    login_limits: LoginLimits = field(default_factory=LoginLimits)
    password_hashing: PasswordHashing = field(default_factory=PasswordHashing)
    # Request bodies above this answer 413. Later routes (attachments) set their own limit.
    max_body_bytes: int = 1024 * 1024
    # The largest attachment blob accepted: the client's attachment limit (storage/blobs.py).
    max_blob_bytes: int = DEFAULT_MAX_BLOB_BYTES
    # Change stream: how often a process reads the seq counter (one read shared by all of its
    # streams) and how often a quiet stream sends a heartbeat (and re-checks its token).
    events_poll_seconds: float = 0.2
    events_heartbeat_seconds: float = 15.0
    # Run migrations when the app is created. The CLI migrates once before it starts the
    # worker processes and turns this off for them, so N workers never race each other.
    migrate_on_start: bool = True

    def with_database_url(self, url: str | None) -> ServerSettings:
        """A copy using ``url`` when given."""
        return replace(self, database_url=url) if url else self

    @classmethod
    def from_env(cls) -> ServerSettings:
        """Settings from ``OPEXDESK_SERVER_*`` environment variables (defaults otherwise)."""
        settings = cls()
        url = os.environ.get(ENV_DATABASE_URL)
        migrate = os.environ.get(ENV_MIGRATE, "1") not in ("0", "false", "no")
        return replace(settings.with_database_url(url), migrate_on_start=migrate)
