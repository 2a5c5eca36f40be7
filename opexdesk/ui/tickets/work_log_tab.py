"""The Work log tab: time spent on a ticket, its total, and a row to add an entry."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.errors import DomainError
from opexdesk.domain.ticket import WORK_MINUTES_MAX
from opexdesk.services.tickets import TicketService
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text
from opexdesk.ui.tickets.formatting import duration_text, local_time
from opexdesk.ui.tickets.keys import EnterKeyFilter


class WorkLogTab(QWidget):
    """Entries of one ticket (a handful: a plain tree widget is right here)."""

    written = Signal()

    def __init__(self, tickets: TicketService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self._ticket_id: str | None = None
        self.total_minutes = 0

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                self.tr(c)
                for c in (
                    QT_TRANSLATE_NOOP("WorkLogTab", "When"),
                    QT_TRANSLATE_NOOP("WorkLogTab", "Who"),
                    QT_TRANSLATE_NOOP("WorkLogTab", "Time"),
                    QT_TRANSLATE_NOOP("WorkLogTab", "Note"),
                )
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-weight: bold;")

        self.minutes = QSpinBox()
        self.minutes.setRange(1, WORK_MINUTES_MAX)
        self.minutes.setValue(30)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(self.tr(" min"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What was done (optional)"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        EnterKeyFilter(self, on_enter=self.add, on_ctrl_enter=self.add).watch(self.note)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        entry = QHBoxLayout()
        entry.addWidget(QLabel(self.tr("Time spent")))
        entry.addWidget(self.minutes)
        entry.addWidget(self.note, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.total_label)
        layout.addLayout(entry)
        layout.addWidget(self.error_label)

    def set_ticket(self, ticket_id: str | None) -> None:
        if ticket_id != self._ticket_id:
            self.note.clear()
            self._show_error("")
        self._ticket_id = ticket_id

    def load(self) -> None:
        entries = self._tickets.work_logs(self._ticket_id) if self._ticket_id else []
        self.tree.clear()
        for e in entries:
            item = QTreeWidgetItem(
                [local_time(e.created_at), e.author, duration_text(e.minutes), e.note]
            )
            item.setToolTip(3, e.note)
            self.tree.addTopLevelItem(item)
        self.total_minutes = sum(e.minutes for e in entries)
        count = len(entries)
        self.total_label.setText(
            self.tr("Total: {0} in {1} {2}").format(
                duration_text(self.total_minutes),
                count,
                self.tr("entry") if count == 1 else self.tr("entries"),
            )
            if count
            else self.tr("No work logged yet.")
        )

    def add(self) -> None:
        if self._ticket_id is None:
            return
        try:
            self._tickets.log_work(self._ticket_id, self.minutes.value(), self.note.text())
        except (DomainError, StorageError) as exc:
            self._show_error(error_text(exc))
            return
        self._show_error("")
        self.note.clear()
        self.load()
        self.written.emit()

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
