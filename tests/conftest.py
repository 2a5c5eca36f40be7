"""Fixtures shared by the whole test suite.

The real parts (PostgreSQL server, Secret Service keyring) are started by ``scripts/test``.
Run through it, ``OPEXDESK_REQUIRE_REAL_PARTS=1`` is set and a missing part fails the test;
run plain ``pytest`` and such tests are skipped instead.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import NoReturn

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


def _require_real_parts() -> bool:
    return os.environ.get("OPEXDESK_REQUIRE_REAL_PARTS") == "1"


def _missing_part(reason: str) -> NoReturn:
    """Fail (under scripts/test) or skip (plain pytest) because a real part is not there."""
    if _require_real_parts():
        pytest.fail(f"{reason} (OPEXDESK_REQUIRE_REAL_PARTS=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_url() -> str:
    """SQLAlchemy URL of the throw-away PostgreSQL database started by scripts/test."""
    url = os.environ.get("OPEXDESK_TEST_PG_URL")
    if not url:
        _missing_part("PostgreSQL not started: run scripts/test")
    return url


@pytest.fixture(scope="session")
def secret_service():
    """The real keyring backend (gnome-keyring's Secret Service), checked to be usable."""
    try:
        import keyring
        from keyring.backends import SecretService
    except ImportError as exc:  # pragma: no cover - keyring is a hard dependency
        _missing_part(f"keyring not importable: {exc}")

    backend = keyring.get_keyring()
    if not isinstance(backend, SecretService.Keyring):
        _missing_part(
            f"keyring backend is {backend!r}, not the Secret Service "
            "(run scripts/test: it starts gnome-keyring in a private D-Bus session)"
        )
    service, user = "opexdesk-test-probe", f"probe-{uuid.uuid4()}"
    try:
        backend.set_password(service, user, "probe")
        value = backend.get_password(service, user)
        backend.delete_password(service, user)
    except Exception as exc:
        _missing_part(f"Secret Service keyring not usable: {type(exc).__name__}: {exc}")
    if value != "probe":
        _missing_part(f"Secret Service keyring returned {value!r} for a probe secret")
    return backend


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Folder of the real evaluation data sets (never shipped): ../shared/data."""
    path = Path(os.environ.get("OPEXDESK_SHARED_DATA") or REPO.parent / "shared" / "data")
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path} (set OPEXDESK_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests save screenshots and other things worth looking at (created)."""
    path = Path(os.environ.get("OPEXDESK_ARTIFACTS") or REPO / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def seed_count() -> int:
    """How many seeds property/soak tests run: fewer with OPEXDESK_SEEDS=small (CI)."""
    return 20 if os.environ.get("OPEXDESK_SEEDS") == "small" else 200


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("OPEXDESK_SLOW") == "1":
        return
    skip_slow = pytest.mark.skip(reason="slow test: set OPEXDESK_SLOW=1 to run it")
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip_slow)


@pytest.fixture(scope="session")
def embedder():  # noqa: ANN201 - the Embedder type is imported lazily
    """The shipped embedding model, loaded once for the whole run (~0.5 s each time)."""
    from opexdesk.services.kb.embedder import Embedder

    return Embedder()
