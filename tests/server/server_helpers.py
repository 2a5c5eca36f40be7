"""Helpers of the central store tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import create_engine, select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import Role
from opexdesk.paths import AppPaths
from opexdesk.server.app import create_app
from opexdesk.server.config import LoginLimits, PasswordHashing, ServerSettings
from opexdesk.server.deps import Services
from opexdesk.server.users import UserInfo
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.models import Ticket

with warnings.catch_warnings():
    # Starlette 1.x suggests httpx2 for its test client; httpx 0.28 is what we pin and works.
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

# Cheap argon2id parameters: the API tests check behaviour, not hashing cost (the e2e test
# and the security tests use the real defaults).
FAST_HASHING = PasswordHashing(time_cost=1, memory_cost_kib=1024, parallelism=1)
PASSWORD = "correct horse battery"
API = "/api/v1"


class FakeClock:
    """A clock tests move by hand (token expiry, rate-limit windows)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def reset_postgres(url: str) -> None:
    """Start from an empty database: drop and recreate the public schema."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    finally:
        engine.dispose()


def make_settings(url: str, **overrides: Any) -> ServerSettings:
    values: dict[str, Any] = {
        "database_url": url,
        "password_hashing": FAST_HASHING,
        "login_limits": LoginLimits(),
    }
    values.update(overrides)
    return ServerSettings(**values)


@dataclass
class Api:
    """A TestClient on a fresh app, with helpers to make users and sign in."""

    client: TestClient
    services: Services
    clock: FakeClock
    users: dict[str, UserInfo] = field(default_factory=dict)

    def add_user(self, username: str, role: Role, password: str = PASSWORD) -> UserInfo:
        user = self.services.users.create(username, username.title(), role, password)
        self.users[username] = user
        return user

    def login(self, username: str, password: str = PASSWORD, **extra: Any) -> Any:
        return self.client.post(
            f"{API}/auth/login", json={"username": username, "password": password, **extra}
        )

    def tokens(self, username: str, password: str = PASSWORD) -> dict[str, Any]:
        response = self.login(username, password)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def auth(self, username: str) -> dict[str, str]:
        return bearer(self.tokens(username)["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def open_api(settings: ServerSettings, clock: FakeClock) -> Iterator[Api]:
    app = create_app(settings, clock=clock)
    with TestClient(app) as client:
        yield Api(client, app.state.services, clock)


class ClientDevice:
    """One desktop database signed in as ``user`` through the in-process server of ``api``."""

    def __init__(self, base: Path, user: str, api: Api, password: str = PASSWORD) -> None:
        self.ctx: AppContext = build_context(AppPaths.under(base), username=user)
        self.api = SyncApi("http://testserver", transport=api.client._transport)
        self.api.login(user, password)
        self.engine = SyncEngine(self.ctx.db, self.api, self.ctx.clock)

    def sync(self) -> None:
        self.engine.sync_once()

    def ticket(self, ticket_id: str) -> SimpleNamespace | None:
        """The local ticket's columns (None when it is not here)."""
        with self.ctx.db.read() as s:
            row = s.scalar(select(Ticket).where(Ticket.id == ticket_id))
            if row is None:
                return None
            return SimpleNamespace(**{c.key: getattr(row, c.key) for c in Ticket.__table__.c})

    def close(self) -> None:
        self.api.close()
        self.ctx.close()
