"""Drafts: a real detail pane's unsaved edit survives a simulated crash and is put back in a
new pane; saved or discarded edits leave no draft; the New ticket dialog's text too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_detail import make_ticket, modal_handler, open_context
from PySide6.QtWidgets import QMessageBox, QWidget

from opexdesk.app import AppContext
from opexdesk.ui.crash import CONTINUE, CrashHandler, install_crash_handling
from opexdesk.ui.drafts import DRAFTS_FILE, NEW_TICKET, TICKET, DraftKeeper, DraftStore
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.tickets.detail_pane import TicketDetailPane
from opexdesk.ui.tickets.fields_form import level_of, set_level
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path / "store")
    yield context
    context.close()


@pytest.fixture
def drafts_path(ctx: AppContext) -> Path:
    return ctx.paths.data / DRAFTS_FILE


def new_pane(qtbot, ctx: AppContext) -> TicketDetailPane:
    pane = TicketDetailPane(ctx.tickets)
    qtbot.addWidget(pane)
    return pane


def keeper_for(ctx: AppContext, pane: TicketDetailPane, path: Path, **kw) -> DraftKeeper:
    return DraftKeeper(path, pane, lambda t: ctx.tickets.get(t).display_number, **kw)


def answering(asked: list[str], answer: bool):
    def ask(question: str) -> bool:
        asked.append(question)
        return answer

    return ask


def crash(handler: CrashHandler) -> None:
    try:
        raise RuntimeError("simulated crash while editing")
    except RuntimeError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)


def test_edit_survives_a_crash_and_is_restored(
    qtbot, ctx: AppContext, drafts_path: Path, tmp_path: Path
) -> None:
    ticket = make_ticket(ctx, "Printer jams on tray 2", description="Paper crumples.")
    number = ctx.tickets.get(ticket).display_number
    pane = new_pane(qtbot, ctx)
    pane.show_ticket(ticket)
    keeper = keeper_for(ctx, pane, drafts_path, interval_ms=60_000)
    handler = CrashHandler(tmp_path / "logs" / "opexdesk.log")
    handler.before_dialog.append(keeper.flush)
    handler.ask = lambda _report: CONTINUE

    pane.fields.ui.titleEdit.setText("Printer jams on tray 2 and tray 3")
    pane.fields.ui.descriptionEdit.setPlainText("Paper crumples; 打印机卡纸")
    set_level(pane.fields.ui.impactCombo, 1)
    assert not drafts_path.exists()
    crash(handler)
    saved = json.loads(drafts_path.read_text(encoding="utf-8"))
    assert saved[TICKET]["ticket_id"] == ticket and saved[TICKET]["number"] == number
    assert saved[TICKET]["values"]["title"] == "Printer jams on tray 2 and tray 3"
    pane.close()

    # Next start: a new pane, a new keeper over the same file.
    pane2 = new_pane(qtbot, ctx)
    keeper2 = keeper_for(ctx, pane2, drafts_path)
    asked: list[str] = []
    restored = keeper2.offer_restore(answering(asked, True))
    assert asked == [f"Restore your unsaved edit of {number}?"]
    assert restored == [TICKET]
    assert pane2.ticket_id() == ticket and pane2.has_unsaved_changes()
    assert pane2.fields.ui.titleEdit.text() == "Printer jams on tray 2 and tray 3"
    assert pane2.fields.ui.descriptionEdit.toPlainText() == "Paper crumples; 打印机卡纸"
    assert level_of(pane2.fields.ui.impactCombo) == 1
    assert drafts_path.exists()  # still unsaved: still kept
    pane2.save()
    assert ctx.tickets.get(ticket).title == "Printer jams on tray 2 and tray 3"
    assert not drafts_path.exists()  # saved: the draft is gone


def test_saved_and_reverted_edits_leave_no_draft(qtbot, ctx: AppContext, drafts_path: Path) -> None:
    ticket = make_ticket(ctx)
    pane = new_pane(qtbot, ctx)
    pane.show_ticket(ticket)
    keeper = keeper_for(ctx, pane, drafts_path, interval_ms=50)
    keeper.start()
    pane.fields.ui.titleEdit.setText("Autosaved by the timer")
    qtbot.waitUntil(drafts_path.exists, timeout=3000)
    pane.save()
    assert not drafts_path.exists()
    pane.fields.ui.titleEdit.setText("Changed my mind")
    qtbot.waitUntil(drafts_path.exists, timeout=3000)
    pane.revert()
    assert not drafts_path.exists()
    keeper.stop()


def test_declined_draft_is_discarded(qtbot, ctx: AppContext, drafts_path: Path) -> None:
    ticket = make_ticket(ctx)
    pane = new_pane(qtbot, ctx)
    pane.show_ticket(ticket)
    keeper = keeper_for(ctx, pane, drafts_path)
    pane.fields.ui.titleEdit.setText("Never mind")
    keeper.flush()
    assert drafts_path.exists()
    pane2 = new_pane(qtbot, ctx)
    keeper2 = keeper_for(ctx, pane2, drafts_path)
    assert keeper2.offer_restore(lambda _q: False) == []
    assert pane2.ticket_id() is None and not drafts_path.exists()


def test_draft_of_a_deleted_ticket_is_dropped(qtbot, ctx: AppContext, drafts_path: Path) -> None:
    DraftStore(drafts_path).save(
        {TICKET: {"ticket_id": "gone", "number": "INC-000999", "values": {"title": "x"}}}
    )
    pane = new_pane(qtbot, ctx)
    keeper = keeper_for(ctx, pane, drafts_path)
    assert keeper.offer_restore(lambda _q: True) == []
    assert not drafts_path.exists()


def test_new_ticket_text_is_kept_and_restored(qtbot, ctx: AppContext, drafts_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    pane = new_pane(qtbot, ctx)
    keeper = keeper_for(ctx, pane, drafts_path)
    dialog = NewTicketDialog(ctx.tickets, parent)
    dialog.show()
    dialog.ui.titleEdit.setText("Projector in room 4 flickers")
    dialog.ui.descriptionEdit.setPlainText("Since Monday.")
    keeper.flush()
    saved = json.loads(drafts_path.read_text(encoding="utf-8"))
    assert saved[NEW_TICKET]["values"]["title"] == "Projector in room 4 flickers"
    dialog.hide()
    dialog.deleteLater()

    keeper2 = keeper_for(ctx, pane, drafts_path)
    opened: list[NewTicketDialog] = []

    def open_dialog() -> None:
        again = NewTicketDialog(ctx.tickets, parent)
        opened.append(again)
        again.show()

    asked: list[str] = []
    keeper2.offer_restore(answering(asked, True), open_new_ticket=open_dialog)
    assert asked == ["Restore your unsaved new ticket “Projector in room 4 flickers”?"]
    qtbot.waitUntil(lambda: opened[0].ui.titleEdit.text() == "Projector in room 4 flickers")
    assert opened[0].ui.descriptionEdit.toPlainText() == "Since Monday."
    keeper2.flush()
    assert drafts_path.exists()
    opened[0].reject()  # discarded: the draft goes
    qtbot.waitUntil(lambda: not drafts_path.exists(), timeout=3000)


def test_unreadable_drafts_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / DRAFTS_FILE
    path.write_text("{not json", encoding="utf-8")
    assert DraftStore(path).load() == {}
    DraftStore(path).save({TICKET: {"ticket_id": "a", "values": {"title": "t"}}})
    assert DraftStore(path).load()[TICKET]["values"] == {"title": "t"}
    assert [p.name for p in tmp_path.iterdir()] == [DRAFTS_FILE]  # no temporary file left


@pytest.mark.qt_no_exception_capture
def test_installed_in_the_main_window(qtbot, ctx: AppContext, drafts_path: Path) -> None:
    ticket = make_ticket(ctx, "VPN drops every few minutes")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.ask_unsaved = lambda _parent: "discard"  # no modal question on close
    crash_handling = install_crash_handling(win, ctx)
    try:
        assert crash_handling.drafts is not None
        crash_handling.handler.ask = lambda _report: CONTINUE
        win.show()
        qtbot.waitExposed(win)
        win.detail.show_ticket(ticket)
        win.detail.fields.ui.titleEdit.setText("VPN drops every minute")
        crash(crash_handling.handler)  # flushes the drafts before the (answered) dialog
        assert json.loads(drafts_path.read_text(encoding="utf-8"))[TICKET]["ticket_id"] == ticket
    finally:
        crash_handling.handler.uninstall()
        crash_handling.drafts.stop() if crash_handling.drafts else None

    # Next start: the question comes once the event loop runs; Yes puts the edit back.
    win2 = MainWindow(ctx)
    qtbot.addWidget(win2)
    win2.ask_unsaved = lambda _parent: "discard"

    def say_yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    seen = modal_handler(qtbot, say_yes)
    second = install_crash_handling(win2, ctx)
    try:
        win2.show()
        qtbot.waitUntil(
            lambda: win2.detail.fields.ui.titleEdit.text() == "VPN drops every minute",
            timeout=5000,
        )
        assert seen == ["QMessageBox"]
        assert win2.detail.ticket_id() == ticket and win2.detail.has_unsaved_changes()
        win2.close()  # asked, discarded: nothing to offer next time
        assert not drafts_path.exists()
    finally:
        second.handler.uninstall()
    win.close()
