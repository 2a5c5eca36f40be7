"""Suggestions in the New ticket dialog with the real classifier (shipped default model):
pre-fill and marks while typing, touched fields kept, apply-all, learning on Create only,
a failing classifier, and typing that never waits for the model."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from helpers_detail import ticket_count, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from opexdesk.app import AppContext
from opexdesk.services.classify import ClassifierService, Source, load_default_model
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog
from opexdesk.ui.tickets.suggestion_fields import PREFILL_CONFIDENCE, Origin, SuggestedFields
from opexdesk.ui.tickets.suggestion_live import LiveSuggestions
from opexdesk.ui.triage.panels import SuggestionPanel
from opexdesk.ui.triage.pickers import LazySuggester

PRINTER_TITLE = "Printer jams on every job"
PRINTER_TEXT = "Whole floor cannot print, urgent"
NETWORK_TITLE = "Wi-Fi drops in meeting room 3"
NETWORK_TEXT = "Connection lost every few minutes. Not urgent."


@pytest.fixture
def classifier(tmp_path: Path) -> ClassifierService:
    # A fresh default model per test: corrections nudge the model in place.
    return ClassifierService(tmp_path / "classifier", default_model=load_default_model())


def open_dialog(qtbot, ctx: AppContext, source) -> NewTicketDialog:  # noqa: ANN001
    dialog = NewTicketDialog(ctx.tickets, None, suggester=source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.ui.titleEdit.setFocus()
    return dialog


@pytest.fixture
def dialog(qtbot, ctx: AppContext, classifier: ClassifierService) -> NewTicketDialog:  # noqa: ANN001
    # Wired as the main window does it: the classifier is fetched on the worker.
    return open_dialog(qtbot, ctx, LazySuggester(lambda: classifier))


def type_ticket(qtbot, dialog: NewTicketDialog, title: str, description: str = "") -> None:  # noqa: ANN001
    type_text(dialog.ui.titleEdit, title)
    if description:
        dialog.ui.descriptionEdit.setFocus()
        type_text(dialog.ui.descriptionEdit, description)
    wait_settled(qtbot, dialog)


def wait_settled(qtbot, dialog: NewTicketDialog) -> None:  # noqa: ANN001
    running = live(dialog)
    qtbot.waitUntil(lambda: not running.busy, timeout=10_000)


def panel(dialog: NewTicketDialog) -> SuggestionPanel:
    assert dialog.suggestion_panel is not None
    return dialog.suggestion_panel


def marks(dialog: NewTicketDialog) -> SuggestedFields:
    assert dialog.suggestions is not None
    return dialog.suggestions


def live(dialog: NewTicketDialog) -> LiveSuggestions:
    assert dialog.live is not None
    return dialog.live


def created_id(dialog: NewTicketDialog) -> str:
    assert dialog.created is not None
    return dialog.created.ticket_id


def ok_button(dialog: NewTicketDialog):  # noqa: ANN201
    return dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def panel_text(dialog: NewTicketDialog, field: str) -> str:
    return panel(dialog).values[field].text()


def test_typing_a_printer_text_fills_and_marks_untouched_fields(
    qtbot, dialog: NewTicketDialog, classifier: ClassifierService
) -> None:  # noqa: ANN001
    ui, fields = dialog.ui, marks(dialog)
    assert "Type a title or description" in panel(dialog).note.text()
    assert ui.priorityLabel.text() == "Priority: P3"
    type_ticket(qtbot, dialog, PRINTER_TITLE, PRINTER_TEXT)
    expected = classifier.suggest(PRINTER_TITLE, PRINTER_TEXT).fields
    assert expected["category"].label == "Printing"
    assert ui.categoryCombo.currentText() == "Printing"
    assert ui.groupCombo.currentText() == expected["group_name"].label == "Workplace"
    assert ui.urgencyCombo.currentData() == 1  # "urgent", confident
    assert ui.priorityLabel.text() == "Priority: P2"  # impact 3 x urgency 1
    for name in ("category", "group_name", "urgency"):
        assert expected[name].confidence >= PREFILL_CONFIDENCE
        assert fields.is_marked(name) and fields.origin[name] is Origin.SUGGESTED
        assert "Suggested" in fields.editors[name].toolTip()
    # Impact is a guess below the threshold: shown in the panel, not filled in.
    assert expected["impact"].confidence < PREFILL_CONFIDENCE
    assert ui.impactCombo.currentData() == 3 and not fields.is_marked("impact")
    assert panel_text(dialog, "impact").startswith(f"{expected['impact'].label} – ")
    assert panel_text(dialog, "category").startswith("Printing  (")
    assert "because of: " in panel(dialog).words["category"].text()
    assert "printer" in panel(dialog).words["category"].text()
    assert "because of: printer" in ui.categoryCombo.toolTip()
    note = panel(dialog).note.text()
    assert note.startswith("Filled in (blue): Category, Urgency, Group.")
    ui.groupCombo.setEditText("Field Services")  # by hand: no longer marked or named
    assert panel(dialog).note.text().startswith("Filled in (blue): Category, Urgency.")


def test_network_text_then_empty_text_restores_the_fields(qtbot, dialog: NewTicketDialog) -> None:  # noqa: ANN001
    ui, fields = dialog.ui, marks(dialog)
    type_ticket(qtbot, dialog, NETWORK_TITLE, NETWORK_TEXT)
    assert ui.categoryCombo.currentText() == "Network"
    assert ui.urgencyCombo.currentData() == 4 and fields.is_marked("urgency")
    assert ui.priorityLabel.text() == "Priority: P4"
    ui.titleEdit.clear()
    ui.descriptionEdit.clear()
    qtbot.waitUntil(lambda: ui.categoryCombo.currentText() == "", timeout=5000)
    assert ui.urgencyCombo.currentData() == 3 and ui.priorityLabel.text() == "Priority: P3"
    assert not any(fields.is_marked(n) for n in fields.editors)
    assert "Type a title or description" in panel(dialog).note.text()
    assert panel_text(dialog, "category") == "–"


def test_touched_fields_are_never_overwritten(qtbot, dialog: NewTicketDialog) -> None:  # noqa: ANN001
    ui, fields = dialog.ui, marks(dialog)
    ui.categoryCombo.setFocus()
    qtbot.keyClicks(ui.categoryCombo, "Hardware")
    ui.urgencyCombo.setCurrentIndex(ui.urgencyCombo.findData(2))
    ui.titleEdit.setFocus()
    type_ticket(qtbot, dialog, PRINTER_TITLE, PRINTER_TEXT)
    assert ui.groupCombo.currentText() == "Workplace"  # untouched: filled
    assert ui.categoryCombo.currentText() == "Hardware"
    assert ui.urgencyCombo.currentData() == 2
    assert not fields.is_marked("category") and not fields.is_marked("urgency")
    # More typing, a new suggestion: still the operator's values.
    type_ticket(qtbot, dialog, " again")
    assert ui.categoryCombo.currentText() == "Hardware" and ui.urgencyCombo.currentData() == 2
    # A field the operator edits after it was filled in is theirs from then on.
    ui.groupCombo.setEditText("Field Services")
    type_ticket(qtbot, dialog, " today")
    assert ui.groupCombo.currentText() == "Field Services" and not fields.is_marked("group_name")


def test_shortcut_applies_all_suggestions(qtbot, dialog: NewTicketDialog) -> None:  # noqa: ANN001
    ui, fields = dialog.ui, marks(dialog)
    ui.categoryCombo.setEditText("Hardware")
    ui.urgencyCombo.setCurrentIndex(ui.urgencyCombo.findData(4))
    type_ticket(qtbot, dialog, PRINTER_TITLE, PRINTER_TEXT)
    impact = fields.shown["impact"]
    assert ui.categoryCombo.currentText() == "Hardware"
    assert dialog.apply_action is not None
    assert dialog.apply_action.shortcut().toString() == "Ctrl+Shift+S"
    assert "Ctrl+Shift+S" in dialog.apply_action.toolTip()
    assert "Ctrl+Shift+S" in panel(dialog).title()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(
        ui.titleEdit,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert ui.categoryCombo.currentText() == "Printing"
    assert ui.urgencyCombo.currentData() == 1
    assert str(ui.impactCombo.currentData()) == impact  # below the threshold, applied anyway
    assert ui.groupCombo.currentText() == "Workplace"
    assert all(fields.is_marked(n) for n in fields.editors)
    assert ui.priorityLabel.text() != "Priority: P3" or impact == "3"


def test_correction_recorded_on_create(
    qtbot, dialog: NewTicketDialog, ctx: AppContext, classifier: ClassifierService
) -> None:  # noqa: ANN001
    ui = dialog.ui
    type_ticket(qtbot, dialog, PRINTER_TITLE, PRINTER_TEXT)
    assert ui.categoryCombo.currentText() == "Printing"
    ui.categoryCombo.setEditText("Hardware")  # the operator disagrees
    ui.urgencyCombo.setCurrentIndex(ui.urgencyCombo.findData(2))
    assert classifier.corrections == []
    ok_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    ticket = ctx.tickets.get(created_id(dialog))
    assert (ticket.category, ticket.urgency, ticket.group_name) == ("Hardware", 2, "Workplace")
    recorded = {(c.field, c.label) for c in classifier.corrections}
    assert recorded == {("category", "Hardware"), ("urgency", "2")}  # not the accepted group
    again = classifier.suggest(PRINTER_TITLE, PRINTER_TEXT)
    assert again.fields["category"].label == "Hardware"
    assert again.fields["category"].source is Source.CORRECTION
    assert again.fields["urgency"].label == "2"
    assert again.fields["group_name"].source is Source.DEFAULT_MODEL
    assert classifier.model_dir is not None
    assert (classifier.model_dir / "corrections.json").exists()  # kept for the next start
    # The next dialog suggests the corrected values for the same text.
    second = NewTicketDialog(ctx.tickets, None, suggester=LazySuggester(lambda: classifier))
    qtbot.addWidget(second)
    second.show()
    type_ticket(qtbot, second, PRINTER_TITLE, PRINTER_TEXT)
    assert second.ui.categoryCombo.currentText() == "Hardware"
    assert second.ui.urgencyCombo.currentData() == 2


def test_nothing_recorded_on_cancel_or_refusal(
    qtbot, dialog: NewTicketDialog, ctx: AppContext, classifier: ClassifierService
) -> None:  # noqa: ANN001
    ui = dialog.ui
    ui.descriptionEdit.setFocus()
    type_text(ui.descriptionEdit, PRINTER_TITLE)  # no title: the service refuses
    wait_settled(qtbot, dialog)
    assert ui.categoryCombo.currentText() == "Printing"
    ui.categoryCombo.setEditText("Hardware")
    ok_button(dialog).click()
    assert "The title is empty" in dialog.error_text()
    assert classifier.corrections == [] and ticket_count(ctx) == 0
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert classifier.corrections == []
    after = classifier.suggest("", PRINTER_TITLE).fields["category"]
    assert (after.label, after.source) == ("Printing", Source.DEFAULT_MODEL)


def test_failing_classifier_leaves_the_dialog_usable(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    def broken() -> ClassifierService:
        raise RuntimeError("the model files could not be read")

    dialog = open_dialog(qtbot, ctx, LazySuggester(broken))
    type_ticket(qtbot, dialog, PRINTER_TITLE)
    note = panel(dialog).note.text()
    assert note == "Suggestions unavailable: the model files could not be read"
    assert dialog.ui.categoryCombo.currentText() == ""
    dialog.ui.categoryCombo.setEditText("Printing")
    dialog.apply_suggestions()  # nothing to apply: no harm
    assert dialog.ui.categoryCombo.currentText() == "Printing"
    ok_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.tickets.get(created_id(dialog)).category == "Printing"


class GatedSource:
    """The real classifier, held at a gate on its first call: where each call ran and for
    which text, so a test can type while a suggestion is still being computed."""

    def __init__(self, classifier: ClassifierService) -> None:
        self._classifier = classifier
        self.gate = threading.Event()
        self.calls: list[tuple[int, str]] = []

    def suggest(self, title: str | None, description: str | None = ""):  # noqa: ANN201
        self.calls.append((threading.get_ident(), title or ""))
        if len(self.calls) == 1:
            self.gate.wait(10)
        return self._classifier.suggest(title, description)

    def record_correction(self, title, description, field, label) -> None:  # noqa: ANN001
        self._classifier.record_correction(title, description, field, label)


def test_typing_never_waits_for_the_classifier(
    qtbot, ctx: AppContext, classifier: ClassifierService
) -> None:  # noqa: ANN001
    source = GatedSource(classifier)
    dialog = open_dialog(qtbot, ctx, source)
    shown: list[object] = []
    live(dialog).ready.connect(shown.append)
    type_text(dialog.ui.titleEdit, "Printer")
    qtbot.waitUntil(lambda: len(source.calls) == 1, timeout=5000)  # held at the gate
    start = time.perf_counter()
    type_text(dialog.ui.titleEdit, " jams on every job")
    typed = time.perf_counter() - start
    assert dialog.ui.titleEdit.text() == "Printer jams on every job"
    assert typed < 1.0  # 18 keystrokes while the suggestion is stuck
    source.gate.set()
    wait_settled(qtbot, dialog)
    assert [t for _, t in source.calls] == ["Printer", "Printer jams on every job"]
    assert all(ident != threading.get_ident() for ident, _ in source.calls)  # off the GUI
    assert len(shown) == 1  # the result for "Printer" was stale and dropped
    assert dialog.ui.categoryCombo.currentText() == "Printing"


def test_screenshots(
    qtbot, ctx: AppContext, classifier: ClassifierService, artifacts: Path
) -> None:  # noqa: ANN001
    for name, title, description in (
        ("en", PRINTER_TITLE, PRINTER_TEXT + ". Tray 2, 3rd floor."),
        ("zh", "三楼打印机一直卡纸", "每次打印都卡纸，已经清理过纸盒，不着急。"),
    ):
        dialog = open_dialog(qtbot, ctx, LazySuggester(lambda: classifier))
        dialog.ui.requesterCombo.setEditText("Maria Rossi" if name == "en" else "王芳")
        type_ticket(qtbot, dialog, title, description)
        assert dialog.ui.categoryCombo.currentText() == "Printing"
        qtbot.wait(50)
        path = artifacts / f"new_ticket_suggestions_{name}.png"
        assert dialog.grab().save(str(path))
        assert path.stat().st_size > 10_000
        dialog.reject()
