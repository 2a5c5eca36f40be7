"""Columns of the ticket list: header, sort key, width, how a row renders in each (per
Qt role), and which changes can move a row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from opexdesk.domain.enums import Status
from opexdesk.services.events import TicketChange
from opexdesk.services.ticket_list import TicketFilter, TicketRow, TicketSort
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, vocabulary
from opexdesk.ui.locale_format import format_datetime

TicketIdRole = Qt.ItemDataRole.UserRole + 1
LocalIdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3  # the whole TicketRow (for delegates and tests)

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter


def local_time(value: datetime | None, locale: QLocale | None = None) -> str:
    """An aware UTC datetime in the machine's local time zone, in the short date-time form
    of ``locale`` (the default one when None): "12/6/26 9:58 PM", "2026/12/6 21:58"."""
    if value is not None and value.tzinfo is None:
        value = value.astimezone()  # naive: local time, as it always was read here
    return format_datetime(value, locale)


def status_label(value: str) -> str:
    try:
        return vocabulary(Status(value).label)
    except ValueError:  # a value from a newer client: show it rather than fail the paint
        return value


def is_open_status(value: str) -> bool:
    try:
        return Status(value).is_open
    except ValueError:
        return True


def is_overdue(row: TicketRow, now: datetime) -> bool:
    """Past its resolution target and still being worked on."""
    due = row.resolution_due_at
    return due is not None and due < now and is_open_status(row.status)


@dataclass(frozen=True)
class Column:
    title: str
    sort_key: str  # a key of storage.ticket_list.SORT_COLUMNS
    width: int  # default width in pixels (before the view's font scaling)
    text: Callable[[TicketRow], str]
    alignment: Qt.AlignmentFlag = LEFT
    shown: bool = True  # by default; the header's context menu shows or hides any column
    # A time column: the moment shown (CellStyle writes it with its cached locale; the list
    # sorts by the stored value, never by this text).
    when: Callable[[TicketRow], datetime | None] | None = None


COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("TicketColumns", "Number"), "number", 92, lambda r: r.display_number),
    Column(QT_TRANSLATE_NOOP("TicketColumns", "Title"), "title", 260, lambda r: r.title),
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Status"), "status", 84, lambda r: status_label(r.status)
    ),
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Priority"),
        "priority",
        58,
        lambda r: f"P{r.priority}",
        CENTER,
    ),
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Assignee"), "assignee", 100, lambda r: r.assignee or ""
    ),
    # Requester, site and category are in the editor beside the list; hidden by default so
    # the title keeps a useful width next to the editor without scrolling sideways.
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Requester"),
        "requester",
        130,
        lambda r: r.requester or "",
        shown=False,
    ),
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Site"), "site", 120, lambda r: r.site or "", shown=False
    ),
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Category"),
        "category",
        110,
        lambda r: r.category or "",
        shown=False,
    ),
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Updated"),
        "updated_at",
        118,
        lambda r: local_time(r.updated_at),
        when=lambda r: r.updated_at,
    ),
    Column(
        QT_TRANSLATE_NOOP("TicketColumns", "Due"),
        "resolution_due_at",
        118,
        lambda r: local_time(r.resolution_due_at),
        when=lambda r: r.resolution_due_at,
    ),
)

TITLE_COLUMN = 1
PRIORITY_COLUMN = 3
UPDATED_COLUMN = 8
DUE_COLUMN = 9


def column_for_sort_key(key: str) -> int | None:
    for i, column in enumerate(COLUMNS):
        if column.sort_key == key:
            return i
    return None


OVERDUE_COLOR = QColor(198, 40, 40)
URGENT_PRIORITY = 1  # P1 stands out in the list too


class CellStyle:
    """Display text, tooltip, colour, font and alignment of one cell of a row."""

    ROLES = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.TextAlignmentRole,
            TicketIdRole,
            LocalIdRole,
            RowRole,
        }
    )

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        # Read once: data() runs for every visible cell on each repaint, and a language
        # switch builds a new list (and with it a new CellStyle).
        self._locale = QLocale()
        self._bold = QFont()
        self._bold.setBold(True)
        self._red = QBrush(OVERDUE_COLOR)

    def handles(self, role: int) -> bool:
        return role in self.ROLES

    def data(self, row: TicketRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            when = COLUMNS[column].when
            if when is not None:
                return local_time(when(row), self._locale)
            return COLUMNS[column].text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[column].alignment
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE_COLUMN:
                return row.title
            if column == DUE_COLUMN and is_overdue(row, self._now()):
                return QCoreApplication.translate(
                    "TicketColumns", "Overdue: the resolution was due {0}"
                ).format(local_time(row.resolution_due_at, self._locale))
            return None
        if role not in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return None
        highlighted = (column == DUE_COLUMN and is_overdue(row, self._now())) or (
            column == PRIORITY_COLUMN
            and row.priority == URGENT_PRIORITY
            and is_open_status(row.status)
        )
        if not highlighted:
            return None
        return self._red if role == Qt.ItemDataRole.ForegroundRole else self._bold


# Operations that only touch fields the list shows (plus updated_at); anything else
# (deleted, merged, synced, ...) makes the model re-query to be safe.
_KNOWN_ACTIONS = frozenset({"updated", "transitioned", "commented", "work_logged", "attached"})
_TEXT_FIELDS = frozenset({"title", "requester", "number", "provisional_number"})


def may_move(change: TicketChange, flt: TicketFilter, sort: TicketSort) -> bool:
    """Could this change move the row in the sort or take it in or out of the filter?"""
    if change.action not in _KNOWN_ACTIONS:
        return True
    fields = set(change.fields)
    if sort.column == "updated_at" or sort.column in fields:
        return True  # every operation bumps updated_at
    if sort.column == "number" and "number" in fields:
        return False  # "number" sorts by the local id, which never changes
    return bool(
        (flt.statuses and "status" in fields)
        or (flt.priorities and "priority" in fields)
        or (flt.assignee is not None and "assignee" in fields)
        or (flt.text.strip() and fields & _TEXT_FIELDS)
    )
