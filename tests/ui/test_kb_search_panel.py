"""The knowledge-base search panel over a real index of 40 articles (English and Chinese)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from helpers_kb import ARTICLES, FeedbackRecorder, MemoryReader, build_kb
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from opexdesk.services.kb import Article, Filters, Hit, KbSearch, Snippet
from opexdesk.services.kb.query import query_terms
from opexdesk.ui.kb.results import HTML_ROLE, RichTextDelegate, plain_snippet
from opexdesk.ui.kb.search_panel import HINT, KbSearchPanel


@pytest.fixture(scope="module")
def kb() -> Iterator[KbSearch]:
    search = build_kb()
    yield search
    search.close()


@pytest.fixture
def reader() -> MemoryReader:
    return MemoryReader(ARTICLES)


def make_panel(qtbot, kb, reader, **kw) -> KbSearchPanel:  # noqa: ANN001
    panel = KbSearchPanel(kb, reader, **kw)
    qtbot.addWidget(panel)
    panel.resize(1100, 640)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def wait_results(qtbot, panel: KbSearchPanel) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not panel.query.busy(), timeout=10_000)


def row_htmls(panel: KbSearchPanel) -> list[str]:
    m = panel.model
    return [str(m.data(m.index(r), HTML_ROLE)) for r in range(m.rowCount())]


def highlighted_words(panel: KbSearchPanel, row: int) -> list[str]:
    """The text of the painted row that has a highlight background (what the user sees)."""
    delegate = panel.results.itemDelegate()
    assert isinstance(delegate, RichTextDelegate)
    doc: QTextDocument = delegate.document(panel.model.index(row), 400, compact=False)
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                found.append(frag.text())
            it += 1
        block = block.next()
    return found


def test_typing_shows_highlighted_results(qtbot, kb, reader, artifacts: Path) -> None:
    panel = make_panel(qtbot, kb, reader)
    assert panel.status_label.text() == HINT
    panel.search_edit.setFocus()
    qtbot.keyClicks(panel.search_edit, "printer")
    wait_results(qtbot, panel)
    htmls = row_htmls(panel)
    assert htmls and "<mark>Printer</mark>" in htmls[0]
    ids = panel.model.article_ids()
    assert {"printer-offline", "printer-jam", "printer-driver"} <= set(ids[:4])
    assert [w.lower() for w in highlighted_words(panel, 0)][:1] == ["printer"]
    assert panel.status_label.text() == f"{len(ids)} articles"
    # a prefix while typing already finds the word ("as you type")
    panel.set_query("certif")
    wait_results(qtbot, panel)
    assert panel.model.article_ids()[0] == "vpn-cert"
    assert "<mark>certificate</mark>" in row_htmls(panel)[0].lower()
    panel.set_query("vpn password")
    wait_results(qtbot, panel)
    panel.open_current()
    qtbot.wait(50)
    assert panel.grab().save(str(artifacts / "kb_search_en.png"))


def test_chinese_search_highlights(qtbot, kb, reader, artifacts: Path) -> None:
    panel = make_panel(qtbot, kb, reader)
    panel.set_query("打印机")  # keyClicks cannot type non-ASCII offscreen
    wait_results(qtbot, panel)
    ids = panel.model.article_ids()
    assert set(ids[:2]) == {"zh-printer-network", "zh-printer-jam"}
    assert "<mark>打印机</mark>" in row_htmls(panel)[0]
    assert "打印机" in highlighted_words(panel, 0)
    panel.open_current()
    assert panel.article_view.title_label.text() in {"打印机无法连接网络", "打印机卡纸"}
    qtbot.wait(50)
    assert panel.grab().save(str(artifacts / "kb_search_zh.png"))


def test_markdown_is_not_shown_as_syntax_in_snippets() -> None:
    snippet = Snippet("# Printer jam\n\n**Open** the `tray`", ((2, 9), (17, 21)))
    plain = plain_snippet(snippet)
    assert plain.text == "Printer jam Open the tray"
    assert [plain.text[a:b] for a, b in plain.spans] == ["Printer", "Open"]


def test_filters_narrow_results(qtbot, kb, reader) -> None:
    panel = make_panel(qtbot, kb, reader)
    panel.set_query("password")
    wait_results(qtbot, panel)
    all_ids = panel.model.article_ids()
    langs = {kb_lang(i) for i in all_ids}
    assert langs == {"en", "zh"}  # the semantic side brings the Chinese articles too
    # the filter lists were filled from the hits
    values = [panel.language_combo.itemText(i) for i in range(panel.language_combo.count())]
    assert values[1:] == ["en", "zh"]
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("zh"))
    wait_results(qtbot, panel)
    zh_ids = panel.model.article_ids()
    assert zh_ids and all(kb_lang(i) == "zh" for i in zh_ids)
    assert zh_ids[0] == "zh-password"
    assert panel.current_filters() == Filters(languages=("zh",))
    panel.language_combo.setCurrentIndex(0)
    panel.category_combo.setCurrentIndex(panel.category_combo.findData("access"))
    wait_results(qtbot, panel)
    access = panel.model.article_ids()
    assert access and all(kb_cat(i) == "access" for i in access)
    assert set(access) < set(all_ids) | {a.id for a in ARTICLES if a.category == "access"}
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("vpn"))
    wait_results(qtbot, panel)
    assert panel.model.article_ids() == ["pw-expired"]  # access AND tag vpn
    # the picked filter stays in its list even when later hits do not carry it
    assert panel.tag_combo.currentData() == "vpn"


def kb_lang(article_id: str) -> str:
    return next(a.language for a in ARTICLES if a.id == article_id)


def kb_cat(article_id: str) -> str:
    return next(a.category for a in ARTICLES if a.id == article_id)


def test_provided_facets_are_offered_before_any_search(qtbot, kb, reader) -> None:
    from opexdesk.ui.kb.search_panel import Facets

    panel = make_panel(qtbot, kb, reader, facets=Facets(languages=("zh", "en", "de")))
    items = [panel.language_combo.itemText(i) for i in range(panel.language_combo.count())]
    assert items == ["All languages", "de", "en", "zh"]


def test_keyboard_navigation_opens_the_article(qtbot, kb, reader) -> None:
    panel = make_panel(qtbot, kb, reader)
    panel.results.setFocus()
    panel.focus_action.trigger()  # Ctrl+K
    qtbot.waitUntil(panel.search_edit.hasFocus)
    qtbot.keyClicks(panel.search_edit, "vpn")
    wait_results(qtbot, panel)
    ids = panel.model.article_ids()
    assert ids[0].startswith("vpn-")
    assert panel.results.currentIndex().row() == 0
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Up)
    assert panel.results.currentIndex().row() == 1
    assert panel.search_edit.hasFocus()  # typing can go on
    with qtbot.waitSignal(panel.article_opened) as opened:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert opened.args == [ids[1]]
    view = panel.article_view
    assert view.article_id() == ids[1]
    article = next(a for a in ARTICLES if a.id == ids[1])
    assert view.title_label.text() == article.title
    assert view.meta_label.text().startswith("network · vpn")
    doc = view.body.document()
    first = doc.begin()
    assert first.blockFormat().headingLevel() == 1 and first.text() == article.title
    assert "**" not in doc.toPlainText()  # Markdown rendered, not shown as syntax
    assert not view.solved_button.isEnabled()  # no ticket: nothing to link to
    # Enter in the list opens too; Up from the first row goes back to the search line
    panel.results.setFocus()
    panel.results.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert view.article_id() == ids[0]
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    qtbot.waitUntil(panel.search_edit.hasFocus)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Escape)
    assert panel.search_edit.text() == ""
    assert panel.model.rowCount() == 0 and panel.status_label.text() == HINT


HOSTILE = [
    "AND OR NOT",
    '"unbalanced quote',
    "***",
    "NEAR(printer vpn, 2)",
    "title:printer ^vpn -(",
    "\x00printer\x00",
    "\x01\x02\x03",
    "'; DROP TABLE articles; --",
    "x" * 100_000,
    "打印 " * 20_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_hostile_queries_leave_a_sensible_state(qtbot, kb, reader, text: str) -> None:
    panel = make_panel(qtbot, kb, reader)
    panel.set_query(text)
    wait_results(qtbot, panel)
    status = panel.status_label.text()
    rows = panel.model.rowCount()
    if rows:
        assert status.endswith("articles") or status == "1 article"
    elif status != HINT:
        assert status.startswith("No articles match '") and len(status) < 120
        assert "\x00" not in status
    if text == "\x00printer\x00":
        assert panel.model.article_ids()[0].startswith("printer-")
    if text in ("***", "\x01\x02\x03"):
        assert rows == 0
    # the panel still works afterwards
    panel.set_query("vpn")
    wait_results(qtbot, panel)
    assert panel.model.article_ids()[0].startswith("vpn-")


class GatedSource:
    """The real index, but queries containing ``slow_word`` wait until released: an older
    query that answers late."""

    def __init__(self, kb: KbSearch, slow_word: str) -> None:
        self._kb = kb
        self._slow = slow_word
        self.started: list[str] = []
        self.release = threading.Event()

    def search(
        self,
        text: str,
        limit: int = 10,
        filters: Filters | None = None,
        as_you_type: bool = False,
    ) -> Sequence[Hit]:
        self.started.append(text)
        if self._slow in text:
            assert self.release.wait(10)
        return self._kb.search(text, limit=limit, filters=filters, as_you_type=as_you_type)

    def title_spans(self, title: str, text: str) -> Snippet:
        return self._kb.title_spans(title, text)


@pytest.mark.parametrize("threads", [1, 2])
def test_a_slow_older_query_never_overwrites_a_newer_one(qtbot, kb, reader, threads) -> None:
    source = GatedSource(kb, "printer")
    panel = make_panel(qtbot, source, reader, max_threads=threads)
    shown: list[str] = []
    panel.results_shown.connect(shown.append)
    panel.set_query("printer")
    qtbot.waitUntil(lambda: "printer" in source.started)
    panel.set_query("vpn")
    if threads == 2:  # the newer query overtakes the blocked older one
        qtbot.waitUntil(lambda: shown == ["vpn"], timeout=10_000)
        source.release.set()
        qtbot.waitUntil(lambda: panel.query.dropped == 1, timeout=10_000)
    else:  # the older one answers first, and is dropped
        qtbot.wait(200)
        assert shown == []
        source.release.set()
        qtbot.waitUntil(lambda: shown == ["vpn"], timeout=10_000)
        assert panel.query.dropped == 1
    qtbot.wait(100)
    assert shown == ["vpn"]
    assert panel.model.article_ids()[0].startswith("vpn-")
    assert panel.search_edit.text() == "vpn"


def test_typing_fast_searches_once_after_the_pause(qtbot, kb, reader) -> None:
    source = GatedSource(kb, "\uffff")  # never slow: only counts
    panel = make_panel(qtbot, source, reader)
    panel.search_edit.setFocus()
    qtbot.keyClicks(panel.search_edit, "password reset")
    wait_results(qtbot, panel)
    assert source.started == ["password reset"]
    assert panel.model.article_ids()[0] == "pw-reset"


def test_this_solved_it_with_a_ticket_context(qtbot, reader) -> None:
    kb = build_kb()
    recorder = FeedbackRecorder(kb)
    panel = make_panel(qtbot, kb, reader, recorder=recorder)
    panel.set_ticket_context("T-1", "Printer offline again\nspooler stuck")
    panel.set_query("printer offline")
    wait_results(qtbot, panel)
    assert panel.open_current()
    view = panel.article_view
    assert view.solved_button.isEnabled()
    with qtbot.waitSignal(panel.linked) as linked:
        view.solved_button.click()
    assert linked.args == ["printer-offline", "T-1"]
    assert recorder.calls == [("printer-offline", "T-1", "Printer offline again\nspooler stuck")]
    assert not view.solved_button.isEnabled()
    assert "Linked" in view.state_label.text()
    view.solved_button.click()  # disabled: no second record
    assert len(recorder.calls) == 1
    panel.shutdown()
    kb.close()


def test_without_a_recorder_the_ticket_context_is_ignored(qtbot, kb, reader) -> None:
    panel = make_panel(qtbot, kb, reader)
    panel.set_ticket_context("T-1", "printer")
    panel.set_query("printer")
    wait_results(qtbot, panel)
    panel.open_current()
    assert not panel.article_view.solved_button.isEnabled()


def test_an_article_that_cannot_be_read_says_so(qtbot, kb) -> None:
    panel = make_panel(qtbot, kb, MemoryReader(ARTICLES[1:]))  # the index still has [0]
    panel.set_query(ARTICLES[0].title)
    wait_results(qtbot, panel)
    assert panel.model.article_ids()[0] == ARTICLES[0].id
    assert not panel.open_current()
    assert panel.article_view.title_label.text() == "This article is no longer available."
    assert panel.article_view.article_id() is None


def test_ctrl_k_focuses_the_search_line_in_a_window(qtbot, kb, reader) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    panel = KbSearchPanel(kb, reader, window)
    other = panel.article_view.body
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClick(other, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.search_edit.hasFocus)


def test_long_titles_are_highlighted_whole(kb) -> None:
    from opexdesk.ui.kb.common import title_snippet

    title = "Outlook keeps asking for the password"
    snip = title_snippet(kb, title, "password")
    assert snip.text == title
    assert [title[a:b] for a, b in snip.spans] == ["password"]


class CorrectingKb(KbSearch):
    """The index with the optional ``corrected_query``, built from its own vocabulary."""

    def corrected_query(self, text: str) -> str | None:
        terms = query_terms(text)
        fixes = self._corrections(terms)
        fixed = [fixes[t][0] if fixes.get(t) else t for t in terms]
        return " ".join(fixed) if fixed != terms else None


def test_no_hits_names_the_query_and_the_correction(qtbot, reader) -> None:
    kb = CorrectingKb(":memory:")
    kb.add_articles(ARTICLES)
    panel = make_panel(qtbot, kb, reader)
    panel.category_combo.addItem("facilities", "facilities")
    panel.category_combo.setCurrentIndex(panel.category_combo.findData("facilities"))
    panel.tag_combo.addItem("vpn", "vpn")
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("vpn"))
    panel.set_query("pritner\x00 offline")
    wait_results(qtbot, panel)
    assert panel.model.rowCount() == 0
    assert panel.status_label.text() == (
        "No articles match 'pritner offline'. Did you mean 'printer offline'?"
    )
    panel.shutdown()
    kb.close()


def test_opening_the_panel_warms_the_knowledge_base(qtbot, reader) -> None:  # noqa: ANN001
    warmed = KbSearch(":memory:")
    warmed.add_articles([Article("a1", "Printer jam", "Open tray two and pull the paper.")])
    panel = make_panel(qtbot, warmed, reader)
    try:
        qtbot.waitUntil(lambda: warmed._vecs is not None, timeout=20_000)  # on the worker
    finally:
        panel.shutdown()  # as the window does: the warm-up ends before the index closes
        warmed.close()
