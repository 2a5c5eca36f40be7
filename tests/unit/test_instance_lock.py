"""The instance lock: one running program per config folder, released by the OS on exit."""

import logging
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from opexdesk.services.instance_lock import InstanceLock, instance_channel

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from opexdesk.services.instance_lock import InstanceLock
    lock = InstanceLock(Path(sys.argv[1]))
    print("held" if lock.acquire() else "refused", flush=True)
    time.sleep(120)
    """
)


def hold_in_child(config: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(config)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


def test_second_lock_on_the_same_folder_is_refused_until_released(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path / "config"), InstanceLock(tmp_path / "config")
    assert first.acquire()
    assert first.held
    assert not second.acquire()
    assert not second.held
    first.release()
    assert second.acquire()
    second.release()


def test_other_folders_do_not_block_each_other(tmp_path: Path) -> None:
    a, b = InstanceLock(tmp_path / "a"), InstanceLock(tmp_path / "b")
    assert a.acquire() and b.acquire()
    a.release()
    b.release()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    config = tmp_path / "config"
    child = hold_in_child(config)
    try:
        assert not InstanceLock(config).acquire()
        os.kill(child.pid, signal.SIGKILL)  # no clean-up code runs in the holder
        child.wait(timeout=30)
        lock = InstanceLock(config)
        assert lock.acquire(), "the OS drops a dead process's lock"
        lock.release()
    finally:
        child.kill()
        child.wait(timeout=30)


def test_no_lockable_folder_starts_unguarded_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        assert InstanceLock(blocker / "config").acquire()
    assert "second launch is not detected" in caplog.text


def test_channel_names_are_stable_distinct_and_short(tmp_path: Path) -> None:
    a = instance_channel(tmp_path / "a")
    assert a == instance_channel(tmp_path / "a" / ".." / "a")
    assert a != instance_channel(tmp_path / "b")
    # local socket paths are limited to about 100 bytes with the temp folder in front
    assert len(a) <= 40 and a.isascii()


def test_a_later_launch_can_wait_for_the_holder_to_finish(tmp_path: Path) -> None:
    config = tmp_path / "config"
    child = hold_in_child(config)
    try:
        lock = InstanceLock(config)
        assert not lock.acquire(timeout=0.3)  # still held after the wait
        child.terminate()  # the holder closes down meanwhile
        assert lock.acquire(timeout=30)
        lock.release()
    finally:
        child.kill()
        child.wait(timeout=30)
