"""Articles suggested for the ticket being edited: the top five for its title and
description, refreshed on a worker while the user types (debounced; stale answers dropped).
Enter or a double click opens an article; "This solved it" links it to the ticket."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opexdesk.ui.i18n import QT_TRANSLATE_NOOP
from opexdesk.ui.kb.article_view import ArticleView
from opexdesk.ui.kb.common import Answer, has_query, link_solved, run_search
from opexdesk.ui.kb.live_query import LatestQuery
from opexdesk.ui.kb.protocols import ArticleReader, SearchSource, SolvedRecorder
from opexdesk.ui.kb.results import HitListModel, RichTextDelegate

SUGGESTION_DELAY_MS = 300
SUGGESTION_LIMIT = 5
NO_TICKET = QT_TRANSLATE_NOOP("KbSuggestionsPanel", "Open a ticket to see suggested articles.")
NO_TEXT = QT_TRANSLATE_NOOP(
    "KbSuggestionsPanel", "Type a title or description to see suggested articles."
)


def ticket_text(title: str, description: str) -> str:
    """What is searched, and recorded as the query an article solved."""
    return f"{title.strip()}\n{description.strip()}".strip()


class KbSuggestionsPanel(QWidget):
    """See the module docstring. Signals: ``count_changed(int)`` (articles shown),
    ``linked(str, str)`` (article id, ticket id) after a link was stored."""

    count_changed = Signal(int)
    linked = Signal(str, str)

    def __init__(
        self,
        search: SearchSource,
        reader: ArticleReader,
        recorder: SolvedRecorder,
        parent: QWidget | None = None,
        *,
        limit: int = SUGGESTION_LIMIT,
        delay_ms: int = SUGGESTION_DELAY_MS,
        max_threads: int = 1,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._reader = reader
        self._recorder = recorder
        self._limit = limit
        self._ticket_id: str | None = None
        self._text = ""  # the ticket text of the newest request
        self._shown_text: str | None = None  # the ticket text the shown rows answer
        self._linked: dict[str, set[str]] = {}
        self.article_window: QDialog | None = None
        self.article_view: ArticleView | None = None
        self.query = LatestQuery(delay_ms, self, max_threads=max_threads)
        self.query.answered.connect(self._show_answer)
        self.query.failed.connect(self._show_failure)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #555555;")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.model = HitListModel(compact=True, parent=self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.doubleClicked.connect(self._open_index)
        self.results.installEventFilter(self)
        self.results.selectionModel().currentChanged.connect(self._update_buttons)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_current)
        self.solved_button = QPushButton(self.tr("This solved it"))
        self.solved_button.setToolTip(self.tr("Link the selected article to this ticket"))
        self.solved_button.clicked.connect(self.solve_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.solved_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self.set_ticket(None, "", "")

    # ---- public API --------------------------------------------------------------------

    def set_ticket(self, ticket_id: str | None, title: str, description: str) -> None:
        """A ticket was opened (None: none): search for its text at once."""
        self._ticket_id = ticket_id
        self._text = ticket_text(title, description)
        self._shown_text = None
        self.model.set_linked(self.linked_ids())
        self._refresh(immediately=True)
        if self.article_view is not None:
            self.article_view.set_ticket_context(ticket_id, self.linked_ids())

    def text_changed(self, title: str, description: str) -> None:
        """The ticket's text was edited: search again once typing pauses."""
        text = ticket_text(title, description)
        if text == self._text or self._ticket_id is None:
            return
        self._text = text
        self._refresh(immediately=False)

    def ticket_id(self) -> str | None:
        return self._ticket_id

    def ticket_query(self) -> str:
        return self._text

    def linked_ids(self) -> set[str]:
        """Articles linked to the current ticket in this session."""
        return set(self._linked.get(self._ticket_id or "", set()))

    def mark_linked(self, article_id: str, ticket_id: str) -> None:
        """An article was linked to ``ticket_id`` (here or in the knowledge-base window)."""
        self._linked.setdefault(ticket_id, set()).add(article_id)
        if ticket_id == self._ticket_id:
            self.model.set_linked(self.linked_ids())
            if self.article_view is not None:
                self.article_view.mark_linked(article_id)
            self._update_buttons()

    def open_current(self) -> bool:
        return self._open_index(self.results.currentIndex())

    def solve_current(self) -> bool:
        row = self.model.row_at(self.results.currentIndex().row())
        return row is not None and self._solve(row.hit.article_id)

    def shutdown(self) -> None:
        self.query.shutdown()

    # ---- searching ---------------------------------------------------------------------

    def _refresh(self, immediately: bool) -> None:
        if self._ticket_id is None or not has_query(self._text):
            self.query.cancel()
            self.model.set_rows([])
            self.count_changed.emit(0)
            self.status_label.setText(self.tr(NO_TICKET if self._ticket_id is None else NO_TEXT))
            self._update_buttons()
            return
        source, text, limit = self._search, self._text, self._limit
        job = lambda: run_search(source, text, limit)  # noqa: E731 - runs on the worker
        if immediately:
            self.status_label.setText(self.tr("Searching…"))
            self.query.run_now(job)
        else:
            self.query.schedule(job)  # the rows shown stay until the new ones arrive

    def _show_answer(self, answer: Answer) -> None:
        self._shown_text = answer.text
        self.model.set_rows(answer.rows)
        self.count_changed.emit(len(answer.rows))
        if answer.rows:
            self.results.setCurrentIndex(self.model.index(0))
            self.status_label.setText(self.tr("Articles that may help with this ticket:"))
        else:
            self.status_label.setText(self.tr("No suggested articles for this text."))
        self._update_buttons()

    def _show_failure(self, message: str) -> None:
        self.model.set_rows([])
        self.count_changed.emit(0)
        self.status_label.setText(self.tr("Suggestions failed: {0}").format(message))
        self._update_buttons()

    # ---- opening and linking -----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.results
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_current()  # the same on every platform (activated is not, on macOS)
            return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> bool:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return False
        view = self._article_window()
        view.set_ticket_context(self._ticket_id, self.linked_ids())
        found = view.show_article(row.hit.article_id)
        window = self.article_window
        if window is not None:
            window.setWindowTitle(row.hit.title)
            if window.isVisible():
                window.raise_()  # behind the editor: bring it forward
            else:
                window.show()
        return found

    def _article_window(self) -> ArticleView:
        if self.article_view is None:
            window = QDialog(self)
            window.setModal(False)
            view = ArticleView(self._reader)
            view.solved.connect(self._solve)
            layout = QVBoxLayout(window)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(view)
            window.resize(640, 560)
            self.article_window, self.article_view = window, view
        return self.article_view

    def _solve(self, article_id: str) -> bool:
        ticket_id = self._ticket_id
        if ticket_id is None or article_id in self.linked_ids():
            return False
        problem = link_solved(self._recorder, article_id, ticket_id, self._text)
        if problem is not None:
            self.status_label.setText(self.tr("Could not link the article: {0}").format(problem))
            return False
        self.mark_linked(article_id, ticket_id)
        self.linked.emit(article_id, ticket_id)
        return True

    def _update_buttons(self) -> None:
        row = self.model.row_at(self.results.currentIndex().row())
        self.open_button.setEnabled(row is not None)
        self.solved_button.setEnabled(
            row is not None
            and self._ticket_id is not None
            and row.hit.article_id not in self.linked_ids()
        )
