"""What happens on an unexpected error: log it, keep the user's edits, tell the user.

``sys.excepthook`` receives errors raised in Qt slots and on the GUI thread;
``threading.excepthook`` those of plain threads (their dialog is shown on the GUI thread).
Each error is logged with its traceback to the app log, the draft keepers are told to save
at once, then a modal dialog names the log file and offers Copy details / Open log folder /
Continue / Quit. An error raised while that dialog is up (or by the dialog itself) is only
logged: the hook never recurses.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opexdesk.logs import LOG_FILE
from opexdesk.ui.i18n import error_text

if TYPE_CHECKING:
    from opexdesk.app import AppContext
    from opexdesk.ui.drafts import DraftKeeper

log = logging.getLogger(__name__)

CONTINUE, QUIT = "continue", "quit"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@dataclass(frozen=True)
class CrashReport:
    """One unexpected error: a one-line summary, the full traceback, where the log is.
    ``shown`` is the summary in the UI's language (the log and the copy keep English)."""

    summary: str
    details: str
    log_path: Path
    thread: str
    shown: str = ""


def report_for(info: ExcInfo, log_path: Path, thread: str) -> CrashReport:
    exc_type, exc, tb = info
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    summary = f"{exc_type.__name__}: {exc}".strip().rstrip(":")
    shown = f"{exc_type.__name__}: {error_text(exc)}".strip().rstrip(":")
    return CrashReport(summary, details, log_path, thread, shown)


class CrashDialog(QDialog):
    """The modal error box. ``choice`` is CONTINUE or QUIT after it closes."""

    def __init__(
        self,
        report: CrashReport,
        parent: QWidget | None = None,
        open_folder: Callable[[Path], object] | None = None,
        drafts_kept: bool = False,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.choice = CONTINUE
        self._open_folder = open_folder or _open_folder
        self.setWindowTitle(self.tr("OpExDesk – unexpected error"))
        kept = self.tr(" Your unsaved edits have been kept.") if drafts_kept else ""
        self.message = QLabel(
            self.tr("OpExDesk hit an unexpected error.{0}\nThe details are in {1}").format(
                kept, report.log_path
            )
        )
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(report.shown or report.summary)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.details = QPlainTextEdit(report.details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.folder_button = QPushButton(self.tr("&Open log folder"))
        self.continue_button = QPushButton(self.tr("C&ontinue"))
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(lambda: self._open_folder(report.log_path.parent))
        self.continue_button.clicked.connect(lambda: self._finish(CONTINUE))
        self.quit_button.clicked.connect(lambda: self._finish(QUIT))
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        self.resize(640, 380)

    def copy_details(self) -> None:
        text = f"{self.report.summary}\n\nLog: {self.report.log_path}\n\n{self.report.details}"
        QGuiApplication.clipboard().setText(text)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def _open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class CrashHandler(QObject):
    """Installs the hooks. ``ask(report) -> CONTINUE | QUIT`` is replaceable (tests answer
    without a modal loop); ``before_dialog`` callbacks (draft keepers) run first."""

    _from_thread = Signal(object)

    def __init__(
        self,
        log_path: Path,
        parent_widget: QWidget | None = None,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.log_path = log_path
        self._parent_widget = parent_widget
        self.ask: Callable[[CrashReport], str] = self._ask_dialog
        self.quit_app = quit_app or (lambda: QCoreApplication.exit(1))
        self.before_dialog: list[Callable[[], object]] = []
        self.reports: list[CrashReport] = []
        self._busy = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._from_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.handle_thread:
            threading.excepthook = self._previous_thread_hook

    # ---- hooks -------------------------------------------------------------------------

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: not a crash
            self._previous_hook(exc_type, exc, tb)
            return
        report = self._record((exc_type, exc, tb), threading.current_thread().name)
        if threading.current_thread() is threading.main_thread():
            self._show(report)
        else:
            self._from_thread.emit(report)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "thread"
        report = self._record((args.exc_type, args.exc_value, args.exc_traceback), name)
        self._from_thread.emit(report)  # queued: the dialog belongs to the GUI thread

    # ---- internals ---------------------------------------------------------------------

    def _record(self, info: ExcInfo, thread: str) -> CrashReport:
        report = report_for(info, self.log_path, thread)
        log.critical("unexpected error in %s", thread, exc_info=info)
        self.reports.append(report)
        return report

    def _keep_drafts(self) -> None:
        for keep in list(self.before_dialog):
            try:
                keep()
            except Exception:  # saving drafts must not hide the original error
                log.exception("saving drafts after an error failed")

    def _show(self, report: CrashReport) -> None:
        if self._busy:  # an error while the dialog is up (or from it): logged only
            log.error("another error while the error dialog is open: %s", report.summary)
            return
        self._busy = True
        try:
            self._keep_drafts()  # on the GUI thread: the editors live there
            choice = self.ask(report)
        except Exception:
            log.exception("the error dialog itself failed")
            choice = CONTINUE
        finally:
            self._busy = False
        if choice == QUIT:
            log.info("quitting after an unexpected error, as asked")
            self.quit_app()

    def _ask_dialog(self, report: CrashReport) -> str:
        dialog = CrashDialog(report, self._parent_widget, drafts_kept=bool(self.before_dialog))
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()


@dataclass
class CrashHandling:
    """The installed hook and the draft keeper of one window."""

    handler: CrashHandler
    drafts: DraftKeeper | None


def install_crash_handling(
    main_window: QWidget, ctx: AppContext, restore_drafts: bool = True
) -> CrashHandling:
    """Log, keep drafts and tell the user on any unexpected error. With a ticket editor
    (``main_window.detail``) its unsaved edits and the New ticket dialog's text are kept in
    ``drafts.json``; with ``restore_drafts`` the last session's drafts are offered once the
    event loop runs (leave it False for ``--smoke``: the question is modal)."""
    from opexdesk.ui.drafts import DRAFTS_FILE, DraftKeeper, ask_box

    handler = CrashHandler(ctx.paths.logs / LOG_FILE, main_window)
    handler.setParent(main_window)
    handler.install()
    main_window.destroyed.connect(lambda *_: handler.uninstall())
    keeper: DraftKeeper | None = None
    pane = getattr(main_window, "detail", None)
    if pane is not None:
        keeper = DraftKeeper(
            ctx.paths.data / DRAFTS_FILE,
            pane,
            lambda ticket_id: ctx.tickets.get(ticket_id).display_number,
            parent=main_window,
        )
        handler.before_dialog.append(keeper.flush)
        keeper.watch_window(main_window)  # closed after its unsaved-changes question
        keeper.start()
        if restore_drafts and keeper.pending:
            found = keeper
            opener = getattr(main_window, "new_ticket", None)
            QTimer.singleShot(
                0, lambda: found.offer_restore(lambda q: ask_box(main_window, q), opener)
            )
    return CrashHandling(handler, keeper)
