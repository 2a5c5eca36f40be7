"""Suggested articles for the ticket being edited, over a real index; the panel inside the
ticket editor and the knowledge base installed into the real main window."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from helpers_kb import ARTICLES, FeedbackRecorder, MemoryReader, build_kb
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QMenu

from opexdesk.app import AppContext
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.kb import Filters, Hit, KbSearch, Snippet
from opexdesk.ui.kb.results import HTML_ROLE
from opexdesk.ui.kb.suggestions_panel import NO_TEXT, NO_TICKET, KbSuggestionsPanel
from opexdesk.ui.kb.wiring import KB_FALLBACK_SHORTCUT, install_kb
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.tickets.detail_pane import TicketDetailPane


class CountingSource:
    """The real index; counts the searches and can hold them until released."""

    def __init__(self, kb: KbSearch, hold: bool = False) -> None:
        self._kb = kb
        self.texts: list[str] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def search(
        self,
        text: str,
        limit: int = 10,
        filters: Filters | None = None,
        as_you_type: bool = False,
    ) -> Sequence[Hit]:
        self.texts.append(text)
        self.entered.set()
        assert self.release.wait(10)
        return self._kb.search(text, limit=limit, filters=filters, as_you_type=as_you_type)

    def title_spans(self, title: str, text: str) -> Snippet:
        return self._kb.title_spans(title, text)


@pytest.fixture
def kb() -> Iterator[KbSearch]:
    search = build_kb()  # per test: "this solved it" writes feedback into the index
    yield search
    search.close()


@pytest.fixture
def recorder(kb: KbSearch) -> FeedbackRecorder:
    return FeedbackRecorder(kb)


def make_panel(qtbot, source, recorder, **kw) -> KbSuggestionsPanel:  # noqa: ANN001
    panel = KbSuggestionsPanel(source, MemoryReader(ARTICLES), recorder, **kw)
    qtbot.addWidget(panel)
    panel.resize(420, 360)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def settled(qtbot, panel: KbSuggestionsPanel) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not panel.query.busy(), timeout=10_000)


def test_suggestions_follow_the_ticket_text(qtbot, kb, recorder) -> None:
    source = CountingSource(kb)
    panel = make_panel(qtbot, source, recorder)
    assert panel.status_label.text() == NO_TICKET
    with qtbot.waitSignal(panel.count_changed) as counted:
        panel.set_ticket("T-1", "Printer jam", "Paper stuck in tray 2 again")
    assert counted.args == [5]
    ids = panel.model.article_ids()
    assert len(ids) == 5 and ids[0] == "printer-jam"
    html = str(panel.model.data(panel.model.index(0), HTML_ROLE))
    assert "<mark>" in html and html.count("<br>") == 1  # title + one line of snippet
    # typing: several edits within the debounce give one search, for the last text
    before = len(source.texts)
    panel.text_changed("VPN", "")
    panel.text_changed("VPN keeps", "")
    panel.text_changed("VPN keeps disconnecting", "every few minutes at home")
    assert panel.model.article_ids() == ids  # old rows stay until the new ones arrive
    settled(qtbot, panel)
    assert source.texts[before:] == ["VPN keeps disconnecting\nevery few minutes at home"]
    assert panel.model.article_ids()[0] == "vpn-drops"
    # the same text again (e.g. the form reloaded) does not search
    panel.text_changed("VPN keeps disconnecting", "every few minutes at home")
    assert not panel.query.busy()
    panel.text_changed("", "  ")
    assert panel.status_label.text() == NO_TEXT and panel.model.rowCount() == 0
    panel.set_ticket(None, "", "")
    assert panel.status_label.text() == NO_TICKET


def test_chinese_ticket_text(qtbot, kb, recorder) -> None:
    panel = make_panel(qtbot, kb, recorder)
    panel.set_ticket("T-2", "无法连接VPN", "在家里无法连接公司网络")
    settled(qtbot, panel)
    assert panel.model.article_ids()[0] == "zh-vpn"


def test_searching_does_not_block_typing(qtbot, kb, recorder) -> None:
    source = CountingSource(kb, hold=True)
    panel = make_panel(qtbot, source, recorder, delay_ms=0)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    started = time.perf_counter()
    panel.set_ticket("T-3", "Outlook password prompt", "")
    elapsed = time.perf_counter() - started
    assert source.entered.wait(5)  # the search is running on the worker, held there
    assert elapsed < 0.5
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    edit.setFocus()
    qtbot.keyClicks(edit, "still typing")  # the GUI thread handles keys meanwhile
    qtbot.wait(50)
    assert ticks == [1] and edit.text() == "still typing"
    assert panel.model.rowCount() == 0 and panel.query.busy()
    source.release.set()
    settled(qtbot, panel)
    assert panel.model.article_ids()[0] == "outlook-password"


def test_a_late_answer_for_older_text_is_dropped(qtbot, kb, recorder) -> None:
    source = CountingSource(kb, hold=True)
    panel = make_panel(qtbot, source, recorder, delay_ms=0, max_threads=2)
    panel.set_ticket("T-4", "Printer offline", "")
    assert source.entered.wait(5)
    slow_release = source.release
    source.release = threading.Event()
    source.release.set()  # the newer search is not held
    panel.text_changed("Teams audio echo", "in every call")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=10_000)
    assert panel.model.article_ids()[0] == "teams-audio"
    slow_release.set()
    qtbot.waitUntil(lambda: panel.query.dropped == 1, timeout=10_000)
    assert panel.model.article_ids()[0] == "teams-audio"


def test_this_solved_it_records_once_and_marks_the_article(qtbot, kb, recorder) -> None:
    panel = make_panel(qtbot, kb, recorder)
    panel.set_ticket("T-5", "Account locked", "too many failed logins this morning")
    settled(qtbot, panel)
    top = panel.model.article_ids()[0]
    assert top == "account-locked"
    assert panel.solved_button.isEnabled()
    with qtbot.waitSignal(panel.linked) as linked:
        panel.solved_button.click()
    assert linked.args == ["account-locked", "T-5"]
    text = "Account locked\ntoo many failed logins this morning"
    assert recorder.calls == [("account-locked", "T-5", text)]
    assert "Linked" in str(panel.model.data(panel.model.index(0), HTML_ROLE))
    assert not panel.solved_button.isEnabled()
    panel.solved_button.click()
    assert not panel.solve_current()
    assert len(recorder.calls) == 1
    # the feedback went into the real index: similar wording now finds that article first
    assert kb.search("account locked failed logins")[0].article_id == "account-locked"
    # open another suggestion with Enter and link it from the article window
    panel.results.setFocus()
    panel.results.setCurrentIndex(panel.model.index(1))
    second = panel.model.article_ids()[1]
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    view = panel.article_view
    assert view is not None and panel.article_window is not None
    qtbot.waitUntil(panel.article_window.isVisible)
    assert view.article_id() == second and view.solved_button.isEnabled()
    view.solved_button.click()
    assert [c[0] for c in recorder.calls] == ["account-locked", second]
    assert not view.solved_button.isEnabled()
    # another ticket starts with nothing linked
    panel.set_ticket("T-6", "Account locked", "too many failed logins this morning")
    settled(qtbot, panel)
    assert panel.solved_button.isEnabled() and panel.linked_ids() == set()
    panel.article_window.close()


class FailingRecorder:
    def __init__(self) -> None:
        self.calls = 0

    def link_solved(self, article_id: str, ticket_id: str, query_text: str) -> None:
        self.calls += 1
        raise LookupError(f"ticket {ticket_id} no longer exists")


def test_a_refused_link_says_why_and_marks_nothing(qtbot, kb) -> None:
    failing = FailingRecorder()
    panel = make_panel(qtbot, kb, failing)
    panel.set_ticket("T-7", "Mailbox full", "")
    settled(qtbot, panel)
    panel.solved_button.click()
    assert failing.calls == 1
    assert "no longer exists" in panel.status_label.text()
    assert panel.linked_ids() == set() and panel.solved_button.isEnabled()


def test_double_click_opens_the_article(qtbot, kb, recorder) -> None:
    panel = make_panel(qtbot, kb, recorder)
    panel.set_ticket("T-8", "BitLocker recovery key", "")
    settled(qtbot, panel)
    rect = panel.results.visualRect(panel.model.index(0))
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.article_view is not None
    assert panel.article_view.article_id() == "bitlocker"
    assert panel.article_view.body.document().begin().blockFormat().headingLevel() == 1
    assert panel.article_window is not None
    panel.article_window.close()


def test_editor_pane_feeds_the_panel(qtbot, ctx: AppContext, kb, recorder, artifacts) -> None:
    panel = KbSuggestionsPanel(kb, MemoryReader(ARTICLES), recorder)
    pane = TicketDetailPane(ctx.tickets, now=ctx.clock.now, suggestions=panel)
    qtbot.addWidget(pane)
    pane.resize(560, 760)
    pane.show()
    qtbot.waitExposed(pane)
    first = ctx.tickets.create(
        TicketDraft(title="VPN disconnects", description="every few minutes")
    ).ticket_id
    other = ctx.tickets.create(TicketDraft(title="打印机卡纸", description="二楼")).ticket_id
    pane.show_ticket(first)
    assert panel.ticket_id() == first
    settled(qtbot, panel)
    assert panel.model.article_ids()[0] == "vpn-drops"
    articles = pane.tabs.indexOf(panel)
    assert pane.tabs.tabText(articles) == "Articles (5)"
    pane.tabs.setCurrentIndex(articles)  # a tab that loads nothing of the ticket
    title = pane.fields.ui.titleEdit
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Outlook password")
    assert panel.ticket_query().startswith("Outlook password")
    settled(qtbot, panel)
    assert panel.model.article_ids()[0] == "outlook-password"
    pane.show_ticket(other)
    settled(qtbot, panel)
    assert panel.ticket_id() == other
    assert panel.model.article_ids()[0] == "zh-printer-jam"
    qtbot.wait(50)
    assert pane.grab().save(str(Path(artifacts) / "kb_suggestions.png"))
    pane.show_ticket(None)
    assert panel.ticket_id() is None and panel.status_label.text() == NO_TICKET
    assert pane.tabs.tabText(articles) == "Articles"
    panel.shutdown()


def test_without_a_kb_the_editor_has_its_usual_tabs(qtbot, ctx: AppContext) -> None:
    pane = TicketDetailPane(ctx.tickets)
    qtbot.addWidget(pane)
    assert pane.suggestions is None
    assert [pane.tabs.tabText(i) for i in range(pane.tabs.count())] == [
        "Conversation",
        "Work log",
        "Attachments",
        "History",
    ]


def test_install_kb_into_the_main_window(qtbot, ctx: AppContext, kb, recorder) -> None:
    ticket = ctx.tickets.create(TicketDraft(title="Printer offline", description="")).ticket_id
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    kb_parts = install_kb(win, kb, MemoryReader(ARTICLES), recorder)
    win.show()
    qtbot.waitExposed(win)
    # Ctrl+Shift+K is already the Conflicts action here: the knowledge base takes the fallback
    assert kb_parts.action.shortcut().toString() == KB_FALLBACK_SHORTCUT
    view_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    assert isinstance(view_menu, QMenu) and kb_parts.action in view_menu.actions()
    suggestions = kb_parts.suggestions
    assert suggestions is not None and win.detail.suggestions is suggestions
    win.detail.show_ticket(ticket)
    settled(qtbot, suggestions)
    assert suggestions.model.article_ids()[0] == "printer-offline"
    kb_parts.action.trigger()
    window = kb_parts.window
    assert window is not None
    qtbot.waitUntil(window.isVisible)
    panel = window.panel
    panel.set_query("printer offline")
    qtbot.waitUntil(lambda: not panel.query.busy() and panel.model.rowCount() > 0)
    assert panel.open_current()
    panel.article_view.solved_button.click()  # the open ticket is the context
    assert recorder.calls == [("printer-offline", ticket, "Printer offline")]
    assert suggestions.linked_ids() == {"printer-offline"}
    win.close()
    qtbot.waitUntil(lambda: not window.isVisible())
