"""The import wizard's validation report: every problem (row, column, value, reason), a
summary line, and Copy (tab-separated, for a spreadsheet or a message to the source desk)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.ticket_import import ImportProblem, ValidationReport
from opexdesk.ui.i18n import message_text

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #2e7d32;"


def problem_reason(problem: ImportProblem) -> str:
    """The reason of ``problem`` in the UI's language (``problem.reason`` is English)."""
    return message_text(problem.template, problem.params, problem.reason)


class ReportPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("&Copy report"))
        self.copy_button.clicked.connect(self.copy)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.clear()

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.copy_button.setEnabled(False)
        self.summary.setText(self.tr("Validate to check every row before importing."))
        self.summary.setStyleSheet("")

    def show_report(self, report: ValidationReport) -> None:
        self.table.setRowCount(len(report.problems))
        for r, p in enumerate(report.problems):
            reason = problem_reason(p)
            for c, value in enumerate((str(p.row), p.column, p.value, reason)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.copy_button.setEnabled(bool(report.problems))
        if report.ok:
            text = self.tr("All {0:,} rows are valid. Import writes them all in one step.")
            text = text.format(report.rows)
        else:
            listed = len(report.problems)
            shown = (
                self.tr(" (the first {0:,} are listed)").format(listed)
                if listed < report.total_problems
                else ""
            )
            text = self.tr(
                "{0:,} problems in {1:,} of {2:,} rows{3}. Fix the file or the mapping; "
                "nothing is imported while any row is invalid."
            ).format(report.total_problems, report.bad_rows, report.rows, shown)
        self.summary.setText(text)
        self.summary.setStyleSheet(OK_STYLE if report.ok else ERROR_STYLE)

    def problems(self) -> list[ImportProblem]:
        """The report as shown (what Copy puts on the clipboard)."""
        return [
            ImportProblem(
                int(self._cell(r, 0)), self._cell(r, 1), self._cell(r, 2), self._cell(r, 3)
            )
            for r in range(self.table.rowCount())
        ]

    def text(self) -> str:
        lines = ["Row\tColumn\tValue\tReason"]
        lines += [p.as_text().removeprefix("Row ") for p in self.problems()]
        return "\n".join(lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
