"""Running slow reads off the GUI thread: a small owned thread pool whose results come back
as Qt signals (queued onto the thread the Worker lives in, i.e. the GUI thread)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Task(QRunnable):
    def __init__(self, worker: Worker, token: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker
        self._token = token
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the GUI, never lost silently
            log.exception("background task %d failed", self._token)
            self._worker.failed.emit(self._token, f"{type(exc).__name__}: {exc}")
            return
        self._worker.finished.emit(self._token, result)


class Worker(QObject):
    """Runs callables on its own pool (not Qt's global one, so it can be drained on close).

    Signals:
        finished(token, result): emitted on the Worker's thread when a call returned.
        failed(token, message): emitted when a call raised.

    Callers pass a ``token`` (e.g. a generation counter) and ignore results for old tokens.
    """

    finished = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._closed = False

    def submit(self, token: int, fn: Callable[[], Any]) -> None:
        if self._closed:
            return
        self._pool.start(_Task(self, token, fn))

    def shutdown(self, msecs: int = 10_000) -> None:
        """Drop queued calls and wait for running ones (call before the data source closes)."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(msecs)
