"""Running reads off the GUI thread: a small owned thread pool whose results come back on
the GUI thread through a queued Qt signal.

A caller may also wait a short budget for the result ("synchronous when fast, asynchronous
when slow"): a page read that takes 5 ms is shown at once without a flash of empty rows,
while one that takes seconds (a deep OFFSET, an unindexed sort, a rare LIKE match) never
freezes the window.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Call:
    """One background call: ``result`` or ``error`` once ``done`` is set.

    ``skipped`` is True when ``wanted()`` said no just before the call would have run (the
    caller no longer needs it, e.g. the user scrolled on)."""

    def __init__(self, fn: Callable[[], Any], wanted: Callable[[], bool] | None = None) -> None:
        self._fn = fn
        self._wanted = wanted
        self.done = threading.Event()
        self.result: Any = None
        self.error: Exception | None = None
        self.skipped = False

    def run(self) -> None:
        try:
            if self._wanted is not None and not self._wanted():
                self.skipped = True
            else:
                self.result = self._fn()
        except Exception as exc:  # handed to the GUI thread, never lost silently
            log.exception("background call failed")
            self.error = exc
        finally:
            self.done.set()


class _Task(QRunnable):
    def __init__(self, worker: Worker, token: int, call: Call) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker
        self._token = token
        self._call = call

    def run(self) -> None:
        self._call.run()
        try:
            self._worker._finished.emit(self._token)
        except RuntimeError:
            # The worker's Qt object was deleted with its parent widget while the call ran
            # (a panel closed without shutdown()): nobody is left to want the result.
            log.debug("background call finished after its worker was deleted")


Callback = Callable[[Call], None]


class Worker(QObject):
    """Runs callables on its own pool (not Qt's global one, so it can be drained on close)."""

    _finished = Signal(int)  # emitted from pool threads; queued to this object's thread

    def __init__(self, parent: QObject | None = None, max_threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._tokens = itertools.count(1)
        self._waiting: dict[int, tuple[Call, Callback]] = {}
        self._closed = False
        self._finished.connect(self._deliver)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callback,
        wait_s: float = 0.0,
        wanted: Callable[[], bool] | None = None,
    ) -> Call | None:
        """Start ``fn`` on the pool.

        Returns the finished Call if it completed within ``wait_s`` (``on_done`` is then
        NOT called: the caller handles the result inline). Otherwise returns None and
        ``on_done(call)`` runs later on this object's thread, unless :meth:`forget_all`
        or :meth:`shutdown` came first.
        """
        if self._closed:
            return None
        token = next(self._tokens)
        call = Call(fn, wanted)
        self._waiting[token] = (call, on_done)
        self._pool.start(_Task(self, token, call))
        if wait_s > 0 and call.done.wait(wait_s):
            del self._waiting[token]
            return call
        return None

    def forget_all(self) -> None:
        """Results of calls already started are dropped when they arrive."""
        self._waiting.clear()

    def shutdown(self, msecs: int = 10_000) -> None:
        """Drop queued calls and wait for running ones (call before the data source closes)."""
        self._closed = True
        self._waiting.clear()
        self._pool.clear()
        self._pool.waitForDone(msecs)

    def _deliver(self, token: int) -> None:
        entry = self._waiting.pop(token, None)
        if entry is not None:
            call, on_done = entry
            on_done(call)
