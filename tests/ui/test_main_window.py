"""The main window over a real store: layout, keyboard shortcuts, filtering, status bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from opexdesk.app import AppContext
from opexdesk.domain.enums import Status
from opexdesk.domain.errors import DomainError
from opexdesk.services.ticket_list import TicketFilter, TicketSort
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.models.ticket_columns import TITLE_COLUMN
from opexdesk.ui.models.ticket_table_model import RowRole, TicketIdRole
from opexdesk.ui.shortcuts_dialog import ShortcutsDialog
from opexdesk.ui.status_bar import count_text
from opexdesk.ui.tickets.filter_bar import ALL_STATUSES, OPEN_STATUSES
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog

N = 40


@pytest.fixture
def window(qtbot, ctx: AppContext, seed) -> Iterator[MainWindow]:  # noqa: ANN001
    seed(N)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: win.model.total is not None)
    # The window opens on the open queue; these tests work on every ticket.
    win.filter_bar.set_statuses(ALL_STATUSES)
    qtbot.waitUntil(lambda: win.model.total == N)
    yield win
    win.close()


def test_window_opens_on_the_open_queue(qtbot, ctx: AppContext, seed) -> None:  # noqa: ANN001
    seed(N)
    open_count = ctx.ticket_list.count(TicketFilter(statuses=OPEN_STATUSES))
    assert 0 < open_count < N
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.total == open_count)
    assert win.filter_bar.status_button.text() == "Open"
    shown = {win.model.index(r, 0).data(RowRole).status for r in range(win.model.rowCount())}
    assert shown <= OPEN_STATUSES
    qtbot.waitUntil(lambda: f"{open_count} of {N}" in win.status.count_label.text())
    win.close()


def press(qtbot, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):  # noqa: ANN001
    qtbot.keyClick(widget, key, modifier)


def on_next_modal(action: Callable[[QWidget], None]) -> None:
    """Run ``action(dialog)`` once the next modal dialog is up (exec() blocks the test)."""

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, check)
        else:
            action(dialog)

    QTimer.singleShot(0, check)


def test_window_builds_with_list_editor_and_status_bar(window: MainWindow, ctx) -> None:
    assert window.windowTitle() == "OpExDesk"
    assert window.model.rowCount() == N
    assert window.status.count_label.text() == f"{N} tickets"
    assert window.status.db_label.text().startswith("opexdesk.sqlite3 · ")
    assert window.status.sync_label.text() == "Not signed in — working locally"
    # Keyboard first: the list has focus and its first ticket is open in the editor.
    assert window.table.hasFocus()
    assert window.table.current_row() == 0
    assert window.detail.ticket_id() == window.model.ticket_id_at(0)
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == 8
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert window.model.ticket_sort == TicketSort("updated_at", True)


def test_count_text() -> None:
    assert count_text(1_000_000, 200, 1_000_000, False, False) == "1,000,000 tickets"
    assert count_text(312, 200, 1_000_000, True, False) == "312 of 1,000,000 shown"
    assert count_text(None, 200, None, True, False) == "200+ of … shown"
    assert count_text(1, 1, 1, False, False) == "1 ticket"
    assert count_text(None, 0, None, False, True) == "Loading…"


def test_j_k_move_the_selection_and_show_the_ticket(qtbot, window: MainWindow) -> None:
    table = window.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert table.current_row() in (-1, 0)  # Qt makes the first row current on focus
    table.clearSelection()
    table.setCurrentIndex(window.model.index(-1, -1))
    press(qtbot, table, Qt.Key.Key_J)  # from nothing: the first row
    assert table.current_row() == 0
    assert table.selectionModel().isRowSelected(0)
    press(qtbot, table, Qt.Key.Key_J)
    press(qtbot, table, Qt.Key.Key_J)
    assert table.current_row() == 2
    press(qtbot, table, Qt.Key.Key_K)
    assert table.current_row() == 1
    assert window.detail.ticket_id() == window.model.ticket_id_at(1)
    press(qtbot, table, Qt.Key.Key_Down)
    assert table.current_row() == 2
    assert window.detail.ticket_id() == window.model.ticket_id_at(2)
    assert table.selectionModel().isRowSelected(2)


def test_ctrl_f_focuses_the_search_and_typing_filters(qtbot, window: MainWindow) -> None:
    window.table.setFocus()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.filter_bar.search
    qtbot.waitUntil(search.hasFocus)
    with qtbot.waitSignal(window.filter_bar.filter_changed, timeout=2000):
        qtbot.keyClicks(search, "vpn")
    qtbot.waitUntil(lambda: window.model.total is not None)
    rows = [window.model.index(r, 0).data(RowRole) for r in range(window.model.rowCount())]
    assert 0 < len(rows) < N
    assert all("vpn" in row.title.lower() for row in rows)
    qtbot.waitUntil(lambda: window.status.count_label.text() == f"{len(rows)} of {N} shown")
    with qtbot.waitSignal(window.filter_bar.filter_changed, timeout=2000):
        press(qtbot, search, Qt.Key.Key_Escape)  # Esc clears the search
    assert search.text() == ""
    qtbot.waitUntil(lambda: window.model.rowCount() == N)


def test_chinese_search_and_selection_survive_filtering(qtbot, window: MainWindow) -> None:
    window.table.select_row(3)
    kept = window.detail.ticket_id()
    window.filter_bar.search.setText("打印机")  # typed text is not ASCII: set it directly
    qtbot.waitUntil(lambda: window.model.ticket_filter.text == "打印机")
    qtbot.waitUntil(lambda: window.model.total is not None)
    titles = [window.model.index(r, TITLE_COLUMN).data() for r in range(window.model.rowCount())]
    assert titles and all("打印机" in t for t in titles)
    assert window.detail.ticket_id() == kept  # the editor keeps the ticket
    window.filter_bar.clear_search()
    qtbot.waitUntil(lambda: window.table.current_row() == 3)  # selection restored by id
    assert window.model.ticket_id_at(3) == kept


def test_one_chinese_character_filters_the_list(qtbot, window: MainWindow, artifacts) -> None:  # noqa: ANN001
    """One character is a word in Chinese: 雷 ends the requester 李雷, 机 is in two titles.
    Screenshot: artifacts/ticket_list_one_character.png."""
    search = window.filter_bar.search
    for ch, where in (("雷", lambda row: row.requester), ("机", lambda row: row.title)):
        search.setText(ch)
        qtbot.waitUntil(lambda ch=ch: window.model.ticket_filter.text == ch)
        qtbot.waitUntil(lambda: window.model.total is not None)
        rows = [window.model.index(r, 0).data(RowRole) for r in range(window.model.rowCount())]
        assert 0 < len(rows) < N and all(ch in where(row) for row in rows), ch
        qtbot.waitUntil(
            lambda rows=rows: window.status.count_label.text() == f"{len(rows)} of {N} shown"
        )
    assert window.grab().save(str(artifacts / "ticket_list_one_character.png"))


def test_status_and_priority_and_assignee_filters(qtbot, window: MainWindow, ctx) -> None:
    bar = window.filter_bar
    bar.set_statuses(frozenset({"in_progress"}))
    qtbot.waitUntil(lambda: window.model.ticket_filter.statuses == frozenset({"in_progress"}))
    assert bar.status_button.text() == "In progress"
    bar.priority_combo.setCurrentIndex(bar.priority_combo.findText("P2"))
    bar.assignee_combo.setCurrentIndex(bar.assignee_combo.findData("unassigned"))
    assert window.model.ticket_filter == TicketFilter(
        statuses=frozenset({"in_progress"}), priorities=frozenset({2}), assignee=""
    )
    bar.open_action.trigger()
    assert bar.status_button.text() == "Open"
    assert window.model.ticket_filter.statuses == frozenset(
        {"new", "assigned", "in_progress", "pending"}
    )


def test_ctrl_n_creates_a_ticket_and_selects_it(qtbot, window: MainWindow) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, NewTicketDialog)
        dialog.ui.titleEdit.setText("会议室投影仪没有信号")
        dialog.accept()

    on_next_modal(fill)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == N + 1
    assert window.model.index(0, TITLE_COLUMN).data() == "会议室投影仪没有信号"
    qtbot.waitUntil(lambda: window.table.current_row() == 0)
    assert window.detail.ticket_id() == window.model.ticket_id_at(0)
    assert window.status.count_label.text() == f"{N + 1} tickets"


def test_ctrl_n_cancelled_changes_nothing(qtbot, window: MainWindow) -> None:
    on_next_modal(lambda dialog: dialog.reject())
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == N


def test_status_keys_go_through_ask_transition(qtbot, window: MainWindow, ctx) -> None:
    asked = []

    def fake(parent, tickets, ticket_id, target):  # noqa: ANN001
        asked.append((ticket_id, target))
        tickets.update(ticket_id, {"assignee": "alice"})
        tickets.transition(ticket_id, target)
        return True

    window.ask_transition = fake
    window.model.set_sort(TicketSort("number", False))
    row = next(r for r in range(N) if window.model.index(r, 0).data(RowRole).status == "new")
    window.table.select_row(row)
    ticket = window.detail.ticket_id()
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert asked == [(ticket, Status.IN_PROGRESS)]
    assert window.model.index(row, 2).data() == "In progress"  # redrawn in place
    assert ctx.tickets.get(ticket).status == "in_progress"


def test_ctrl_m_assigns_to_me(qtbot, window: MainWindow, ctx) -> None:
    window.model.set_sort(TicketSort("number", False))
    row = next(r for r in range(N) if window.model.index(r, 0).data(RowRole).assignee is None)
    window.table.select_row(row)
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.model.index(row, 4).data() == "tester"
    assert ctx.tickets.get(window.model.ticket_id_at(row)).assignee == "tester"


def test_delete_key_on_the_list_asks_why_then_deletes(qtbot, window: MainWindow, ctx) -> None:
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    window.table.select_row(1)
    ticket = window.detail.ticket_id()
    assert ticket is not None

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        assert "conversation, work log and attachments" in dialog.labelText()
        dialog.setTextValue("entered twice")
        dialog.accept()

    on_next_modal(lambda dialog: dialog.reject())  # cancelled: nothing happens
    press(qtbot, window.table, Qt.Key.Key_Delete)
    assert window.model.rowCount() == N and ctx.tickets.get(ticket)
    window.activateWindow()  # back from the dialog
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    on_next_modal(answer)
    press(qtbot, window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.model.rowCount() == N - 1, timeout=3000)
    assert ticket not in {window.model.ticket_id_at(r) for r in range(N - 1)}
    assert window.detail.ticket_id() != ticket
    with pytest.raises(DomainError):
        ctx.tickets.get(ticket)


def test_enter_and_ctrl_shift_c_focus_the_editor(qtbot, window: MainWindow) -> None:
    window.focus_list()  # Ctrl+L's slot: focus and select the first row
    qtbot.waitUntil(window.table.hasFocus)
    press(qtbot, window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail.isAncestorOf(QApplication.focusWidget()))
    press(
        qtbot,
        QApplication.focusWidget(),
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.detail.conversation.composer.hasFocus())
    press(qtbot, QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.table.hasFocus)


def test_operator_loop_enter_edit_save_escape(qtbot, window: MainWindow, ctx) -> None:  # noqa: ANN001
    """List -> Enter -> title has the keyboard -> type, Ctrl+S -> Esc -> back in the list."""
    window.focus_list()
    qtbot.waitUntil(window.table.hasFocus)
    press(qtbot, window.table, Qt.Key.Key_Return)
    title = window.detail.fields.ui.titleEdit
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "Printer offline on 2F")  # replaces the selected title
    press(qtbot, title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    ticket_id = window.detail.ticket_id()
    qtbot.waitUntil(lambda: ctx.tickets.get(ticket_id).title == "Printer offline on 2F")
    press(qtbot, title, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.table.hasFocus)


def test_unsaved_edits_are_asked_about_before_moving_on(qtbot, window: MainWindow) -> None:
    asked = []
    window.ask_unsaved = lambda parent: asked.append(1) or "cancel"
    window.table.select_row(0)
    first = window.detail.ticket_id()
    window.detail.fields.ui.titleEdit.setText("Half-typed new title")
    assert window.detail.has_unsaved_changes()
    window.table.select_row(1)
    assert asked == [1]
    assert window.detail.ticket_id() == first
    qtbot.waitUntil(lambda: window.table.current_row() == 0)  # back on the edited ticket
    window.ask_unsaved = lambda parent: "discard"
    window.table.select_row(1)
    assert window.detail.ticket_id() == window.model.ticket_id_at(1)


def test_help_lists_every_shortcut(qtbot, window: MainWindow) -> None:
    seen: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        table = dialog.table
        seen.extend(
            f"{table.item(r, 0).text()}={table.item(r, 1).text()}" for r in range(table.rowCount())
        )
        dialog.reject()

    on_next_modal(read)
    press(qtbot, window, Qt.Key.Key_F1)
    for expected in (
        "New ticket…=Ctrl+N",
        "Refresh=F5",
        "Find tickets=Ctrl+F",
        "Focus the list=Ctrl+L",
        "Next ticket=J",
        "Previous ticket=K",
        "Assign to me=Ctrl+M",
        "Add comment=Ctrl+Shift+C",
        "Delete ticket…=Del",
        "Set to Resolved=Ctrl+5",
        "Quit=Ctrl+Q",
    ):
        assert expected in seen


def test_refresh_keeps_the_selection(qtbot, window: MainWindow) -> None:
    window.table.select_row(5)
    kept = window.detail.ticket_id()
    with qtbot.waitSignal(window.model.modelReset):
        press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.table.current_row() == 5)
    assert window.model.ticket_id_at(5) == kept
    assert window.model.index(5, 0).data(TicketIdRole) == kept


def test_screenshot_of_the_main_window(qtbot, tmp_path, artifacts) -> None:  # noqa: ANN001
    """Saves main_window.png (1400x850, 3,000 demo tickets, open queue, much Chinese) to view."""
    from datetime import UTC, datetime

    from opexdesk.app import build_context
    from opexdesk.paths import AppPaths
    from opexdesk.services.demo import seed_demo

    ctx = build_context(AppPaths.under(tmp_path / "shot"), username="anna.weber")
    try:
        seed_demo(ctx.db, 3000, seed=7, now=datetime.now(UTC))
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.resize(1400, 850)
        win.show()
        qtbot.waitExposed(win)
        open_count = ctx.ticket_list.count(TicketFilter(statuses=OPEN_STATUSES))
        qtbot.waitUntil(lambda: win.model.total == open_count)
        chinese = next(
            r
            for r in range(win.model.rowCount())
            if any("\u4e00" <= ch <= "\u9fff" for ch in win.model.index(r, TITLE_COLUMN).data())
        )
        win.table.select_row(chinese)
        win.table.setFocus()
        qtbot.wait(100)
        assert win.detail.ticket_id() == win.model.ticket_id_at(chinese)
        image = win.grab()
        assert (image.width(), image.height()) == (1400, 850)
        path = artifacts / "main_window.png"
        assert image.save(str(path))
        assert path.stat().st_size > 10_000
        win.close()
    finally:
        ctx.close()
