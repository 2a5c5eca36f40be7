"""Tools > Priority matrix: an administrator changes a cell; the editor follows at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_detail import make_ticket, open_context

from opexdesk.app import AppContext
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState
from opexdesk.ui.priority_matrix_dialog import PriorityMatrixDialog
from opexdesk.ui.tickets.detail_pane import TicketDetailPane


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path / "store")
    yield context
    context.close()


def test_a_changed_cell_is_stored_and_used_by_the_editor(
    qtbot, ctx: AppContext, artifacts: Path
) -> None:
    tid = make_ticket(ctx, "Badge printer", impact=1, urgency=4)
    pane = TicketDetailPane(ctx.tickets, choose_file=lambda _p: None, open_path=lambda _p: True)
    qtbot.addWidget(pane)
    pane.show_ticket(tid)
    assert pane.fields.ui.priorityValue.text() == "P3"
    dialog = PriorityMatrixDialog(ctx.shared_config)
    qtbot.addWidget(dialog)
    cell = dialog.cells[(1, 4)]
    cell.setCurrentIndex(cell.findData(2))
    dialog.grab().save(str(artifacts / "priority_matrix.png"))
    dialog.accept()
    assert dialog.result() == PriorityMatrixDialog.DialogCode.Accepted
    assert ctx.shared_config.matrix().cells[(1, 4)] == 2
    # The editor's live priority follows the new matrix (no restart).
    pane.fields.load(ctx.tickets.get(tid))
    assert pane.fields.derived_priority() == 2


def test_a_matrix_that_makes_no_sense_is_refused_in_place(qtbot, ctx: AppContext) -> None:
    dialog = PriorityMatrixDialog(ctx.shared_config)
    qtbot.addWidget(dialog)
    cell = dialog.cells[(1, 1)]
    cell.setCurrentIndex(cell.findData(4))  # the most severe case, least urgent
    dialog.accept()
    assert dialog.result() != PriorityMatrixDialog.DialogCode.Accepted
    assert "cannot wait longer" in dialog.error_label.text()
    assert ctx.shared_config.matrix().cells[(1, 1)] == 1


def test_read_only_for_a_technician(qtbot, ctx: AppContext) -> None:
    with ctx.db.transaction() as s:
        s.add(SyncState(id=SYNC_STATE_ID, client_id="c", cursor=0, role="technician"))
    assert not ctx.shared_config.may_change()
    dialog = PriorityMatrixDialog(ctx.shared_config, editable=False)
    qtbot.addWidget(dialog)
    assert not any(c.isEnabled() for c in dialog.cells.values())
