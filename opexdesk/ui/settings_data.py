"""The Data page of the settings: where the local data lives, moving it, resetting it.

The move runs on a worker with a progress bar; the reset asks once when everything is synced
and twice (the second time the word RESET must be typed) when local changes would be lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.app_settings import AppSettingsStore
from opexdesk.services.local_data import (
    MoveProgress,
    check_move_target,
    move_data,
    request_reset,
)
from opexdesk.ui.i18n import shown_text
from opexdesk.ui.workers import Call, Worker

RESET_WORD = "RESET"
ERROR_STYLE = "color: #c62828;"


def wrappable(text: str) -> str:
    """Let a label wrap long paths after each separator (a zero-width space)."""
    return text.replace("/", "/\u200b").replace("\\", "\\\u200b")


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.warning(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_typed(parent: QWidget, title: str, text: str) -> str | None:
    value, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Normal)
    return value if ok else None


def choose_folder(parent: QWidget, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, parent.tr("New data folder"), start)


class DataPage(QWidget):
    """Signals: moved(str) the new folder after a verified copy; reset_requested()."""

    moved = Signal(str)
    reset_requested = Signal()
    _progress = Signal(object)  # MoveProgress from the worker thread

    def __init__(
        self,
        store: AppSettingsStore,
        data_dir: Path,
        pending_count: Callable[[], int],
        worker: Worker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._data_dir = data_dir
        self._pending_count = pending_count
        self._worker = worker
        self._busy = False
        # Replaceable in tests: the questions asked with modal boxes.
        self.ask_yes_no: Callable[[QWidget, str, str], bool] = ask_yes_no
        self.ask_typed: Callable[[QWidget, str, str], str | None] = ask_typed
        self.choose_folder: Callable[[QWidget, str], str] = choose_folder

        location = QGroupBox(self.tr("Data location"))
        self.location_label = QLabel(wrappable(str(data_dir)))
        self.location_label.setWordWrap(True)
        self.location_label.setTextInteractionFlags(
            self.location_label.textInteractionFlags().TextSelectableByMouse
        )
        self.move_button = QPushButton(self.tr("&Move…"))
        self.move_button.clicked.connect(self.choose_and_move)
        self.progress = QProgressBar()
        self.progress.hide()
        self.move_message = QLabel()
        self.move_message.setWordWrap(True)
        self.move_message.hide()
        row = QHBoxLayout()
        row.addWidget(self.location_label, 1)
        row.addWidget(self.move_button)
        box = QVBoxLayout(location)
        box.addLayout(row)
        box.addWidget(self.progress)
        box.addWidget(self.move_message)
        pending = store.load().pending_data_removal
        if pending:
            self._lock_move()
            self._say(
                self.tr("Moved from {0}: the switch happens at the next start.").format(pending)
            )

        reset = QGroupBox(self.tr("Reset"))
        self.reset_button = QPushButton(self.tr("R&eset local data…"))
        self.reset_button.clicked.connect(self.reset_local_data)
        self.reset_message = QLabel()
        self.reset_message.setWordWrap(True)
        self.reset_message.hide()
        reset_box = QVBoxLayout(reset)
        note = QLabel(
            self.tr(
                "Erases the tickets, attachments and indexes on this computer at the next "
                "start. Synced work is downloaded again after signing in."
            )
        )
        note.setWordWrap(True)
        reset_box.addWidget(note)
        reset_box.addWidget(self.reset_button)
        reset_box.addWidget(self.reset_message)

        layout = QVBoxLayout(self)
        layout.addWidget(location)
        layout.addWidget(reset)
        layout.addStretch(1)
        self._progress.connect(self._show_progress)

    # ---- move ----------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._busy

    def choose_and_move(self) -> None:
        folder = self.choose_folder(self, str(self._data_dir.parent))
        if folder:
            self.move_to(Path(folder))

    def move_to(self, target: Path) -> bool:
        """Start the copy to ``target`` on the worker; False (with the reason shown) when
        the folder cannot take the data."""
        if self._busy:
            return False
        problem = check_move_target(self._data_dir, target)
        if problem is not None:
            self._say(shown_text(problem), error=True)
            return False
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        store, source = self._store, self._data_dir
        emit = self._progress.emit
        self._worker.run(lambda: move_data(store, source, target, emit), self._moved)
        return True

    def _show_progress(self, p: MoveProgress) -> None:
        if p.total_bytes > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * p.done_bytes / p.total_bytes))
            self.progress.setFormat(self.tr("%p% — {0}").format(p.current) if p.current else "%p%")

    def _moved(self, call: Call) -> None:
        self._set_busy(False)
        self.progress.hide()
        if call.error is not None:
            self._say(shown_text(call.error), error=True)
            return
        target = call.result.data_dir
        self.location_label.setText(
            wrappable(self.tr("{0}\nFrom the next start: {1}").format(self._data_dir, target))
        )
        self._say(
            self.tr(
                "Copied and verified. OpExDesk switches to the new folder at the next start, "
                "copies what changed until then, and removes the old folder."
            )
        )
        self._lock_move()
        self.moved.emit(target)

    def _say(self, text: str, error: bool = False) -> None:
        self.move_message.setText(wrappable(text))
        self.move_message.setStyleSheet(ERROR_STYLE if error else "")
        self.move_message.show()

    def _lock_move(self) -> None:
        """One move per run: the next start finishes it before another can begin."""
        self.move_button.setEnabled(False)
        self.move_button.setToolTip(self.tr("Restart OpExDesk to finish the move first."))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.move_button.setEnabled(not busy)
        self.reset_button.setEnabled(not busy)

    # ---- reset ---------------------------------------------------------------------------

    def reset_local_data(self) -> bool:
        """Ask (twice when unsynced changes would be lost); True when the reset is set for
        the next start."""
        title = self.tr("Reset local data")
        pending = self._pending_count()
        if pending == 0:
            if not self.ask_yes_no(
                self,
                title,
                self.tr("Erase the local data at the next start? Everything is synced."),
            ):
                return False
        else:
            first = self.tr(
                "{0} local changes have not reached the server. Resetting erases them for "
                "good. Reset anyway?"
            ).format(pending)
            if not self.ask_yes_no(self, title, first):
                self._reset_note(self.tr("Not reset: nothing was changed."))
                return False
            typed = self.ask_typed(
                self,
                title,
                self.tr("To erase {0} unsynced changes, type {1}:").format(pending, RESET_WORD),
            )
            if (typed or "").strip() != RESET_WORD:
                self._reset_note(
                    self.tr("Not reset: {0} was not typed. Nothing was changed.").format(
                        RESET_WORD
                    ),
                    error=True,
                )
                return False
        try:
            request_reset(self._store)
        except Exception as exc:  # SettingsError (newer file), OSError
            self._reset_note(shown_text(exc), error=True)
            return False
        self._reset_note(
            self.tr("The local data will be erased when OpExDesk next starts. Quit to do it now.")
        )
        self.reset_requested.emit()
        return True

    def _reset_note(self, text: str, error: bool = False) -> None:
        self.reset_message.setText(wrappable(text))
        self.reset_message.setStyleSheet(ERROR_STYLE if error else "")
        self.reset_message.show()
