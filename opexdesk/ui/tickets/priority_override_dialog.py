"""Setting a ticket's priority by hand: the priority and the reason, or back to derived.

The service refuses an empty reason; the dialog keeps itself open and says why, so a
half-made override is never sent."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.errors import DomainError
from opexdesk.services.tickets import TicketService
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import error_text

DERIVED = 0  # the combo's data for "back to impact x urgency"


class PriorityOverrideDialog(QDialog):
    """Asks for the priority and why; OK calls ``TicketService.override_priority``."""

    def __init__(
        self,
        tickets: TicketService,
        ticket_id: str,
        current: int,
        reason: str | None,
        derived: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tickets, self._ticket_id = tickets, ticket_id
        self.setWindowTitle(self.tr("Override priority"))
        self.priority_combo = QComboBox()
        matrix = tickets.matrix  # the priorities of the matrix in force, by its labels
        for p in matrix.levels("priority"):
            self.priority_combo.addItem(matrix.label("priority", p), p)
        self.priority_combo.addItem(
            self.tr("Derived from impact × urgency ({0})").format(
                matrix.label("priority", derived)
            ),
            DERIVED,
        )
        self.priority_combo.setCurrentIndex(self.priority_combo.findData(current))
        self.reason_edit = QLineEdit(reason or "")
        self.reason_edit.setPlaceholderText(self.tr("Why it differs from the matrix"))
        self.reason_edit.setMaxLength(500)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.priority_combo.currentIndexChanged.connect(self._update_reason)
        form = QFormLayout()
        form.addRow(self.tr("&Priority"), self.priority_combo)
        form.addRow(self.tr("&Reason"), self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._update_reason()
        self.reason_edit.setFocus()

    def chosen(self) -> int | None:
        data = int(self.priority_combo.currentData())
        return None if data == DERIVED else data

    def _update_reason(self) -> None:
        self.reason_edit.setEnabled(self.chosen() is not None)

    def accept(self) -> None:
        try:
            self._tickets.override_priority(self._ticket_id, self.chosen(), self.reason_edit.text())
        except (DomainError, StorageError) as exc:
            self.error_label.setText(error_text(exc))
            self.error_label.show()
            self.reason_edit.setFocus()
            return
        super().accept()
