"""Overriding a ticket's priority from the editor: the dialog, the refusal, the badge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_detail import make_ticket, modal_handler, open_context, outbox_count
from PySide6.QtWidgets import QWidget

from opexdesk.app import AppContext
from opexdesk.ui.tickets.detail_pane import TicketDetailPane
from opexdesk.ui.tickets.priority_override_dialog import PriorityOverrideDialog


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path / "store")
    yield context
    context.close()


@pytest.fixture
def pane(qtbot, ctx: AppContext) -> TicketDetailPane:
    widget = TicketDetailPane(ctx.tickets, choose_file=lambda _p: None, open_path=lambda _p: True)
    qtbot.addWidget(widget)
    widget.resize(820, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_override_from_the_editor_shows_the_locked_badge(
    qtbot, ctx: AppContext, pane: TicketDetailPane, artifacts: Path
) -> None:
    tid = make_ticket(ctx, "Projector in the boardroom", impact=4, urgency=4)
    pane.show_ticket(tid)
    assert pane.fields.ui.priorityValue.text() == "P4"

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PriorityOverrideDialog)
        dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData(1))
        dialog.reason_edit.setText("Board meeting at 10:00")
        dialog.grab().save(str(artifacts / "priority_override_dialog.png"))
        dialog.accept()

    seen = modal_handler(qtbot, answer)
    assert pane.fields.override_button.shortcut().toString() == "Ctrl+Shift+P"
    pane.fields.override_button.click()
    assert seen == ["PriorityOverrideDialog"]
    assert pane.fields.ui.priorityValue.text() == "P1"
    assert pane.fields.override_note.text() == "set by hand: Board meeting at 10:00"
    detail = ctx.tickets.get(tid)
    assert (detail.priority, detail.priority_override_reason) == (1, "Board meeting at 10:00")
    pane.grab().save(str(artifacts / "priority_overridden.png"))


def test_an_empty_reason_keeps_the_dialog_open_and_writes_nothing(qtbot, ctx: AppContext) -> None:
    tid = make_ticket(ctx, "VPN 断线")
    before = outbox_count(ctx)
    dialog = PriorityOverrideDialog(ctx.tickets, tid, 3, None, 3)
    qtbot.addWidget(dialog)
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData(2))
    dialog.accept()
    assert dialog.result() != PriorityOverrideDialog.DialogCode.Accepted
    assert not dialog.error_label.isHidden() and "priority differs" in dialog.error_label.text()
    assert outbox_count(ctx) == before
    # "Derived" needs no reason and ends an override.
    ctx.tickets.override_priority(tid, 1, "VIP")
    dialog = PriorityOverrideDialog(ctx.tickets, tid, 1, "VIP", 3)
    qtbot.addWidget(dialog)
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.count() - 1)
    assert not dialog.reason_edit.isEnabled()
    dialog.accept()
    detail = ctx.tickets.get(tid)
    assert (detail.priority, detail.priority_override_reason) == (3, None)
