"""Export tickets to CSV or JSON: every ticket or those under the list's current filter,
written on a worker behind a cancellable progress dialog (a cancel leaves no file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.ticket_export import (
    ExportCancelled,
    ExportFormat,
    ExportRequest,
    ExportResult,
    TicketExporter,
)
from opexdesk.services.ticket_list import TicketFilter
from opexdesk.ui.i18n import error_text
from opexdesk.ui.progress_run import ProgressRun
from opexdesk.ui.workers import Call

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #2e7d32;"


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        exporter: TicketExporter,
        current_filter: TicketFilter | None = None,
        parent: QWidget | None = None,
        default_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._exporter = exporter
        self._filter = current_filter
        self.setWindowTitle(self.tr("Export tickets"))

        self.csv_radio = QRadioButton(self.tr("CSV (opens in spreadsheets)"))
        self.json_radio = QRadioButton(self.tr("JSON (array of objects)"))
        self.csv_radio.setChecked(True)
        formats = QButtonGroup(self)
        formats.addButton(self.csv_radio)
        formats.addButton(self.json_radio)
        self.all_radio = QRadioButton(self.tr("All tickets"))
        self.filter_radio = QRadioButton(self.tr("Tickets under the current filter"))
        scopes = QButtonGroup(self)
        scopes.addButton(self.all_radio)
        scopes.addButton(self.filter_radio)
        has_filter = current_filter is not None and not current_filter.is_empty()
        self.filter_radio.setEnabled(has_filter)
        (self.filter_radio if has_filter else self.all_radio).setChecked(True)
        self.bom_check = QCheckBox(self.tr("Byte-order mark for Excel (UTF-8 with BOM)"))
        self.bom_check.setChecked(True)
        self.path_edit = QLineEdit(str((default_dir or Path.home()) / "tickets.csv"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        form = QFormLayout()
        format_box = QVBoxLayout()
        format_box.addWidget(self.csv_radio)
        bom_row = QHBoxLayout()
        bom_row.addSpacing(24)  # an option of CSV: indented under it
        bom_row.addWidget(self.bom_check)
        format_box.addLayout(bom_row)
        format_box.addWidget(self.json_radio)
        form.addRow(self.tr("Format:"), format_box)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.all_radio)
        scope_box.addWidget(self.filter_radio)
        form.addRow(self.tr("Tickets:"), scope_box)
        form.addRow(self.tr("File:"), path_row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Export"))
        self.export_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.run = ProgressRun(
            self, self.tr("Exporting tickets"), self.tr("{0:,} of {1:,} tickets"), "{0:,}"
        )
        self.run.finished.connect(self._finished)
        self.csv_radio.toggled.connect(self._format_changed)
        self.browse_button.clicked.connect(self.browse)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        self.setMinimumWidth(560)

    def request(self) -> ExportRequest:
        fmt = ExportFormat.CSV if self.csv_radio.isChecked() else ExportFormat.JSON
        flt = self._filter if self.filter_radio.isChecked() else None
        return ExportRequest(
            Path(self.path_edit.text().strip()), fmt, flt, self.bom_check.isChecked()
        )

    def browse(self) -> None:
        suffix = "csv" if self.csv_radio.isChecked() else "json"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export tickets"), self.path_edit.text(), f"*.{suffix}"
        )
        if path:
            self.path_edit.setText(path)

    def start_export(self) -> None:
        request = self.request()
        if not request.path.name or not request.path.parent.is_dir():
            self._say(self.tr("Choose a file in an existing folder."), error=True)
            return
        self.export_button.setEnabled(False)
        exporter = self._exporter
        self.run.start(lambda progress, cancelled: exporter.export(request, progress, cancelled))

    def _format_changed(self, csv_checked: bool) -> None:
        self.bom_check.setEnabled(csv_checked)
        path = Path(self.path_edit.text().strip())
        if path.suffix.lower() in (".csv", ".json"):
            self.path_edit.setText(str(path.with_suffix(".csv" if csv_checked else ".json")))

    def _finished(self, call: Call) -> None:
        self.export_button.setEnabled(True)
        if call.error is None:
            result: ExportResult = call.result
            self._say(
                self.tr("Exported {0:,} tickets to {1} ({2:,} KB).").format(
                    result.tickets, result.path, max(1, result.bytes // 1024)
                )
            )
            self.exported.emit(result)
        elif isinstance(call.error, ExportCancelled):
            self._say(self.tr("Cancelled; no file was written."), error=True)
        else:
            self._say(
                self.tr("The export failed; no file was written. ({0})").format(
                    error_text(call.error)
                ),
                error=True,
            )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def done(self, result: int) -> None:
        self.run.cancel()  # a running export stops and removes its partial file
        super().done(result)
