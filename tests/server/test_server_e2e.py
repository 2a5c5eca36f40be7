"""The installed ``opexdesk-server`` as real processes, talked to over HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from server_helpers import reset_postgres

from opexdesk.server.database import SCHEMA_HEAD

SERVER = Path(sys.executable).with_name("opexdesk-server")
ADMIN_PASSWORD = "admin password 1"
TECH_PASSWORD = "technician pw 1"
ENV = {k: v for k, v in os.environ.items() if not k.startswith("OPEXDESK_SERVER_")}


@pytest.fixture(autouse=True)
def _installed() -> None:
    if not SERVER.exists():
        pytest.fail(f"{SERVER} is missing: install the package (pip install -e .)")


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SERVER), *args], input=stdin, capture_output=True, text=True, timeout=60, env=ENV
    )


def create_user(url: str, name: str, role: str, password: str) -> None:
    result = cli(
        "create-user",
        name,
        "--role",
        role,
        "--display-name",
        name.title(),
        "--password-stdin",
        "--database-url",
        url,
        stdin=password + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert f"created {role} '{name}'" in result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_servers(url: str, logs: list[Path]) -> Iterator[list[httpx.Client]]:
    """Start one ``opexdesk-server serve`` per log file (all at once), yield a client for each
    once its /health answers, then stop them with SIGTERM."""
    procs: list[tuple[subprocess.Popen[bytes], str, Path]] = []
    clients: list[httpx.Client] = []
    try:
        for log in logs:
            port = free_port()
            with log.open("w") as out:
                proc = subprocess.Popen(
                    [str(SERVER), "serve", "--port", str(port), "--database-url", url],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    env=ENV,
                )
            procs.append((proc, f"http://127.0.0.1:{port}", log))
        for proc, base, log in procs:
            _wait_ready(proc, base, log)
            clients.append(httpx.Client(base_url=f"{base}/api/v1", timeout=30))
        yield clients
    finally:
        for client in clients:
            client.close()
        for proc, _, _ in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc, _, _ in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    for proc, _, log in procs:
        text = log.read_text()
        # uvicorn shuts down cleanly, then re-raises the signal it caught (exit by SIGTERM).
        assert proc.returncode in (0, -signal.SIGTERM), text
        assert "Finished server process" in text and "Traceback" not in text


def _wait_ready(proc: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"server did not answer within 30 s:\n{log.read_text()}")
        time.sleep(0.05)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login(client: httpx.Client, name: str, password: str) -> httpx.Response:
    return client.post(
        "/auth/login", json={"username": name, "password": password, "client_name": "e2e"}
    )


def test_real_server_auth_flow_over_http(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'server.sqlite3'}"
    create_user(url, "admin", "admin", ADMIN_PASSWORD)

    with running_servers(url, [tmp_path / "server.log"]) as (http,):
        health = http.get("/health").json()
        assert health["server"] == "opexdesk" and health["schema"] == SCHEMA_HEAD
        admin = bearer(login(http, "admin", ADMIN_PASSWORD).json()["access_token"])
        created = http.post(
            "/users",
            headers=admin,
            json={
                "username": "tom",
                "display_name": "Tom",
                "role": "technician",
                "password": TECH_PASSWORD,
            },
        )
        assert created.status_code == 201, created.text

        # login, me
        first = login(http, "admin", ADMIN_PASSWORD)
        assert first.status_code == 200, first.text
        tokens = first.json()
        assert tokens["user"]["role"] == "admin"
        me = http.get("/me", headers=bearer(tokens["access_token"]))
        assert me.status_code == 200 and me.json()["username"] == "admin"

        # refresh rotation: the new pair works, the old refresh token is spent
        rotated = http.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert rotated.status_code == 200
        new = rotated.json()
        assert http.get("/me", headers=bearer(new["access_token"])).status_code == 200

        # reuse of the spent refresh token: 401 and the whole device sign-in is revoked
        reuse = http.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert reuse.status_code == 401 and "already used" in reuse.json()["detail"]
        assert http.get("/me", headers=bearer(new["access_token"])).status_code == 401
        assert (
            http.post("/auth/refresh", json={"refresh_token": new["refresh_token"]}).status_code
            == 401
        )

        # logout
        session = login(http, "admin", ADMIN_PASSWORD).json()
        out = http.post(
            "/auth/logout",
            headers=bearer(session["access_token"]),
            json={"refresh_token": session["refresh_token"]},
        )
        assert out.status_code == 204
        assert http.get("/me", headers=bearer(session["access_token"])).status_code == 401

        # role rules: a technician cannot manage users; an admin can
        tech = login(http, "tom", TECH_PASSWORD).json()
        forbidden = http.get("/users", headers=bearer(tech["access_token"]))
        assert forbidden.status_code == 403
        assert forbidden.json()["detail"].startswith("This needs the role admin")
        created = http.post(
            "/users",
            headers=admin,
            json={
                "username": "olga",
                "display_name": "Olga",
                "role": "operator",
                "password": "operator password",
            },
        )
        assert created.status_code == 201
        assert [u["username"] for u in http.get("/users", headers=admin).json()] == [
            "admin",
            "olga",
            "tom",
        ]

        # rate limiting: five failures for a username, then 429 with Retry-After
        for _ in range(5):
            assert login(http, "tom", "wrong password").status_code == 401
        limited = login(http, "tom", TECH_PASSWORD)
        assert limited.status_code == 429
        assert 0 < int(limited.headers["retry-after"]) <= 15 * 60
        assert "Too many failed sign-in attempts" in limited.json()["detail"]

        # gzip on the wire, bad input answered in JSON
        spec = http.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
        assert spec.headers["content-encoding"] == "gzip" and "paths" in spec.json()
        broken = http.post(
            "/auth/login", content=b'{"username": ', headers={"content-type": "application/json"}
        )
        assert broken.status_code == 400 and "Malformed JSON" in broken.json()["detail"]
        huge = http.post(
            "/auth/login", content=b"x" * 3_000_000, headers={"content-type": "application/json"}
        )
        assert huge.status_code == 413

    listing = cli("list-users", "--database-url", url)
    assert listing.returncode == 0 and "olga" in listing.stdout


@pytest.mark.postgres
def test_two_server_processes_share_one_postgresql(pg_url: str, tmp_path: Path) -> None:
    """Stateless processes: a sign-in made on one is refreshed on the other, and a replay
    of the spent refresh token on the first is still caught."""
    reset_postgres(pg_url)
    migrated = cli("migrate", "--database-url", pg_url)
    assert migrated.returncode == 0, migrated.stderr
    create_user(pg_url, "tom", "technician", TECH_PASSWORD)
    with running_servers(pg_url, [tmp_path / "a.log", tmp_path / "b.log"]) as (a, b):
        tokens = login(a, "tom", TECH_PASSWORD).json()
        assert b.get("/me", headers=bearer(tokens["access_token"])).json()["username"] == "tom"
        rotated = b.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert rotated.status_code == 200
        replay = a.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert replay.status_code == 401
        assert b.get("/me", headers=bearer(rotated.json()["access_token"])).status_code == 401
        # The login limit is shared too: failures on A count on B.
        for server in (a, b, a, b, a):
            assert login(server, "tom", "wrong password").status_code == 401
        assert login(b, "tom", TECH_PASSWORD).status_code == 429
