"""The ticket table model against a real SQLite store: paging, counting, sorting, filtering,
live updates. Small block sizes make several blocks out of a few dozen tickets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QFont

from opexdesk.app import AppContext
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.ticket_list import UNASSIGNED, TicketFilter, TicketSort
from opexdesk.ui.models.ticket_columns import COLUMNS, DUE_COLUMN, TITLE_COLUMN
from opexdesk.ui.models.ticket_table_model import (
    LocalIdRole,
    RowRole,
    TicketIdRole,
    TicketTableModel,
)
from opexdesk.ui.notifier_bridge import NotifierBridge

N = 40
BLOCK = 7

ModelFactory = Callable[..., TicketTableModel]


@pytest.fixture
def make_model(ctx: AppContext) -> Iterator[ModelFactory]:
    made: list[TicketTableModel] = []

    def make(**kwargs: object) -> TicketTableModel:
        kwargs.setdefault("block_size", BLOCK)
        kwargs.setdefault("now", ctx.clock.now)
        model = TicketTableModel(ctx.ticket_list, **kwargs)  # type: ignore[arg-type]
        made.append(model)
        return model

    yield make
    for model in made:
        model.shutdown()


def counted(qtbot, model: TicketTableModel) -> TicketTableModel:  # noqa: ANN001
    if model.total is None:
        with qtbot.waitSignal(model.total_changed, timeout=5000):
            pass
    return model


def model_ids(model: TicketTableModel) -> list[str]:
    return [model.index(r, 0).data(TicketIdRole) for r in range(model.rowCount())]


def loaded_ids(qtbot, model: TicketTableModel) -> list[str]:  # noqa: ANN001
    """Every row's id once each row has been read: a row still being read shows a
    placeholder (None), and asking for it starts the read on the worker."""
    qtbot.waitUntil(lambda: None not in model_ids(model), timeout=10_000)
    return model_ids(model)


def service_ids(ctx: AppContext, flt: TicketFilter, sort: TicketSort) -> list[str]:
    return [row.id for row in ctx.ticket_list.page(flt, sort, 10_000)]


def test_qt_model_tester(qtbot, qtmodeltester, ctx, seed, make_model) -> None:
    seed(N)
    model = make_model()
    qtmodeltester.check(model)
    model.fetchMore(model.index(-1, -1))
    counted(qtbot, model)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    counted(qtbot, model)
    model.set_filter(TicketFilter(text="VPN"))
    counted(qtbot, model)


def test_first_block_now_then_count_from_worker(qtbot, ctx, seed, make_model) -> None:
    seed(N)
    model = make_model()
    assert model.rowCount() == BLOCK  # the first block, read synchronously
    assert model.total is None
    assert model.canFetchMore(model.index(-1, -1))
    with qtbot.waitSignal(model.total_changed, timeout=5000) as blocker:
        pass
    assert blocker.args == [N]
    assert model.rowCount() == model.total == N
    assert not model.canFetchMore(model.index(-1, -1))


def test_fetch_more_grows_until_the_end(ctx, seed, make_model) -> None:
    seed(N)
    model = make_model()
    root = model.index(-1, -1)
    steps = 0
    while model.canFetchMore(root):
        before = model.rowCount()
        model.fetchMore(root)
        assert model.rowCount() == min(before + BLOCK, N)
        steps += 1
    assert steps == N // BLOCK  # the last, partial block tells the total
    assert model.total == N


def test_paging_beyond_the_first_block_matches_the_service(qtbot, ctx, seed, make_model) -> None:
    seed(N)
    model = counted(qtbot, make_model(max_blocks=2))
    expected = service_ids(ctx, TicketFilter(), TicketSort())
    # Backwards, so the far blocks (read in reverse order from the end) come first.
    got = [model.index(r, 0).data(TicketIdRole) for r in reversed(range(N))]
    assert got[::-1] == expected
    assert len(model._window._blocks) <= 2  # bounded memory: the LRU evicts old blocks
    row = model.index(N - 1, 0).data(RowRole)
    assert model.index(N - 1, 0).data() == row.display_number
    assert model.index(N - 1, 0).data(LocalIdRole) == row.local_id


@pytest.mark.parametrize("column", range(len(COLUMNS)), ids=[c.title for c in COLUMNS])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_matches_the_service(qtbot, ctx, seed, make_model, column, order) -> None:
    seed(N)
    model = make_model()
    model.sort(column, order)
    counted(qtbot, model)
    sort = TicketSort(COLUMNS[column].sort_key, order == Qt.SortOrder.DescendingOrder)
    assert model.ticket_sort == sort
    assert loaded_ids(qtbot, model) == service_ids(ctx, TicketFilter(), sort)


@pytest.mark.parametrize(
    ("flt", "check"),
    [
        (TicketFilter(text="打印机"), lambda r: "打印机" in r.title),
        (TicketFilter(text="vpn"), lambda r: "vpn" in r.title.lower()),
        (TicketFilter(statuses=frozenset({"in_progress"})), lambda r: r.status == "in_progress"),
        (TicketFilter(priorities=frozenset({1, 2})), lambda r: r.priority in (1, 2)),
        (TicketFilter(assignee="alice"), lambda r: r.assignee == "alice"),
        (TicketFilter(assignee=UNASSIGNED), lambda r: r.assignee is None),
    ],
    ids=["chinese-text", "text", "status", "priority", "assignee", "unassigned"],
)
def test_filters(qtbot, ctx, seed, make_model, flt, check) -> None:
    seed(N)
    model = make_model()
    model.set_filter(flt)
    counted(qtbot, model)
    assert 0 < model.rowCount() < N
    rows = [model.index(r, 0).data(RowRole) for r in range(model.rowCount())]
    assert all(check(r) for r in rows)
    assert [r.id for r in rows] == service_ids(ctx, flt, TicketSort())


def test_edit_redraws_the_row_without_reset(qtbot, ctx, seed, make_model) -> None:
    ids = seed(N)
    model = counted(qtbot, make_model(sort=TicketSort("number", False)))
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    row = 12
    assert model.index(row, 0).data(TicketIdRole) == ids[row]
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.assertNotEmitted(model.rowsMoved),
        qtbot.waitSignal(model.dataChanged) as changed,
    ):
        ctx.tickets.update(ids[row], {"title": "Projector shows no signal"})
    assert changed.args[0].row() == row
    assert model.index(row, TITLE_COLUMN).data() == "Projector shows no signal"
    assert model.index(row, TITLE_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == (
        "Projector shows no signal"
    )
    bridge.close()


def test_edit_under_updated_sort_moves_the_row_and_selection(qtbot, ctx, seed, make_model):
    ids = seed(N)
    model = counted(qtbot, make_model())  # updated_at, newest first
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    selection = QItemSelectionModel(model)
    target = model.index(20, 0).data(TicketIdRole)
    selection.setCurrentIndex(
        model.index(20, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsMoved):
        ctx.tickets.update(target, {"title": "Moved to the top"})
    assert model.index(0, TITLE_COLUMN).data() == "Moved to the top"
    assert selection.currentIndex().row() == 0
    assert selection.currentIndex().data(TicketIdRole) == target
    assert loaded_ids(qtbot, model) == service_ids(ctx, TicketFilter(), TicketSort())
    assert set(ids) == set(loaded_ids(qtbot, model))
    bridge.close()


def test_creation_inserts_a_row_and_keeps_the_selection(qtbot, ctx, seed, make_model) -> None:
    seed(N)
    model = counted(qtbot, make_model())
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    selection = QItemSelectionModel(model)
    selection.setCurrentIndex(
        model.index(5, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    selected = selection.currentIndex().data(TicketIdRole)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsInserted):
        created = ctx.tickets.create(TicketDraft(title="服务器无法启动"))
    assert model.rowCount() == model.total == N + 1
    assert model.index(0, 0).data(TicketIdRole) == created.ticket_id
    assert model.index(0, TITLE_COLUMN).data() == "服务器无法启动"
    assert selection.currentIndex().row() == 6
    assert selection.currentIndex().data(TicketIdRole) == selected
    assert selection.isRowSelected(6)
    bridge.close()


def test_transition_out_of_the_filter_removes_the_row(qtbot, ctx, seed, make_model) -> None:
    seed(N)
    flt = TicketFilter(statuses=frozenset({"in_progress"}))
    model = counted(qtbot, make_model(flt=flt, sort=TicketSort("number", False)))
    before = model.rowCount()
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    ticket = model.index(1, 0).data(TicketIdRole)
    with qtbot.waitSignal(model.rowsRemoved):
        ctx.tickets.transition(ticket, Status.PENDING)
    assert model.rowCount() == model.total == before - 1
    assert ticket not in model_ids(model)
    bridge.close()


def test_deleting_a_ticket_removes_its_row(qtbot, ctx, seed, make_model) -> None:
    seed(N)
    model = counted(qtbot, make_model(sort=TicketSort("number", False)))
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    before = model.rowCount()
    ticket = model.index(2, 0).data(TicketIdRole)
    with qtbot.waitSignal(model.rowsRemoved):
        ctx.tickets.delete(ticket, "entered twice")
    assert model.rowCount() == model.total == before - 1
    assert ticket not in model_ids(model)
    bridge.close()


def test_change_of_an_uncached_row_requeries(qtbot, ctx, seed, make_model) -> None:
    ids = seed(N)
    model = counted(qtbot, make_model(max_blocks=2, sort=TicketSort("title", False)))
    model.index(0, 0).data()  # only the first blocks are cached
    bridge = NotifierBridge(ctx.notifier)
    bridge.changed.connect(model.ticket_changed)
    far = model.index(N - 1, 0).data(TicketIdRole)
    model.index(0, 0).data()
    model.index(BLOCK, 0).data()  # evicts the last block
    with qtbot.waitSignal(model.modelReset):
        ctx.tickets.update(far, {"title": "AAA first now"})
    counted(qtbot, model)
    assert model.index(0, TITLE_COLUMN).data() == "AAA first now"
    assert set(loaded_ids(qtbot, model)) == set(ids)
    bridge.close()


def test_locate_exposes_rows_before_the_count(qtbot, ctx, seed, make_model) -> None:
    ids = seed(N)
    model = make_model(sort=TicketSort("number", False))
    assert model.rowCount() == BLOCK
    local_id = ctx.tickets.get(ids[30]).local_id
    found: list[int | None] = []
    model.locate(local_id, found.append)
    qtbot.waitUntil(lambda: found == [30])
    assert model.rowCount() >= 31
    assert model.index(30, 0).data(TicketIdRole) == ids[30]


def test_overdue_due_dates_are_red_and_bold(qtbot, ctx, seed, make_model) -> None:
    seed(N)
    now = datetime.now(UTC)  # the tickets were created "days ago" by the test clock
    model = counted(qtbot, make_model(sort=TicketSort("resolution_due_at", False), now=lambda: now))
    first = model.index(0, 0).data(RowRole)
    assert first.resolution_due_at < now  # the test clock started days ago
    overdue = [
        r
        for r in range(model.rowCount())
        if model.index(r, DUE_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is not None
    ]
    assert overdue
    for r in overdue:
        row = model.index(r, 0).data(RowRole)
        assert Status(row.status).is_open and row.resolution_due_at < now
        brush = model.index(r, DUE_COLUMN).data(Qt.ItemDataRole.ForegroundRole)
        assert isinstance(brush, QBrush) and brush.color().red() > 150
        font = model.index(r, DUE_COLUMN).data(Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.bold()
    assert model.index(0, TITLE_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is None
    priority = model.index(0, 3).data()
    assert priority in {"P1", "P2", "P3", "P4"}
