"""Retrains the suggestion model in the background when the retrain policy says so.

A timer asks :func:`retrain_policy.check` a while after start-up and then every few minutes;
the check (one count query) runs on a thread of its own, and the retraining in a child
process it waits for (services/classify/retrain_process.py: training holds the interpreter
lock in stretches the window would feel), one at a time, so the window never waits. The
new model is swapped in by ``ClassifierService.install``. The thread and the child are
daemons: a retraining of a large history (minutes) must not hold up quitting, and stopping
it half-way is safe because the model files are replaced atomically.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from opexdesk.storage.database import Database

if TYPE_CHECKING:  # imported on the thread: the classifier package loads numpy (~0.5 s)
    from opexdesk.services.classify import ClassifierService, TrainReport
    from opexdesk.services.classify.retrain_policy import RetrainPolicy

log = logging.getLogger(__name__)

START_DELAY_MS = 2 * 60_000  # after start-up: the first paint and the first sync go first
CHECK_EVERY_MS = 5 * 60_000  # the check is one indexed count; the policy limits retraining


class ClassifierTrainer(QObject):
    """``retrained(text)`` after a retraining ("Suggestion model retrained on N tickets"),
    ``failed(text)`` when one failed (also logged). ``classifier`` is called on the thread
    (the first call may load the model)."""

    retrained = Signal(str)
    failed = Signal(str)
    _finished = Signal(object, object)  # (report or None, error or None), from the thread

    def __init__(
        self,
        classifier: Callable[[], ClassifierService],
        db: Database,
        parent: QObject | None = None,
        *,
        policy: RetrainPolicy | None = None,
        now: Callable[[], datetime] | None = None,
        start_delay_ms: int = START_DELAY_MS,
        check_every_ms: int = CHECK_EVERY_MS,
    ) -> None:
        super().__init__(parent)
        self._classifier = classifier
        self._db = db
        self._policy = policy  # None: the default RetrainPolicy()
        self._now = now or (lambda: datetime.now(UTC))
        self._finished.connect(self._done)
        self._closed = False
        self._start_delay_ms = start_delay_ms
        self._timer = QTimer(self)
        self._timer.setInterval(check_every_ms)
        self._timer.timeout.connect(self.check_now)
        self._last_attempt: datetime | None = None
        self.running = False
        self.last_report: TrainReport | None = None

    def start(self) -> None:
        QTimer.singleShot(self._start_delay_ms, self, self.check_now)
        self._timer.start()

    def check_now(self) -> None:
        """Ask the policy (and retrain if it says so) on a thread; skipped while one runs."""
        if self.running or self._closed:
            return
        self.running = True
        threading.Thread(target=self._run, name="classifier-retrain", daemon=True).start()

    def shutdown(self) -> None:
        """Stop checking; a retraining in flight is no longer reported."""
        self._closed = True
        self._timer.stop()

    def _run(self) -> None:
        report: TrainReport | None = None
        error: Exception | None = None
        try:
            report = self._check_and_retrain()
        except Exception as exc:  # handed to the GUI thread, never lost silently
            log.exception("classifier retraining failed")
            error = exc
        try:
            self._finished.emit(report, error)
        except RuntimeError:  # the window (and this object) closed during a long retraining
            log.info("classifier retraining finished after the window closed")

    def _check_and_retrain(self) -> TrainReport | None:
        from opexdesk.services.classify.retrain_policy import RetrainPolicy, check
        from opexdesk.services.classify.retrain_process import retrain_in_child

        classifier = self._classifier()
        now = self._now()
        # A failed attempt counts as a run: it is not retried before the interval is over.
        decision = check(
            self._policy or RetrainPolicy(),
            self._db,
            classifier,
            now=now,
            last_attempt=self._last_attempt,
        )
        if not decision.retrain:
            log.debug("classifier not retrained: %s", decision.reason)
            return None
        log.info("retraining the classifier: %s", decision.reason)
        self._last_attempt = now
        return retrain_in_child(classifier, self._db)

    def _done(self, report: TrainReport | None, error: Exception | None) -> None:
        self.running = False
        if self._closed:
            return
        if error is not None:
            message = self.tr("Suggestion model retraining failed: {0}").format(error)
            log.warning("%s", message)
            self.failed.emit(message)
            return
        if report is None:
            return
        self.last_report = report
        log.info(
            "classifier retrained on %d tickets (%d corrections) in %.1f s",
            report.examples,
            report.corrections,
            report.seconds,
        )
        self.retrained.emit(
            self.tr("Suggestion model retrained on {0:,} tickets").format(report.examples)
        )
