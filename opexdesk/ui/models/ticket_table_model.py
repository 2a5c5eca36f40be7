"""The ticket list as a Qt table model: columns, roles and live updates over the windowed
rows of TicketRowsModel (see ticket_rows for how a million rows stay responsive)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from opexdesk.services.events import TicketChange
from opexdesk.services.ticket_list import TicketFilter, TicketListService, TicketSort
from opexdesk.ui.models.row_window import SLOW
from opexdesk.ui.models.ticket_columns import (
    COLUMNS,
    TITLE_COLUMN,
    CellStyle,
    LocalIdRole,
    RowRole,
    TicketIdRole,
    may_move,
)
from opexdesk.ui.models.ticket_rows import BLOCK_SIZE, MAX_BLOCKS, ROOT, Index, TicketRowsModel

__all__ = ["LocalIdRole", "RowRole", "TicketIdRole", "TicketTableModel"]

LOADING = "Loading…"


class TicketTableModel(TicketRowsModel):
    """Rows of the ticket list under a TicketFilter and TicketSort (signals: see the base).

    Roles: DisplayRole, ToolTipRole (title; overdue), ForegroundRole and FontRole (overdue
    due date, open P1), TextAlignmentRole, TicketIdRole, LocalIdRole, RowRole.
    """

    def __init__(
        self,
        service: TicketListService,
        now: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
        *,
        flt: TicketFilter | None = None,
        sort: TicketSort | None = None,
        block_size: int = BLOCK_SIZE,
        max_blocks: int = MAX_BLOCKS,
    ) -> None:
        self._style = CellStyle(now or (lambda: datetime.now(UTC)))
        super().__init__(
            service, parent, flt=flt, sort=sort, block_size=block_size, max_blocks=max_blocks
        )

    # ---- Qt model API ------------------------------------------------------------------

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TicketColumns", COLUMNS[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[section].alignment
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self._style.handles(role):
            return None
        row = self.row_at(index.row())
        if row is None:  # still being read: a placeholder instead of a frozen window
            is_title = index.column() == TITLE_COLUMN
            return LOADING if is_title and role == Qt.ItemDataRole.DisplayRole else None
        if role == TicketIdRole:
            return row.id
        if role == LocalIdRole:
            return row.local_id
        if role == RowRole:
            return row
        return self._style.data(row, index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            key = COLUMNS[column].sort_key
            self.set_sort(TicketSort(key, order == Qt.SortOrder.DescendingOrder))
        else:  # -1: the view cleared its sort indicator
            self.set_sort(TicketSort())

    # ---- live updates ------------------------------------------------------------------

    def ticket_changed(self, change: TicketChange) -> None:
        """Apply one committed operation: redraw one row, or move/insert/remove it."""
        if self._first_pending:
            self._stale = True  # the read in flight may predate the change: read again
            return
        window = self._window
        if change.action == "deleted":
            cached = window.find(change.local_id)
            if cached is not None:
                self._remove_row(cached)
            else:
                self.refresh()  # not on screen: positions below it move up
            return
        if change.action == "created":
            self._insert_created(change.local_id)
            return
        cached = window.find(change.local_id)
        if not may_move(change, window.flt, window.sort):
            if cached is not None:
                self._reread_row(cached, change.local_id)
            elif window.has_pending:
                self._repaint(self._shift())  # a block in flight may hold the old row
            return
        # Old position unknown (not on screen) or the lookup is slow: re-query; views keep
        # their selection by ticket id.
        pos = window.position(change.local_id) if cached is not None else SLOW
        if pos is SLOW or cached is None:
            self.refresh()
        elif pos == cached:
            self._reread_row(cached, change.local_id)
        elif not isinstance(pos, int) or (self._total is None and pos >= self._rows):
            self._remove_row(cached)  # filtered out now, or moved beyond the rows known
        else:
            # Qt's destination is "insert before this row" in pre-move numbering.
            destination = pos + 1 if pos > cached else pos
            with self._changing():
                self.beginMoveRows(ROOT, cached, cached, ROOT, destination)
                pending = self._shift()
                self.endMoveRows()
            self._repaint(pending)

    def _insert_created(self, local_id: int) -> None:
        pos = self._window.position(local_id)
        if pos is SLOW:
            self.refresh()
            return
        if pos is None:
            return
        assert isinstance(pos, int)
        if pos > self._rows:  # beyond the rows fetched so far; only the count changes
            self._restart_count()
            return
        with self._changing():
            self.beginInsertRows(ROOT, pos, pos)
            pending = self._shift()
            self._rows += 1
            if self._total is not None:
                self._total += 1
            self.endInsertRows()
        self._repaint(pending)
        self._after_structural_change()

    def _remove_row(self, row: int) -> None:
        with self._changing():
            self.beginRemoveRows(ROOT, row, row)
            pending = self._shift()
            self._rows -= 1
            if self._total is not None:
                self._total -= 1
            self.endRemoveRows()
        self._repaint(pending)
        self._after_structural_change()

    def _after_structural_change(self) -> None:
        if self._total is None:
            self._restart_count()  # a count in flight may predate the change
        else:
            self.total_changed.emit(self._total)
        self.loaded.emit(self._rows, self._total)

    def _reread_row(self, row: int, local_id: int) -> None:
        try:
            fresh = self._window.service.rows([local_id]).get(local_id)  # a primary-key read
        except Exception as exc:
            self._report(exc)
            return
        if fresh is None:  # gone (deleted)
            self._remove_row(row)
            return
        self._window.replace(row, fresh)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
