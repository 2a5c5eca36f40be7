"""The triage queue as a Qt table model: keyset pages read on a worker, SLA badges coloured by
warning level, a bulk-selection mark, rows updated in place after an action.

Rows stay where they are after they are triaged (assigned tickets leave the queue only on
refresh, F5), so the operator's position never jumps while working down the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QBrush, QColor, QFont

from opexdesk.domain.sla_clock import WarningLevel
from opexdesk.services.triage import PAGE_SIZE, QueueItem, QueuePage, SlaBadge, TriageService
from opexdesk.storage.triage_queue import QueueKey
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text
from opexdesk.ui.locale_format import format_datetime, format_duration
from opexdesk.ui.workers import Call, Worker

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
WAIT_S = 0.25  # the GUI waits this long for a page before showing it later by signal


@dataclass(frozen=True)
class Column:
    title: str
    width: int


CONTEXT = "TriageQueueModel"  # headers, badges and tooltips are translated here
COLUMNS = (
    Column("✓", 26),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Number"), 92),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "SLA"), 190),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Title"), 300),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Imp."), 40),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Urg."), 40),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Prio."), 44),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Category"), 100),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Group"), 120),
    Column(QT_TRANSLATE_NOOP("TriageQueueModel", "Assignee"), 96),
)
# domain.sla_clock.TEXTS in the UI's language, by SlaBadge.key ({0}: a duration).
BADGE_TEXTS = {
    "met": QT_TRANSLATE_NOOP("TriageQueueModel", "met"),
    "met_late": QT_TRANSLATE_NOOP("TriageQueueModel", "met late"),
    "paused": QT_TRANSLATE_NOOP("TriageQueueModel", "paused"),
    "due_in": QT_TRANSLATE_NOOP("TriageQueueModel", "breaches in {0}"),
    "due_now": QT_TRANSLATE_NOOP("TriageQueueModel", "breaches now"),
    "overdue": QT_TRANSLATE_NOOP("TriageQueueModel", "breached {0} ago"),
    "overdue_paused": QT_TRANSLATE_NOOP("TriageQueueModel", "breached {0} ago, paused"),
}
CLOCK_TEXTS = {
    "response": QT_TRANSLATE_NOOP("TriageQueueModel", "Response SLA: {0}"),
    "resolution": QT_TRANSLATE_NOOP("TriageQueueModel", "Resolution SLA: {0}"),
}
MARK, NUMBER, SLA, TITLE, IMPACT, URGENCY, PRIORITY, CATEGORY, GROUP, ASSIGNEE = range(10)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def badge_text(badge: SlaBadge) -> str:
    """The badge in the UI's language ("breaches in 35 min" / "35分钟后违约")."""
    template = BADGE_TEXTS.get(badge.key)
    if template is None:  # a badge made without a key: its English text
        return badge.text
    return _tr(template).format(format_duration(badge.minutes))


def badge_tooltip(title: str, badge: SlaBadge) -> str:
    """Title, which SLA clock and its badge, and when it is due (local time)."""
    clock = CLOCK_TEXTS.get(badge.clock_name)
    text = badge_text(badge)
    line = _tr(clock).format(text) if clock else f"{badge.clock_name} SLA: {text}"
    if badge.due_at is not None:
        line += _tr(" (due {0})").format(format_datetime(badge.due_at))
    return f"{title}\n{line}"


LEVEL_COLORS = {  # (background, foreground) of the SLA badge per warning level
    WarningLevel.NONE: (QColor(232, 245, 233), QColor(27, 94, 32)),
    WarningLevel.WARNING: (QColor(255, 243, 224), QColor(160, 82, 0)),
    WarningLevel.CRITICAL: (QColor(255, 224, 204), QColor(191, 54, 12)),
    WarningLevel.BREACHED: (QColor(255, 205, 210), QColor(183, 28, 28)),
}
PAUSED_COLORS = (QColor(236, 239, 241), QColor(69, 90, 100))
TicketIdRole = Qt.ItemDataRole.UserRole + 1


class TriageQueueModel(QAbstractTableModel):
    """Loaded queue rows (pages of ``PAGE_SIZE``), the bulk selection and SLA badges."""

    load_failed = QtSignal(str)
    loaded = QtSignal(int)  # rows now loaded

    def __init__(
        self, service: TriageService, parent: QObject | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._page_size = page_size
        self._items: list[QueueItem] = []
        self._next: QueueKey | None = None
        self._at_end = False
        self._loading = False
        self._generation = 0
        self.checked: set[str] = set()  # ticket ids selected for a bulk action
        self._worker = Worker(self)
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the queue again from the top (drops the bulk selection)."""
        self._generation += 1
        self._worker.forget_all()
        self.beginResetModel()
        self._items, self._next, self._at_end, self._loading = [], None, False, False
        self.checked.clear()
        self.endResetModel()
        self.fetchMore(ROOT)

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self._at_end and not self._loading

    def fetchMore(self, parent: Index = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        after, generation, size = self._next, self._generation, self._page_size
        call = self._worker.run(
            lambda: self._service.page(size, after),
            lambda c: self._page_arrived(c, generation),
            wait_s=WAIT_S,
        )
        if call is not None:
            self._page_arrived(call, generation)

    def _page_arrived(self, call: Call, generation: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if call.error is not None:
            self._at_end = True
            self.load_failed.emit(
                self.tr("The triage queue could not be read: {0}").format(error_text(call.error))
            )
            return
        page: QueuePage = call.result
        if page.items:
            first = len(self._items)
            self.beginInsertRows(ROOT, first, first + len(page.items) - 1)
            self._items.extend(page.items)
            self.endInsertRows()
        self._next = page.next_key
        self._at_end = page.next_key is None
        self.loaded.emit(len(self._items))

    def load_all(self) -> None:
        """Load every remaining page (Ctrl+A selects the whole queue, not just what shows)."""
        while self.canFetchMore():
            self.fetchMore()
            if self._loading:  # slow read: the rest arrives by signal
                return

    def update_items(self, items: dict[str, QueueItem]) -> None:
        """Replace the rows of these tickets in place (after an action or a sync)."""
        for row, item in enumerate(self._items):
            fresh = items.get(item.row.id)
            if fresh is not None:
                self._items[row] = fresh
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def recompute_badges(self) -> None:
        """New SLA badges for the loaded rows (countdown), computed on the worker."""
        rows = [item.row for item in self._items]
        if not rows:
            return
        generation = self._generation

        def done(call: Call) -> None:
            if generation == self._generation and call.error is None:
                self.update_items({i.row.id: i for i in call.result})

        self._worker.run(lambda: self._service.with_badges(rows), done)

    def shutdown(self) -> None:
        self._worker.shutdown()

    # ---- access ------------------------------------------------------------------------

    @property
    def is_loading(self) -> bool:
        return self._loading

    def item_at(self, row: int) -> QueueItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def ticket_ids(self) -> list[str]:
        return [item.row.id for item in self._items]

    def row_of(self, ticket_id: str) -> int | None:
        return next((i for i, it in enumerate(self._items) if it.row.id == ticket_id), None)

    def set_checked(self, ticket_ids: Sequence[str], checked: bool) -> None:
        for ticket_id in ticket_ids:
            if checked:
                self.checked.add(ticket_id)
            else:
                self.checked.discard(ticket_id)
            row = self.row_of(ticket_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # ---- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section].title) if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        col, row = index.column(), item.row
        if role == TicketIdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (TITLE, SLA):
            return badge_tooltip(row.title, item.badge)
        if col == SLA and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colors = PAUSED_COLORS if item.badge.paused else LEVEL_COLORS[item.badge.level]
            return QBrush(colors[0] if role == Qt.ItemDataRole.BackgroundRole else colors[1])
        if role == Qt.ItemDataRole.FontRole and (
            row.id in self.checked or (col == SLA and item.badge.level is WarningLevel.BREACHED)
        ):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (MARK, IMPACT, URGENCY, PRIORITY):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, item: QueueItem, col: int) -> str:
        row = item.row
        values: dict[int, Any] = {
            MARK: "●" if row.id in self.checked else "",
            NUMBER: row.display_number,
            SLA: badge_text(item.badge),
            TITLE: row.title,
            IMPACT: row.impact,
            URGENCY: row.urgency,
            PRIORITY: f"P{row.priority}",
            CATEGORY: row.category or "",
            GROUP: row.group_name or "",
            ASSIGNEE: row.assignee or "",
        }
        return str(values[col])
