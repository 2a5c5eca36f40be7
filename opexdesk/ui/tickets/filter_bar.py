"""The bar above the ticket list: search text, status, priority and assignee filters."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from opexdesk.domain.enums import Status
from opexdesk.domain.priority import MatrixSource, PriorityMatrix, matrix_source
from opexdesk.services.ticket_list import UNASSIGNED, TicketFilter
from opexdesk.ui.i18n import vocabulary
from opexdesk.ui.tickets.formatting import priority_text

SEARCH_DEBOUNCE_MS = 200  # typing "printer" runs one query, not seven
OPEN_STATUSES = frozenset(s.value for s in Status if s.is_open)
ALL_STATUSES = frozenset(s.value for s in Status)

_ANY = "any"
_ME = "me"
_NOBODY = "unassigned"


class FilterBar(QWidget):
    """Signals:
    filter_changed(TicketFilter): the filter the list should show (search text debounced).
    """

    filter_changed = Signal(object)

    def __init__(
        self,
        username: str,
        parent: QWidget | None = None,
        matrix: PriorityMatrix | MatrixSource | None = None,
    ) -> None:
        super().__init__(parent)
        self._username = username
        self._matrix = matrix_source(matrix)  # the priorities offered are the matrix's
        self._people: list[str] = []

        self.search = QLineEdit()
        self.search.setObjectName("ticketSearch")
        self.search.setPlaceholderText(self.tr("Search title, requester or number  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.installEventFilter(self)  # Esc clears (see eventFilter)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)

        self.status_button = QToolButton()
        self.status_button.setObjectName("statusFilter")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.status_button.setMinimumWidth(120)
        self.status_button.setToolTip(self.tr("Show tickets in these statuses"))
        menu = QMenu(self.status_button)
        self.open_action = menu.addAction(self.tr("Open (not resolved or closed)"))
        self.all_action = menu.addAction(self.tr("All"))
        menu.addSeparator()
        self.status_actions: dict[str, QAction] = {}
        for status in Status:
            action = menu.addAction(vocabulary(status.label))
            action.setCheckable(True)
            # Operators work the open queue; closed history is one click away ("All").
            action.setChecked(status.is_open)
            action.toggled.connect(partial(self._status_toggled, action))
            self.status_actions[status.value] = action
        self.open_action.triggered.connect(lambda: self.set_statuses(OPEN_STATUSES))
        self.all_action.triggered.connect(lambda: self.set_statuses(ALL_STATUSES))
        self.status_button.setMenu(menu)

        self.priority_combo = QComboBox()
        self.priority_combo.setObjectName("priorityFilter")
        self.refresh_priorities()
        self.priority_combo.currentIndexChanged.connect(self._emit)

        self.assignee_combo = QComboBox()
        self.assignee_combo.setObjectName("assigneeFilter")
        self.assignee_combo.setMinimumContentsLength(12)
        self.assignee_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.set_people([])
        self.assignee_combo.currentIndexChanged.connect(self._emit)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.search, 3)
        layout.addWidget(QLabel(self.tr("Status:")))
        layout.addWidget(self.status_button)
        layout.addWidget(QLabel(self.tr("Priority:")))
        layout.addWidget(self.priority_combo)
        layout.addWidget(QLabel(self.tr("Assignee:")))
        layout.addWidget(self.assignee_combo, 1)
        self._update_status_text()

    # ---- public API --------------------------------------------------------------------

    def current_filter(self) -> TicketFilter:
        statuses = self.statuses()
        priority = self.priority_combo.currentData()
        return TicketFilter(
            # Every status checked is the same as no status filter (and a cheaper query).
            statuses=frozenset() if statuses == ALL_STATUSES else statuses,
            priorities=frozenset() if priority is None else frozenset({int(priority)}),
            assignee=self._assignee(),
            text=" ".join(self.search.text().split()),
        )

    def statuses(self) -> frozenset[str]:
        return frozenset(v for v, a in self.status_actions.items() if a.isChecked())

    def set_statuses(self, statuses: frozenset[str]) -> None:
        if not statuses:
            raise ValueError("choose at least one status")
        for value, action in self.status_actions.items():
            action.blockSignals(True)
            action.setChecked(value in statuses)
            action.blockSignals(False)
        self._statuses_edited()

    def refresh_priorities(self) -> None:
        """Offer the priorities of the matrix in force, by its labels (a 4-level matrix has
        no P5; a synced matrix may rename them), keeping the current choice if it remains."""
        matrix = self._matrix()
        current = self.priority_combo.currentData()
        self.priority_combo.blockSignals(True)
        self.priority_combo.clear()
        self.priority_combo.addItem(self.tr("Any priority"), None)
        for level in matrix.levels("priority"):
            self.priority_combo.addItem(priority_text(level, matrix), level)
        index = self.priority_combo.findData(current)
        self.priority_combo.setCurrentIndex(max(0, index))
        self.priority_combo.blockSignals(False)
        if current is not None and index < 0:
            self._emit()  # the chosen level is gone: the list shows every priority again

    def set_people(self, people: list[str]) -> None:
        """Fill the assignee choices (known people), keeping the current choice."""
        current = self.assignee_combo.currentData()
        self._people = sorted({p for p in people if p and p != self._username})
        self.assignee_combo.blockSignals(True)
        self.assignee_combo.clear()
        self.assignee_combo.addItem(self.tr("Anyone"), _ANY)
        self.assignee_combo.addItem(self.tr("Me ({0})").format(self._username), _ME)
        self.assignee_combo.addItem(self.tr("Unassigned"), _NOBODY)
        if self._people:
            self.assignee_combo.insertSeparator(self.assignee_combo.count())
        for person in self._people:
            self.assignee_combo.addItem(person, person)
        found = self.assignee_combo.findData(current) if current is not None else 0
        self.assignee_combo.setCurrentIndex(max(0, found))
        self.assignee_combo.blockSignals(False)
        if current is not None and found < 0:
            self._emit()  # the chosen person is no longer offered: back to "Anyone"

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_search(self) -> None:
        if self.search.text():
            self.search.clear()
            self._debounce.stop()
            self._emit()

    # ---- internals ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self.clear_search()
            return True
        return super().eventFilter(watched, event)

    def _assignee(self) -> str | None:
        choice = self.assignee_combo.currentData()
        if choice == _ME:
            return self._username
        if choice == _NOBODY:
            return UNASSIGNED
        return None if choice in (None, _ANY) else str(choice)

    def _status_toggled(self, action: QAction, checked: bool) -> None:
        if not checked and not self.statuses():
            # An empty status set would mean "any" to the query: keep one status checked.
            action.blockSignals(True)
            action.setChecked(True)
            action.blockSignals(False)
            return
        self._statuses_edited()

    def _statuses_edited(self) -> None:
        self._update_status_text()
        self._emit()

    def _update_status_text(self) -> None:
        statuses = self.statuses()
        if statuses == ALL_STATUSES:
            text = self.tr("All")
        elif statuses == OPEN_STATUSES:
            text = self.tr("Open")
        else:
            text = ", ".join(vocabulary(Status(v).label) for v in Status if v in statuses)
        self.status_button.setText(text)
        self.open_action.setEnabled(statuses != OPEN_STATUSES)
        self.all_action.setEnabled(statuses != ALL_STATUSES)

    def _emit(self) -> None:
        self._debounce.stop()
        self.filter_changed.emit(self.current_filter())
