"""Workflow moves from the UI: notes where the workflow needs them, refusals explained."""

from __future__ import annotations

import pytest
from helpers_detail import make_ticket, modal_handler, outbox_count
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from opexdesk.app import AppContext
from opexdesk.domain.enums import Status
from opexdesk.ui.tickets.transition_dialog import (
    TransitionNoteDialog,
    ask_transition,
    needs_note,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class Answers:
    """Injected note asker and refusal shower that record what they were asked."""

    def __init__(self, note: str | None = None) -> None:
        self.note = note
        self.asked: list[tuple[Status, Status, str]] = []
        self.refusals: list[tuple[str, str]] = []

    def ask_note(self, _parent: QWidget, current: Status, target: Status, label: str):
        self.asked.append((current, target, label))
        return self.note

    def show_refusal(self, _parent: QWidget, title: str, message: str) -> None:
        self.refusals.append((title, message))

    def run(self, parent: QWidget, ctx: AppContext, ticket: str, target: Status) -> bool:
        return ask_transition(
            parent,
            ctx.tickets,
            ticket,
            target,
            ask_note=self.ask_note,
            show_refusal=self.show_refusal,
        )


def test_which_moves_need_a_note() -> None:
    assert needs_note(Status.IN_PROGRESS, Status.RESOLVED)
    assert needs_note(Status.RESOLVED, Status.IN_PROGRESS)  # reopen
    assert not needs_note(Status.ASSIGNED, Status.IN_PROGRESS)
    assert not needs_note(Status.RESOLVED, Status.CLOSED)


def test_note_dialog_refuses_an_empty_note(qtbot) -> None:
    dialog = TransitionNoteDialog(Status.IN_PROGRESS, Status.RESOLVED, "L-000001 Printer")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Resolve L-000001 Printer"
    dialog.note_edit.setPlainText("   ")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Describe the resolution before resolving."
    dialog.note_edit.setPlainText("更换了硒鼓")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.note() == "更换了硒鼓"


def test_reopen_dialog_asks_for_a_reason(qtbot) -> None:
    dialog = TransitionNoteDialog(Status.RESOLVED, Status.IN_PROGRESS, "L-000002 VPN")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith("Reopen")
    assert "reopened" in dialog.prompt.text()
    dialog.accept()
    assert dialog.error_label.text() == "Give a reason for reopening the ticket."


def test_resolve_requires_a_note(parent: QWidget, ctx: AppContext) -> None:
    ticket = make_ticket(ctx, assignee="alice")
    before = outbox_count(ctx)
    cancelled = Answers(note=None)
    assert cancelled.run(parent, ctx, ticket, Status.RESOLVED) is False
    label = "L-000001 Printer jams on tray 2"
    assert cancelled.asked == [(Status.ASSIGNED, Status.RESOLVED, label)]
    assert ctx.tickets.get(ticket).status == "assigned"
    assert outbox_count(ctx) == before

    answered = Answers(note="Replaced the toner")
    assert answered.run(parent, ctx, ticket, Status.RESOLVED) is True
    resolved = ctx.tickets.get(ticket)
    assert (resolved.status, resolved.resolution_note) == ("resolved", "Replaced the toner")
    assert answered.refusals == []


def test_invalid_move_is_refused_with_the_reason(parent: QWidget, ctx: AppContext) -> None:
    ticket = make_ticket(ctx)
    before = outbox_count(ctx)
    answers = Answers(note="unused")
    assert answers.run(parent, ctx, ticket, Status.CLOSED) is False
    assert answers.asked == []  # no note asked for a move that cannot happen
    [(title, message)] = answers.refusals
    assert title == "Cannot set the ticket to Closed"
    assert message.startswith("A ticket cannot go from New to Closed")
    assert ctx.tickets.get(ticket).status == "new"
    assert outbox_count(ctx) == before


def test_move_needing_an_assignee_is_refused(parent: QWidget, ctx: AppContext) -> None:
    ticket = make_ticket(ctx)
    answers = Answers()
    assert answers.run(parent, ctx, ticket, Status.IN_PROGRESS) is False
    assert answers.refusals[0][1] == (
        "Assign the ticket to someone before setting it to In progress."
    )


def test_plain_move_asks_nothing(parent: QWidget, ctx: AppContext) -> None:
    ticket = make_ticket(ctx, assignee="alice")
    answers = Answers()
    assert answers.run(parent, ctx, ticket, Status.IN_PROGRESS) is True
    assert answers.asked == [] and answers.refusals == []
    assert ctx.tickets.get(ticket).status == "in_progress"


def test_reopen_asks_for_a_reason(parent: QWidget, ctx: AppContext) -> None:
    ticket = make_ticket(ctx, assignee="alice")
    ctx.tickets.transition(ticket, Status.RESOLVED, note="Rebooted")
    answers = Answers(note="Fails again after lunch")
    assert answers.run(parent, ctx, ticket, Status.IN_PROGRESS) is True
    assert answers.asked[0][:2] == (Status.RESOLVED, Status.IN_PROGRESS)
    history = ctx.tickets.history(ticket)
    assert history[-1].new_value == {"value": "in_progress", "note": "Fails again after lunch"}


def test_real_dialogs_without_injection(qtbot, parent: QWidget, ctx: AppContext) -> None:
    """The default note dialog and message box really appear and are answered."""
    ticket = make_ticket(ctx, assignee="alice")

    def write_note(widget) -> None:
        assert isinstance(widget, TransitionNoteDialog)
        widget.note_edit.setPlainText("Cable replaced")
        widget.accept()

    seen = modal_handler(qtbot, write_note)
    assert ask_transition(parent, ctx.tickets, ticket, Status.RESOLVED) is True
    assert seen == ["TransitionNoteDialog"]
    assert ctx.tickets.get(ticket).resolution_note == "Cable replaced"

    shown: list[str] = []

    def read_refusal(widget) -> None:
        assert isinstance(widget, QMessageBox)
        shown.append(widget.text())
        widget.accept()

    modal_handler(qtbot, read_refusal)
    assert ask_transition(parent, ctx.tickets, ticket, Status.PENDING) is False
    assert shown and shown[0].startswith("A ticket cannot go from Resolved to Pending")
