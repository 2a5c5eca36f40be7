"""Writers of one server process take turns in arrival order (SQLite only).

SQLite has one writer at a time. Without this queue, every request thread waiting to
write sits in SQLite's busy handler, which sleeps and retries (1, 2, 5 ... 100 ms): a
thread that just missed the lock can be overtaken again and again while the database idles
between sleeps. With 50 clients pushing at once (bench/sync_throughput.py) that gave a p99
of 3.0 s and a maximum of 5.4 s against a p50 of 0.45 s. Here waiting threads queue in
arrival order and each is woken the moment the previous writer is done; SQLite's busy
timeout still arbitrates between separate server processes on one file.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


class WriteQueue:
    """A first-come, first-served lock; re-entrant for the thread holding it (a nested
    write waits in SQLite, as it did before, instead of deadlocking here)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._owner: int | None = None
        self._depth = 0

    @contextmanager
    def turn(self) -> Iterator[None]:
        self._acquire()
        try:
            yield
        finally:
            self._release()

    def _acquire(self) -> None:
        me = threading.get_ident()
        with self._guard:
            if self._owner == me:
                self._depth += 1
                return
            if self._owner is None and not self._waiting:
                self._owner, self._depth = me, 1
                return
            ready = threading.Event()
            self._waiting.append(ready)
        ready.wait()  # the releasing thread made us the owner
        with self._guard:
            self._owner, self._depth = me, 1

    def _release(self) -> None:
        with self._guard:
            self._depth -= 1
            if self._depth:
                return
            if self._waiting:
                self._owner = -1  # handed over: nobody may barge in before the next wakes
                self._waiting.popleft().set()
            else:
                self._owner = None
