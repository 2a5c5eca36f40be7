"""Debounced background queries of which only the newest answer is ever shown.

Each new request makes every earlier one stale at once: a slow older search that finishes
after a newer one (or while the user is still typing) is dropped, and a request still queued
on the pool when it went stale is skipped without running."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from opexdesk.ui.workers import Call, Worker


class LatestQuery(QObject):
    """Signals: ``answered(object)`` with the newest result, ``failed(str)``."""

    answered = Signal(object)
    failed = Signal(str)

    def __init__(self, delay_ms: int, parent: QObject | None = None, max_threads: int = 1) -> None:
        super().__init__(parent)
        self._worker = Worker(self, max_threads=max_threads)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._generation = 0
        self._running = 0
        self._pending: Callable[[], Any] | None = None
        self.dropped = 0  # stale answers thrown away (shown in tests, useful in a debugger)

    def schedule(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` after the debounce delay; earlier requests are stale from now on."""
        self._generation += 1
        self._pending = fn
        self._timer.start()

    def run_now(self, fn: Callable[[], Any]) -> None:
        """Like :meth:`schedule` without the delay (a filter picked, a ticket opened)."""
        self._generation += 1
        self._pending = fn
        self._timer.stop()
        self._start()

    def prepare(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the worker now, its result unused: loading what the first query
        needs while the user starts typing (the query then waits for it, not for more)."""
        self._worker.run(fn, lambda _call: None)

    def cancel(self) -> None:
        """Nothing in flight or scheduled will be delivered."""
        self._generation += 1
        self._pending = None
        self._timer.stop()

    def busy(self) -> bool:
        """True while a request is scheduled or its answer has not arrived."""
        return self._timer.isActive() or self._running > 0

    def shutdown(self) -> None:
        """Drop everything and wait for a running call (before the source is closed)."""
        self.cancel()
        self._worker.shutdown()

    def _start(self) -> None:
        fn, self._pending = self._pending, None
        if fn is None:
            return
        generation = self._generation
        self._running += 1
        self._worker.run(
            fn,
            partial(self._done, generation),
            wanted=lambda: generation == self._generation,  # skip if already stale
        )

    def _done(self, generation: int, call: Call) -> None:
        self._running -= 1
        if generation != self._generation or call.skipped:
            self.dropped += 1
            return
        if call.error is not None:
            self.failed.emit(str(call.error) or type(call.error).__name__)
        else:
            self.answered.emit(call.result)
