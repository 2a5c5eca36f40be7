"""Rows of the ticket list for a Qt model: a windowed cache over a million rows.

The model never holds all ids. Rows live in blocks read by offset when a cell first needs
them, kept in a small LRU (see row_window). Setting a query reads the first block at once
(the list shows immediately); ``canFetchMore``/``fetchMore`` grow the rows while the total is
unknown, and COUNT(*) runs on a worker: when it arrives the model grows to the full count so
the scroll bar is right and Ctrl+End works.

Every read runs on a worker and the GUI thread waits only a short budget for it: a fast read
(the usual few milliseconds) shows at once, a slow one (a deep OFFSET, an unindexed sort, a
rare text match) arrives later by signal, so the window never freezes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)

from opexdesk.services.ticket_list import TicketFilter, TicketListService, TicketRow, TicketSort
from opexdesk.ui.models.row_window import SLOW, RowWindow
from opexdesk.ui.workers import Call, Worker

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

BLOCK_SIZE = 200
MAX_BLOCKS = 50  # at most 10,000 rows in memory
FIRST_WAIT_S = 0.25  # a query's first block; beyond this the list shows "Loading…"
ROOT = QModelIndex()


class TicketRowsModel(QAbstractTableModel):
    """The row count and rows of the ticket list under a TicketFilter and TicketSort; the
    subclass (TicketTableModel) renders them and applies live changes.

    Signals:
        loaded(rows_known, total): after a query's first block or a growth step; total is
            None until counted.
        total_changed(total): the number of rows matching the filter is (newly) known.
        loading_changed(bool): a query's first block is being read in the background.
        load_failed(message): a read failed (the list shows what it has).
    """

    loaded = Signal(int, object)
    total_changed = Signal(int)
    loading_changed = Signal(bool)
    load_failed = Signal(str)

    def __init__(
        self,
        service: TicketListService,
        parent: QObject | None = None,
        *,
        flt: TicketFilter | None = None,
        sort: TicketSort | None = None,
        block_size: int = BLOCK_SIZE,
        max_blocks: int = MAX_BLOCKS,
    ) -> None:
        super().__init__(parent)
        self._rows = 0  # rows exposed to views
        self._total: int | None = None  # rows matching the filter, once known
        self._count_gen = 0
        self._first_pending = False
        self._fetch_pending = False
        self._stale = False  # a change arrived while the first block was being read
        self._deferred: list[tuple[int, Callable[[int | None], None]]] = []
        self._busy = 0  # > 0 while rows change and listeners are being told (see fetchMore)
        self._loader = Worker(self, max_threads=2)
        self._counter = Worker(self, max_threads=1)  # a slow count never delays a page
        self._window = RowWindow(
            service,
            self._loader,
            block_size,
            max_blocks,
            total=lambda: self._total,
            on_block=self._block_changed,
            on_error=self._report,
        )
        self._window.flt = flt or TicketFilter()
        self._window.sort = sort or TicketSort()
        self.refresh()

    # ---- query state -------------------------------------------------------------------

    @property
    def ticket_filter(self) -> TicketFilter:
        return self._window.flt

    @property
    def ticket_sort(self) -> TicketSort:
        return self._window.sort

    @property
    def total(self) -> int | None:
        """Rows matching the filter (None while the count is still running)."""
        return self._total

    @property
    def rows_known(self) -> int:
        return self._rows

    @property
    def is_loading(self) -> bool:
        return self._first_pending

    def set_filter(self, flt: TicketFilter) -> None:
        if flt != self._window.flt:
            self._window.flt = flt
            self.refresh()

    def set_sort(self, sort: TicketSort) -> None:
        if sort != self._window.sort:
            self._window.sort = sort
            self.refresh()

    def refresh(self) -> None:
        """Drop the cache and read the first block again (views restore selection by id)."""
        window = self._window
        window.shift()
        self._count_gen += 1  # a count still running is for the old query
        read = window.reader(0, window.block_size, None)
        gen = window.gen
        call = self._loader.run(
            read,
            partial(self._on_first_block, gen),
            FIRST_WAIT_S,
            wanted=lambda: gen == window.gen,  # typed on meanwhile: skip the old query
        )
        with self._changing():
            self.beginResetModel()
            self._rows, self._total = 0, None
            self._fetch_pending = self._stale = False
            self._first_pending = call is None
            if call is not None:
                self._take_first(window.rows_of(call))
            self.endResetModel()
        if call is None:
            self.loading_changed.emit(True)
        else:
            self._first_block_done()

    def shutdown(self) -> None:
        """Stop background reads; call before the database closes."""
        self._loader.shutdown()
        self._counter.shutdown()

    # ---- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._rows

    def canFetchMore(self, parent: Index) -> bool:
        return (
            not parent.isValid()
            and self._total is None
            and not (self._first_pending or self._fetch_pending)
        )

    def fetchMore(self, parent: Index) -> None:
        # Not while listeners are being told about another change: a nested insert would
        # reach later-connected listeners before the outer change (Qt's model tester does
        # exactly this from its rowsInserted/modelReset handlers).
        if self._busy or not self.canFetchMore(parent):
            return
        window, start = self._window, self._rows
        read = window.reader(start, window.block_size, None)
        gen = window.gen
        done = partial(self._on_fetched, gen, start)
        call = self._loader.run(read, done, FIRST_WAIT_S, wanted=lambda: gen == window.gen)
        if call is None:
            self._fetch_pending = True
        else:
            self._grow(start, window.rows_of(call))

    # ---- lookups for views -------------------------------------------------------------

    def row_at(self, row: int) -> TicketRow | None:
        """The ticket at ``row``, or None while its block is still being read."""
        return self._window.row(row) if 0 <= row < self._rows else None

    def ticket_id_at(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    def locate(self, local_id: int, found: Callable[[int | None], None]) -> None:
        """Call ``found(row)`` with the ticket's row under the current query (None when
        filtered out): now if that is quick, else later, or never if the query changes
        first. A row beyond the rows known so far is exposed."""
        cached = self._window.find(local_id)
        if cached is not None:
            found(cached)
        elif self._first_pending:
            self._deferred.append((local_id, found))
        else:

            def late(call: Call) -> None:
                if call.error is None:
                    found(self._expose(call.result))

            pos = self._window.position(local_id, late)
            if pos is not SLOW:
                found(self._expose(pos))  # type: ignore[arg-type]

    # ---- internals ---------------------------------------------------------------------

    @contextmanager
    def _changing(self) -> Iterator[None]:
        self._busy += 1
        try:
            yield
        finally:
            self._busy -= 1

    def _shift(self) -> set[int]:
        """Row offsets changed: reads in flight are void (see RowWindow.shift)."""
        self._fetch_pending = False
        return self._window.shift()

    def _repaint(self, blocks: set[int]) -> None:
        for block_no in blocks:  # views paint them again, which reads them again
            self._block_changed(block_no)

    def _block_changed(self, block_no: int) -> None:
        first = block_no * self._window.block_size
        last = min(first + self._window.block_size, self._rows) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _on_first_block(self, gen: int, call: Call) -> None:
        if gen != self._window.gen:
            return
        self._first_pending = False
        self.loading_changed.emit(False)
        if self._stale:
            self.refresh()
            return
        rows = self._window.rows_of(call)
        with self._changing():
            if rows:
                self.beginInsertRows(ROOT, 0, len(rows) - 1)
            self._take_first(rows)
            if rows:
                self.endInsertRows()
        self._first_block_done()

    def _take_first(self, rows: list[TicketRow]) -> None:
        self._window.store(0, rows)
        self._rows = len(rows)
        if len(rows) < self._window.block_size:
            self._total = len(rows)

    def _first_block_done(self) -> None:
        if self._total is None:
            self._restart_count()
        else:
            self.total_changed.emit(self._total)
        self.loaded.emit(self._rows, self._total)
        deferred, self._deferred = self._deferred, []
        for local_id, found in deferred:
            self.locate(local_id, found)

    def _on_fetched(self, gen: int, start: int, call: Call) -> None:
        if gen == self._window.gen and start == self._rows:
            self._fetch_pending = False
            self._grow(start, self._window.rows_of(call))

    def _grow(self, start: int, rows: list[TicketRow]) -> None:
        size = self._window.block_size
        if start % size == 0:
            self._window.store(start // size, rows)
        if rows:
            with self._changing():
                self.beginInsertRows(ROOT, start, start + len(rows) - 1)
                self._rows += len(rows)
                self.endInsertRows()
        if len(rows) < size:  # reached the end: the total is known now
            self._count_gen += 1  # a count still running is no longer needed
            self._total = self._rows
            self.total_changed.emit(self._total)
        self.loaded.emit(self._rows, self._total)

    def _expose(self, pos: int | None) -> int | None:
        if pos is not None and pos >= self._rows:
            # The count has not arrived yet: grow to the row (its blocks load on demand).
            with self._changing():
                self.beginInsertRows(ROOT, self._rows, pos)
                self._rows = pos + 1
                self.endInsertRows()
        return pos

    def _restart_count(self) -> None:
        self._count_gen += 1
        gen, flt, service = self._count_gen, self._window.flt, self._window.service
        self._counter.run(
            lambda: service.count(flt),
            partial(self._on_count, gen),
            wanted=lambda: gen == self._count_gen,  # a newer query's count supersedes it
        )

    def _on_count(self, count_gen: int, call: Call) -> None:
        if count_gen != self._count_gen or call.skipped:
            return  # the count of an older query, or of rows since changed
        if call.error is not None:
            self._report(call.error)
            return
        result = int(call.result)
        with self._changing():
            if result > self._rows:
                self.beginInsertRows(ROOT, self._rows, result - 1)
                self._total = self._rows = result
                self.endInsertRows()
            elif result < self._rows:
                self.beginRemoveRows(ROOT, result, self._rows - 1)
                self._total = self._rows = result
                self._window.forget_from(result)
                self.endRemoveRows()
            else:
                self._total = result
        self.total_changed.emit(result)
        self.loaded.emit(self._rows, self._total)

    def _report(self, exc: BaseException) -> None:
        log.error("ticket list read failed: %s", exc)
        self.load_failed.emit(
            QCoreApplication.translate(
                "TicketRowsModel", "Reading the ticket list failed: {0}"
            ).format(exc)
        )
