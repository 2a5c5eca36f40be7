"""The triage window, keyboard only: 50 demo tickets triaged, bulk actions, undo (and a refused
undo), duplicate marking, the suggestion panel; screenshots in English and Chinese."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.demo import seed_demo
from opexdesk.services.events import Clock
from opexdesk.ui.triage.triage_window import TriageWindow

DEMO_TICKETS = 60_000  # the demo keeps ~0.1 % of its history new and unassigned
# A fixed "now" for the demo and the window's clock: 115 tickets in the queue, every run.
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


class FixedClock(Clock):
    def now(self) -> datetime:
        return NOW


@dataclass(frozen=True)
class Guess:
    label: str
    confidence: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    fields: Mapping[str, Guess] = field(default_factory=dict)


class FakeClassifier:
    """A suggestion source with fixed answers (the real one is tested in its own suite)."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.corrections: list[tuple[str, str, object]] = []

    def record_correction(
        self, title: str | None, description: str | None, field: str, label: object
    ) -> None:
        self.corrections.append((title or "", field, label))

    def suggest(self, title: str | None, description: str | None = "") -> Suggestion:
        self.calls.append(title or "")
        if not (title or "").strip():
            return Suggestion()
        return Suggestion(
            {
                "category": Guess(
                    "打印机" if "打印" in (title or "") else "Network",
                    0.82,
                    ("打印机", "网络") if "打印" in (title or "") else ("vpn",),
                ),
                "impact": Guess("2", 0.64, ("drops",)),
                "urgency": Guess("1", 0.71, ("minutes",)),
                "group_name": Guess("Network Ops", 0.58, ("vpn", "drops")),
            }
        )


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("triage-demo")
    context = build_context(AppPaths.under(base), username="olivia.hart")
    seed_demo(context.db, DEMO_TICKETS, now=NOW)
    path = context.paths.database
    context.close()
    return path


@pytest.fixture
def demo_ctx(tmp_path: Path, demo_template: Path) -> Iterator[AppContext]:
    paths = AppPaths.under(tmp_path)
    paths.database.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(demo_template), sqlite3.connect(paths.database)
    src.backup(dst)
    src.close()
    dst.close()
    context = build_context(paths, username="olivia.hart", clock=FixedClock())
    yield context
    context.close()


def open_window(qtbot, ctx: AppContext, suggester: object | None = None) -> TriageWindow:  # noqa: ANN001
    window = TriageWindow(ctx.triage, ctx.notifier, suggester or FakeClassifier())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and window.current_row() == 0)
    window.refocus()
    qtbot.waitUntil(window.table.hasFocus)
    return window


def key(qtbot, window: TriageWindow, k: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(window.table, k, mods)


def act(qtbot, window: TriageWindow, k: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> str:  # noqa: ANN001
    """Press an action key and wait for its report (actions run on the writer thread)."""
    window.last_report = None
    qtbot.keyClick(window.table, k, mods)
    qtbot.waitUntil(lambda: window.last_report is not None, timeout=30_000)
    assert window.last_report is not None
    return window.last_report.message


def test_keyboard_triage_of_50_demo_tickets(qtbot, demo_ctx: AppContext) -> None:  # noqa: ANN001
    window = open_window(qtbot, demo_ctx)
    window.pick = lambda _p, _t, choices, _c: "Service Desk"
    window.model.load_all()
    qtbot.waitUntil(lambda: window.model.rowCount() >= 50)
    ids = window.model.ticket_ids()[:50]
    outbox_before = outbox_count(demo_ctx)
    for _ in ids:
        act(qtbot, window, Qt.Key.Key_2)  # impact 2
        act(qtbot, window, Qt.Key.Key_W)  # urgency 2
        act(qtbot, window, Qt.Key.Key_G)  # group (picker)
        act(qtbot, window, Qt.Key.Key_M)  # assign to me
        key(qtbot, window, Qt.Key.Key_J)  # next
    for tid in ids:
        t = demo_ctx.tickets.get(tid)
        assert (t.impact, t.urgency, t.group_name, t.assignee) == (
            2,
            2,
            "Service Desk",
            "olivia.hart",
        )
        assert t.status == Status.ASSIGNED.value
    assert outbox_count(demo_ctx) > outbox_before + 50  # every edit is queued for sync
    assert window.model.item_at(0).row.assignee == "olivia.hart"  # rows stay, updated
    key(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 or not window.model.canFetchMore())
    assert not set(ids) & set(window.model.ticket_ids())  # assigned: out of the queue


def outbox_count(ctx: AppContext) -> int:
    with ctx.db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one())


def test_mark_person_away_changes_the_suggestion(qtbot, demo_ctx: AppContext) -> None:  # noqa: ANN001
    window = open_window(qtbot, demo_ctx)
    row = next(
        r
        for r in range(window.model.rowCount())
        if window.model.item_at(r).row.group_name == "Service Desk"
    )
    window.select_row(row)
    qtbot.waitUntil(lambda: window.assignment.suggestion is not None)
    first = window.assignment.suggestion.username
    assert first is not None
    window.pick = lambda _p, _t, choices, _c: next(c for c in choices if c.startswith(first))
    key(qtbot, window, Qt.Key.Key_P)
    assert f"{first} is now away" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.assignment.suggestion is not None)
    assert window.assignment.suggestion.username not in (None, first)


def test_bulk_select_apply_and_undo(qtbot, demo_ctx: AppContext) -> None:  # noqa: ANN001
    window = open_window(qtbot, demo_ctx)
    ids = window.model.ticket_ids()[:3]
    for _ in range(3):
        key(qtbot, window, Qt.Key.Key_Space)  # select and move on
    assert window.model.checked == set(ids)
    act(qtbot, window, Qt.Key.Key_3)
    assert window.last_report is not None
    assert window.last_report.message.startswith("Impact set to 3 on ")  # once, for all 3
    assert {demo_ctx.tickets.get(t).impact for t in ids} == {3}
    act(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.last_report.message.startswith("Undid impact 3 on ")
    assert window.last_report.ok
    key(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert window.model.checked == set(window.model.ticket_ids())
    act(qtbot, window, Qt.Key.Key_R)  # urgency 4 on the whole queue
    assert {demo_ctx.tickets.get(t).urgency for t in window.model.ticket_ids()} == {4}
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.model.checked


def test_undo_refused_after_concurrent_change(qtbot, demo_ctx: AppContext) -> None:  # noqa: ANN001
    window = open_window(qtbot, demo_ctx)
    tid = window.model.ticket_ids()[0]
    act(qtbot, window, Qt.Key.Key_1)
    assert demo_ctx.tickets.get(tid).impact == 1
    demo_ctx.tickets.update(tid, {"impact": 4})  # e.g. a sync brought another edit
    qtbot.waitUntil(lambda: window.model.item_at(0).row.impact == 4)
    act(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Undo refused" in window.last_report.message
    assert "changed since (impact is now 4)" in window.last_report.message
    assert demo_ctx.tickets.get(tid).impact == 4
    assert "Undo refused" in window.statusBar().currentMessage()


@pytest.fixture
def small_ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path / "small"), username="tester")
    yield context
    context.close()


def test_duplicate_marking_english_and_chinese(qtbot, small_ctx: AppContext) -> None:  # noqa: ANN001
    create = small_ctx.tickets.create
    original = create(TicketDraft("打印机无法连接到网络", impact=1, urgency=1)).ticket_id
    dup = create(TicketDraft("三楼打印机无法连接网络", impact=1, urgency=2)).ticket_id
    create(TicketDraft("VPN drops every few minutes", impact=4, urgency=4))
    window = open_window(qtbot, small_ctx)
    window.select_row(window.model.row_of(dup) or 0)
    qtbot.waitUntil(lambda: window.duplicates.chosen() is not None, timeout=10_000)
    assert window.duplicates.chosen().ticket_id == original
    act(qtbot, window, Qt.Key.Key_D)
    resolved = small_ctx.tickets.get(dup)
    number = small_ctx.tickets.get(original).display_number
    assert resolved.status == Status.RESOLVED.value
    assert resolved.resolution_note == f"Duplicate of {number}"
    assert resolved.display_number in small_ctx.tickets.comments(original)[0].body


def test_suggestion_panel_and_apply(qtbot, small_ctx: AppContext) -> None:  # noqa: ANN001
    small_ctx.tickets.create(TicketDraft("VPN drops every few minutes", impact=4, urgency=4))
    classifier = FakeClassifier()
    window = open_window(qtbot, small_ctx, classifier)
    qtbot.waitUntil(lambda: "82%" in window.suggestion.values["category"].text())
    assert "vpn" in window.suggestion.words["category"].text()
    act(qtbot, window, Qt.Key.Key_S)
    ticket = small_ctx.tickets.get(window.model.ticket_ids()[0])
    assert (ticket.category, ticket.impact, ticket.urgency, ticket.group_name) == (
        "Network",
        2,
        1,
        "Network Ops",
    )
    assert window.last_report.message.endswith(
        ": set category Network, impact 2, urgency 1, group Network Ops."
    )
    act(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo step
    assert classifier.corrections == []  # accepting the suggestion is not a correction
    ticket = small_ctx.tickets.get(ticket.id)
    assert (ticket.category, ticket.impact, ticket.urgency, ticket.group_name) == (
        None,
        4,
        4,
        None,
    )
    act(qtbot, window, Qt.Key.Key_4)  # the operator disagrees with impact 2: learnt
    qtbot.waitUntil(lambda: classifier.corrections != [])
    assert classifier.corrections == [("VPN drops every few minutes", "impact", 4)]


def test_empty_queue_keys_do_nothing(qtbot, small_ctx: AppContext) -> None:  # noqa: ANN001
    window = TriageWindow(small_ctx.triage, small_ctx.notifier, FakeClassifier())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.model.is_loading)
    for k in (Qt.Key.Key_J, Qt.Key.Key_D, Qt.Key.Key_Space, Qt.Key.Key_S, Qt.Key.Key_1):
        qtbot.keyClick(window.table, k)
    assert window.model.rowCount() == 0
    assert window.statusBar().currentMessage() == "Select a ticket first."


class ClassifierSuggester:
    """The real on-device classifier (shipped default model), as the window would load it."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def suggest(self, title: str | None, description: str | None = "") -> object:
        return self._ctx.triage.classifier().suggest(title, description)


def grab(window: QWidget, path: Path) -> None:
    assert window.grab().save(str(path))


def test_screenshots(qtbot, demo_ctx: AppContext, small_ctx: AppContext, artifacts: Path) -> None:  # noqa: ANN001
    window = TriageWindow(demo_ctx.triage, demo_ctx.notifier)  # the real classifier
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and window.current_row() == 0)
    key(qtbot, window, Qt.Key.Key_Space)  # one ticket marked for a bulk action, on to the next
    qtbot.waitUntil(lambda: not window.duplicates.searching, timeout=20_000)
    qtbot.waitUntil(lambda: window.suggestion.note.text() != "Thinking…", timeout=20_000)
    qtbot.waitUntil(lambda: window.assignment.suggestion is not None)
    grab(window, artifacts / "triage.png")
    create = small_ctx.tickets.create
    for title in (
        "打印机无法连接到网络",
        "三楼打印机无法连接网络",
        "无法登录邮箱，提示密码错误",
        "服务器机房温度过高报警",
        "手机无法同步日历",
    ):
        create(
            TicketDraft(title, description="用户反馈：今天早上开始出现问题。", impact=2, urgency=2)
        )
    zh = open_window(qtbot, small_ctx, ClassifierSuggester(small_ctx))
    qtbot.waitUntil(lambda: zh.duplicates.candidates != [], timeout=10_000)
    qtbot.waitUntil(lambda: zh.suggestion.current != {}, timeout=10_000)
    qtbot.waitUntil(lambda: zh.assignment.suggestion is not None)
    grab(zh, artifacts / "triage-zh.png")


def test_main_window_opens_triage_with_ctrl_t(qtbot, small_ctx: AppContext) -> None:  # noqa: ANN001
    from opexdesk.ui.main_window import MainWindow
    from opexdesk.ui.shortcuts_dialog import shortcut_rows
    from opexdesk.ui.triage.keymap import KEY_ROWS

    small_ctx.tickets.create(TicketDraft("Keyboard broken", impact=3, urgency=3))
    win = MainWindow(small_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert win.triage_action.shortcut().toString() == "Ctrl+T"
    win.triage_action.trigger()
    triage = win.triage_window
    assert isinstance(triage, TriageWindow)
    qtbot.addWidget(triage)
    qtbot.waitUntil(lambda: triage.model.rowCount() == 1)
    rows = shortcut_rows(win.actions(), KEY_ROWS)
    assert ("Triage queue", "Ctrl+T") in rows and KEY_ROWS[0] in rows
    win.close()
    assert not triage.isVisible()


def test_a_call_skipped_while_the_operator_was_away_is_not_shown(qtbot) -> None:  # noqa: ANN001
    """A, B, back to A: the first call for A was skipped (A was not shown when it would have
    run) and arrives with no result while A is shown again; the newer call shows A."""
    from opexdesk.ui.triage.details import DetailLoader
    from opexdesk.ui.triage.panels import AssignmentPanel, DuplicatesPanel, SuggestionPanel
    from opexdesk.ui.workers import Call

    panels = (SuggestionPanel(), DuplicatesPanel(), AssignmentPanel())
    for panel in panels:
        qtbot.addWidget(panel)
    errors: list[str] = []
    loader = DetailLoader(None, None, panels, errors.append)  # type: ignore[arg-type]
    shown: list[object] = []
    loader.shown_id = "B"
    skipped = Call(lambda: "A's suggestion", wanted=lambda: loader.shown_id == "A")
    skipped.run()
    assert skipped.skipped and skipped.result is None
    loader.shown_id = "A"  # back to A before the skipped call was delivered
    loader._when("A", lambda call: shown.append(call.result))(skipped)
    fresh = Call(lambda: "A's suggestion", wanted=lambda: loader.shown_id == "A")
    fresh.run()
    loader._when("A", lambda call: shown.append(call.result))(fresh)
    assert shown == ["A's suggestion"] and errors == []
    loader.shutdown()
