"""Result rows of the knowledge-base panels: a list model over hits and a delegate that
paints each row's rich text (title with highlighted matches, metadata, snippet)."""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from opexdesk.services.kb import Hit, Snippet

HTML_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's rich text, matches as <mark>
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the article id
MARK_STYLE = "background-color:#ffe08a; color:#000000;"
META_COLOR = "#666666"
META_SELECTED_COLOR = "#e8eef7"
LINKED_COLOR = "#2e7d32"
COMPACT_SNIPPET_CHARS = 110
PADDING = 6

Index = QModelIndex | QPersistentModelIndex
# Markdown syntax that reads as noise in a one-paragraph snippet: heading hashes, emphasis
# markers, code ticks, list bullets, quote marks, and the line breaks themselves.
_MARKUP = re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+|[-*+>][ \t]+)|\*\*|__|`+|\s*\n\s*")


@dataclass(frozen=True)
class ResultRow:
    """One hit with its title highlighted for the query it answered."""

    hit: Hit
    title: Snippet


def plain_snippet(snippet: Snippet) -> Snippet:
    """The snippet without Markdown syntax, its highlight spans moved along with the text.
    Line breaks become one space; a span that loses all its characters is dropped."""
    text = snippet.text
    keep = [True] * len(text)
    spaces: set[int] = set()
    for match in _MARKUP.finditer(text):
        for i in range(match.start(), match.end()):
            keep[i] = False
        if "\n" in match.group():
            spaces.add(match.start())
    out: list[str] = []
    new_pos = [0] * (len(text) + 1)  # old offset -> new offset
    for i, ch in enumerate(text):
        new_pos[i] = len(out)
        if i in spaces and out and out[-1] != " ":
            out.append(" ")
        if keep[i]:
            out.append(ch)
    new_pos[len(text)] = len(out)
    spans = tuple((new_pos[a], new_pos[b]) for a, b in snippet.spans if new_pos[b] > new_pos[a])
    return Snippet("".join(out), spans)


def marked_html(snippet: Snippet, max_chars: int | None = None) -> str:
    """Escaped text with ``<mark>`` around the hits, cut to ``max_chars`` (with "…")."""
    text = snippet.text
    cut = max_chars is not None and len(text) > max_chars
    end = max_chars if cut and max_chars is not None else len(text)
    out, pos = [], 0
    for start, stop in snippet.spans:
        if start >= end:
            break
        stop = min(stop, end)
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        pos = stop
    out.append(html.escape(text[pos:end]))
    return "".join(out) + ("…" if cut else "")


def meta_text(hit: Hit) -> str:
    parts = [hit.category, ", ".join(hit.tags), hit.language]
    return " · ".join(p for p in parts if p)


def row_html(row: ResultRow, compact: bool = False, linked: bool = False) -> str:
    """The row's rich text; matches are ``<mark>`` (see :func:`styled` for painting)."""
    linked_text = html.escape(QCoreApplication.translate("HitListModel", "Linked"))
    badge = f' <span style="color:{LINKED_COLOR};">✓ {linked_text}</span>' if linked else ""
    title = f"<b>{marked_html(row.title)}</b>{badge}"
    if compact:
        return f"{title}<br>{marked_html(plain_snippet(row.hit.snippet), COMPACT_SNIPPET_CHARS)}"
    meta = html.escape(meta_text(row.hit))
    return (
        f'{title}<br><span class="meta">{meta}</span>'
        f"<br>{marked_html(plain_snippet(row.hit.snippet))}"
    )


def styled(text: str) -> str:
    """Qt's rich text has no ``<mark>``: paint it as a coloured span. The snippet text is
    escaped, so every ``<mark>`` here is ours."""
    return text.replace("<mark>", f'<span style="{MARK_STYLE}">').replace("</mark>", "</span>")


class HitListModel(QAbstractListModel):
    """The current hits; ``linked`` holds article ids already marked as solving the ticket."""

    def __init__(self, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        self._rows: list[ResultRow] = []
        self._linked: set[str] = set()

    def set_rows(self, rows: Sequence[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_linked(self, article_ids: set[str]) -> None:
        self._linked = set(article_ids)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def article_ids(self) -> list[str]:
        return [r.hit.article_id for r in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == HTML_ROLE:
            return row_html(row, self.compact, row.hit.article_id in self._linked)
        if role == ID_ROLE:
            return row.hit.article_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.hit.title}\n{meta_text(row.hit)}"
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Paints ``HTML_ROLE`` with a QTextDocument; compact rows are one line per part
    (title, snippet), clipped instead of wrapped."""

    CACHE_SIZE = 128  # laid-out rows kept: sizing and painting reuse one layout

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._docs: OrderedDict[tuple[str, int, bool, bool], QTextDocument] = OrderedDict()

    def document(
        self, index: Index, width: float, compact: bool, selected: bool = False
    ) -> QTextDocument:
        key = (str(index.data(HTML_ROLE) or ""), int(width), compact, selected)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = self._layout(key[0], width, compact, selected)
        self._docs[key] = doc
        if len(self._docs) > self.CACHE_SIZE:
            self._docs.popitem(last=False)
        return doc

    def _layout(self, text: str, width: float, compact: bool, selected: bool) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        meta = META_SELECTED_COLOR if selected else META_COLOR  # readable on the highlight
        doc.setDefaultStyleSheet(f".meta {{ color: {meta}; font-size: small; }}")
        if compact:
            doc.setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
            option = doc.defaultTextOption()
            option.setWrapMode(QTextOption.WrapMode.NoWrap)
            doc.setDefaultTextOption(option)
        doc.setHtml(styled(text))
        doc.setTextWidth(max(width, 50.0))
        return doc

    def _compact(self, index: Index) -> bool:
        model = index.model()
        return bool(getattr(model, "compact", False))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and selection only; the text is the document
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(PADDING, PADDING // 2, -PADDING, -(PADDING // 2))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self.document(index, rect.width(), self._compact(index), selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = self.parent()  # the view's width, not the (stale) option rect: rows rewrap
        if isinstance(view, QAbstractScrollArea):
            width = view.viewport().width()
        else:
            width = option.rect.width()
        width = max(width - 2 * PADDING, 50)
        doc = self.document(index, width, self._compact(index))
        return QSize(int(width), int(doc.size().height()) + PADDING)
