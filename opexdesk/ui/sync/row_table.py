"""The read-only, row-selecting table the sync dialogs list server records in (tickets on
the server, accounts): one look and one set of keys for both."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def row_table(name: str, headers: Sequence[str], stretch: int) -> QTableWidget:
    """A table named ``name`` with ``headers``; whole rows are selected, nothing is edited
    in place, columns fit their contents except ``stretch``, which takes the rest."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
