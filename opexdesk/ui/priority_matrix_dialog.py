"""Tools > Priority matrix: the administrator edits the impact, urgency and priority levels
(how many, and their names) and which priority each impact x urgency cell gives.

Spin boxes set the sizes (MIN_LEVELS..MAX_LEVELS); the grid is rebuilt when they change,
keeping every label and cell that still exists. The row and column headers and the priority
list are line edits for the labels; each cell is a pick list coloured like the priority
badges. OK stores it through ``SharedConfig`` (checked there: a refusal is shown and the
dialog stays open), which also queues it for every other device. Other users see it
read-only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.enums import MAX_LEVELS
from opexdesk.domain.errors import DomainError
from opexdesk.domain.priority import AXES, LABEL_MAX, MIN_LEVELS, PriorityMatrix
from opexdesk.services.shared_config import SharedConfig
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import error_text
from opexdesk.ui.tickets.formatting import PRIORITY_COLORS, badge_style

_GREY = ("#9e9e9e", "#ffffff")
_NEW_LABEL = {"impact": "Impact {0}", "urgency": "Urgency {0}", "priority": "P{0}"}


class PriorityMatrixDialog(QDialog):
    def __init__(
        self, config: SharedConfig, *, editable: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._editable = editable
        self.setWindowTitle(self.tr("Priority matrix"))
        matrix = config.matrix()
        # The state the widgets show; read back from them before every rebuild.
        self._labels: dict[str, list[str]] = {axis: list(matrix.labels(axis)) for axis in AXES}
        self._values: dict[tuple[int, int], int] = dict(matrix.cells)

        self.counts: dict[str, QSpinBox] = {}
        sizes = QHBoxLayout()  # one compact row: the grid below shows what they size
        for axis, text in (
            ("impact", self.tr("&Impact levels")),
            ("urgency", self.tr("&Urgency levels")),
            ("priority", self.tr("&Priority levels")),
        ):
            spin = QSpinBox()
            spin.setRange(MIN_LEVELS, MAX_LEVELS)
            spin.setValue(len(self._labels[axis]))
            spin.setEnabled(editable)
            spin.valueChanged.connect(self._resize)
            label = QLabel(text)
            label.setBuddy(spin)
            sizes.addWidget(label)
            sizes.addWidget(spin)
            sizes.addSpacing(12)
            self.counts[axis] = spin
        sizes.addStretch(1)

        self.impact_edits: list[QLineEdit] = []
        self.urgency_edits: list[QLineEdit] = []
        self.priority_edits: list[QLineEdit] = []
        self.cells: dict[tuple[int, int], QComboBox] = {}
        self._priority_row = QHBoxLayout()
        self._grid = QGridLayout()
        self._grid_host = QWidget()
        self._grid_host.setLayout(self._grid)
        self._build()

        note = QLabel(
            self.tr(
                "Every device uses this matrix once it has synced. Level 1 is the most severe "
                "impact, the most urgent urgency and the most urgent priority; a more severe "
                "case may never give a less urgent priority, and every priority needs an SLA "
                "target."
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
        priorities = QHBoxLayout()
        priorities.addWidget(QLabel(self.tr("Priorities (1 = most urgent):")))
        priorities.addLayout(self._priority_row, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(sizes)
        layout.addLayout(priorities)
        layout.addWidget(self._grid_host)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    # ---- building the grid -----------------------------------------------------------

    def _label_edit(self, text: str, axis: str, level: int) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setMaxLength(LABEL_MAX)
        edit.setEnabled(self._editable)
        edit.setObjectName(f"{axis}Label{level}")
        tips = {  # one text per axis: the axis name is a word of the sentence
            "impact": self.tr("Name of impact level {0}"),
            "urgency": self.tr("Name of urgency level {0}"),
            "priority": self.tr("Name of priority {0}"),
        }
        edit.setToolTip(tips[axis].format(level))
        return edit

    def _build(self) -> None:
        """Create the label edits and cells from the state (``_labels``, ``_values``)."""
        for layout in (self._priority_row, self._grid):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()  # gone at once; deleted when control returns to Qt
                    widget.deleteLater()
        self.impact_edits, self.urgency_edits, self.priority_edits = [], [], []
        self.cells = {}

        for p, text in enumerate(self._labels["priority"], start=1):
            edit = self._label_edit(text, "priority", p)
            background, foreground = PRIORITY_COLORS.get(p, _GREY)
            edit.setStyleSheet(badge_style(background, foreground))
            edit.textChanged.connect(self._relabel_cells)
            self._priority_row.addWidget(edit)
            self.priority_edits.append(edit)

        self._grid.addWidget(QLabel(self.tr("Impact \\ Urgency")), 0, 0)
        for u, text in enumerate(self._labels["urgency"], start=1):
            edit = self._label_edit(text, "urgency", u)
            self._grid.addWidget(edit, 0, u)
            self.urgency_edits.append(edit)
        for i, text in enumerate(self._labels["impact"], start=1):
            edit = self._label_edit(text, "impact", i)
            self._grid.addWidget(edit, i, 0)
            self.impact_edits.append(edit)
            for u in range(1, len(self._labels["urgency"]) + 1):
                combo = QComboBox()
                combo.setObjectName(f"cell{i}x{u}")
                for p, name in enumerate(self._labels["priority"], start=1):
                    combo.addItem(name, p)
                combo.setCurrentIndex(combo.findData(self._values[(i, u)]))
                combo.setEnabled(self._editable)
                combo.currentIndexChanged.connect(lambda _i, c=combo: self._paint(c))
                self._paint(combo)
                self._grid.addWidget(combo, i, u)
                self.cells[(i, u)] = combo

    def _capture(self) -> None:
        """Read the widgets back into the state (what the user typed and picked)."""
        self._labels["impact"] = [e.text() for e in self.impact_edits]
        self._labels["urgency"] = [e.text() for e in self.urgency_edits]
        self._labels["priority"] = [e.text() for e in self.priority_edits]
        self._values = {key: int(combo.currentData()) for key, combo in self.cells.items()}

    def _resize(self) -> None:
        """A size changed: keep the labels and cells that still exist, fill the new ones,
        rebuild the grid."""
        self._capture()
        for axis, spin in self.counts.items():
            labels = self._labels[axis][: spin.value()]
            labels += [_NEW_LABEL[axis].format(n) for n in range(len(labels) + 1, spin.value() + 1)]
            self._labels[axis] = labels
        n_impacts, n_urgencies = self.counts["impact"].value(), self.counts["urgency"].value()
        top = self.counts["priority"].value()
        values: dict[tuple[int, int], int] = {}
        for i in range(1, n_impacts + 1):
            for u in range(1, n_urgencies + 1):
                if (i, u) in self._values:
                    value = self._values[(i, u)]
                else:  # a new row or column: as urgent as its more severe neighbours allow
                    value = max(values.get((i - 1, u), 1), values.get((i, u - 1), 1))
                values[(i, u)] = min(value, top)  # clamping keeps the order intact
        self._values = values
        self._build()
        self.adjustSize()

    def _relabel_cells(self) -> None:
        names = [e.text() for e in self.priority_edits]
        for combo in self.cells.values():
            for index in range(combo.count()):
                combo.setItemText(index, names[int(combo.itemData(index)) - 1])

    @staticmethod
    def _paint(combo: QComboBox) -> None:
        background, foreground = PRIORITY_COLORS.get(int(combo.currentData()), _GREY)
        combo.setStyleSheet(badge_style(background, foreground))

    # ---- result ----------------------------------------------------------------------

    def chosen(self) -> dict[str, object]:
        """The matrix as shown, in its stored shape (checked only when stored)."""
        self._capture()
        return {
            "impacts": list(self._labels["impact"]),
            "urgencies": list(self._labels["urgency"]),
            "priorities": list(self._labels["priority"]),
            "rows": [
                [self._values[(i, u)] for u in range(1, len(self._labels["urgency"]) + 1)]
                for i in range(1, len(self._labels["impact"]) + 1)
            ],
        }

    def accept(self) -> None:
        try:
            self._config.set_matrix(PriorityMatrix.from_dict(self.chosen()))
        except (DomainError, StorageError) as exc:
            self.error_label.setText(error_text(exc))
            self.error_label.show()
            return
        super().accept()
