"""The new-ticket dialog against a real store: pick lists, live priority, validation, keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_detail import make_ticket, modal_handler, ticket_count, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QGroupBox

from opexdesk.app import AppContext
from opexdesk.domain.enums import Impact, Urgency
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog


@pytest.fixture
def dialog(qtbot, ctx: AppContext) -> NewTicketDialog:
    widget = NewTicketDialog(ctx.tickets)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def ok_button(dialog: NewTicketDialog):
    return dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def select_level(combo, value: int) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_defaults_and_pick_lists(qtbot, ctx: AppContext) -> None:
    make_ticket(ctx, "Seed", site="上海办公室", category="打印机", requester="王芳")
    make_ticket(ctx, "Seed 2", site="Berlin HQ", group_name="Desktop support")
    dialog = NewTicketDialog(ctx.tickets)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert (ui.impactCombo.currentData(), ui.urgencyCombo.currentData()) == (3, 3)
    assert ui.priorityLabel.text() == "Priority: P3"
    sites = [ui.siteCombo.itemText(i) for i in range(ui.siteCombo.count())]
    assert sites == sorted(["上海办公室", "Berlin HQ"])
    assert ui.requesterCombo.itemText(0) == "王芳"
    assert ui.groupCombo.itemText(0) == "Desktop support"
    # Offered, not pre-filled.
    assert ui.siteCombo.currentText() == "" and ui.requesterCombo.currentText() == ""
    assert ok_button(dialog).text() == "Create"


def test_priority_label_follows_the_matrix_live(dialog: NewTicketDialog) -> None:
    matrix = PriorityMatrix()
    for impact in Impact:
        for urgency in Urgency:
            select_level(dialog.ui.impactCombo, int(impact))
            select_level(dialog.ui.urgencyCombo, int(urgency))
            expected = matrix.priority_for(impact, urgency).label
            assert dialog.ui.priorityLabel.text() == f"Priority: {expected}"


def test_creates_the_ticket_with_the_matrix_priority(
    dialog: NewTicketDialog, ctx: AppContext
) -> None:
    ui = dialog.ui
    ui.titleEdit.setFocus()
    type_text(ui.titleEdit, "会议室投影仪无法显示")
    ui.descriptionEdit.setPlainText("三楼会议室，HDMI 无信号。")
    ui.requesterCombo.setEditText("王芳")
    ui.siteCombo.setEditText("上海办公室")
    ui.categoryCombo.setEditText("Hardware")
    ui.groupCombo.setEditText("桌面支持")
    ui.assigneeCombo.setEditText("李雷")
    select_level(ui.impactCombo, 2)
    select_level(ui.urgencyCombo, 1)
    assert ui.priorityLabel.text() == "Priority: P1"
    ok_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.created is not None
    ticket = ctx.tickets.get(dialog.created.ticket_id)
    assert ticket.title == "会议室投影仪无法显示"
    assert ticket.description == "三楼会议室，HDMI 无信号。"
    assert (ticket.requester, ticket.site, ticket.group_name) == ("王芳", "上海办公室", "桌面支持")
    assert (ticket.impact, ticket.urgency, ticket.priority) == (2, 1, 1)
    assert (ticket.assignee, ticket.status) == ("李雷", "assigned")


def test_empty_title_keeps_the_dialog_open_with_the_message(
    dialog: NewTicketDialog, ctx: AppContext
) -> None:
    dialog.ui.descriptionEdit.setPlainText("Typed before noticing the title is empty")
    ok_button(dialog).click()
    assert dialog.isVisible() and dialog.created is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "The title is empty" in dialog.error_text()
    assert dialog.ui.titleEdit.property("invalid") is True
    assert dialog.focusWidget() is dialog.ui.titleEdit
    assert dialog.ui.descriptionEdit.toPlainText() == "Typed before noticing the title is empty"
    assert ticket_count(ctx) == 0
    dialog.ui.titleEdit.setText("Now with a title")
    assert not dialog.ui.titleEdit.property("invalid")
    ok_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ticket_count(ctx) == 1


def test_too_long_field_is_named_focused_and_kept(dialog: NewTicketDialog, ctx: AppContext) -> None:
    dialog.ui.titleEdit.setText("Fine title")
    dialog.ui.requesterCombo.setEditText("R" * 121)
    ok_button(dialog).click()
    assert "Requester is 121 characters long" in dialog.error_text()
    assert dialog.ui.requesterCombo.property("invalid") is True
    assert dialog.focusWidget() is dialog.ui.requesterCombo
    assert dialog.ui.requesterCombo.currentText() == "R" * 121
    assert dialog.ui.titleEdit.text() == "Fine title"
    assert ticket_count(ctx) == 0


def test_enter_in_the_title_does_not_accept(
    qtbot, dialog: NewTicketDialog, ctx: AppContext
) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.ui.titleEdit.setFocus()
    qtbot.keyClick(dialog.ui.titleEdit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.created is None
    assert ticket_count(ctx) == 0
    assert dialog.error_text() == ""
    # With a title, Enter still just moves on to the description.
    qtbot.keyClicks(dialog.ui.titleEdit, "Mouse is dead")
    qtbot.keyClick(dialog.ui.titleEdit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.isVisible() and ticket_count(ctx) == 0
    assert dialog.focusWidget() is dialog.ui.descriptionEdit


def test_ctrl_enter_accepts_once(qtbot, dialog: NewTicketDialog, ctx: AppContext) -> None:
    qtbot.keyClicks(dialog.ui.titleEdit, "Keyboard missing keys")
    qtbot.keyClick(
        dialog.ui.descriptionEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert dialog.result() == QDialog.DialogCode.Accepted
    first = dialog.created
    dialog.accept()  # a second Ctrl+Enter while closing must not make a second ticket
    assert dialog.created is first
    assert ticket_count(ctx) == 1


def test_exec_returns_accepted_with_the_change(qtbot, ctx: AppContext) -> None:
    dialog = NewTicketDialog(ctx.tickets)
    qtbot.addWidget(dialog)

    def fill(widget) -> None:
        assert widget is dialog
        dialog.ui.titleEdit.setText("Monitor flickers")
        ok_button(dialog).click()

    seen = modal_handler(qtbot, fill)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert seen == ["NewTicketDialog"]
    assert dialog.created is not None
    assert ctx.tickets.get(dialog.created.ticket_id).title == "Monitor flickers"


def test_screenshot(qtbot, dialog: NewTicketDialog, ctx: AppContext, artifacts_dir: Path) -> None:
    ui = dialog.ui
    ui.titleEdit.setText("会议室投影仪无法显示，HDMI 无信号")
    ui.descriptionEdit.setPlainText(
        "三楼大会议室的投影仪从周一开始无法显示电脑画面。\n已更换 HDMI 线，无效。"
    )
    ui.requesterCombo.setEditText("王芳")
    ui.siteCombo.setEditText("上海办公室")
    ui.categoryCombo.setEditText("硬件")
    ui.groupCombo.setEditText("桌面支持")
    select_level(ui.impactCombo, 2)
    select_level(ui.urgencyCombo, 2)
    qtbot.wait(50)
    path = artifacts_dir / "new_ticket_dialog.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_without_a_suggestion_source_the_form_is_plain(dialog: NewTicketDialog) -> None:
    assert dialog.suggestion_panel is None and dialog.apply_action is None
    assert dialog.findChild(QGroupBox, "suggestionPanel") is None
    dialog.apply_suggestions()  # nothing to apply, no harm
    assert dialog.ui.categoryCombo.currentText() == ""


def test_main_window_opens_it_with_suggestions(qtbot, ctx: AppContext) -> None:
    from opexdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    seen_panel: list[bool] = []

    def check(widget) -> None:
        assert isinstance(widget, NewTicketDialog)
        seen_panel.append(widget.findChild(QGroupBox, "suggestionPanel") is not None)
        widget.reject()

    seen = modal_handler(qtbot, check)
    window.new_ticket()
    assert seen == ["NewTicketDialog"] and seen_panel == [True]
    window.close()
