"""One running program per set of local data.

Two windows over one data folder would each run a sync engine and each keep the unsaved-edit
file (``drafts.json``): a window with no drafts removes that file, so the other window's
kept edit would be gone before the crash it was kept for. A second launch therefore hands
over to the first (which shows its window) and exits, like most desktop programs.

The lock is an OS file lock (``filelock``: ``flock`` on POSIX, ``msvcrt.locking`` on
Windows) on a file in the config folder. The OS drops it when the holder exits, crashes or
is killed, so there is no stale lock to time out or clean up by hand. The config folder is
the key because the data folder can be moved in Settings while the config folder cannot.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

LOCK_FILE = "instance.lock"
# How long a later launch waits for a running program that did not answer: it may be
# closing down (quit, then started again at once) or still updating its database.
CLOSING_WAIT_S = 5.0


class InstanceLock:
    """Held by the one running program for ``config_dir`` until :meth:`release` or exit."""

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / LOCK_FILE
        # thread_local=False: the lock belongs to the process, not to the thread that took
        # it. No soft (file-exists) fallback: after a crash it would lock the user out.
        self._lock = FileLock(str(self.path), timeout=0, thread_local=False, fallback_to_soft=False)

    def acquire(self, timeout: float = 0) -> bool:
        """True when this process is now the running program; False when another one still
        is after ``timeout`` seconds.

        Where no lock can be taken at all (a read-only config folder, a file system without
        locks) the program still starts, unguarded, and the log says why."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=timeout, poll_interval=0.1)
        except Timeout:
            return False
        except OSError as exc:
            log.warning(
                "no instance lock at %s (%s); a second launch is not detected", self.path, exc
            )
            return True
        return True

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)


def instance_channel(config_dir: Path) -> str:
    """The name the running program listens on for later launches: the same for the same
    config folder and OS user, short enough for a socket path on every platform."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (containers)
        user = ""
    key = f"{config_dir.resolve()}\0{user}".encode()
    return "opexdesk.instance." + hashlib.sha256(key).hexdigest()[:20]
