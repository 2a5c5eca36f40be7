"""SyncSession against a REAL ``opexdesk-server`` process, with the refresh token in the
REAL Secret Service keyring: sign-in, restore after a restart, revocation, no keyring,
and the error messages people see."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from keyring.backends import fail
from real_server import free_port, serving
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.secrets import Account, SecretStore
from opexdesk.services.sync.runner import Outcome, SyncRunner
from opexdesk.services.sync.session import (
    CA_FILE_SETTING,
    NO_KEYRING_NOTICE,
    SessionState,
    SignInError,
    SyncSession,
)
from opexdesk.services.sync.status import State, SyncStatusReader
from opexdesk.storage.models import Setting
from opexdesk.storage.sync_models import SyncState

# Few accounts: each create-user is a process start plus argon2 (seconds on 2 cores).
USERS = {"alice": "alice password 1", "bob": "bob password 22"}
TLS_USER = "alice"


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("server"), USERS) as base:
        yield base


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The server over HTTPS with a self-signed certificate (its own "company CA")."""
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = tmp / "company-ca.pem", tmp / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    tls_users = {TLS_USER: USERS[TLS_USER]}
    with serving(tmp, tls_users, "--ssl-certfile", str(cert), "--ssl-keyfile", str(key)) as base:
        yield base, cert


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path / "client"), username="field.tech")
    yield context
    context.close()


def stored_token(secret_service, server_url: str, user: str) -> str | None:  # noqa: ANN001
    return SecretStore(secret_service).load_refresh_token(Account(server_url, user))


def test_sign_in_keeps_the_token_in_the_keyring_and_restores_after_a_restart(
    ctx: AppContext, server_url: str, secret_service, tmp_path: Path
) -> None:  # noqa: ANN001
    secrets = SecretStore(secret_service)
    session = SyncSession(ctx.db, secrets, ctx.clock)
    settings = session.sign_in(server_url + "/", "alice", USERS["alice"])
    assert (settings.server_url, settings.username) == (server_url, "alice")
    assert session.state == SessionState.SIGNED_IN and session.notice is None
    first = stored_token(secret_service, server_url, "alice")
    assert first and first.startswith("odr_")
    # remembered in the database: server and user (never the token)
    with ctx.db.read() as s:
        state = s.get(SyncState, 1)
        assert state is not None and (state.server_url, state.username) == (server_url, "alice")
        assert s.get(Setting, CA_FILE_SETTING) is None
    ctx.tickets.create(TicketDraft(title="Printer on floor 2 offline", requester="Maria Rossi"))
    runner = SyncRunner(session.engine, on_auth_needed=session.auth_lost)
    result = runner.run_round()
    assert result.outcome == Outcome.OK and result.pushed == 1
    session.close()

    # "restart": a new session over the same database and keyring
    again = SyncSession(ctx.db, secrets, ctx.clock)
    assert again.restore() == SessionState.SIGNED_IN
    assert stored_token(secret_service, server_url, "alice") == first  # no network yet
    runner = SyncRunner(again.engine, on_auth_needed=again.auth_lost)
    ctx.tickets.create(TicketDraft(title="Badge reader at gate B", requester="王芳"))
    result = runner.run_round()
    assert result.outcome == Outcome.OK and result.pushed == 1
    rotated = stored_token(secret_service, server_url, "alice")
    assert rotated and rotated != first  # the refresh rotated it, and the keyring followed
    status = SyncStatusReader(ctx.db, ctx.clock).read()
    assert status.pending == 0 and status.last_sync_at is not None

    again.sign_out()
    assert stored_token(secret_service, server_url, "alice") is None
    assert again.state == SessionState.SIGNED_OUT and again.engine() is None
    third = SyncSession(ctx.db, secrets, ctx.clock)
    assert third.restore() == SessionState.SIGNED_OUT
    assert third.settings().username == "alice"  # kept to prefill the dialog


def test_a_revoked_sign_in_means_auth_needed_and_the_token_is_forgotten(
    ctx: AppContext, server_url: str, secret_service
) -> None:  # noqa: ANN001
    secrets = SecretStore(secret_service)
    session = SyncSession(ctx.db, secrets, ctx.clock)
    session.sign_in(server_url, "alice", USERS["alice"])
    token = stored_token(secret_service, server_url, "alice")
    session.close()
    # signed out elsewhere (e.g. the device was reported lost): the whole sign-in is revoked
    response = httpx.post(f"{server_url}/api/v1/auth/logout", json={"refresh_token": token})
    assert response.status_code == 204

    restarted = SyncSession(ctx.db, secrets, ctx.clock)
    assert restarted.restore() == SessionState.SIGNED_IN  # it cannot know before asking
    runner = SyncRunner(restarted.engine, on_auth_needed=restarted.auth_lost)
    result = runner.run_round()
    assert result.outcome == Outcome.AUTH_NEEDED and result.delay_s is None
    assert result.message and "sign in again" in result.message
    assert restarted.state == SessionState.AUTH_NEEDED
    assert stored_token(secret_service, server_url, "alice") is None
    assert runner.run_round().outcome == Outcome.SIGNED_OUT  # no hammering with a dead token


def test_without_a_keyring_sign_in_works_for_this_run_only(
    ctx: AppContext, server_url: str
) -> None:
    secrets = SecretStore(fail.Keyring())
    session = SyncSession(ctx.db, secrets, ctx.clock)
    session.sign_in(server_url, "bob", USERS["bob"])
    assert session.signed_in and session.notice == NO_KEYRING_NOTICE
    assert "no keyring available: sign in each time" in NO_KEYRING_NOTICE.lower()
    runner = SyncRunner(session.engine)
    assert runner.run_round().outcome == Outcome.OK  # in memory, for this session
    session.close()
    restarted = SyncSession(ctx.db, secrets, ctx.clock)
    assert restarted.restore() == SessionState.SIGNED_OUT
    assert restarted.notice == NO_KEYRING_NOTICE


def test_clear_messages_for_each_way_sign_in_fails(
    ctx: AppContext, server_url: str, secret_service, tmp_path: Path
) -> None:  # noqa: ANN001
    session = SyncSession(ctx.db, SecretStore(secret_service), ctx.clock)
    with pytest.raises(SignInError, match="Cannot reach the server"):
        session.sign_in(f"http://127.0.0.1:{free_port()}", "alice", "x")
    with pytest.raises(SignInError, match="is not an OpExDesk server"):
        session.sign_in(server_url + "/not-here", "alice", "x")
    with pytest.raises(SignInError, match="Check the user name and password"):
        session.sign_in(server_url, "alice", "wrong password")
    with pytest.raises(SignInError, match="not a server address"):
        session.sign_in("desk.example.com", "alice", "x")
    with pytest.raises(SignInError, match="Enter your password"):
        session.sign_in(server_url, "alice", "")
    assert session.settings().server_url is None  # nothing remembered from the failures
    assert session.state == SessionState.SIGNED_OUT

    session.sign_in(server_url, "alice", USERS["alice"])
    other = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(SignInError, match="This database syncs with .* separate data dir"):
        session.sign_in(other, "alice", USERS["alice"])
    session.sign_out()


def test_a_certificate_from_an_unknown_authority_suggests_the_custom_ca_option(
    ctx: AppContext, tls_server: tuple[str, Path], secret_service
) -> None:  # noqa: ANN001
    base, ca_file = tls_server
    session = SyncSession(ctx.db, SecretStore(secret_service), ctx.clock)
    with pytest.raises(SignInError, match="custom CA certificate") as refused:
        session.sign_in(base, TLS_USER, USERS[TLS_USER])
    assert "could not be verified" in str(refused.value)
    settings = session.sign_in(base, TLS_USER, USERS[TLS_USER], ca_file=str(ca_file))
    assert settings.ca_file == str(ca_file)
    with ctx.db.read() as s:
        assert s.scalar(select(Setting.value).where(Setting.key == CA_FILE_SETTING)) == str(ca_file)
    session.close()
    restarted = SyncSession(ctx.db, SecretStore(secret_service), ctx.clock)
    assert restarted.restore() == SessionState.SIGNED_IN
    assert SyncRunner(restarted.engine).run_round().outcome == Outcome.OK  # CA file reused
    restarted.sign_out()


def test_status_states_follow_the_rounds(ctx: AppContext, server_url: str, secret_service) -> None:  # noqa: ANN001
    from opexdesk.services.sync.status import LiveState

    reader = SyncStatusReader(ctx.db, ctx.clock)
    assert reader.read(LiveState()).state == State.SIGNED_OUT
    session = SyncSession(ctx.db, SecretStore(secret_service), ctx.clock)
    session.sign_in(server_url, "alice", USERS["alice"])
    ctx.tickets.create(TicketDraft(title="Scanner jams", requester="John Smith"))
    live = LiveState(signed_in=True)
    assert reader.read(live).pending == 1
    runner = SyncRunner(session.engine)
    result = runner.run_round()
    snapshot = reader.read(LiveState(signed_in=True, last_outcome=result.outcome))
    assert snapshot.state == State.UP_TO_DATE and snapshot.pending == 0
    assert snapshot.server_url == server_url and snapshot.username == "alice"
    session.sign_out()


def test_sign_out_revokes_the_sign_in_on_the_server(
    ctx: AppContext, server_url: str, secret_service
) -> None:  # noqa: ANN001
    from opexdesk.services.sync.api import AuthFailed, SyncApi

    secrets = SecretStore(secret_service)
    session = SyncSession(ctx.db, secrets, ctx.clock)
    session.sign_in(server_url, "alice", USERS["alice"])
    account = Account(server_url, "alice")
    token = secrets.load_refresh_token(account)
    assert token
    session.sign_out()
    assert secrets.load_refresh_token(account) is None
    deadline = time.monotonic() + 10
    with SyncApi(server_url) as probe:
        while True:  # the revocation runs on a background thread
            try:
                probe.refresh(token)
            except AuthFailed:
                break
            token = probe.tokens.refresh_token if probe.tokens else token
            assert time.monotonic() < deadline, "the refresh token still works after sign-out"
            time.sleep(0.1)
