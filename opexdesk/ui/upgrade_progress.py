"""A small window while the local database is upgraded at start-up.

A new version may add an index that every stored ticket goes into (14 s at a million
tickets): without a window the program would seem not to start, and a second click would
start it twice. The upgrade runs on a thread; the window spins the event loop meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

T = TypeVar("T")
POLL_MS = 50


class UpgradeProgress(Generic[T]):
    """``run(open_store)``: call ``open_store`` on a thread with the window shown; its
    result, or its exception raised here. Needs a QApplication."""

    def __init__(self) -> None:
        self.dialog = QProgressDialog()
        self.dialog.setWindowTitle("OpExDesk")
        self.dialog.setLabelText(
            QCoreApplication.translate(
                "UpgradeProgress",
                "Updating the local database for this version of OpExDesk…\n"
                "This happens once; a large database takes a minute.",
            )
        )
        self.dialog.setCancelButton(None)  # stopping half-way would only roll it back
        self.dialog.setRange(0, 0)  # busy: the upgrade does not report steps
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(460)  # room for the Chinese text, which is wider

    def run(self, open_store: Callable[[], T]) -> T:
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                outcome["result"] = open_store()
            except BaseException as exc:  # raised again on the GUI thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="database-upgrade", daemon=True)
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(POLL_MS)
        timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
        self.dialog.show()
        worker.start()
        timer.start()
        loop.exec()
        timer.stop()
        worker.join()
        self.dialog.close()
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["result"]  # type: ignore[return-value]
