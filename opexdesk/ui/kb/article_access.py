"""The article service as the editing parts use it: opened once on a worker (opening the
knowledge base loads numpy and may rebuild the index), with its change notices turned into a
Qt signal delivered on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from opexdesk.services.kb.articles import ArticleChange, ArticleService
from opexdesk.ui.workers import Call, Worker

log = logging.getLogger(__name__)

ServiceProvider = Callable[[], ArticleService]


class ArticleAccess(QObject):
    """Opens the service from ``provider`` on first use and hands it to waiting callers.

    Signals: ``changed(str, str)`` (article id, action) after any committed article change,
    from whichever thread made it; ``failed(str)`` when the knowledge base cannot be opened.
    """

    changed = Signal(str, str)
    failed = Signal(str)

    def __init__(self, provider: ServiceProvider, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._provider = provider
        self._service: ArticleService | None = None
        self._waiting: list[Callable[[ArticleService], None]] = []
        self._unsubscribe: Callable[[], None] | None = None
        self._worker = Worker(self)

    def service(self) -> ArticleService | None:
        """The service once opened, else None (see :meth:`when_ready`)."""
        return self._service

    def when_ready(self, fn: Callable[[ArticleService], None]) -> None:
        """Call ``fn(service)`` now if it is open, else once it is (on the GUI thread)."""
        if self._service is not None:
            fn(self._service)
            return
        self._waiting.append(fn)
        if len(self._waiting) == 1:
            self._worker.run(self._provider, self._opened)

    def _opened(self, call: Call) -> None:
        waiting, self._waiting = self._waiting, []
        if call.error is not None or call.result is None:
            self.failed.emit(
                self.tr("The knowledge base could not be opened: {0}").format(call.error)
            )
            return
        self._service = call.result
        # Emitting from the service's thread; Qt queues it to this object's thread.
        self._unsubscribe = self._service.notifier.subscribe(self._relay)
        for fn in waiting:
            fn(self._service)

    def _relay(self, change: ArticleChange) -> None:
        self.changed.emit(change.article_id, change.action)

    def shutdown(self) -> None:
        self._worker.shutdown()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
