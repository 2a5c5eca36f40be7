"""The article reader: title, metadata and the Markdown body rendered by Qt, with a
"This solved it" button that is enabled only when a ticket is the context, and (when the
owner enables them) "Helpful" / "Not helpful" votes with their counts and an "Edit" button."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.errors import DomainError
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text
from opexdesk.ui.kb.protocols import ArticleReader, ArticleRecord
from opexdesk.ui.kb.voting import ArticleVoter, VoteCounts
from opexdesk.ui.locale_format import format_datetime

NOT_FOUND = QT_TRANSLATE_NOOP("ArticleView", "This article is no longer available.")
EMPTY = QT_TRANSLATE_NOOP("ArticleView", "Open an article from the results to read it here.")


class ArticleView(QWidget):
    """Shows one article read through an :class:`ArticleReader`.

    Signal ``solved(str)``: the user pressed "This solved it" for the shown article; the owner
    records it and calls :meth:`mark_linked` once it is stored.
    """

    solved = Signal(str)
    edit_requested = Signal(str)
    voted = Signal(str)

    def __init__(self, reader: ArticleReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._voter: ArticleVoter | None = None
        self._editable = False
        self._article_id: str | None = None
        self._ticket_id: str | None = None
        self._linked: set[str] = set()

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.meta_label = QLabel()
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label.setWordWrap(True)
        self.meta_label.setStyleSheet("color: #666666;")
        self.meta_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.body = QTextBrowser()
        self.body.setOpenExternalLinks(True)
        self.body.setPlaceholderText(self.tr(EMPTY))
        self.solved_button = QPushButton(self.tr("This solved it"))
        self.solved_button.clicked.connect(self._solved_clicked)
        self.state_label = QLabel()
        self.state_label.setStyleSheet("color: #2e7d32;")
        self.helpful_button = QPushButton()
        self.helpful_button.setToolTip(self.tr("This article was helpful"))
        self.helpful_button.clicked.connect(lambda: self.vote(True))
        self.not_helpful_button = QPushButton()
        self.not_helpful_button.setToolTip(self.tr("This article was not helpful"))
        self.not_helpful_button.clicked.connect(lambda: self.vote(False))
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.setToolTip(self.tr("Edit this article in a new tab"))
        self.edit_button.clicked.connect(self._edit_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.helpful_button)
        buttons.addWidget(self.not_helpful_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.solved_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.show_article(None)

    def article_id(self) -> str | None:
        return self._article_id

    def set_voter(self, voter: ArticleVoter | None) -> None:
        """Show "Helpful" / "Not helpful" with the counts, votes stored through ``voter``."""
        self._voter = voter
        self.show_article(self._article_id)

    def set_editable(self, editable: bool) -> None:
        """Show the "Edit" button (its owner opens the editor on ``edit_requested``)."""
        self._editable = editable
        self._update_button()

    def vote(self, helpful: bool) -> bool:
        """Store the user's vote on the shown article and show the new counts."""
        if self._voter is None or self._article_id is None:
            return False
        try:
            counts = self._voter.vote(self._article_id, helpful)
        except (LookupError, DomainError, StorageError) as exc:
            self.state_label.setText(error_text(exc))
            return False
        self._show_counts(counts, helpful)
        self.state_label.setText(self.tr("Thanks for the feedback."))
        self.voted.emit(self._article_id)
        return True

    def set_ticket_context(self, ticket_id: str | None, linked: set[str] | None = None) -> None:
        """The ticket "This solved it" would link to (None: no button), and the articles
        already linked to it."""
        self._ticket_id = ticket_id
        self._linked = set(linked or ())
        self._update_button()

    def mark_linked(self, article_id: str) -> None:
        self._linked.add(article_id)
        self._update_button()

    def show_article(self, article_id: str | None) -> bool:
        """Read and show ``article_id``; False (and a message) if it cannot be read."""
        record: ArticleRecord | None = None
        message = ""
        if article_id is not None:
            try:
                record = self._reader.get(article_id)
            except (LookupError, DomainError, StorageError) as exc:
                message = error_text(exc) if not isinstance(exc, KeyError) else ""
            if record is None:
                message = message or self.tr(NOT_FOUND)
        self._article_id = article_id if record is not None else None
        self._show_counts(record, self._my_vote())
        if record is None:
            self.title_label.setText(message)
            self.meta_label.clear()
            self.body.clear()
        else:
            self.title_label.setText(record.title)
            self.meta_label.setText(metadata_text(record))
            self.body.setMarkdown(record.body)
        self._update_button()
        return record is not None

    def _my_vote(self) -> bool | None:
        if self._voter is None or self._article_id is None:
            return None
        try:
            return self._voter.my_vote(self._article_id)
        except (LookupError, DomainError, StorageError):
            return None

    def _show_counts(self, counts: object, mine: bool | None) -> None:
        """Vote buttons with the counts, when there is a voter and the record has counts."""
        shown = (
            self._voter is not None
            and self._article_id is not None
            and isinstance(counts, VoteCounts)
        )
        for button in (self.helpful_button, self.not_helpful_button):
            button.setVisible(shown)
        if not shown or not isinstance(counts, VoteCounts):
            return
        mark = {True: ("✓ ", ""), False: ("", "✓ "), None: ("", "")}[mine]
        self.helpful_button.setText(
            self.tr("{0}Helpful ({1})").format(mark[0], counts.helpful_count)
        )
        self.not_helpful_button.setText(
            self.tr("{0}Not helpful ({1})").format(mark[1], counts.not_helpful_count)
        )

    def _edit_clicked(self) -> None:
        if self._article_id is not None:
            self.edit_requested.emit(self._article_id)

    def _update_button(self) -> None:
        self.edit_button.setVisible(self._editable)
        self.edit_button.setEnabled(self._article_id is not None)
        aid = self._article_id
        linked = aid is not None and aid in self._linked
        self.solved_button.setEnabled(
            self._ticket_id is not None and aid is not None and not linked
        )
        self.state_label.setText(self.tr("✓ Linked to this ticket") if linked else "")
        self.solved_button.setToolTip(
            self.tr("Link this article to the ticket as its solution")
            if self._ticket_id is not None
            else self.tr("Open the knowledge base from a ticket to link an article to it")
        )

    def _solved_clicked(self) -> None:
        if self._article_id is not None and self._ticket_id is not None:
            self.solved.emit(self._article_id)


def metadata_text(record: ArticleRecord) -> str:
    parts = [record.category, ", ".join(record.tags), record.language]
    updated = record.updated_at
    if isinstance(updated, datetime):
        when = format_datetime(updated)
        parts.append(QCoreApplication.translate("ArticleView", "updated {0}").format(when))
    return " · ".join(p for p in parts if p)
