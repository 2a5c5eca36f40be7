"""Sync > Find tickets on the server… (Ctrl+Shift+O): a ticket this device never downloaded (last
year's closed ones, a colleague's) looked up on the server by number or words, fetched
whole and opened.

Keyboard-first: type, Enter searches; Down moves into the results; Enter there (or
"Download and open") fetches the selected tickets and opens the first. The server calls
run on a worker: the window never waits on the network.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.sync.history import RemoteSearch, RemoteTicket, ServerHistory
from opexdesk.ui.i18n import error_text
from opexdesk.ui.sync.row_table import row_table
from opexdesk.ui.tickets.formatting import local_time, status_text
from opexdesk.ui.workers import Call, Worker

TicketId = Qt.ItemDataRole.UserRole


class ServerSearchDialog(QDialog):
    """Signals: ``fetched(list)``: ticket ids now on this device, in the order chosen."""

    fetched = Signal(list)

    def __init__(
        self,
        history: ServerHistory,
        open_ticket: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._open_ticket = open_ticket
        self._worker = Worker(self)
        self._searching = 0  # the newest search's number: older answers are dropped
        self.setWindowTitle(self.tr("Find tickets on the server"))
        self.resize(820, 460)

        self.query = QLineEdit()
        self.query.setObjectName("serverSearchQuery")
        self.query.setPlaceholderText(
            self.tr("Ticket number, or words of the title or requester; Enter searches")
        )
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.search)
        self.query.installEventFilter(self)

        self.table = row_table(
            "serverSearchResults",
            [
                self.tr("Number"),
                self.tr("Title"),
                self.tr("Status"),
                self.tr("Requester"),
                self.tr("Updated"),
                self.tr("On this device"),
            ],
            stretch=1,
        )
        self.table.doubleClicked.connect(lambda _index: self.download())
        self.table.installEventFilter(self)

        self.status_label = QLabel(
            self.tr("Tickets not on this device (older or other people's) are found here.")
        )
        self.status_label.setObjectName("serverSearchStatus")
        self.status_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.download_button = QPushButton(self.tr("&Download and open"))
        self.download_button.setEnabled(False)
        self.download_button.clicked.connect(self.download)
        buttons.addButton(self.download_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter searches (or downloads), never closes
        self.table.itemSelectionChanged.connect(self._selection_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

    # ---- searching -----------------------------------------------------------------------

    def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self._searching += 1
        number = self._searching
        self.status_label.setText(self.tr("Searching the server…"))
        self._worker.run(
            lambda: self._history.search(text), lambda call: self._searched(number, call)
        )

    def _searched(self, number: int, call: Call) -> None:
        if number != self._searching:
            return  # a newer search was started meanwhile
        if call.error is not None:
            self.status_label.setText(error_text(call.error))
            return
        result: RemoteSearch = call.result
        self._fill(result.tickets)
        if not result.tickets:
            self.status_label.setText(self.tr("No ticket on the server matches."))
        elif result.more:
            self.status_label.setText(
                self.tr("More than {0} tickets match: add words to narrow the search.").format(
                    len(result.tickets)
                )
            )
        else:
            n = len(result.tickets)
            found = self.tr("1 ticket found.") if n == 1 else self.tr("{0} tickets found.")
            self.status_label.setText(found.format(n))

    def _fill(self, tickets: list[RemoteTicket]) -> None:
        self.table.setRowCount(len(tickets))
        for row, ticket in enumerate(tickets):
            cells = (
                f"#{ticket.number}",
                ticket.title,
                status_text(ticket.status),
                ticket.requester or "",
                local_time(ticket.updated_at),
                self.tr("Yes") if ticket.on_device else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(TicketId, ticket.id)
                self.table.setItem(row, column, item)
        if tickets:
            self.table.selectRow(0)

    # ---- fetching ----------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [i for i in (self._row_id(row) for row in rows) if i]

    def _row_id(self, row: int) -> str | None:
        item = self.table.item(row, 0)
        value = item.data(TicketId) if item is not None else None
        return str(value) if value else None

    def download(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.download_button.setEnabled(False)
        self.status_label.setText(self.tr("Downloading… ({0})").format(len(ids)))
        self._worker.run(lambda: self._history.fetch(ids), lambda call: self._downloaded(ids, call))

    def _downloaded(self, ids: list[str], call: Call) -> None:
        self._selection_changed()
        if call.error is not None:
            self.status_label.setText(error_text(call.error))
            return
        n = int(call.result)
        here = (
            self.tr("1 ticket is now on this device.")
            if n == 1
            else self.tr("{0} tickets are now on this device.")
        )
        self.status_label.setText(here.format(n))
        for row in range(self.table.rowCount()):
            if self._row_id(row) in ids:
                self.table.setItem(row, 5, QTableWidgetItem(self.tr("Yes")))
        self.fetched.emit(ids)
        if self._open_ticket is not None:
            self._open_ticket(ids[0])
            self.accept()

    def _selection_changed(self) -> None:
        self.download_button.setEnabled(bool(self.selected_ids()))

    # ---- keys ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.query and key == Qt.Key.Key_Down and self.table.rowCount():
                self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.download()
                return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        self._worker.forget_all()  # a late answer finds nobody; closing never waits on it
        super().done(result)
