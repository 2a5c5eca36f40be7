"""The welcome flow's last page: the first download from the server (or the demo tickets),
with a progress bar; Finish only once it is done, Retry after a failure."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWizardPage

from opexdesk.services.sync.progress import RoundCancelled, SyncProgress
from opexdesk.services.sync.runner import Outcome, RoundResult
from opexdesk.ui.i18n import error_text, message_text
from opexdesk.ui.welcome.pages import DEMO_TICKETS, ERROR_STYLE, message_label
from opexdesk.ui.workers import Call

if TYPE_CHECKING:
    from opexdesk.ui.welcome.welcome_dialog import WelcomeDialog


class DownloadPage(QWizardPage):
    """Page 3: the first download from the server (or the demo tickets), with progress.
    Finish is offered only once it is done; a failure can be retried."""

    _progress = Signal(object)  # SyncProgress or (done, total) from the worker thread

    def __init__(self, wizard: WelcomeDialog) -> None:
        super().__init__()
        self._wizard = wizard
        self._done = False
        self._running = False
        self.cancel = threading.Event()
        self.setFinalPage(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.hide()
        self.retry_button.clicked.connect(self._start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.retry_button)
        layout.addStretch(1)
        self.finish_error = message_label()
        layout.addWidget(self.finish_error)
        self._progress.connect(self._show)
        self.seen: list[tuple[str, int, int]] = []  # what the bar showed (phase, done, total)

    def initializePage(self) -> None:
        demo = self._wizard.connect_page.mode() == "demo"
        self.setTitle(self.tr("Loading demo data") if demo else self.tr("First download"))
        if not self._done:
            self._start()

    def isComplete(self) -> bool:
        return self._done

    def is_running(self) -> bool:
        return self._running

    def _start(self) -> None:
        if self._running:
            return
        self._running = True
        self.retry_button.hide()
        self.bar.setRange(0, 0)
        self.cancel.clear()
        if self._wizard.connect_page.mode() == "demo":
            self.status_label.setText(self.tr("Creating {0} demo tickets…").format(DEMO_TICKETS))
            self._wizard.worker.run(self._seed_demo, self._finished)
        else:
            self.status_label.setText(self.tr("Downloading your team's open tickets…"))
            runner = self._wizard.runner
            runner.reset()
            self._wizard.worker.run(lambda: runner.run_round(self._on_progress), self._finished)

    def _seed_demo(self) -> RoundResult:
        from opexdesk.services.demo import has_tickets, seed_demo

        db = self._wizard.db
        if not has_tickets(db):
            seed_demo(
                db,
                DEMO_TICKETS,
                seed=0,
                now=self._wizard.now(),
                progress=lambda done, total: self._on_progress(SyncProgress("demo", done, total)),
            )
        if self._wizard.after_demo is not None:
            self._wizard.after_demo()
        return RoundResult(Outcome.OK)

    def _on_progress(self, progress: SyncProgress) -> None:
        """On the worker thread, between pages."""
        self._progress.emit(progress)
        if self.cancel.is_set():
            raise RoundCancelled("Stopped: the welcome was cancelled.")

    def _show(self, p: SyncProgress) -> None:
        self.seen.append((p.phase, p.done, p.total))
        if p.total > 0:
            self.bar.setRange(0, p.total)
            self.bar.setValue(min(p.done, p.total))
        names = {
            "download": self.tr("Downloading tickets: {0} of {1}"),
            "download_articles": self.tr("Downloading knowledge-base articles: {0} of {1}"),
            "pull": self.tr("Catching up with recent changes: {0} of {1}"),
            "push": self.tr("Sending changes: {0} of {1}"),
            "demo": self.tr("Creating demo tickets: {0} of {1}"),
        }
        if p.phase in names:
            self.status_label.setText(names[p.phase].format(p.done, p.total or "?"))

    def _finished(self, call: Call) -> None:
        self._running = False
        result: RoundResult | None = call.result if call.error is None else None
        if result is None or result.outcome != Outcome.OK:
            if result is not None and result.message:
                message = message_text(result.template, result.params, result.message)
            else:
                message = error_text(call.error) if call.error is not None else ""
            self.status_label.setText(
                self.tr("The download did not finish: {0}").format(
                    message or self.tr("unknown error")
                )
            )
            self.status_label.setStyleSheet(ERROR_STYLE)
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
            self.retry_button.show()
            return
        self.status_label.setStyleSheet("")
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        if self._wizard.connect_page.mode() == "demo":
            self.status_label.setText(self.tr("Demo data ready. Press Finish to start."))
        else:
            self.status_label.setText(
                self.tr("Downloaded {0} changes. Press Finish to start.").format(result.pulled)
            )
        self._done = True
        self.completeChanged.emit()
