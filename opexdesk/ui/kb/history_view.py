"""An article's version history: every saved version (number, author, time, note), the
difference between two of them coloured line by line, and "Restore this version".

Select one version to compare it with the one before; select two (Shift/Ctrl+arrow or
click) to compare them. Restoring writes a new version with the old content, after a
confirmation; no version is ever changed or removed."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.article import DIFF_HEAD, ArticleDiff, DiffLine
from opexdesk.domain.errors import DomainError
from opexdesk.services.kb.articles import (
    GENERATED_NOTES,
    ArticleService,
    ArticleView,
    VersionView,
)
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text, vocabulary
from opexdesk.ui.locale_format import format_datetime

COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryDialog", "Version"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Saved by"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Saved"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Note"),
)
# The content fields a diff names as changed (ArticleDiff.changed_fields).
CHANGED_FIELDS = {
    "title": QT_TRANSLATE_NOOP("HistoryDialog", "title"),
    "body": QT_TRANSLATE_NOOP("HistoryDialog", "body"),
    "category": QT_TRANSLATE_NOOP("HistoryDialog", "category"),
    "tags": QT_TRANSLATE_NOOP("HistoryDialog", "tags"),
    "language": QT_TRANSLATE_NOOP("HistoryDialog", "language"),
}
VERSION_ROLE = Qt.ItemDataRole.UserRole
# Background, text colour and sign per diff line kind.
LINE_STYLE = {
    "added": ("#e6ffec", "#1b5e20", "+"),
    "removed": ("#ffebe9", "#b71c1c", "−"),
    "same": ("#ffffff", "#333333", " "),
    "gap": ("#eef1f5", "#6a737d", "⋯"),
}


def diff_html(diff: ArticleDiff) -> str:
    """The diff as an HTML table: added lines green, removed red, skipped lines as a gap."""
    rows = [_row(line) for line in diff.lines]
    if not rows:
        same = QCoreApplication.translate("HistoryDialog", "The two versions are the same.")
        rows = [f"<tr><td colspan='4'><i>{same}</i></td></tr>"]
    return (
        "<table width='100%' cellspacing='0' cellpadding='2' "
        "style='font-family: monospace; border-collapse: collapse;'>" + "".join(rows) + "</table>"
    )


def line_text(line: DiffLine) -> str:
    """A diff line as shown: body lines as they are, the metadata lines ("Tags: vpn") with
    their label in the UI's language."""
    number = line.old_line if line.old_line is not None else line.new_line
    if number is None or number > len(DIFF_HEAD):
        return line.text
    label = DIFF_HEAD[number - 1]
    prefix = f"{label}: "
    if not line.text.startswith(prefix):
        return line.text
    value = line.text.removeprefix(prefix)
    return QCoreApplication.translate("HistoryDialog", "{0}: {1}").format(vocabulary(label), value)


def note_text(note: str) -> str:
    """A version note as shown: the notes the service writes itself ("Restored from version
    2") in the UI's language, the ones users typed as they are."""
    for template in GENERATED_NOTES:
        found = _note_pattern(template).fullmatch(note)
        if found is not None:
            translated = QCoreApplication.translate("HistoryDialog", template)
            try:
                return translated.format(**found.groupdict())
            except (KeyError, IndexError, ValueError):
                return note
    return note


@cache
def _note_pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P<{name}>.+)")
    return re.compile("".join(parts), re.DOTALL)


def _row(line: DiffLine) -> str:
    bg, fg, sign = LINE_STYLE[line.kind]
    if line.kind == "gap":
        text = QCoreApplication.translate("HistoryDialog", "unchanged lines not shown")
        old = new = ""
    else:
        text = line_text(line)
        old = "" if line.old_line is None else str(line.old_line)
        new = "" if line.new_line is None else str(line.new_line)
    cell = f"style='color:{fg}; white-space: pre-wrap;'"
    num = "style='color:#8b949e;' align='right' width='36'"
    return (
        f"<tr bgcolor='{bg}'><td {num}>{old}</td><td {num}>{new}</td>"
        f"<td {cell} width='14'>{sign}</td><td {cell}>{html.escape(text) or '&nbsp;'}</td></tr>"
    )


def confirm_restore(parent: QWidget, number: int, current: int) -> bool:
    answer = QMessageBox.question(
        parent,
        parent.tr("Restore version"),
        parent.tr(
            "Restore version {0}? Its content becomes version {1}; every version stays in the "
            "history."
        ).format(number, current + 1),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class HistoryDialog(QDialog):
    """The history of one article (not modal: the editor stays usable beside it).

    Signal ``restored(str)``: a version was restored (the article id)."""

    restored = Signal(str)

    def __init__(
        self, service: ArticleService, article_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._article_id = article_id
        self._current = 0
        self._diff: ArticleDiff | None = None
        # Replaceable so tests can answer the confirmation without a modal loop.
        self.confirm_restore: Callable[[QWidget, int, int], bool] = confirm_restore
        self.setWindowTitle(self.tr("Article history"))
        self.resize(1000, 640)

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.versions = QTreeWidget()
        self.versions.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.versions.setRootIsDecorated(False)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.versions.setColumnWidth(0, 70)
        self.versions.setColumnWidth(1, 90)
        self.versions.setColumnWidth(2, 130)
        self.versions.itemSelectionChanged.connect(self._selection_changed)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.diff_view = QTextBrowser()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.restore_button = QPushButton(self.tr("&Restore this version…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary_label)
        right_layout.addWidget(self.diff_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.versions)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([380, 620])
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(
            QLabel(self.tr("Select one version to see what it changed, or two to compare them."))
        )
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.reload()

    def article_id(self) -> str:
        return self._article_id

    def shown_diff(self) -> ArticleDiff | None:
        return self._diff

    def items(self) -> list[QTreeWidgetItem]:
        found = (self.versions.topLevelItem(i) for i in range(self.versions.topLevelItemCount()))
        return [item for item in found if item is not None]

    def version_numbers(self) -> list[int]:
        return [int(item.data(0, VERSION_ROLE)) for item in self.items()]

    def select_versions(self, *numbers: int) -> None:
        """Select these versions (what a user does with Ctrl+click or Shift+arrows)."""
        self.versions.blockSignals(True)
        self.versions.clearSelection()
        for item in self.items():
            if item.data(0, VERSION_ROLE) in numbers:
                item.setSelected(True)
                self.versions.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.versions.blockSignals(False)
        self._selection_changed()

    def reload(self) -> None:
        try:
            article = self._service.get(self._article_id)
            history = self._service.history(self._article_id)
        except (DomainError, StorageError) as err:
            self.message_label.setText(error_text(err))
            return
        self._fill(article, history)

    def restore_selected(self) -> bool:
        chosen = self._selected()
        if len(chosen) != 1 or chosen[0] == self._current:
            return False
        number = chosen[0]
        if not self.confirm_restore(self, number, self._current):
            return False
        try:
            view = self._service.restore(self._article_id, number, expected_version=self._current)
        except (DomainError, StorageError) as err:
            self.message_label.setText(error_text(err))
            return False
        self.reload()
        self.select_versions(view.version)
        self.message_label.setText(
            self.tr("Version {0} restored as version {1}.").format(number, view.version)
        )
        self.restored.emit(self._article_id)
        return True

    # ---- internals ---------------------------------------------------------------------

    def _fill(self, article: ArticleView, history: list[VersionView]) -> None:
        self._current = article.version
        self.title_label.setText(article.title)
        self.setWindowTitle(self.tr("History: {0}").format(article.title))
        self.versions.blockSignals(True)
        self.versions.clear()
        for version in history:
            item = QTreeWidgetItem(
                [
                    str(version.version),
                    version.author,
                    format_datetime(version.saved_at),
                    note_text(version.note).replace("\n", " "),
                ]
            )
            item.setData(0, VERSION_ROLE, version.version)
            item.setToolTip(3, note_text(version.note))
            if version.version == article.version:
                item.setText(0, self.tr("{0} (current)").format(version.version))
            self.versions.addTopLevelItem(item)
        self.versions.blockSignals(False)
        if history:
            self.select_versions(history[0].version)
            self.versions.setFocus(Qt.FocusReason.OtherFocusReason)

    def _selected(self) -> list[int]:
        return sorted(int(item.data(0, VERSION_ROLE)) for item in self.versions.selectedItems())

    def _selection_changed(self) -> None:
        chosen = self._selected()
        self.restore_button.setEnabled(len(chosen) == 1 and chosen[0] != self._current)
        self.message_label.clear()
        if len(chosen) == 2:
            old, new = chosen
        elif len(chosen) == 1 and chosen[0] > 1:
            old, new = chosen[0] - 1, chosen[0]
        elif len(chosen) == 1:
            old = new = chosen[0]
        else:
            self._diff = None
            self.summary_label.setText(
                self.tr("Select one or two versions.")
                if len(chosen) < 2
                else self.tr("Select at most two versions to compare.")
            )
            self.diff_view.clear()
            return
        try:
            diff = self._service.diff(self._article_id, old, new)
        except (DomainError, StorageError) as err:
            self.summary_label.setText(error_text(err))
            return
        self._diff = diff
        if old == new:
            summary = self.tr("Version {0} is the first version.").format(new)
            body = self._service.version(self._article_id, new).content.body
            self.diff_view.setPlainText(body)
        else:
            names = [self.tr(CHANGED_FIELDS.get(f, f)) for f in diff.changed_fields]
            # The list separator is the language's own ("、" in Chinese).
            fields = self.tr(", ").join(names) or self.tr("nothing")
            summary = self.tr("Version {0} → version {1}; changed: {2}.").format(old, new, fields)
            self.diff_view.setHtml(diff_html(diff))
        self.summary_label.setText(summary)
