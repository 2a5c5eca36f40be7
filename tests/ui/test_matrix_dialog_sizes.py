"""Tools > Priority matrix with sizes and labels: the administrator grows it to 5x5 with
five priorities, renames the levels, and the ticket editor follows."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from opexdesk.app import AppContext
from opexdesk.domain.enums import MAX_LEVELS
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.shared_config import PRIORITY_MATRIX, SLA_POLICY
from opexdesk.domain.sla import DEFAULT_POLICY
from opexdesk.domain.ticket import TicketDraft
from opexdesk.ui.priority_matrix_dialog import PriorityMatrixDialog
from opexdesk.ui.tickets.detail_pane import TicketDetailPane
from opexdesk.ui.tickets.fields_form import TicketFieldsForm
from opexdesk.ui.tickets.formatting import PRIORITY_COLORS
from opexdesk.ui.triage.triage_window import TriageWindow

TARGETS: dict[str, Any] = DEFAULT_POLICY.to_dict()["targets"]  # type: ignore[assignment]
P5_POLICY = {
    **DEFAULT_POLICY.to_dict(),
    "targets": {**TARGETS, "P5": {"response": "24h", "resolution": "480h"}},
}
IMPACTS = ["Enterprise", "Site", "Department", "Team", "Person"]
URGENCIES = ["Now", "Today", "This week", "This month", "Someday"]
PRIORITIES = ["Critical", "High", "Medium", "Low", "Planned"]
FIVE = {
    "impacts": IMPACTS,
    "urgencies": URGENCIES,
    "priorities": PRIORITIES,
    "rows": [[(i + u) // 2 for u in range(1, 6)] for i in range(1, 6)],
}


def pick(combo: QComboBox, level: int) -> None:
    combo.setCurrentIndex(combo.findData(level))


def grow_to_five(dialog: PriorityMatrixDialog) -> None:
    for spin in dialog.counts.values():
        spin.setValue(5)
    for edits, names in (
        (dialog.impact_edits, IMPACTS),
        (dialog.urgency_edits, URGENCIES),
        (dialog.priority_edits, PRIORITIES),
    ):
        for edit, name in zip(edits, names, strict=True):
            edit.setText(name)
    for (i, u), combo in dialog.cells.items():
        pick(combo, (i + u) // 2)


def test_resizing_keeps_existing_cells_and_fills_new_ones_in_order(qtbot, ctx: AppContext) -> None:
    dialog = PriorityMatrixDialog(ctx.shared_config)
    qtbot.addWidget(dialog)
    pick(dialog.cells[(1, 4)], 2)
    dialog.counts["impact"].setValue(5)
    assert len(dialog.impact_edits) == 5 and len(dialog.cells) == 20
    assert dialog.impact_edits[4].text() == "Impact 5"
    assert dialog.impact_edits[0].text() == "Extensive"  # kept
    assert int(dialog.cells[(1, 4)].currentData()) == 2  # kept
    assert [int(dialog.cells[(5, u)].currentData()) for u in range(1, 5)] == [3, 3, 4, 4]
    dialog.counts["urgency"].setValue(2)
    assert len(dialog.cells) == 10 and len(dialog.urgency_edits) == 2
    dialog.counts["priority"].setValue(3)  # cells above P3 are clamped, the order holds
    assert max(int(c.currentData()) for c in dialog.cells.values()) == 3
    assert dialog.cells[(1, 1)].count() == 3
    dialog.priority_edits[2].setText("Later")
    assert dialog.cells[(5, 2)].currentText() == "Later"  # the pick lists follow the label
    dialog.accept()
    assert dialog.result() == PriorityMatrixDialog.DialogCode.Accepted
    stored = ctx.shared_config.matrix()
    assert stored.impacts == ("Extensive", "Significant", "Moderate", "Minor", "Impact 5")
    assert stored.urgencies == ("Critical", "High")
    assert stored.priorities == ("P1", "P2", "Later")
    assert stored.rows() == [[1, 1], [1, 2], [2, 3], [3, 3], [3, 3]]


def test_a_5x5_matrix_is_refused_inline_until_the_sla_has_a_p5_target_then_stored(
    qtbot, ctx: AppContext, artifacts: Path
) -> None:
    tid = ctx.tickets.create(TicketDraft(title="Coffee machine", impact=4, urgency=4)).ticket_id
    dialog = PriorityMatrixDialog(ctx.shared_config)
    qtbot.addWidget(dialog)
    dialog.show()
    grow_to_five(dialog)
    dialog.accept()
    assert dialog.result() != PriorityMatrixDialog.DialogCode.Accepted
    assert dialog.isVisible()  # stays open, nothing stored
    assert "add the target to the SLA policy first" in dialog.error_label.text()
    assert "P5 (Planned)" in dialog.error_label.text()
    assert ctx.shared_config.matrix() == PriorityMatrix()
    dialog.priority_edits[1].setText("critical")  # same as level 1, ignoring case
    dialog.accept()
    assert "Priority label 'critical' is used twice" in dialog.error_label.text()
    dialog.priority_edits[1].setText("High")

    ctx.shared_config.set(SLA_POLICY, P5_POLICY)
    dialog.error_label.hide()
    qtbot.waitUntil(lambda: dialog.cells[(5, 5)].isVisible())
    dialog.grab().save(str(artifacts / "priority_matrix_5x5.png"))
    dialog.accept()
    assert dialog.result() == PriorityMatrixDialog.DialogCode.Accepted
    stored = ctx.shared_config.matrix()
    assert (list(stored.impacts), list(stored.urgencies)) == (IMPACTS, URGENCIES)
    assert list(stored.priorities) == PRIORITIES
    assert stored.priority_for(5, 5) == 5

    # The editor shows the matrix's levels and labels, and derives with it.
    pane = TicketDetailPane(ctx.tickets, choose_file=lambda _p: None, open_path=lambda _p: True)
    qtbot.addWidget(pane)
    pane.show_ticket(tid)
    fields: TicketFieldsForm = pane.fields
    impact_items = [fields.ui.impactCombo.itemText(n) for n in range(5)]
    assert impact_items == [f"{n} – {name}" for n, name in enumerate(IMPACTS, start=1)]
    assert fields.ui.priorityValue.text() == "Low"  # (4, 4) gives 4, named "Low"
    pick(fields.ui.impactCombo, 5)
    pick(fields.ui.urgencyCombo, 5)
    assert fields.ui.priorityValue.text() == "Planned"
    assert fields.derived_priority() == 5


def test_a_technician_sees_sizes_and_labels_read_only(qtbot, ctx: AppContext) -> None:
    dialog = PriorityMatrixDialog(ctx.shared_config, editable=False)
    qtbot.addWidget(dialog)
    widgets = [*dialog.counts.values(), *dialog.impact_edits, *dialog.priority_edits]
    assert widgets and not any(w.isEnabled() for w in widgets)


class NoSuggestions:
    """A suggestion source that never guesses (the triage panels need one)."""

    def suggest(self, title: str | None, description: str | None = "") -> Any:
        return SimpleNamespace(fields={})

    def record_correction(self, *args: object) -> None:
        pass


def test_triage_keys_reach_the_fifth_level_only_when_the_matrix_has_it(
    qtbot, ctx: AppContext
) -> None:
    tid = ctx.tickets.create(TicketDraft(title="Coffee machine", impact=3, urgency=3)).ticket_id
    window = TriageWindow(ctx.triage, ctx.notifier, NoSuggestions())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.current_row() == 0)
    window.refocus()
    qtbot.waitUntil(window.table.hasFocus)

    def press(key: Qt.Key) -> str:
        window.last_report = None
        qtbot.keyClick(window.table, key)
        qtbot.waitUntil(lambda: window.last_report is not None, timeout=30_000)
        assert window.last_report is not None
        return window.last_report.message

    assert "use impact 1 (Extensive) to 4 (Minor)" in press(Qt.Key.Key_5)
    assert ctx.tickets.get(tid).impact == 3
    ctx.shared_config.set(SLA_POLICY, P5_POLICY)
    ctx.shared_config.set(PRIORITY_MATRIX, FIVE)
    press(Qt.Key.Key_5)
    press(Qt.Key.Key_T)
    ticket = ctx.tickets.get(tid)
    assert (ticket.impact, ticket.urgency, ticket.priority) == (5, 5, 5)


def test_every_possible_priority_level_has_a_badge_colour() -> None:
    assert set(PRIORITY_COLORS) == set(range(1, MAX_LEVELS + 1))
    assert len(set(PRIORITY_COLORS.values())) == MAX_LEVELS  # told apart at a glance
