"""Authentication over HTTP (TestClient), on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from argon2 import extract_parameters
from server_helpers import API, Api, FakeClock, bearer, make_settings, open_api
from sqlalchemy import select, text

from opexdesk import __version__
from opexdesk.domain.enums import Role
from opexdesk.server.config import LoginLimits, PasswordHashing
from opexdesk.server.database import SCHEMA_HEAD
from opexdesk.server.errors import AuthenticationError, RateLimitedError
from opexdesk.server.models import AuthToken, LoginAttempt, User


def test_health_identifies_an_opexdesk_server(api: Api) -> None:
    response = api.client.get(f"{API}/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": __version__,
        "schema": SCHEMA_HEAD,
        "server": "opexdesk",
    }


def test_login_returns_tokens_and_the_user(api: Api) -> None:
    response = api.login("ADMIN", client_name="Laptop 7")  # usernames are case-insensitive
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_expires_in"] == 30 * 24 * 3600
    assert body["access_token"].startswith("oda_") and body["refresh_token"].startswith("odr_")
    assert body["user"] == {
        "id": api.users["admin"].id,
        "username": "admin",
        "display_name": "Admin",
        "role": "admin",
        "grants": [],
    }
    me = api.client.get(f"{API}/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200 and me.json() == body["user"]


def test_tokens_are_stored_only_as_hashes(api: Api) -> None:
    body = api.tokens("tom")
    with api.services.db.read() as session:
        rows = session.scalars(select(AuthToken)).all()
        stored = " ".join(f"{r.token_hash} {r.id} {r.family_id}" for r in rows)
        assert {r.kind for r in rows} == {"access", "refresh"}
    assert body["access_token"] not in stored and body["refresh_token"] not in stored
    assert body["access_token"][4:] not in stored


@pytest.mark.parametrize("username", ["tom", "nobody", "x" * 200])
def test_wrong_credentials_get_one_generic_401(api: Api, username: str) -> None:
    response = api.login(username, "wrong password!")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Wrong username or password.",
        "detail_template": "Wrong username or password.",
        "detail_params": {},
    }
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "Missing access token"),
        ({"Authorization": "Bearer oda_" + "A" * 43}, "Invalid access token"),
        ({"Authorization": "Bearer garbage"}, "Invalid access token"),
        ({"Authorization": "Basic dG9tOnB3"}, "Missing access token"),
    ],
)
def test_bad_bearer_tokens_are_401(api: Api, headers: dict[str, str], detail: str) -> None:
    response = api.client.get(f"{API}/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"].startswith(detail)


def test_a_refresh_token_is_not_an_access_token(api: Api) -> None:
    body = api.tokens("tom")
    response = api.client.get(f"{API}/me", headers=bearer(body["refresh_token"]))
    assert response.status_code == 401
    assert "/api/v1/auth/refresh" in response.json()["detail"]


def test_access_token_expires_after_15_minutes(api: Api, clock: FakeClock) -> None:
    headers = api.auth("tom")
    clock.advance(minutes=14, seconds=59)
    assert api.client.get(f"{API}/me", headers=headers).status_code == 200
    clock.advance(seconds=1)
    response = api.client.get(f"{API}/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"] == "The access token expired; refresh it."


def test_refresh_rotates_and_the_old_refresh_token_stops_working(api: Api) -> None:
    first = api.tokens("tom")
    response = api.client.post(
        f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert second["user"]["username"] == "tom"
    assert api.client.get(f"{API}/me", headers=bearer(second["access_token"])).status_code == 200
    with api.services.db.read() as session:
        families = set(session.scalars(select(AuthToken.family_id)).all())
    assert len(families) == 1  # same device sign-in, rotated


def test_refresh_token_reuse_revokes_the_whole_family(api: Api) -> None:
    first = api.tokens("tom")
    other_device = api.tokens("tom")
    second = api.client.post(
        f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]}
    ).json()
    # The rotated token comes back: a stolen copy, or a replay.
    replay = api.client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    assert "already used" in replay.json()["detail"]
    # Everything of that device sign-in is dead: the new pair too.
    assert api.client.get(f"{API}/me", headers=bearer(second["access_token"])).status_code == 401
    again = api.client.post(f"{API}/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert again.status_code == 401
    # Another device of the same user is not affected.
    assert (
        api.client.get(f"{API}/me", headers=bearer(other_device["access_token"])).status_code == 200
    )


def test_concurrent_refreshes_with_one_token_let_at_most_one_win(api: Api) -> None:
    token = api.tokens("tom")["refresh_token"]
    results: list[Any] = []
    start = threading.Barrier(4)

    def refresh() -> None:
        start.wait()
        try:
            results.append(api.services.auth.refresh(token))
        except AuthenticationError as exc:
            results.append(exc)

    threads = [threading.Thread(target=refresh) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [r for r in results if not isinstance(r, AuthenticationError)]
    assert len(winners) <= 1
    assert len(results) == 4
    # The losers were reuses: the family is revoked, so the winner's tokens are dead too.
    with api.services.db.read() as session:
        live = session.scalars(select(AuthToken).where(AuthToken.revoked_at.is_(None))).all()
    assert live == []


def test_refresh_token_expires_after_30_days(api: Api, clock: FakeClock) -> None:
    body = api.tokens("tom")
    clock.advance(days=30)
    response = api.client.post(f"{API}/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert response.status_code == 401
    assert response.json()["detail"] == "The refresh token expired; sign in again."


@pytest.mark.parametrize(
    ("token", "detail"),
    [
        ("odr_" + "B" * 43, "Unknown refresh token"),
        ("junk", "Invalid refresh token"),
    ],
)
def test_unknown_refresh_tokens_are_401(api: Api, token: str, detail: str) -> None:
    response = api.client.post(f"{API}/auth/refresh", json={"refresh_token": token})
    assert response.status_code == 401
    assert response.json()["detail"].startswith(detail)


def test_an_access_token_cannot_refresh(api: Api) -> None:
    body = api.tokens("tom")
    response = api.client.post(f"{API}/auth/refresh", json={"refresh_token": body["access_token"]})
    assert response.status_code == 401
    assert "access token" in response.json()["detail"]


def test_logout_revokes_the_presented_tokens(api: Api) -> None:
    body = api.tokens("tom")
    other_device = api.tokens("tom")
    response = api.client.post(
        f"{API}/auth/logout",
        headers=bearer(body["access_token"]),
        json={"refresh_token": body["refresh_token"]},
    )
    assert response.status_code == 204
    me = api.client.get(f"{API}/me", headers=bearer(body["access_token"]))
    assert me.status_code == 401 and "revoked" in me.json()["detail"]
    refresh = api.client.post(f"{API}/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert refresh.status_code == 401 and "signed out" in refresh.json()["detail"]
    assert (
        api.client.get(f"{API}/me", headers=bearer(other_device["access_token"])).status_code == 200
    )


def test_logout_with_only_the_refresh_token_after_the_access_token_expired(
    api: Api, clock: FakeClock
) -> None:
    body = api.tokens("tom")
    clock.advance(hours=1)
    response = api.client.post(f"{API}/auth/logout", json={"refresh_token": body["refresh_token"]})
    assert response.status_code == 204
    refresh = api.client.post(f"{API}/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert refresh.status_code == 401


def test_logout_without_any_known_token_is_401(api: Api) -> None:
    assert api.client.post(f"{API}/auth/logout").status_code == 401
    response = api.client.post(f"{API}/auth/logout", json={"refresh_token": "odr_" + "C" * 43})
    assert response.status_code == 401


def test_five_failures_lock_the_username_for_15_minutes(api: Api, clock: FakeClock) -> None:
    for _ in range(5):
        assert api.login("tom", "wrong password!").status_code == 401
        clock.advance(seconds=10)
    locked = api.login("tom")  # even the right password: no more guesses are checked
    assert locked.status_code == 429
    retry_after = int(locked.headers["retry-after"])
    assert retry_after == 15 * 60 - 50
    assert f"try again in {retry_after} seconds" in locked.json()["detail"]
    # Other users are not affected.
    assert api.login("olga").status_code == 200
    clock.advance(seconds=retry_after - 1)
    assert api.login("tom").status_code == 429
    clock.advance(seconds=1)
    assert api.login("tom").status_code == 200


def test_a_successful_login_clears_the_failure_count(api: Api, clock: FakeClock) -> None:
    for _ in range(4):
        assert api.login("tom", "wrong password!").status_code == 401
    assert api.login("tom").status_code == 200
    for _ in range(4):
        assert api.login("tom", "wrong password!").status_code == 401
    assert api.login("tom").status_code == 200


def test_unknown_usernames_are_rate_limited_too(api: Api) -> None:
    for _ in range(5):
        assert api.login("ghost", "wrong password!").status_code == 401
    assert api.login("ghost", "wrong password!").status_code == 429


def test_concurrent_guesses_are_counted_before_they_are_checked(api: Api) -> None:
    outcomes: list[str] = []
    start = threading.Barrier(10)

    def guess(i: int) -> None:
        start.wait()
        try:
            api.services.auth.login("tom", f"wrong password {i}", "10.0.0.9", None)
        except RateLimitedError:
            outcomes.append("429")
        except AuthenticationError:
            outcomes.append("401")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["401"] * 5 + ["429"] * 5
    with api.services.db.read() as session:
        outcomes_stored = session.scalars(select(LoginAttempt.outcome)).all()
    assert sorted(outcomes_stored) == ["failure"] * 5


def test_disabled_users_cannot_sign_in_and_their_tokens_stop(api: Api) -> None:
    tom = api.tokens("tom")
    admin = api.auth("admin")
    response = api.client.patch(
        f"{API}/users/{api.users['tom'].id}", headers=admin, json={"disabled": True}
    )
    assert response.status_code == 200 and response.json()["disabled"] is True
    me = api.client.get(f"{API}/me", headers=bearer(tom["access_token"]))
    assert me.status_code == 401
    refresh = api.client.post(f"{API}/auth/refresh", json={"refresh_token": tom["refresh_token"]})
    assert refresh.status_code == 401
    login = api.login("tom")
    assert login.status_code == 403
    assert "disabled" in login.json()["detail"]
    assert api.login("tom", "wrong password!").status_code == 401  # no hint without password


def test_a_disabled_flag_set_directly_in_the_database_stops_live_tokens(api: Api) -> None:
    """Even without revocation (e.g. another tool set the flag), the user is checked live."""
    tom = api.tokens("tom")
    with api.services.db.write() as session:
        session.execute(text("UPDATE users SET disabled = :t WHERE username = 'tom'"), {"t": True})
    me = api.client.get(f"{API}/me", headers=bearer(tom["access_token"]))
    assert me.status_code == 401 and me.json()["detail"] == "This account is disabled."


def test_login_upgrades_a_hash_made_with_old_parameters(backend: str, clock: FakeClock) -> None:
    weak = make_settings(backend)
    for handle in open_api(weak, clock):
        handle.add_user("tom", Role.TECHNICIAN)
    stronger = make_settings(
        backend, password_hashing=PasswordHashing(time_cost=2, memory_cost_kib=2048, parallelism=1)
    )
    for handle in open_api(stronger, clock):
        assert handle.login("tom").status_code == 200
        with handle.services.db.read() as session:
            stored = session.scalar(select(User.password_hash).where(User.username == "tom"))
        assert stored is not None
        assert extract_parameters(stored).time_cost == 2
        assert handle.login("tom").status_code == 200


def test_the_address_limit_stops_password_spraying(backend: str, clock: FakeClock) -> None:
    limits = LoginLimits(max_failures_per_username=100, max_failures_per_address=3)
    for handle in open_api(make_settings(backend, login_limits=limits), clock):
        for name in ("ann", "bob", "cid"):
            assert handle.login(name, "wrong password!").status_code == 401
        response = handle.login("dan", "wrong password!")
        assert response.status_code == 429
        assert "from this address" in response.json()["detail"]


def test_old_login_attempts_are_pruned(api: Api, clock: FakeClock) -> None:
    api.login("tom", "wrong password!")
    clock.advance(minutes=16)
    assert api.login("tom").status_code == 200
    with api.services.db.read() as session:
        rows = session.scalars(select(LoginAttempt)).all()
        assert [(r.username, r.outcome) for r in rows] == [("tom", "success")]
