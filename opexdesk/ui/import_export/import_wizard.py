"""Import tickets from another desk's CSV: file and encoding, column and value mapping,
preview, a validation report of every row, then an all-or-nothing import on a worker.

The Import button is enabled only after a validation of the current mapping found no
problem; any change to the mapping asks for a new validation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.ticket_import import (
    ColumnMapping,
    CsvReadError,
    CsvSource,
    ImportCancelled,
    ImportRefused,
    ImportResult,
    PreviewRow,
    TicketImporter,
)
from opexdesk.services.ticket_import_mapping import TARGET_FIELDS, TARGET_LABELS
from opexdesk.services.ticket_import_source import DELIMITER_NAMES, ENCODING_CHOICES
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text, vocabulary
from opexdesk.ui.import_export.mapping_tables import ColumnTable, ValueTable
from opexdesk.ui.import_export.report_panel import (
    ERROR_STYLE,
    OK_STYLE,
    ReportPanel,
    problem_reason,
)
from opexdesk.ui.progress_run import Cancelled, Job, Progress, ProgressRun
from opexdesk.ui.tickets.formatting import local_time, status_text
from opexdesk.ui.workers import Call

PREVIEW_ROWS = 20
# The service names delimiters in English; the file line shows them in the language.
DELIMITER_TEXTS = {
    ",": QT_TRANSLATE_NOOP("ImportWizard", "comma"),
    ";": QT_TRANSLATE_NOOP("ImportWizard", "semicolon"),
    "\t": QT_TRANSLATE_NOOP("ImportWizard", "tab"),
}
PREVIEW_WIDTH = 260  # pixels at most per preview column


@dataclass(frozen=True)
class Opened:
    source: CsvSource
    values: dict[str, list[str]]
    mapping: ColumnMapping


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ImportWizard(QDialog):
    imported = Signal(object)  # ImportResult, after the commit

    def __init__(self, importer: TicketImporter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._importer = importer
        self._opened: Opened | None = None
        self._validated: ColumnMapping | None = None  # the mapping a clean validation used
        self._validated_rows = 0
        self._pending: ColumnMapping | None = None
        self.setWindowTitle(self.tr("Import tickets from CSV"))

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("A CSV file exported from another service desk"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.encoding_combo = QComboBox()
        for value, label in ENCODING_CHOICES:
            self.encoding_combo.addItem(self.tr(label), value)
        self.open_button = QPushButton(self.tr("&Open"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_row.addWidget(QLabel(self.tr("Encoding:")))
        file_row.addWidget(self.encoding_combo)
        file_row.addWidget(self.open_button)
        self.file_info = QLabel()

        self.columns = ColumnTable()
        self.values = ValueTable()
        self.title_fallback = QCheckBox(
            self.tr("Empty title: use the first line of the description")
        )
        self.day_first = QCheckBox(self.tr("Dates like 05/03/2024 are day first (5 March)"))
        mapping_page = QWidget()
        mapping_layout = QVBoxLayout(mapping_page)
        mapping_layout.addWidget(self.columns, 1)
        mapping_layout.addWidget(self.title_fallback)
        mapping_layout.addWidget(self.day_first)
        self.preview = _table([self.tr("Row")] + [self.tr(TARGET_LABELS[f]) for f in TARGET_FIELDS])
        self.report = ReportPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(mapping_page, self.tr("1. Columns"))
        self.tabs.addTab(self.values, self.tr("2. Values"))
        self.tabs.addTab(self.preview, self.tr("3. Preview"))
        self.tabs.addTab(self.report, self.tr("4. Validation"))

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.validate_button = QPushButton(self.tr("&Validate"))
        self.import_button = QPushButton(self.tr("&Import"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.validate_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.file_info)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.run = ProgressRun(
            self,
            self.tr("Importing tickets"),
            self.tr("{0:,} of {1:,} rows"),
            self.tr("{0:,} rows checked"),
        )
        self.run.finished.connect(self._finished)
        self._job = ""
        self.browse_button.clicked.connect(self.browse)
        self.open_button.clicked.connect(lambda: self.open_file())
        self.columns.changed.connect(self._columns_changed)
        self.values.changed.connect(self._mapping_changed)
        self.title_fallback.toggled.connect(self._mapping_changed)
        self.day_first.toggled.connect(self._mapping_changed)
        self.validate_button.clicked.connect(self.validate)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self._set_ready()
        self.resize(1000, 640)

    # ---- file --------------------------------------------------------------------------

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import tickets from CSV"),
            "",
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)
            self.open_file()

    def open_file(self, path: Path | None = None, encoding: str | None = None) -> None:
        """Read the header and the values of every column on the worker."""
        if path is not None:
            self.path_edit.setText(str(path))
        if encoding is not None:
            self.encoding_combo.setCurrentIndex(max(0, self.encoding_combo.findData(encoding)))
        text = self.path_edit.text().strip()
        if not text:
            self._say(self.tr("Choose a file first."), error=True)
            return
        chosen = self.encoding_combo.currentData() or None
        importer = self._importer

        def job(_progress: Progress, cancelled: Cancelled) -> Opened:
            source = importer.open(Path(text), chosen)
            values = importer.column_values(source, cancelled)
            return Opened(source, values, importer.suggest(source, values))

        self._start("open", job)

    def _opened_file(self, opened: Opened) -> None:
        self._opened = opened
        source = opened.source
        self.file_info.setText(
            self.tr("{0}: {1}, {2}-separated, {3} columns").format(
                source.path.name,
                self.tr(source.encoding_label),  # "UTF-8 (with BOM)" is a label too
                self.tr(DELIMITER_TEXTS.get(source.delimiter, DELIMITER_NAMES[source.delimiter])),
                len(source.headers),
            )
        )
        self.columns.blockSignals(True)
        self.columns.load(source.headers, opened.values, opened.mapping.columns)
        self.columns.blockSignals(False)
        self._load_values(opened.mapping.values)
        self._mapping_changed()
        self.tabs.setCurrentIndex(0)

    # ---- mapping -----------------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(
            self.columns.columns(),
            self.values.values(),
            title_from_description=self.title_fallback.isChecked(),
            day_first=self.day_first.isChecked(),
        )

    def _load_values(self, chosen: Mapping[str, Mapping[str, int | str]]) -> None:
        assert self._opened is not None
        self.values.blockSignals(True)
        self.values.load(self.columns.columns(), self._opened.values, chosen, self._importer.matrix)
        self.values.blockSignals(False)

    def _columns_changed(self) -> None:
        """A newly mapped coded column gets its values suggested; kept choices stay."""
        if self._opened is None:
            return
        kept = self.values.values()
        fresh = self._importer.suggest_values_for(self.columns.columns(), self._opened.values)
        for name, table in fresh.items():
            table.update(kept.get(name, {}))
        self._load_values(fresh)
        self._mapping_changed()

    def _mapping_changed(self) -> None:
        self._validated = None
        self.report.clear()
        self._refresh_preview()
        self._set_ready()

    def _refresh_preview(self) -> None:
        self.preview.setRowCount(0)
        if self._opened is None:
            return
        try:
            rows = self._importer.preview(self._opened.source, self.mapping(), PREVIEW_ROWS)
        except CsvReadError as exc:
            self._say(error_text(exc), error=True)
            return
        self._say("")
        columns = self.mapping().columns
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.preview.setItem(r, 0, QTableWidgetItem(str(row.row)))
            for c, name in enumerate(TARGET_FIELDS, start=1):
                item = QTableWidgetItem(self._preview_text(row, name))
                bad = [problem_reason(p) for p in row.problems if p.column == columns.get(name)]
                if bad:
                    item.setForeground(Qt.GlobalColor.red)
                    item.setToolTip("\n".join(bad))
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):  # long descriptions stay readable
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), PREVIEW_WIDTH))

    def _preview_text(self, row: PreviewRow, name: str) -> str:
        """A cell of the preview in the UI's language (the service's texts are English);
        a row that failed its checks shows the file's own text."""
        record = row.record
        if record is None:
            return row.values.get(name, "")
        value = getattr(record, name)
        if name in ("impact", "urgency"):
            label = vocabulary(self._importer.matrix.label(name, value))
            return f"{int(value)} {label}"  # the preview's own compact "3 Moderate"
        if name == "status":
            return status_text(value)
        if name == "created_at":
            return local_time(value) if value is not None else self.tr("(now)")
        return row.values.get(name, "")

    # ---- validation and import ---------------------------------------------------------

    def validate(self) -> None:
        if self._opened is None:
            return
        source, mapping, importer = self._opened.source, self.mapping(), self._importer
        self._pending = mapping
        self._start("validate", lambda p, c: importer.validate(source, mapping, p, c))

    def start_import(self) -> None:
        if self._opened is None or self._validated is None:
            return
        source, mapping, importer = self._opened.source, self._validated, self._importer
        rows = self._validated_rows
        self._start("import", lambda p, c: importer.run(source, mapping, p, c, rows))

    # ---- running -----------------------------------------------------------------------

    def _start(self, job_name: str, job: Job) -> None:
        self._job = job_name
        self._set_ready(busy=True)
        self.run.start(job)

    def _finished(self, call: Call) -> None:
        job, self._job = self._job, ""
        error = call.error
        if job == "open":
            if error is not None:
                self._opened = None
                if isinstance(error, ImportCancelled):
                    text = self.tr("Opening the file was cancelled.")
                elif isinstance(error, CsvReadError):
                    text = error_text(error)
                else:  # e.g. permission denied, a folder instead of a file
                    text = self.tr("Cannot read the file: {0}").format(error_text(error))
                self._say(text, error=True)
            else:
                self._opened_file(call.result)
        elif job == "validate":
            if error is None:
                self.report.show_report(call.result)
                if call.result.ok:
                    self._validated = self._pending
                    self._validated_rows = call.result.rows
                self.tabs.setCurrentIndex(3)
            else:
                self._say_error(error, self.tr("Validation stopped"))
        elif job == "import":
            if error is None:
                result: ImportResult = call.result
                self._validated = None
                self._say(
                    self.tr(
                        "Imported {0:,} tickets ({1} to {2}) in {3:.1f} s. "
                        "They sync with the rest of your changes."
                    ).format(
                        result.imported, result.first_number, result.last_number, result.seconds
                    ),
                    error=False,
                )
                self.imported.emit(result)
            else:
                if isinstance(error, ImportRefused):
                    self.report.show_report(error.report)
                    self._validated = None
                    self.tabs.setCurrentIndex(3)
                self._say_error(error, self.tr("The import failed"))
        self._set_ready()

    def _say_error(self, error: Exception, what: str) -> None:
        if isinstance(error, ImportCancelled | CsvReadError | ImportRefused):
            text = error_text(error)
        else:
            text = self.tr("{0} and was rolled back; nothing was imported. ({1})").format(
                what, error_text(error)
            )
        self._say(text, error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _set_ready(self, busy: bool = False) -> None:
        has_file = self._opened is not None
        has_title = has_file and bool(self.columns.columns().get("title"))
        self.validate_button.setEnabled(not busy and has_title)
        self.import_button.setEnabled(not busy and self._validated is not None)
        self.open_button.setEnabled(not busy)
        self.browse_button.setEnabled(not busy)

    def done(self, result: int) -> None:
        self.run.cancel()  # a running import stops at its next batch and writes nothing
        super().done(result)
