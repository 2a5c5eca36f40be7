"""The import wizard's two mapping tables: a ticket field per source column, and what each
source value of a coded column (impact, urgency, status) becomes."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from opexdesk.domain.enums import Status
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.services.ticket_import_mapping import (
    CODED_FIELDS,
    TARGET_FIELDS,
    TARGET_LABELS,
    value_key,
)

EXAMPLES = 3  # values shown beside each source column


def _readonly(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class ColumnTable(QTableWidget):
    """One row per source column: its name, a few values, and a combo of ticket fields."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels(
            [self.tr("Column in file"), self.tr("Most common values"), self.tr("Ticket field")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setVisible(False)
        self._headers: tuple[str, ...] = ()

    def load(
        self, headers: tuple[str, ...], values: Mapping[str, list[str]], columns: Mapping[str, str]
    ) -> None:
        self._headers = headers
        by_column = {column: name for name, column in columns.items()}
        self.setRowCount(len(headers))
        for row, header in enumerate(headers):
            self.setItem(row, 0, _readonly(header))
            self.setItem(row, 1, _readonly(" · ".join(values.get(header, [])[:EXAMPLES])))
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), "")
            for name in TARGET_FIELDS:
                required = self.tr(" (required)") if name == "title" else ""
                combo.addItem(self.tr(TARGET_LABELS[name]) + required, name)
            combo.setCurrentIndex(max(0, combo.findData(by_column.get(header, ""))))
            combo.currentIndexChanged.connect(lambda _i, row=row: self._picked(row))
            self.setCellWidget(row, 2, combo)

    def combo(self, column: str) -> QComboBox:
        widget = self.cellWidget(self._headers.index(column), 2)
        assert isinstance(widget, QComboBox)
        return widget

    def columns(self) -> dict[str, str]:
        """Field -> column, as chosen."""
        out: dict[str, str] = {}
        for header in self._headers:
            name = self.combo(header).currentData()
            if name:
                out[name] = header
        return out

    def _picked(self, row: int) -> None:
        """A field comes from one column: picking it here clears it elsewhere."""
        name = self.combo(self._headers[row]).currentData()
        if name:
            for other, header in enumerate(self._headers):
                combo = self.combo(header)
                if other != row and combo.currentData() == name:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.changed.emit()


class ValueTable(QTableWidget):
    """One row per (coded field, source value): a combo of matrix levels or statuses."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Value in file"), self.tr("Becomes")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setVisible(False)
        self._rows: list[tuple[str, str]] = []  # (field, value key)

    def load(
        self,
        columns: Mapping[str, str],
        values: Mapping[str, list[str]],
        chosen: Mapping[str, Mapping[str, int | str]],
        matrix: PriorityMatrix,
    ) -> None:
        self._rows = []
        self.setRowCount(0)
        for name in CODED_FIELDS:
            column = columns.get(name)
            if not column:
                continue
            seen: set[str] = set()
            for value in values.get(column, []):
                key = value_key(value)
                if key in seen:
                    continue
                seen.add(key)
                row = self.rowCount()
                self.insertRow(row)
                self.setItem(row, 0, _readonly(self.tr(TARGET_LABELS[name])))
                self.setItem(row, 1, _readonly(value))
                combo = self._combo(name, matrix)
                combo.setCurrentIndex(max(0, combo.findData(chosen.get(name, {}).get(key))))
                combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
                self.setCellWidget(row, 2, combo)
                self._rows.append((name, key))

    def _combo(self, name: str, matrix: PriorityMatrix) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("(not mapped)"), None)
        if name == "status":
            for status in Status:
                combo.addItem(self.tr(status.label), status.value)
        else:
            for level in matrix.levels(name):
                combo.addItem(f"{level} {matrix.label(name, level)}", level)
        return combo

    def combo_for(self, name: str, value: str) -> QComboBox:
        widget = self.cellWidget(self._rows.index((name, value_key(value))), 2)
        assert isinstance(widget, QComboBox)
        return widget

    def values(self) -> dict[str, dict[str, int | str]]:
        out: dict[str, dict[str, int | str]] = {}
        for row, (name, key) in enumerate(self._rows):
            widget = self.cellWidget(row, 2)
            assert isinstance(widget, QComboBox)
            data = widget.currentData()
            if data is not None:
                out.setdefault(name, {})[key] = data
        return out
