"""Tools > Priority matrix: the administrator edits impact x urgency -> priority.

A grid of pick lists, one per cell, coloured like the priority badges; OK stores it through
``SharedConfig`` (checked there: a refusal is shown and the dialog stays open), which also
queues it for every other device. Other users see it read-only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.enums import Impact, Priority, Urgency
from opexdesk.domain.errors import DomainError
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.services.shared_config import SharedConfig
from opexdesk.storage.errors import StorageError
from opexdesk.ui.tickets.formatting import PRIORITY_COLORS, badge_style


class PriorityMatrixDialog(QDialog):
    def __init__(
        self, config: SharedConfig, *, editable: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._config = config
        self.setWindowTitle(self.tr("Priority matrix"))
        matrix = config.matrix()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Impact \\ Urgency")), 0, 0)
        for u in Urgency:
            grid.addWidget(QLabel(f"{int(u)} – {u.label}"), 0, int(u))
        self.cells: dict[tuple[int, int], QComboBox] = {}
        for i in Impact:
            grid.addWidget(QLabel(f"{int(i)} – {i.label}"), int(i), 0)
            for u in Urgency:
                combo = QComboBox()
                for p in Priority:
                    combo.addItem(p.label, int(p))
                combo.setCurrentIndex(combo.findData(matrix.cells[(int(i), int(u))]))
                combo.setEnabled(editable)
                combo.currentIndexChanged.connect(lambda _i, c=combo: self._paint(c))
                self._paint(combo)
                grid.addWidget(combo, int(i), int(u))
                self.cells[(int(i), int(u))] = combo
        note = QLabel(
            self.tr(
                "Every device uses this matrix once it has synced. A more severe impact or "
                "urgency may never give a less urgent priority."
            )
            if editable
            else self.tr("Only an administrator can change the matrix.")
        )
        note.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            if editable
            else QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    @staticmethod
    def _paint(combo: QComboBox) -> None:
        background, foreground = PRIORITY_COLORS.get(
            int(combo.currentData()), ("#9e9e9e", "#ffffff")
        )
        combo.setStyleSheet(badge_style(background, foreground))

    def chosen(self) -> dict[str, list[list[int]]]:
        return {
            "rows": [
                [int(self.cells[(int(i), int(u))].currentData()) for u in Urgency] for i in Impact
            ]
        }

    def accept(self) -> None:
        try:
            self._config.set_matrix(PriorityMatrix.from_dict(self.chosen()))
        except (DomainError, StorageError) as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()
