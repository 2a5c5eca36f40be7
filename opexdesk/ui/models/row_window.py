"""The rows behind the ticket table: blocks read by offset on a worker, kept in an LRU.

Plain Python over a Worker (no model signals here): the table model owns the row count and
tells views what changed; this class only knows how to get rows for offsets quickly.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable
from functools import partial

from opexdesk.services.ticket_list import TicketFilter, TicketListService, TicketRow, TicketSort
from opexdesk.ui.workers import Call, Worker

BLOCK_WAIT_S = 0.04  # a block needed for painting: keeps scrolling smooth
POSITION_WAIT_S = 0.15  # where a changed ticket goes; beyond this the model re-queries
RECENT_BLOCKS = 8  # blocks asked for before these were scrolled past: skip their reads

SLOW = object()  # position(): the lookup did not finish within its budget

Reader = Callable[[], list[TicketRow]]


class RowWindow:
    """Blocks of ``block_size`` rows of one query (filter + sort).

    ``gen`` changes whenever row offsets may have shifted (new query, insert, move, remove);
    results of reads started under an older ``gen`` are dropped when they arrive.
    """

    def __init__(
        self,
        service: TicketListService,
        loader: Worker,
        block_size: int,
        max_blocks: int,
        total: Callable[[], int | None],
        on_block: Callable[[int], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.service = service
        self.block_size = block_size
        self.flt = TicketFilter()
        self.sort = TicketSort()
        self.gen = 0
        self._loader = loader
        self._max_blocks = max(2, max_blocks)
        self._total = total
        self._on_block = on_block
        self._on_error = on_error
        self._blocks: OrderedDict[int, list[TicketRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._recent: deque[int] = deque(maxlen=RECENT_BLOCKS)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def shift(self) -> set[int]:
        """Offsets changed: forget cached and in-flight blocks; returns those that were in
        flight (the caller asks views to repaint them, which reads them again)."""
        self.gen += 1
        pending, self._pending = self._pending, set()
        self._blocks.clear()
        return pending

    def row(self, row: int) -> TicketRow | None:
        """The row at offset ``row``, reading its block now if that is quick; None while the
        block is still being read (``on_block(block_no)`` follows)."""
        block_no, offset = divmod(row, self.block_size)
        block = self._blocks.get(block_no)
        if block is None:
            block = self._load(block_no)
            if block is None:
                return None
        else:
            self._blocks.move_to_end(block_no)
        return block[offset] if offset < len(block) else None

    def reader(self, offset: int, limit: int, total: int | None) -> Reader:
        """A read of one page with its parameters fixed now (it runs on another thread).

        Near the end of a counted list it reads backwards: OFFSET walks the skipped rows, so
        reading from the nearer end halves the worst case and makes Ctrl+End instant."""
        flt, sort, service = self.flt, self.sort, self.service
        if total is not None and offset > total // 2:
            end = min(offset + limit, total)
            if end <= offset:
                return list
            reverse = TicketSort(sort.column, not sort.descending)

            def read_backwards() -> list[TicketRow]:
                rows = service.page(flt, reverse, end - offset, total - end)
                rows.reverse()
                return rows

            return read_backwards
        return lambda: service.page(flt, sort, limit, offset)

    def rows_of(self, call: Call) -> list[TicketRow]:
        if call.error is not None:
            self._on_error(call.error)
            return []
        return list(call.result or [])

    def store(self, block_no: int, rows: list[TicketRow]) -> None:
        self._blocks[block_no] = rows
        self._blocks.move_to_end(block_no)
        while len(self._blocks) > self._max_blocks:
            self._blocks.popitem(last=False)

    def replace(self, row: int, fresh: TicketRow) -> None:
        block_no, offset = divmod(row, self.block_size)
        block = self._blocks.get(block_no)
        if block is not None and offset < len(block):
            block[offset] = fresh

    def forget_from(self, row: int) -> None:
        """Rows from ``row`` on are gone (the list got shorter at its end)."""
        for block_no in [b for b in self._blocks if (b + 1) * self.block_size > row]:
            del self._blocks[block_no]

    def find(self, local_id: int) -> int | None:
        """Row of a cached ticket (cached rows include every row on screen)."""
        for block_no, rows in self._blocks.items():
            for offset, row in enumerate(rows):
                if row.local_id == local_id:
                    return block_no * self.block_size + offset
        return None

    def position(self, local_id: int, on_late: Callable[[Call], None] | None = None) -> object:
        """The ticket's row under the query (None if filtered out), or SLOW if the lookup
        takes longer than the budget; then ``on_late(call)`` gets it later (same gen)."""
        gen, flt, sort, service = self.gen, self.flt, self.sort, self.service

        def late(call: Call) -> None:
            if on_late is not None and gen == self.gen:
                on_late(call)

        call = self._loader.run(
            lambda: service.position_of(local_id, flt, sort), late, POSITION_WAIT_S
        )
        if call is None:
            return SLOW
        if call.error is not None:
            self._on_error(call.error)
            return SLOW
        return call.result

    def _load(self, block_no: int) -> list[TicketRow] | None:
        if block_no in self._pending:
            return None
        self._recent.append(block_no)
        gen, recent = self.gen, self._recent

        def wanted() -> bool:  # runs on the worker: skip blocks scrolled past meanwhile
            return gen == self.gen and block_no in recent

        read = self.reader(block_no * self.block_size, self.block_size, self._total())
        done = partial(self._loaded_late, gen, block_no)
        call = self._loader.run(read, done, BLOCK_WAIT_S, wanted)
        if call is None:
            self._pending.add(block_no)
            return None
        if call.skipped:
            return None
        rows = self.rows_of(call)
        self.store(block_no, rows)
        return rows

    def _loaded_late(self, gen: int, block_no: int, call: Call) -> None:
        if gen != self.gen:
            return
        self._pending.discard(block_no)
        if not call.skipped:
            self.store(block_no, self.rows_of(call))  # [] after an error: no retry loop
        self._on_block(block_no)
