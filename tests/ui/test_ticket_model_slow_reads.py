"""The ticket table model when reads are slow (a million rows: deep OFFSETs, unindexed sorts,
rare text matches): the GUI thread waits only a short budget, rows arrive by signal.

The real list service is wrapped so that chosen reads sleep first; everything else is real."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence

import pytest

from opexdesk.app import AppContext
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.ticket_list import TicketFilter, TicketListService, TicketRow, TicketSort
from opexdesk.ui.models.ticket_columns import TITLE_COLUMN
from opexdesk.ui.models.ticket_table_model import LOADING, TicketIdRole, TicketTableModel
from opexdesk.ui.notifier_bridge import NotifierBridge

N = 40
BLOCK = 7
DELAY = 0.8  # well above every wait budget of the model (at most 0.25 s)


class SlowList:
    """TicketListService whose reads sleep first when ``slow_page``/``slow_position`` say so."""

    def __init__(self, real: TicketListService) -> None:
        self.real = real
        self.slow_page: Callable[[int], bool] = lambda offset: False
        self.slow_position = False
        self.pages_read: list[int] = []
        self._lock = threading.Lock()

    def page(self, flt: TicketFilter, sort: TicketSort, limit: int, offset: int = 0):
        if self.slow_page(offset):
            time.sleep(DELAY)
        with self._lock:
            self.pages_read.append(offset)
        return self.real.page(flt, sort, limit, offset)

    def count(self, flt: TicketFilter) -> int:
        return self.real.count(flt)

    def rows(self, local_ids: Sequence[int]) -> dict[int, TicketRow]:
        return self.real.rows(local_ids)

    def position_of(self, local_id: int, flt: TicketFilter, sort: TicketSort) -> int | None:
        if self.slow_position:
            time.sleep(DELAY)
        return self.real.position_of(local_id, flt, sort)


@pytest.fixture
def slow(ctx: AppContext, seed) -> SlowList:  # noqa: ANN001
    seed(N)
    return SlowList(ctx.ticket_list)


@pytest.fixture
def models() -> Iterator[list[TicketTableModel]]:
    made: list[TicketTableModel] = []
    yield made
    for model in made:
        model.shutdown()


def make(slow: SlowList, models: list[TicketTableModel], **kwargs) -> TicketTableModel:  # noqa: ANN003
    model = TicketTableModel(slow, block_size=BLOCK, **kwargs)  # type: ignore[arg-type]
    models.append(model)
    return model


def test_a_slow_first_block_does_not_block_and_arrives_by_signal(qtbot, slow, models) -> None:
    slow.slow_page = lambda offset: True
    started = time.monotonic()
    model = make(slow, models)
    assert time.monotonic() - started < DELAY  # waited its budget, not the whole read
    assert model.is_loading and model.rowCount() == 0
    assert not model.canFetchMore(model.index(-1, -1))  # nothing to grow from yet
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    assert not model.is_loading
    assert model.rowCount() >= BLOCK
    qtbot.waitUntil(lambda: model.total == N, timeout=5000)


def test_a_slow_block_shows_a_placeholder_then_the_rows(qtbot, slow, models) -> None:
    model = make(slow, models)
    qtbot.waitUntil(lambda: model.total == N, timeout=5000)
    slow.slow_page = lambda offset: offset > 0
    row = 2 * BLOCK + 3
    assert model.index(row, TITLE_COLUMN).data() == LOADING
    assert model.index(row, 0).data(TicketIdRole) is None
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        pass
    assert changed.args[0].row() <= row <= changed.args[1].row()
    expected = slow.real.page(TicketFilter(), TicketSort(), 1, row)[0]
    assert model.index(row, 0).data(TicketIdRole) == expected.id
    assert model.index(row, TITLE_COLUMN).data() == expected.title


def test_blocks_scrolled_past_are_not_read(qtbot, slow, models) -> None:
    model = make(slow, models)
    qtbot.waitUntil(lambda: model.total == N, timeout=5000)
    slow.slow_page = lambda offset: offset > 0
    slow.pages_read.clear()
    blocks = range(1, N // BLOCK + 1)
    for block in blocks:  # like a fast drag of the scroll bar
        model.index(block * BLOCK, 0).data()
    last = blocks[-1] * BLOCK
    qtbot.waitUntil(lambda: model.row_at(last) is not None, timeout=10_000)
    assert len(slow.pages_read) <= len(blocks)


def test_a_change_during_a_slow_first_block_reads_again(qtbot, ctx, slow, models) -> None:
    slow.slow_page = lambda offset: offset == 0 and len(slow.pages_read) < 1
    model = make(slow, models)
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    assert model.is_loading
    created = ctx.tickets.create(TicketDraft(title="Created while the list was loading"))
    qtbot.waitUntil(lambda: model.total == N + 1, timeout=5000)
    assert model.index(0, 0).data(TicketIdRole) == created.ticket_id
    bridge.close()


def test_a_slow_position_lookup_falls_back_to_a_requery(qtbot, ctx, slow, models) -> None:
    model = make(slow, models)
    qtbot.waitUntil(lambda: model.total == N, timeout=5000)
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    slow.slow_position = True
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        created = ctx.tickets.create(TicketDraft(title="New while positions are slow"))
    qtbot.waitUntil(lambda: model.total == N + 1, timeout=5000)
    assert model.index(0, 0).data(TicketIdRole) == created.ticket_id
    far = slow.real.page(TicketFilter(), TicketSort(), 1, 30)[0]  # not in a cached block
    found: list[int | None] = []
    model.locate(far.local_id, found.append)
    assert found == []  # the lookup is slow: the answer comes later, by signal
    qtbot.waitUntil(lambda: found == [30], timeout=5000)
    bridge.close()
