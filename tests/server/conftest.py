"""Fixtures of the central store tests: databases of both kinds, a movable clock, API clients.

``backend`` runs a test on a fresh SQLite file and again on the real PostgreSQL started by
scripts/test (a fresh ``public`` schema each time).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_helpers import Api, FakeClock, make_settings, open_api, reset_postgres

from opexdesk.domain.enums import Role


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


@pytest.fixture
def fresh_pg_url(pg_url: str) -> str:
    reset_postgres(pg_url)
    return pg_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Database URL of a fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    reset_postgres(url)
    return url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def api(backend: str, clock: FakeClock) -> Iterator[Api]:
    """The API on SQLite and on PostgreSQL, with an admin, an operator and a technician."""
    for handle in open_api(make_settings(backend), clock):
        handle.add_user("admin", Role.ADMIN)
        handle.add_user("olga", Role.OPERATOR)
        handle.add_user("tom", Role.TECHNICIAN)
        yield handle


@pytest.fixture
def sqlite_api(sqlite_url: str, clock: FakeClock) -> Iterator[Api]:
    """The API on SQLite only (for tests whose point is not the database engine)."""
    for handle in open_api(make_settings(sqlite_url), clock):
        handle.add_user("admin", Role.ADMIN)
        handle.add_user("tom", Role.TECHNICIAN)
        yield handle
