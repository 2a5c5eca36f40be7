"""Search the knowledge base as you type: a search line, category/tag/language filters, the
ranked results with highlighted matches, and the article reader beside them.

Keys: Ctrl+K focuses the search line (anywhere in the window); Down/Up move through the
results from the search line; Enter opens the current result; Esc clears the search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.kb import Filters
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP
from opexdesk.ui.kb.article_view import ArticleView
from opexdesk.ui.kb.common import (
    Answer,
    has_query,
    link_solved,
    run_search,
    shown_query,
    sorted_values,
)
from opexdesk.ui.kb.live_query import LatestQuery
from opexdesk.ui.kb.protocols import ArticleReader, SearchSource, SolvedRecorder, Warmable
from opexdesk.ui.kb.results import HitListModel, RichTextDelegate

HINT = QT_TRANSLATE_NOOP(
    "KbSearchPanel", "Type to search the knowledge base (words, error codes, 中文)."
)
SEARCH_DELAY_MS = 120
RESULT_LIMIT = 20


@dataclass(frozen=True)
class Facets:
    """Values offered by the filter lists besides those seen in results."""

    categories: Sequence[str] = ()
    tags: Sequence[str] = ()
    languages: Sequence[str] = ()


class KbSearchPanel(QWidget):
    """See the module docstring.

    Signals: ``article_opened(str)`` when an article is shown in the reader;
    ``linked(str, str)`` (article id, ticket id) after "This solved it" was stored.
    """

    article_opened = Signal(str)
    linked = Signal(str, str)
    results_shown = Signal(str)  # the query whose answer is now on screen

    def __init__(
        self,
        search: SearchSource,
        reader: ArticleReader,
        parent: QWidget | None = None,
        *,
        recorder: SolvedRecorder | None = None,
        facets: Facets | None = None,
        limit: int = RESULT_LIMIT,
        delay_ms: int = SEARCH_DELAY_MS,
        max_threads: int = 1,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._recorder = recorder
        self._facets = facets or Facets()
        self._limit = limit
        self._seen: tuple[set[str], set[str], set[str]] = (set(), set(), set())
        self._ticket_id: str | None = None
        self._ticket_text = ""
        self.query = LatestQuery(delay_ms, self, max_threads=max_threads)
        if isinstance(search, Warmable):
            # The model and vectors load while the panel paints: at 100,000 articles the
            # first keystroke waited 0.6-2.5 s for them, 7 ms once warmed.
            self.query.prepare(search.warm)
        self.query.answered.connect(self._show_answer)
        self.query.failed.connect(self._show_failure)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search articles (Ctrl+K)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_edit.installEventFilter(self)
        self.category_combo = self._filter_combo(
            QT_TRANSLATE_NOOP("KbSearchPanel", "All categories")
        )
        self.tag_combo = self._filter_combo(QT_TRANSLATE_NOOP("KbSearchPanel", "All tags"))
        self.language_combo = self._filter_combo(
            QT_TRANSLATE_NOOP("KbSearchPanel", "All languages")
        )
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #555555;")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.model = HitListModel(compact=False, parent=self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.doubleClicked.connect(self._open_index)
        self.results.installEventFilter(self)
        self.article_view = ArticleView(reader)
        self.article_view.solved.connect(self._solve)

        filters = QHBoxLayout()
        for combo in (self.category_combo, self.tag_combo, self.language_combo):
            filters.addWidget(combo, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.status_label)
        left_layout.addWidget(self.results, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.article_view)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([460, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.focus_action = QAction(self.tr("Search the knowledge base"), self)
        self.focus_action.setShortcut(QKeySequence("Ctrl+K"))
        self.focus_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_action.triggered.connect(self.focus_search)
        self.addAction(self.focus_action)
        self._fill_filters()
        self._show_hint()

    # ---- public API --------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def set_query(self, text: str) -> None:
        self.search_edit.setText(text)

    def set_ticket_context(
        self, ticket_id: str | None, query_text: str = "", linked: set[str] | None = None
    ) -> None:
        """Articles opened here may be linked to ``ticket_id`` ("This solved it") with
        ``query_text`` (the ticket's text) as what they solved; None: no ticket."""
        self._ticket_id = ticket_id if self._recorder is not None else None
        self._ticket_text = query_text
        self.article_view.set_ticket_context(self._ticket_id, linked)

    def current_filters(self) -> Filters:
        def picked(combo: QComboBox) -> tuple[str, ...]:
            value = combo.currentData()
            return (value,) if isinstance(value, str) and value else ()

        return Filters(
            categories=picked(self.category_combo),
            tags=picked(self.tag_combo),
            languages=picked(self.language_combo),
        )

    def open_current(self) -> bool:
        """Open the current result (the first if none is current)."""
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount() > 0:
            index = self.model.index(0)
        return self._open_index(index)

    def shutdown(self) -> None:
        """Stop the search worker (before the search source is closed)."""
        self.query.shutdown()

    # ---- searching ---------------------------------------------------------------------

    def _filter_combo(self, all_text: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr(all_text), None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def _text_changed(self, text: str) -> None:
        if not has_query(text):
            self.query.cancel()
            self._show_hint()
            return
        self.query.schedule(self._job(text))

    def _filters_changed(self) -> None:
        text = self.search_edit.text()
        if has_query(text):
            self.query.run_now(self._job(text))

    def _job(self, text: str):  # noqa: ANN202 - a zero-argument callable for the worker
        source, limit, filters = self._search, self._limit, self.current_filters()
        return lambda: run_search(source, text, limit, filters, as_you_type=True)

    def _show_hint(self) -> None:
        self.model.set_rows([])
        self.status_label.setText(self.tr(HINT))

    def _show_answer(self, answer: Answer) -> None:
        self.model.set_rows(answer.rows)
        for seen, values in zip(
            self._seen,
            (
                {r.hit.category for r in answer.rows},
                {t for r in answer.rows for t in r.hit.tags},
                {r.hit.language for r in answer.rows},
            ),
            strict=True,
        ):
            seen.update(values)
        self._fill_filters()
        if answer.rows:
            self.results.setCurrentIndex(self.model.index(0))
            count = len(answer.rows)
            self.status_label.setText(
                self.tr("1 article") if count == 1 else self.tr("{0} articles").format(count)
            )
        else:
            message = self.tr("No articles match '{0}'.").format(shown_query(answer.text))
            if answer.corrected:
                message += " " + self.tr("Did you mean '{0}'?").format(answer.corrected)
            self.status_label.setText(message)
        self.results_shown.emit(answer.text)

    def _show_failure(self, message: str) -> None:
        self.model.set_rows([])
        self.status_label.setText(self.tr("The search failed: {0}").format(message))

    def _fill_filters(self) -> None:
        given = (self._facets.categories, self._facets.tags, self._facets.languages)
        combos = (self.category_combo, self.tag_combo, self.language_combo)
        for combo, provided, seen in zip(combos, given, self._seen, strict=True):
            current = combo.currentData()
            values = sorted_values(provided, seen)
            existing = [combo.itemData(i) for i in range(1, combo.count())]
            if existing == values:
                continue
            combo.blockSignals(True)  # refilling is not the user picking a filter
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)

    # ---- keys and opening --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_edit:
                return self._search_key(event)
            if watched is self.results:
                return self._results_key(event)
        return super().eventFilter(watched, event)

    def _results_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()  # the same on every platform (activated is not, on macOS)
            return True
        if event.key() == Qt.Key.Key_Up and self.results.currentIndex().row() <= 0:
            self.focus_search()  # Up past the first result: back to typing
            return True
        return False

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return True
        if key == Qt.Key.Key_Escape and self.search_edit.text():
            self.search_edit.clear()
            return True
        return False

    def _step(self, delta: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        row = self.results.currentIndex().row()
        row = 0 if row < 0 else min(max(row + delta, 0), count - 1)
        index = self.model.index(row)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)

    def _open_index(self, index: QModelIndex) -> bool:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return False
        if self.article_view.show_article(row.hit.article_id):
            self.article_opened.emit(row.hit.article_id)
            return True
        return False

    def _solve(self, article_id: str) -> None:
        ticket_id, recorder = self._ticket_id, self._recorder
        if ticket_id is None or recorder is None:
            return
        problem = link_solved(recorder, article_id, ticket_id, self._ticket_text)
        if problem is not None:
            self.article_view.state_label.setText(problem)
            return
        self.article_view.mark_linked(article_id)
        self.linked.emit(article_id, ticket_id)
