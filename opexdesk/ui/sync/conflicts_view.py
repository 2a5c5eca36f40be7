"""Sync > Conflicts… (Ctrl+Shift+K): the user's open conflicts, "Yours" next to "Theirs
(server)", and one click to decide each one.

Each decision is one local operation of ``ConflictService`` (one transaction and one outbox
row); the list is read again afterwards. Conflicts are few, so reads run on the GUI thread
like the ticket dialogs' saves.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.errors import DomainError
from opexdesk.domain.priority import DEFAULT_MATRIX, MatrixSource, PriorityMatrix, matrix_source
from opexdesk.domain.text_merge import merge_text
from opexdesk.services.conflicts import DELETED_TICKET_LABEL, ConflictItem, ConflictService
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text, shown_text, vocabulary
from opexdesk.ui.tickets.formatting import field_label, level_text, local_time, status_text

log = logging.getLogger(__name__)

TEXT_FIELDS = frozenset({"description", "body"})  # long text: show the base, offer a merge editor
ARTICLE = "article"
ConflictId = Qt.ItemDataRole.UserRole
YOURS_STYLE = "QPlainTextEdit { background: #eef5ff; }"
THEIRS_STYLE = "QPlainTextEdit { background: #f3f3f3; }"


# The service's rule labels are English; the view shows these (same keys) in the language.
RULE_TEXTS = {
    "server_kept": QT_TRANSLATE_NOOP(
        "ConflictsDialog", "Both changed it; the server's value was kept"
    ),
    "workflow": QT_TRANSLATE_NOOP("ConflictsDialog", "Not allowed by the workflow"),
    "permission": QT_TRANSLATE_NOOP("ConflictsDialog", "Not allowed for your role"),
    "ticket_missing": QT_TRANSLATE_NOOP("ConflictsDialog", "The ticket no longer exists"),
    "merged": QT_TRANSLATE_NOOP("ConflictsDialog", "Both changed the text in the same place"),
}


# An article's fields, where their names differ from a ticket's (title and category are
# the same words).
ARTICLE_FIELD_TEXTS = {
    "body": QT_TRANSLATE_NOOP("ConflictsDialog", "Article text"),
    "tags": QT_TRANSLATE_NOOP("ConflictsDialog", "Tags"),
    "language": QT_TRANSLATE_NOOP("ConflictsDialog", "Language"),
}


def article_field_label(field: str) -> str:
    text = ARTICLE_FIELD_TEXTS.get(field)
    return QCoreApplication.translate("ConflictsDialog", text) if text else field_label(field)


def article_change_text(change: Any) -> str:
    """A whole article edit the server did not take (``{"fields": {f: {"base", "new"}}}``),
    one field per paragraph, as the author wrote it: what they may want to copy."""
    fields = change.get("fields") if isinstance(change, dict) else None
    if not isinstance(fields, dict):
        return str(change)
    parts = []
    for field, edit in fields.items():
        new = edit.get("new") if isinstance(edit, dict) else edit
        parts.append(f"{article_field_label(str(field))}:\n{value_text(str(field), new)}")
    return "\n\n".join(parts)


def value_text(field: str | None, value: Any, matrix: PriorityMatrix = DEFAULT_MATRIX) -> str:
    """A stored value as people read it in the current language: levels by the matrix's
    labels, statuses by name, times in the locale. Unlike the history's value_text, text is
    kept whole (the user compares and merges it here)."""
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("ConflictsDialog", "(empty)")
    if isinstance(value, list):  # an article's tags
        return ", ".join(str(v) for v in value)
    try:
        if field in ("impact", "urgency", "priority"):
            return level_text(int(value), vocabulary(matrix.label(field, int(value))))
    except (TypeError, ValueError):
        return str(value)
    if field == "status":
        return status_text(str(value))
    if field and field.endswith("_at") and isinstance(value, str):
        try:
            return local_time(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def item_field_label(item: ConflictItem) -> str:
    """The conflicting field by its name in the current language ("Change" without one)."""
    if item.field and item.entity == ARTICLE:
        return article_field_label(item.field)
    if item.field:
        return field_label(item.field)
    return QCoreApplication.translate("ConflictsDialog", "Change")


def item_ticket_label(item: ConflictItem) -> str:
    if item.entity == ARTICLE:
        if item.ticket_label == DELETED_TICKET_LABEL:
            return QCoreApplication.translate("ConflictsDialog", "Article (not on this device)")
        return QCoreApplication.translate("ConflictsDialog", "Article")
    if item.ticket_label == DELETED_TICKET_LABEL:
        return QCoreApplication.translate("ConflictsDialog", "(deleted)")
    return item.ticket_label


def item_rule_label(item: ConflictItem) -> str:
    text = RULE_TEXTS.get(item.rule)
    if text is None:  # a rule of a newer server: its English label
        return item.rule_label
    return QCoreApplication.translate("ConflictsDialog", text)


def item_reason(item: ConflictItem) -> str:
    """Why the server did not apply the change, in the current language; a record made
    before reasons carried their template shows its English text."""
    if item.reason_message is None:
        return item.reason or ""
    return shown_text(item.reason_message)


def merged_prefill(item: ConflictItem) -> str:
    """The text the merge editor opens with: both edits combined when they do not overlap,
    else the user's own text (the server's is shown next to it)."""
    base, mine = str(item.base or ""), str(item.local or "")
    theirs = str((item.current if item.can_use_mine else item.server) or "")
    merged = merge_text(base, mine, theirs).text
    return merged if merged is not None else mine


class MergeEditor(QDialog):
    """A plain text editor for a hand-merged description (Ctrl+Enter saves)."""

    def __init__(self, item: ConflictItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit the merged {0}").format(item_field_label(item).lower()))
        self.edit = QPlainTextEdit(merged_prefill(item))
        theirs = QPlainTextEdit(str((item.current if item.can_use_mine else item.server) or ""))
        theirs.setReadOnly(True)
        theirs.setStyleSheet(THEIRS_STYLE)
        grid = QGridLayout()
        label = QLabel(self.tr("&Merged text (yours, with the server's changes where possible)"))
        label.setBuddy(self.edit)
        grid.addWidget(label, 0, 0)
        grid.addWidget(QLabel(self.tr("Theirs (server), for reference")), 0, 1)
        grid.addWidget(self.edit, 1, 0)
        grid.addWidget(theirs, 1, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Use this text"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.resize(820, 440)
        self.edit.setFocus()

    def text(self) -> str:
        return self.edit.toPlainText()


class ConflictsDialog(QDialog):
    """Signals: resolved(str): a conflict (by id) was decided; the list is already updated."""

    resolved = Signal(str)

    def __init__(
        self,
        conflicts: ConflictService,
        parent: QWidget | None = None,
        matrix: PriorityMatrix | MatrixSource | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = conflicts
        self._matrix_source = matrix_source(matrix)  # labels of levels in the matrix in force
        self._items: dict[str, ConflictItem] = {}
        # Replaceable in tests: the merge editor is modal.
        self.ask_merged_text = self._ask_merged_text
        self.setWindowTitle(self.tr("Conflicts"))

        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.list.setMinimumWidth(240)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.empty_label = QLabel(self.tr("No open conflicts: nothing to decide."))
        self.empty_label.setObjectName("noConflicts")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("font-size: 12pt; color: palette(placeholder-text);")
        self.done_label = QLabel()  # what the last decision did
        self.done_label.setObjectName("conflictDone")
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("color: #2b7a0b;")
        self.done_label.hide()

        self.title_label = QLabel()
        self.title_label.setObjectName("conflictTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.when_label = QLabel()
        self.when_label.setObjectName("conflictWhen")
        self.when_label.setStyleSheet("color: palette(placeholder-text);")
        self.reason_label = QLabel()
        self.reason_label.setObjectName("conflictReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: palette(placeholder-text);")
        self.yours = self._value_box(YOURS_STYLE)
        self.theirs = self._value_box(THEIRS_STYLE)
        self.base = self._value_box(THEIRS_STYLE)
        self.yours_label = QLabel(self.tr("Yours"))
        self.theirs_label = QLabel(self.tr("Theirs (server)"))
        self.base_label = QLabel(self.tr("Before both changes"))
        for label in (self.yours_label, self.theirs_label, self.base_label):
            label.setStyleSheet("font-weight: bold;")
        values = QGridLayout()
        values.addWidget(self.yours_label, 0, 0)
        values.addWidget(self.theirs_label, 0, 1)
        values.addWidget(self.yours, 1, 0)
        values.addWidget(self.theirs, 1, 1)
        values.addWidget(self.base_label, 2, 0, 1, 2)
        values.addWidget(self.base, 3, 0, 1, 2)
        values.setRowStretch(1, 2)
        values.setRowStretch(3, 1)

        self.theirs_button = QPushButton(self.tr("Keep &theirs"))
        self.theirs_button.setToolTip(self.tr("Keep the server's value and dismiss your change"))
        self.mine_button = QPushButton(self.tr("Use &mine"))
        self.mine_button.setToolTip(self.tr("Send your value to the server again"))
        self.merge_button = QPushButton(self.tr("&Edit merged…"))
        self.merge_button.setToolTip(self.tr("Combine both texts by hand"))
        self.theirs_button.clicked.connect(lambda: self.resolve_current("server"))
        self.mine_button.clicked.connect(lambda: self.resolve_current("local"))
        self.merge_button.clicked.connect(self._edit_merged)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.theirs_button)
        actions.addWidget(self.mine_button)
        actions.addWidget(self.merge_button)
        actions.addStretch(1)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.title_label)
        detail_layout.addWidget(self.rule_label)
        detail_layout.addWidget(self.when_label)
        detail_layout.addWidget(self.reason_label)
        detail_layout.addLayout(values, 1)
        detail_layout.addWidget(self.error_label)
        detail_layout.addLayout(actions)
        self.detail = detail

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.pages = QStackedWidget()  # the conflicts, or a calm "nothing to decide"
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty_label)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.done_label)
        layout.addWidget(close)
        self.resize(940, 560)
        self.reload()

    # ---- public API ----------------------------------------------------------------------

    def reload(self, select_row: int = 0) -> None:
        try:
            items = self._service.open_conflicts()
        except StorageError as exc:
            self._show_error(error_text(exc))
            items = []
        self._items = {i.id: i for i in items}
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            field, ticket = item_field_label(item), item_ticket_label(item)
            row = QListWidgetItem(f"{ticket} · {field}\n{item.ticket_title}")
            row.setData(ConflictId, item.id)
            row.setToolTip(item_rule_label(item))
            self.list.addItem(row)
        self.list.blockSignals(False)
        empty = not items
        self.pages.setCurrentIndex(1 if empty else 0)
        if not empty:
            self.list.setCurrentRow(min(select_row, len(items) - 1))
            self.list.setFocus()
        self._show_current()

    def current(self) -> ConflictItem | None:
        row = self.list.currentItem()
        return self._items.get(str(row.data(ConflictId))) if row is not None else None

    def count(self) -> int:
        return len(self._items)

    def resolve_current(self, choice: str, value: object | None = None) -> bool:
        item = self.current()
        if item is None:
            return False
        row = self.list.currentRow()
        try:
            self._service.resolve(item.id, choice, value)
        except (DomainError, StorageError) as exc:
            self._show_error(error_text(exc))
            return False
        self.error_label.hide()
        what = {
            "server": self.tr("the server's value stays"),
            "local": self.tr("your value is used"),
            "custom": self.tr("your merged text is used"),
        }[choice]
        self.done_label.setText(
            self.tr("{0} {1}: {2}; it goes to the server with the next sync.").format(
                item_ticket_label(item), item_field_label(item), what
            )
        )
        self.done_label.show()
        self.reload(select_row=row)
        self.resolved.emit(item.id)
        return True

    # ---- internals -----------------------------------------------------------------------

    @staticmethod
    def _value_box(style: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setReadOnly(True)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setStyleSheet(style)
        box.setMinimumHeight(60)
        return box

    def _show_current(self) -> None:
        item = self.current()
        self.error_label.hide()
        if item is None:
            for box in (self.yours, self.theirs, self.base):
                box.clear()
            self.title_label.setText(self.tr("Nothing to decide"))
            self.rule_label.clear()
            self.when_label.clear()
            self.reason_label.clear()
            self.base.hide()
            self.base_label.hide()
            return
        self.title_label.setText(f"{item_ticket_label(item)}  {item.ticket_title}".strip())
        self.rule_label.setText(
            self.tr("{0}: {1}").format(item_field_label(item), item_rule_label(item))
        )
        self.when_label.setText(self.tr("Conflict noticed {0}").format(local_time(item.created_at)))
        reason = item_reason(item)
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        # The value on this device now is the server's (a pull brought it), unless the
        # ticket is gone: then the value at the time of the conflict.
        theirs = item.current if item.can_use_mine else item.server
        matrix = self._matrix_source()
        if item.entity == ARTICLE and item.field is None:  # a whole refused edit
            self.yours.setPlainText(article_change_text(item.local))
            stored = item.current  # the article's text now, for the same fields
            self.theirs.setPlainText(
                article_change_text(stored) if stored else value_text(None, None)
            )
        else:
            self.yours.setPlainText(value_text(item.field, item.local, matrix))
            self.theirs.setPlainText(value_text(item.field, theirs, matrix))
        is_text = item.field in TEXT_FIELDS
        self.base.setPlainText(value_text(item.field, item.base, matrix))
        self.base.setVisible(is_text)
        self.base_label.setVisible(is_text)
        self.mine_button.setEnabled(item.can_use_mine)
        self.mine_button.setToolTip(
            self.tr("Send your value to the server again")
            if item.can_use_mine
            else self.tr("This change cannot be applied any more")
        )
        self.merge_button.setVisible(is_text and item.can_use_mine)

    def _edit_merged(self) -> None:
        item = self.current()
        if item is None:
            return
        text = self.ask_merged_text(item)
        if text is not None:
            self.resolve_current("custom", text)

    def _ask_merged_text(self, item: ConflictItem) -> str | None:
        editor = MergeEditor(item, self)
        try:
            if editor.exec() != QDialog.DialogCode.Accepted:
                return None
            return editor.text()
        finally:
            editor.deleteLater()

    def _show_error(self, message: str) -> None:
        log.warning("conflict: %s", message)
        self.error_label.setText(message)
        self.error_label.show()
