"""Helpers for tests that run the installed ``opexdesk-server`` as a real process on
127.0.0.1 (imported by test modules; tests/ is on sys.path through its conftest.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(
    proc: subprocess.Popen[bytes] | None, url: str, log: Path | None = None, **kw: object
) -> None:
    """Wait until ``url`` answers (any status); fail with the server log if ``proc`` (when
    there is one) dies first."""
    deadline = time.monotonic() + 30
    while True:
        if proc is not None and proc.poll() is not None:
            text = log.read_text() if log is not None else ""
            pytest.fail(f"process exited with {proc.returncode}:\n{text}")
        try:
            httpx.get(url, timeout=1, **kw)  # type: ignore[arg-type]
            return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"no answer within 30 s:\n{log.read_text() if log else ''}")
        time.sleep(0.05)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (a clean shutdown), then kill after 15 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


SERVER = Path(sys.executable).with_name("opexdesk-server")
# The tests choose the server's settings; none may leak in from the developer's shell.
SERVER_ENV = {k: v for k, v in os.environ.items() if not k.startswith("OPEXDESK_SERVER_")}


def create_users(db_url: str, users: Mapping[str, str], role: str = "technician") -> None:
    """``opexdesk-server create-user`` for each name -> password (a process and argon2
    each: seconds on 2 cores, so tests keep the list short)."""
    for name, password in users.items():
        result = subprocess.run(
            [str(SERVER), "create-user", name, "--role", role, "--password-stdin"]
            + ["--database-url", db_url],
            input=password + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            env=SERVER_ENV,
        )
        assert result.returncode == 0, result.stderr


def server_admin(tmp: Path, *args: str) -> str:
    """Run ``opexdesk-server ARGS`` on the database of the server ``start_server`` made in
    ``tmp`` (e.g. ``grant tom edit-articles`` while it serves): its standard output."""
    db_url = f"sqlite:///{tmp / 'server.sqlite3'}"
    result = subprocess.run(
        [str(SERVER), *args, "--database-url", db_url],
        capture_output=True,
        text=True,
        timeout=60,
        env=SERVER_ENV,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def start_server(
    tmp: Path,
    users: Mapping[str, str],
    *serve_args: str,
    roles: Mapping[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], str, Path]:
    """A real ``opexdesk-server serve`` on a new SQLite file in ``tmp`` with ``users``
    (technicians unless ``roles`` names another role), on a free port of 127.0.0.1,
    answering: (process, base URL, log). The caller stops it."""
    if not SERVER.exists():
        pytest.fail(f"{SERVER} is missing: install the package (pip install -e .)")
    db_url = f"sqlite:///{tmp / 'server.sqlite3'}"
    roles = roles or {}
    for role in sorted({roles.get(name, "technician") for name in users}):
        create_users(
            db_url, {n: p for n, p in users.items() if roles.get(n, "technician") == role}, role
        )
    port = free_port()
    log = tmp / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(SERVER), "serve", "--port", str(port), "--database-url", db_url, *serve_args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=SERVER_ENV,
        )
    tls = "--ssl-certfile" in serve_args
    base = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    try:
        wait_http(proc, f"{base}/api/v1/health", log, verify=not tls)
    except BaseException:
        stop(proc)
        raise
    return proc, base, log


@contextmanager
def serving(
    tmp: Path,
    users: Mapping[str, str],
    *serve_args: str,
    roles: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """``start_server`` for a ``with`` block: yields the base URL (https when
    ``serve_args`` hold a certificate); stopped on exit, and a traceback in its log fails
    the test."""
    proc, base, log = start_server(tmp, users, *serve_args, roles=roles)
    try:
        yield base
    finally:
        stop(proc)
    assert "Traceback" not in log.read_text(), log.read_text()
