"""The History tab: every change to the ticket: when, who, from which device, what."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.ticket_views import HistoryEntry
from opexdesk.services.tickets import TicketService
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP
from opexdesk.ui.tickets.formatting import history_what, local_time, short_device

COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryTab", "When"),
    QT_TRANSLATE_NOOP("HistoryTab", "Who"),
    QT_TRANSLATE_NOOP("HistoryTab", "Device"),
    QT_TRANSLATE_NOOP("HistoryTab", "What"),
    QT_TRANSLATE_NOOP("HistoryTab", "Change"),
)


class HistoryTab(QWidget):
    """Newest first; the device column shows the id's tail, the tooltip the whole id."""

    def __init__(self, tickets: TicketService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self._ticket_id: str | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)

    def set_ticket(self, ticket_id: str | None) -> None:
        self._ticket_id = ticket_id

    def load(self) -> None:
        entries = self._tickets.history(self._ticket_id) if self._ticket_id else []
        self.tree.clear()
        for entry in reversed(entries):
            self.tree.addTopLevelItem(self._item(entry))

    def rows(self) -> list[tuple[str, ...]]:
        """The visible text, row by row (for tests and copy/export)."""
        return [
            tuple(item.text(c) for c in range(len(COLUMNS)))
            for item in (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
            if item is not None
        ]

    def _item(self, entry: HistoryEntry) -> QTreeWidgetItem:
        what, change = history_what(entry, self._tickets.matrix)
        item = QTreeWidgetItem(
            [local_time(entry.at), entry.actor, short_device(entry.device_id), what, change]
        )
        item.setToolTip(2, entry.device_id)
        if entry.action == "field_changed":
            item.setToolTip(4, f"{entry.old_value!s}\n→\n{entry.new_value!s}")
        else:
            item.setToolTip(4, change)
        return item
