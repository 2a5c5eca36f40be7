"""Markdown export and import of knowledge-base articles, run on a worker with a progress
dialog (one step per file) and Cancel.

Export writes into a hidden staging folder inside the chosen folder and moves the files in
only when every file is written, so a cancelled or failed export leaves the folder as it
was. Import is all or nothing (``import_markdown``): a refused import lists every problem
(file, line, reason) and says that nothing was imported; a cancelled one writes nothing."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.article import ArticleImportError, ArticleStatus, ImportProblem, Reason
from opexdesk.domain.errors import DomainError
from opexdesk.services.kb.articles import ArticleService, ImportOutcome
from opexdesk.services.kb.markdown_io import export_articles, import_markdown
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import error_text, message_text
from opexdesk.ui.progress_run import Cancelled, Progress, ProgressRun
from opexdesk.ui.workers import Call

log = logging.getLogger(__name__)

STAGING_PREFIX = ".opexdesk-export-"
ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #2e7d32;"


def problem_text(problem: ImportProblem) -> str:
    """The reason of ``problem`` in the UI's language (``problem.message`` is English); a
    refusal quoted inside it (a Reason) is shown in that language too."""
    params = {name: _quoted(value) for name, value in problem.params.items()}
    return message_text(problem.template, params, problem.message)


def _quoted(value: object) -> object:
    if isinstance(value, Reason):
        return message_text(value.template, value.params, str(value))
    return value


def failure_text(error: BaseException) -> str:
    """An unexpected failure as the user sees it: a known error's own message, else its repr
    (a programming error: the type says more than the text)."""
    if isinstance(error, DomainError | StorageError | OSError):
        return error_text(error)
    return repr(error)


# ---- export ------------------------------------------------------------------------------


def published_ids(service: ArticleService, page: int = 500) -> list[str]:
    ids: list[str] = []
    while True:
        part = service.list_articles(ArticleStatus.PUBLISHED, limit=page, offset=len(ids))
        ids.extend(a.id for a in part)
        if len(part) < page:
            return ids


def export_staged(
    service: ArticleService,
    folder: Path,
    article_ids: list[str] | None,
    progress: Progress,
    cancelled: Cancelled,
) -> list[Path] | None:
    """Export into a staging folder inside ``folder``, then move the files in; None (and
    nothing in ``folder`` changed) when cancelled or failed."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    try:
        outcome = export_articles(service, staging, article_ids, progress, cancelled)
        if outcome.cancelled or cancelled():
            return None
        moved = []
        for path in outcome.files:
            target = folder / path.name
            os.replace(path, target)
            moved.append(target)
        return moved
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class ExportDialog(QDialog):
    """Export all, the published, or the selected articles as Markdown files."""

    completed = Signal()

    def __init__(self, service: ArticleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._selected: list[str] = []
        self.written: list[Path] | None = None
        # Replaceable so tests need no native file dialog.
        self.choose_folder: Callable[[QWidget], str] = lambda parent: (
            QFileDialog.getExistingDirectory(parent, parent.tr("Export to folder"))
        )
        self.setWindowTitle(self.tr("Export articles as Markdown"))
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("Folder to write the .md files into"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self._browse)
        self.all_radio = QRadioButton(self.tr("&All articles"))
        self.published_radio = QRadioButton(self.tr("&Published articles"))
        self.selected_radio = QRadioButton()
        self.scope = QButtonGroup(self)
        for button in (self.all_radio, self.published_radio, self.selected_radio):
            self.scope.addButton(button)
        self.all_radio.setChecked(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.export_button = QPushButton(self.tr("E&xport"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.run = ProgressRun(self, self.tr("Exporting articles"), self.tr("File {0} of {1}"))
        self.run.finished.connect(self._finished)

        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder_edit)
        layout.addWidget(folder_label)
        layout.addLayout(folder)
        for button in (self.all_radio, self.published_radio, self.selected_radio):
            layout.addWidget(button)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.resize(560, 260)
        self.set_selected([])

    def set_selected(self, article_ids: list[str]) -> None:
        self._selected = list(article_ids)
        count = len(self._selected)
        self.selected_radio.setText(self.tr("&Selected in the list ({0})").format(count))
        self.selected_radio.setEnabled(count > 0)
        if count:
            self.selected_radio.setChecked(True)
        elif self.selected_radio.isChecked():
            self.all_radio.setChecked(True)

    def start(self) -> bool:
        if self.run.running:
            return False
        text = self.folder_edit.text().strip()
        if not text:
            self._result(self.tr("Choose a folder to export into."), ok=False)
            self.folder_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        folder = Path(text).expanduser()
        if folder.exists() and not folder.is_dir():
            self._result(self.tr("{0} is a file, not a folder.").format(folder), ok=False)
            return False
        service = self._service
        selected = list(self._selected) if self.selected_radio.isChecked() else None
        published = self.published_radio.isChecked()

        def job(progress: Progress, cancelled: Cancelled) -> list[Path] | None:
            ids = published_ids(service) if published else selected
            return export_staged(service, folder, ids, progress, cancelled)

        self.written = None
        self.result_label.clear()
        self.export_button.setEnabled(False)
        self.run.start(job)
        return True

    def cancel(self) -> None:
        self.run.cancel()

    def is_running(self) -> bool:
        return self.run.running

    def shutdown(self) -> None:
        self.run.shutdown()

    def _browse(self) -> None:
        chosen = self.choose_folder(self)
        if chosen:
            self.folder_edit.setText(chosen)

    def _finished(self, call: Call) -> None:
        self.export_button.setEnabled(True)
        if call.error is not None:
            self._result(
                self.tr("The export failed; nothing was written: {0}").format(
                    error_text(call.error)
                ),
                ok=False,
            )
        elif call.result is None:
            self._result(self.tr("Export cancelled; nothing was written."), ok=False)
        else:
            self.written = list(call.result)
            count = len(self.written)
            self._result(
                self.tr("Exported {0} article(s) to {1}.").format(count, self.folder_edit.text()),
                ok=True,
            )
        self.completed.emit()

    def _result(self, text: str, ok: bool) -> None:
        self.result_label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result_label.setText(text)


# ---- import ------------------------------------------------------------------------------


class ImportDialog(QDialog):
    """Import Markdown files (chosen files or a folder's *.md): all or nothing."""

    completed = Signal()

    def __init__(self, service: ArticleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._sources: list[Path] = []
        self.outcome: ImportOutcome | None = None
        self.problems: list[tuple[str, str, str]] = []
        # Replaceable so tests need no native file dialog.
        self.choose_files: Callable[[QWidget], list[str]] = lambda parent: (
            QFileDialog.getOpenFileNames(
                parent, parent.tr("Import Markdown files"), "", "Markdown (*.md)"
            )[0]
        )
        self.choose_folder: Callable[[QWidget], str] = lambda parent: (
            QFileDialog.getExistingDirectory(parent, parent.tr("Import a folder"))
        )
        self.setWindowTitle(self.tr("Import Markdown articles"))
        self.sources_list = QListWidget()
        self.sources_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sources_list.setMaximumHeight(96)  # the problems get the room
        self.files_button = QPushButton(self.tr("Choose &files…"))
        self.files_button.clicked.connect(self._browse_files)
        self.folder_button = QPushButton(self.tr("Choose f&older…"))
        self.folder_button.clicked.connect(self._browse_folder)
        self.allow_older = QCheckBox(
            self.tr("Also import files exported from an older version (saved as new versions)")
        )
        self.headline_label = QLabel()
        self.headline_label.setWordWrap(True)
        self.headline_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_list = QTreeWidget()
        self.problem_list.setHeaderLabels([self.tr("File"), self.tr("Line"), self.tr("Problem")])
        self.problem_list.setRootIsDecorated(False)
        self.problem_list.setWordWrap(True)
        self.problem_list.setColumnWidth(0, 200)
        self.problem_list.setColumnWidth(1, 50)
        self.problem_list.hide()
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.run = ProgressRun(self, self.tr("Importing articles"), self.tr("File {0} of {1}"))
        self.run.finished.connect(self._finished)

        choose = QHBoxLayout()
        choose.addWidget(self.files_button)
        choose.addWidget(self.folder_button)
        choose.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Files with YAML front matter (see the format in the docs)."))
        )
        layout.addLayout(choose)
        layout.addWidget(self.sources_list)
        layout.addWidget(self.allow_older)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.problem_list, 1)
        layout.addLayout(buttons)
        self.resize(760, 520)
        self._update()

    def set_sources(self, paths: list[Path]) -> None:
        """One folder (its *.md files) or a list of files."""
        self._sources = [Path(p) for p in paths]
        self.sources_list.clear()
        for path in self._sources:
            self.sources_list.addItem(f"{path}{os.sep if path.is_dir() else ''}")
        self._update()

    def start(self) -> bool:
        if self.run.running or not self._sources:
            return False
        service, allow_older = self._service, self.allow_older.isChecked()
        sources: Path | list[Path] = (
            self._sources[0]
            if len(self._sources) == 1 and self._sources[0].is_dir()
            else list(self._sources)
        )

        def job(progress: Progress, cancelled: Cancelled) -> ImportOutcome | ArticleImportError:
            try:
                return import_markdown(
                    service, sources, progress, cancelled, allow_older=allow_older
                )
            except ArticleImportError as refused:  # an answer for the user, not a failure
                return refused

        self.outcome = None
        self.problems = []
        self.problem_list.clear()
        self.problem_list.hide()
        self.headline_label.clear()
        self.import_button.setEnabled(False)
        self.run.start(job)
        return True

    def cancel(self) -> None:
        self.run.cancel()

    def is_running(self) -> bool:
        return self.run.running

    def shutdown(self) -> None:
        self.run.shutdown()

    def _browse_files(self) -> None:
        chosen = self.choose_files(self)
        if chosen:
            self.set_sources([Path(p) for p in chosen])

    def _browse_folder(self) -> None:
        chosen = self.choose_folder(self)
        if chosen:
            self.set_sources([Path(chosen)])

    def _update(self) -> None:
        self.import_button.setEnabled(bool(self._sources) and not self.run.running)

    def _finished(self, call: Call) -> None:
        self._update()
        error = call.error
        if isinstance(call.result, ArticleImportError):
            self._show_problems(call.result)
        elif error is not None:
            self._headline(
                self.tr("The import failed; nothing was imported: {0}").format(failure_text(error)),
                False,
            )
        elif isinstance(call.result, ImportOutcome) and call.result.cancelled:
            self._headline(self.tr("Import cancelled; nothing was imported."), False)
        elif isinstance(call.result, ImportOutcome):
            self.outcome = call.result
            r = call.result
            self._headline(
                self.tr("Imported: {0} new, {1} updated, {2} unchanged.").format(
                    r.created, r.updated, r.unchanged
                ),
                True,
            )
        self.completed.emit()

    def _show_problems(self, error: ArticleImportError) -> None:
        count = len(error.problems)
        self._headline(
            self.tr(
                "Nothing was imported: {0} problem(s) found. Fix them and import again."
            ).format(count),
            False,
        )
        for problem in error.problems:
            line = "" if problem.line is None else str(problem.line)
            reason = problem_text(problem)
            self.problems.append((problem.file, line, reason))
            item = QTreeWidgetItem([problem.file, line, reason])
            item.setToolTip(2, reason)
            self.problem_list.addTopLevelItem(item)
        self.problem_list.show()
        self.problem_list.setFocus(Qt.FocusReason.OtherFocusReason)
        first = self.problem_list.topLevelItem(0)
        if first is not None:
            self.problem_list.setCurrentItem(first)

    def _headline(self, text: str, ok: bool) -> None:
        self.headline_label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.headline_label.setText(text)
