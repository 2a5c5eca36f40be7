"""The Conversation tab: public replies and internal notes, and a composer to add one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.enums import CommentKind
from opexdesk.domain.errors import DomainError
from opexdesk.services.ticket_views import CommentView
from opexdesk.services.tickets import TicketService
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text
from opexdesk.ui.tickets.formatting import local_time
from opexdesk.ui.tickets.keys import EnterKeyFilter

# Internal notes must never be mistaken for replies the requester sees: yellow, tagged.
_STYLE = """
QFrame#commentCard { border-radius: 6px; }
QFrame#commentCard[kind="public"] { background: #ffffff; border: 1px solid #b8c7dc; }
QFrame#commentCard[kind="internal"] { background: #fff6cc; border: 1px solid #e0c04c; }
QLabel#commentTag { border-radius: 3px; padding: 1px 6px; font-weight: bold; }
QLabel#commentTag[kind="public"] { background: #dbe7f7; color: #1e4f8f; }
QLabel#commentTag[kind="internal"] { background: #f2c94c; color: #4a3800; }
QLabel#commentMeta { color: #555555; }
QLabel#commentBody { color: #1a1a1a; }
QPlainTextEdit#composer[kind="internal"] { background: #fffbe6; }
"""

KIND_TAGS = {
    CommentKind.PUBLIC: QT_TRANSLATE_NOOP("CommentCard", "Public reply"),
    CommentKind.INTERNAL: QT_TRANSLATE_NOOP("CommentCard", "Internal note"),
}


class CommentCard(QFrame):
    """One comment: author, time, a visible public/internal tag and the text."""

    def __init__(self, comment: CommentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comment = comment
        known = comment.kind in (CommentKind.PUBLIC, CommentKind.INTERNAL)
        kind = CommentKind(comment.kind) if known else None
        # An unknown kind (newer client) is styled as internal: the cautious reading.
        kind_value = kind.value if kind else CommentKind.INTERNAL.value
        self.setObjectName("commentCard")
        self.setProperty("kind", kind_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.tag = QLabel(self.tr(KIND_TAGS[kind]) if kind else comment.kind)
        self.tag.setObjectName("commentTag")
        self.tag.setProperty("kind", kind_value)
        meta = QLabel(f"{comment.author} · {local_time(comment.created_at)}")
        meta.setObjectName("commentMeta")
        top.addWidget(self.tag)
        top.addWidget(meta)
        top.addStretch(1)
        layout.addLayout(top)
        self.body = QLabel(comment.body)
        self.body.setObjectName("commentBody")
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # never interpret user text as HTML
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.body)

    @property
    def kind(self) -> str:
        return str(self.property("kind"))


class ConversationTab(QWidget):
    """Lists a ticket's comments and sends new ones.

    ``written`` is emitted after a comment was stored (the pane refreshes its header)."""

    written = Signal()

    def __init__(self, tickets: TicketService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self._ticket_id: str | None = None
        self.setStyleSheet(_STYLE)

        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(6, 6, 6, 6)
        self._list_layout.setSpacing(8)
        self.empty_label = QLabel(self.tr("No comments yet."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._list_layout.addWidget(self.empty_label)
        self._list_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self._list)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.composer = QPlainTextEdit()
        self.composer.setObjectName("composer")
        self.composer.setPlaceholderText(self.tr("Write a reply or a note…  (Ctrl+Enter sends)"))
        self.composer.setTabChangesFocus(True)
        self.composer.setMaximumHeight(90)
        self.public_radio = QRadioButton(self.tr("Public reply"))
        self.public_radio.setToolTip(self.tr("The requester sees this"))
        self.internal_radio = QRadioButton(self.tr("Internal note"))
        self.internal_radio.setToolTip(self.tr("Only the service desk sees this"))
        self._kind_group = QButtonGroup(self)
        self._kind_group.addButton(self.public_radio)
        self._kind_group.addButton(self.internal_radio)
        self.internal_radio.toggled.connect(self._kind_changed)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        EnterKeyFilter(self, on_ctrl_enter=self.send).watch(self.composer)

        controls = QHBoxLayout()
        controls.addWidget(self.public_radio)
        controls.addWidget(self.internal_radio)
        controls.addStretch(1)
        controls.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.composer)
        layout.addLayout(controls)
        layout.addWidget(self.error_label)
        self.reset_kind()

    # ---- public API --------------------------------------------------------------------

    def set_ticket(self, ticket_id: str | None) -> None:
        """Switch tickets: the draft and the reply kind belong to the previous ticket."""
        if ticket_id != self._ticket_id:
            self.composer.clear()
            self.reset_kind()
            self._show_error("")
        self._ticket_id = ticket_id

    def reset_kind(self) -> None:
        # Internal by default: a note meant for colleagues never reaches a requester by accident.
        self.internal_radio.setChecked(True)

    def kind(self) -> CommentKind:
        return CommentKind.PUBLIC if self.public_radio.isChecked() else CommentKind.INTERNAL

    def load(self) -> None:
        if self._ticket_id is None:
            self._set_comments([])
            return
        self._set_comments(self._tickets.comments(self._ticket_id))

    def cards(self) -> list[CommentCard]:
        return self._list.findChildren(CommentCard)

    def send(self) -> None:
        """Store the composer's text as the chosen kind; on error keep the text."""
        if self._ticket_id is None:
            return
        try:
            self._tickets.add_comment(self._ticket_id, self.composer.toPlainText(), self.kind())
        except (DomainError, StorageError) as exc:
            self._show_error(error_text(exc))
            self.composer.setFocus()
            return
        self._show_error("")
        self.composer.clear()
        self.load()
        self.written.emit()
        # After layout, so the new comment at the bottom is in view.
        QTimer.singleShot(0, self._scroll_to_end)

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    # ---- internals ---------------------------------------------------------------------

    def _set_comments(self, comments: list[CommentView]) -> None:
        for card in self.cards():
            self._list_layout.removeWidget(card)
            card.setParent(None)  # unparented, Python drops (deletes) it right away
        self.empty_label.setVisible(not comments)
        for index, comment in enumerate(comments):
            # Before the trailing stretch (and after the empty label).
            self._list_layout.insertWidget(1 + index, CommentCard(comment, self._list))

    def _kind_changed(self) -> None:
        self.composer.setProperty("kind", self.kind().value)
        self.composer.style().unpolish(self.composer)
        self.composer.style().polish(self.composer)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _scroll_to_end(self) -> None:
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
