"""A long job on a worker thread behind a cancellable progress dialog (CSV ticket import and
export, knowledge-base Markdown import and export).

``job(progress, cancelled)`` runs on the worker; ``progress(done, total)`` may be called
from there (it is queued to the GUI thread by signal); Cancel sets a flag the job polls, so
the job decides where it can stop without leaving half a result. ``finished(Call)`` arrives
on the GUI thread with the result or the error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from opexdesk.ui.workers import Call, Worker

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Progress, Cancelled], Any]


class ProgressRun(QObject):
    """Signals: progressed(done, total) from the job; finished(Call) when it ended."""

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, parent: QWidget, title: str, known: str, unknown: str | None = None) -> None:
        """``known`` labels a step with a total ("{0:,} of {1:,} tickets", "File {0} of
        {1}"); ``unknown`` one whose total is not known yet ("{0:,} rows checked"): without
        it the dialog stays busy until a total arrives. Both already translated."""
        super().__init__(parent)
        self._known = known
        self._unknown = unknown
        self._cancel = threading.Event()
        self._worker = Worker(self)
        self.running = False
        self.progress = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)  # quick jobs finish without a flash
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.progress.reset()
        self.progressed.connect(self._show_progress)

    def start(self, job: Job) -> None:
        self._cancel.clear()
        self.running = True
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.setValue(0)
        self._worker.run(lambda: job(self.progressed.emit, self._cancel.is_set), self._done)

    def cancel(self) -> None:
        """Ask the job to stop at its next check (it then leaves nothing half done)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def shutdown(self) -> None:
        self._cancel.set()
        self._worker.shutdown()

    def _show_progress(self, done: int, total: int) -> None:
        if not self.running:  # a report queued before the job ended
            return
        if total > 0:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total))
            self.progress.setLabelText(self._known.format(done, total))
        elif self._unknown is not None:
            self.progress.setLabelText(self._unknown.format(done))

    def _done(self, call: Call) -> None:
        self.running = False
        self.progress.reset()
        self.progress.hide()
        self.finished.emit(call)
