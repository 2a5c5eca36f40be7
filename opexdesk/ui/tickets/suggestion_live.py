"""Suggestions for a ticket while it is typed: debounced, computed on a worker, stale results
dropped. The first suggestion loads the model (numpy and the shipped weights), so it never
runs on the GUI thread; typing only restarts a timer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from opexdesk.ui.i18n import error_text
from opexdesk.ui.triage.panels import SuggestionSource
from opexdesk.ui.workers import Call, Worker

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200  # a pause in typing; one suggestion per pause, not per keystroke


class LearningSource(SuggestionSource, Protocol):
    """A suggestion source that also learns (``LazySuggester``, ``ClassifierService``)."""

    def record_correction(
        self, title: str | None, description: str | None, field: str, label: str | int
    ) -> None: ...


class LiveSuggestions(QObject):
    """Call :meth:`text_changed` on every edit; ``ready`` brings the suggestion for the text
    as it is now, ``failed`` the reason it could not be made, ``emptied`` says there is no
    text to suggest from. ``text()`` returns (title, description) when asked."""

    ready = Signal(object)  # the source's suggestion (TicketSuggestion)
    failed = Signal(str)
    emptied = Signal()

    def __init__(
        self,
        source: LearningSource,
        text: Callable[[], tuple[str, str]],
        parent: QObject | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._text = text
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        self._worker = Worker(self, max_threads=1)
        # The source is not thread-safe: a correction (GUI thread) waits for a suggestion
        # in flight (worker) to finish, a few milliseconds.
        self._lock = threading.Lock()
        self._generation = 0  # bumped per edit: older results are dropped
        self.busy = False  # a suggestion is being computed or waits for the timer

    def text_changed(self) -> None:
        self._generation += 1
        self.busy = True
        self._timer.start()

    def record(self, title: str, description: str, field: str, label: str | int) -> None:
        """Tell the source the operator chose ``label`` (on the GUI thread: the dialog is
        closing and the call is short; it must not be dropped with the dialog's worker)."""
        with self._lock:
            self._source.record_correction(title, description, field, label)

    def shutdown(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._worker.shutdown()

    def _start(self) -> None:
        generation = self._generation
        title, description = self._text()
        if not (title.strip() or description.strip()):
            self.busy = False
            self.emptied.emit()
            return
        self._worker.run(
            partial(self._suggest, title, description),
            partial(self._done, generation),
            wanted=lambda: generation == self._generation,  # skip if typed on meanwhile
        )

    def _suggest(self, title: str, description: str) -> object:
        with self._lock:
            return self._source.suggest(title, description)

    def _done(self, generation: int, call: Call) -> None:
        if generation != self._generation or call.skipped:
            return  # made for older text; the newer one is on its way
        self.busy = False
        if call.error is not None:
            self.failed.emit(error_text(call.error) or type(call.error).__name__)
        else:
            self.ready.emit(call.result)
