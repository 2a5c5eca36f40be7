"""Launching ``opexdesk`` twice over the same data: the second launch hands over to the first
and leaves the data alone (real processes, offscreen)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from opexdesk.paths import AppPaths
from opexdesk.services.app_settings import AppSettingsStore
from opexdesk.services.instance_lock import CLOSING_WAIT_S

OPEXDESK = Path(sys.executable).with_name("opexdesk")
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
LISTENING = "listening for later launches"


def launch(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(OPEXDESK), *args], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def log_text(base: Path) -> str:
    path = base / "logs" / "opexdesk.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for_log(base: Path, text: str, count: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while log_text(base).count(text) < count:
        if proc.poll() is not None:
            pytest.fail(f"opexdesk exited with {proc.returncode}: {proc.communicate()[1]}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {text!r} in the log:\n{log_text(base)[-3000:]}")
        time.sleep(0.1)


@pytest.fixture
def base(tmp_path: Path) -> Iterator[Path]:
    if not OPEXDESK.exists():
        pytest.fail(f"{OPEXDESK} is missing: install the package (pip install -e .)")
    AppSettingsStore.for_paths(AppPaths.under(tmp_path)).update(welcome_done=True)
    yield tmp_path


def stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=30)


def test_second_launch_shows_the_first_and_exits(base: Path) -> None:
    first = launch("--basedir", str(base))
    try:
        wait_for_log(base, LISTENING, 1, first)
        second = run_opexdesk(base)
        assert second.returncode == 0, second.stderr
        wait_for_log(base, "another launch asked for the window", 1, first)
        assert "handed over to the running program" in log_text(base)
        assert first.poll() is None, "the first program keeps running"

        # Killed outright: its lock goes with it, and its socket is taken over by the next.
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        first = launch("--basedir", str(base))
        wait_for_log(base, LISTENING, 2, first)
        again = run_opexdesk(base)
        assert again.returncode == 0, again.stderr
        wait_for_log(base, "another launch asked for the window", 2, first)
    finally:
        stop(first)


HOLD = (
    "import sys, time; from pathlib import Path; "
    "from opexdesk.services.instance_lock import InstanceLock; "
    "lock = InstanceLock(Path(sys.argv[1])); print(lock.acquire(), flush=True); "
    "time.sleep(float(sys.argv[2]))"
)


def hold_lock(base: Path, seconds: float) -> subprocess.Popen[str]:
    """A process holding the instance lock without listening (like a program still
    updating its database, or closing down)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(base / "config"), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
    return holder


def run_opexdesk(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(OPEXDESK), "--basedir", str(base), *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_a_running_program_that_does_not_answer_is_reported(base: Path) -> None:
    """The lock stays held and nobody listens: after waiting a little, the second launch
    says so and creates nothing."""
    holder = hold_lock(base, 120)
    try:
        started = time.monotonic()
        result = run_opexdesk(base, "--demo", "20")
        assert result.returncode == 1
        assert time.monotonic() - started >= CLOSING_WAIT_S
        assert "already running" in result.stderr and "did not answer" in result.stderr
        assert str(base / "data") in result.stderr
        assert not (base / "data" / "opexdesk.sqlite3").exists(), "nothing opened or seeded"

        smoke = run_opexdesk(base, "--smoke")
        assert smoke.returncode == 1
        assert "already running" in smoke.stderr
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_a_program_closing_down_is_waited_for(base: Path) -> None:
    """Quit and started again at once: the first still holds the lock for a moment."""
    holder = hold_lock(base, 1.5)
    try:
        result = run_opexdesk(base, "--smoke", "--demo", "5")
        assert result.returncode == 0, result.stderr
        assert "smoke ok" in log_text(base)
        assert (base / "data" / "opexdesk.sqlite3").exists()
    finally:
        holder.kill()
        holder.wait(timeout=30)
