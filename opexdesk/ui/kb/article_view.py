"""The article reader: title, metadata and the Markdown body rendered by Qt, with a
"This solved it" button that is enabled only when a ticket is the context."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
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
from opexdesk.ui.kb.protocols import ArticleReader, ArticleRecord

NOT_FOUND = "This article is no longer available."
EMPTY = "Open an article from the results to read it here."


class ArticleView(QWidget):
    """Shows one article read through an :class:`ArticleReader`.

    Signal ``solved(str)``: the user pressed "This solved it" for the shown article; the owner
    records it and calls :meth:`mark_linked` once it is stored.
    """

    solved = Signal(str)

    def __init__(self, reader: ArticleReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
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

        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
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
                message = str(exc) if not isinstance(exc, KeyError) else ""
            if record is None:
                message = message or self.tr(NOT_FOUND)
        self._article_id = article_id if record is not None else None
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

    def _update_button(self) -> None:
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
        parts.append(f"updated {updated.astimezone().strftime('%Y-%m-%d %H:%M')}")
    return " · ".join(p for p in parts if p)
