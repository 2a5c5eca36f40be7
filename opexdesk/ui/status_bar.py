"""The main window's status bar: ticket counts, the database file, and the sync state."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from opexdesk.services.events import TicketChange
from opexdesk.services.sync.status import SyncStatus
from opexdesk.services.ticket_list import TicketFilter, TicketListService
from opexdesk.ui.locale_format import format_size
from opexdesk.ui.models.ticket_table_model import TicketTableModel
from opexdesk.ui.sync.sync_indicator import SyncIndicator
from opexdesk.ui.workers import Call, Worker


def count_text(
    shown: int | None, rows_known: int, all_total: int | None, filtered: bool, loading: bool
) -> str:
    """Like "1,000,000 tickets" or "312 of 1,000,000 shown"; "200+" while counting."""
    if loading:
        return QCoreApplication.translate("MainStatusBar", "Loading…")
    shown_text = f"{shown:,}" if shown is not None else f"{rows_known:,}+"
    if not filtered:
        return (
            QCoreApplication.translate("MainStatusBar", "1 ticket")
            if shown == 1
            else QCoreApplication.translate("MainStatusBar", "{0} tickets").format(shown_text)
        )
    all_text = f"{all_total:,}" if all_total is not None else "…"
    return QCoreApplication.translate("MainStatusBar", "{0} of {1} shown").format(
        shown_text, all_text
    )


class MainStatusBar(QStatusBar):
    """Counts come from the list model; the unfiltered total, when a filter is on, from a
    COUNT(*) of its own on a worker (a million rows take a second to count)."""

    def __init__(
        self,
        model: TicketTableModel,
        ticket_list: TicketListService,
        database: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._list = ticket_list
        self._database = database
        self._all_total: int | None = None
        self._count_gen = 0
        self._counting = False
        self._worker = Worker(self)
        self.count_label = QLabel()
        self.count_label.setObjectName("ticketCount")
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseFile")
        self.sync_indicator = SyncIndicator()
        self.sync_label = self.sync_indicator.state_label  # the state text
        for label in (self.count_label, self.db_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.sync_indicator)
        self.update_database()

    def query_changed(self, recount: bool = False) -> None:
        """The list's filter changed (or F5): count all tickets too when a filter is on."""
        if recount:
            self._all_total = None
        if not self._model.ticket_filter.is_empty() and (self._all_total is None or recount):
            self._count_all()
        self.update_counts()
        self.update_database()

    def ticket_changed(self, change: TicketChange) -> None:
        if change.action == "created":
            if self._counting:
                self._count_all()  # the count in flight may predate the new ticket
            elif self._all_total is not None:
                self._all_total += 1
        self.update_counts()
        self.update_database()

    def update_counts(self) -> None:
        model = self._model
        filtered = not model.ticket_filter.is_empty()
        if not filtered and model.total is not None:
            self._all_total = model.total  # the list's own count is the grand total
        self.count_label.setText(
            count_text(model.total, model.rows_known, self._all_total, filtered, model.is_loading)
        )

    def show_sync_status(self, status: SyncStatus) -> None:
        self.sync_indicator.show_status(status)
        self.update_database()  # a sync grows the file

    def update_database(self) -> None:
        path = self._database
        try:
            size = path.stat().st_size
        except OSError:
            self.db_label.setText(path.name)
        else:
            self.db_label.setText(f"{path.name} · {format_size(size)}")
        self.db_label.setToolTip(str(path))

    def shutdown(self) -> None:
        self._worker.shutdown()

    def _count_all(self) -> None:
        self._count_gen += 1
        self._counting = True
        service = self._list
        done = partial(self._counted, self._count_gen)
        self._worker.run(lambda: service.count(TicketFilter()), done)

    def _counted(self, gen: int, call: Call) -> None:
        if gen != self._count_gen:
            return
        self._counting = False
        if call.error is None:
            self._all_total = int(call.result)
            self.update_counts()
