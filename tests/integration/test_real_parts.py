"""The real parts scripts/test starts are up and usable: PostgreSQL and the Secret Service."""

from __future__ import annotations

import uuid

import keyring
import psycopg
import pytest


def _libpq_url(sqlalchemy_url: str) -> str:
    """postgresql+psycopg://... (SQLAlchemy) -> postgresql://... (libpq / psycopg)."""
    scheme, sep, rest = sqlalchemy_url.partition("://")
    return scheme.split("+", 1)[0] + sep + rest


def test_libpq_url_strips_driver() -> None:
    assert _libpq_url("postgresql+psycopg://postgres@127.0.0.1:5432/x") == (
        "postgresql://postgres@127.0.0.1:5432/x"
    )


@pytest.mark.postgres
def test_postgresql_server_answers(pg_url: str) -> None:
    with psycopg.connect(_libpq_url(pg_url), connect_timeout=10) as conn:
        version = conn.execute("select version()").fetchone()[0]
        assert version.startswith("PostgreSQL "), version
        assert conn.execute("select current_database()").fetchone()[0] == "opexdesk_test"
        text = "打印机卡纸 – café ✓"
        assert conn.execute("select %s::text", (text,)).fetchone()[0] == text


@pytest.mark.keyring
def test_secret_round_trip_through_real_keyring(secret_service) -> None:
    # the module-level API, as the app uses it, must resolve to the Secret Service
    assert keyring.get_keyring().__class__ is secret_service.__class__
    service = "opexdesk-test"
    user = f"技术员-{uuid.uuid4()}"
    secret = "刷新令牌 refresh-token ✓ " + uuid.uuid4().hex
    keyring.set_password(service, user, secret)
    try:
        assert keyring.get_password(service, user) == secret
        assert secret_service.get_password(service, user) == secret
    finally:
        keyring.delete_password(service, user)
    assert keyring.get_password(service, user) is None
