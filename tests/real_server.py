"""Helpers for tests that run the installed ``opexdesk-server`` as a real process on
127.0.0.1 (imported by test modules; tests/ is on sys.path through its conftest.py)."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(proc: subprocess.Popen[bytes], url: str, log: Path, **kw: object) -> None:
    """Wait until ``url`` answers (any status); fail with the server log if it dies first."""
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            pytest.fail(f"process exited with {proc.returncode}:\n{log.read_text()}")
        try:
            httpx.get(url, timeout=1, **kw)  # type: ignore[arg-type]
            return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"no answer within 30 s:\n{log.read_text()}")
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
