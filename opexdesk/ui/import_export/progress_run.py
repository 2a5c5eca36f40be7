"""A long job on a worker thread behind a cancellable progress dialog.

``job(progress, cancelled)`` runs on the worker; ``progress(done, total)`` may be called
from there (it is queued to the GUI thread by signal); Cancel sets a flag the job polls.
``finished(Call)`` arrives on the GUI thread with the result or the error.
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
    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, parent: QWidget, title: str, known: str, unknown: str) -> None:
        super().__init__(parent)
        self._known = known  # "{0:,} of {1:,} tickets written"
        self._unknown = unknown  # "{0:,} rows checked" (total not known yet)
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
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def shutdown(self) -> None:
        self._cancel.set()
        self._worker.shutdown()

    def _show_progress(self, done: int, total: int) -> None:
        if not self.running:
            return
        if total > 0:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total))
            self.progress.setLabelText(self._known.format(done, total))
        else:
            self.progress.setLabelText(self._unknown.format(done))

    def _done(self, call: Call) -> None:
        self.running = False
        self.progress.reset()
        self.progress.hide()
        self.finished.emit(call)
