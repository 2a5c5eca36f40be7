"""The triage window: the queue of new, unassigned tickets by SLA risk with single-key triage
(keymap.py), SLA countdown badges, duplicate candidates, the classifier's suggestion and the
assignment suggestion. Every action goes through TicketService (one synced operation per
ticket); suggestions and duplicate searches run on a worker."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QSplitter,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.enums import MAX_LEVELS
from opexdesk.domain.errors import DomainError
from opexdesk.services.events import ChangeNotifier, TicketChange
from opexdesk.services.triage import ActionReport, QueueItem, TriageService
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import error_text, shown_text
from opexdesk.ui.notifier_bridge import NotifierBridge
from opexdesk.ui.shortcuts_dialog import ShortcutsDialog
from opexdesk.ui.triage.details import DetailLoader
from opexdesk.ui.triage.keymap import KEY_ROWS, TriageKeyFilter
from opexdesk.ui.triage.panels import (
    AssignmentPanel,
    DuplicatesPanel,
    SuggestionPanel,
    SuggestionSource,
)
from opexdesk.ui.triage.pickers import LazySuggester, Picker, pick_item
from opexdesk.ui.triage.queue_model import COLUMNS, TriageQueueModel
from opexdesk.ui.workers import Call, Worker

BADGE_REFRESH_MS = 30_000  # SLA countdowns move on every 30 s
ACTION_WAIT_S = 0.5  # the GUI waits this long for an action before reporting by signal


class TriageWindow(QMainWindow):
    """Built from the injected services; close it to stop its workers."""

    def __init__(
        self,
        service: TriageService,
        notifier: ChangeNotifier,
        suggester: SuggestionSource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.pick: Picker = pick_item  # replaceable in tests
        self.setWindowTitle(self.tr("Triage – OpExDesk"))
        self.model = TriageQueueModel(service, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for col, column in enumerate(COLUMNS):
            header.resizeSection(col, column.width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.suggestion = SuggestionPanel()
        self.duplicates = DuplicatesPanel()
        self.assignment = AssignmentPanel()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.assignment)
        side_layout.addWidget(self.suggestion)
        side_layout.addWidget(self.duplicates, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1140, 380])
        self.setCentralWidget(splitter)
        self.setStatusBar(QStatusBar())
        self._writer = Worker(self, max_threads=1)  # actions, one at a time, in key order
        self.details = DetailLoader(
            service,
            suggester or LazySuggester(service.classifier),
            (self.suggestion, self.duplicates, self.assignment),
            self.show_message,
            self,
        )
        self._commands = self._command_table()
        self.keys = TriageKeyFilter(self, self._commands)
        self.table.installEventFilter(self.keys)
        self.bridge = NotifierBridge(notifier, self)
        self.bridge.changed.connect(self._ticket_changed)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self.show_message)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.badge_timer = QTimer(self)
        self.badge_timer.setInterval(BADGE_REFRESH_MS)
        self.badge_timer.timeout.connect(self.model.recompute_badges)
        self.badge_timer.start()
        self.last_report: ActionReport | None = None
        self.setMinimumSize(900, 520)
        self.resize(1520, 780)
        self.model.refresh()

    # ---- commands (keymap.BINDINGS names them) -----------------------------------------

    def _command_table(self) -> dict[str, Callable[[], None]]:
        commands: dict[str, Callable[[], None]] = {
            "next": lambda: self.step(1),
            "previous": lambda: self.step(-1),
            "category": lambda: self.pick_field("category", self.tr("Category")),
            "group": lambda: self.pick_field("group_name", self.tr("Assignee group")),
            "assign_me": lambda: self.apply("assignee", self._service.username),
            "assign_suggested": self.assign_suggested,
            "apply_suggestion": self.apply_suggestion,
            "mark_duplicate": self.mark_duplicate,
            "next_candidate": lambda: self.duplicates.step(1),
            "previous_candidate": lambda: self.duplicates.step(-1),
            "toggle": self.toggle_current,
            "select_all": self.select_all,
            "clear_selection": self.clear_selection,
            "undo": self.undo,
            "away": self.toggle_away,
            "refresh": self.refresh,
            "shortcuts": self.show_shortcuts,
        }
        # One key per level a matrix may have; a level the matrix in force lacks is refused
        # by the service with the allowed range.
        for level in range(1, MAX_LEVELS + 1):
            commands[f"impact_{level}"] = partial(self.apply, "impact", level)
            commands[f"urgency_{level}"] = partial(self.apply, "urgency", level)
        return commands

    def step(self, delta: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        row = max(0, min(rows - 1, self.current_row() + delta))
        if row == rows - 1 and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_row(row)

    def apply(self, field: str, value: Any) -> None:
        """Set ``field`` on the bulk selection, or on the current ticket when none."""
        targets = self.targets()
        if not targets:
            self.show_message(self.tr("Select a ticket first."))
            return
        actions = self._service.actions
        self.run_action(lambda: actions.set_field(targets, field, value))
        if len(targets) == 1:
            self.details.learn(targets[0], field, value)

    def run_action(self, action: Callable[[], ActionReport]) -> None:
        """Run a triage action on the writer thread. A short one (a ticket or a few) is
        reported at once; a large bulk action reports by signal and never freezes the window."""
        call = self._writer.run(action, self._action_done, wait_s=ACTION_WAIT_S)
        if call is not None:
            self._action_done(call)
        else:
            self.show_message(self.tr("Working…"))

    def _action_done(self, call: Call) -> None:
        if call.error is not None:
            self.show_message(error_text(call.error))
            return
        self._report(call.result)

    def pick_field(self, field: str, title: str) -> None:
        item = self.current_item()
        if item is None:
            self.show_message(self.tr("Select a ticket first."))
            return
        try:
            if field == "group_name":
                choices = sorted(
                    set(self._service.assignment.groups())
                    | set(self._service.tickets.vocabulary("group_name"))
                )
            else:
                choices = self._service.tickets.vocabulary(field)
        except StorageError as exc:
            self.show_message(error_text(exc))
            return
        chosen = self.pick(self, title, choices, getattr(item.row, field))
        self.refocus()
        if chosen is not None:
            self.apply(field, chosen)

    def assign_suggested(self) -> None:
        suggestion = self.assignment.suggestion
        if suggestion is None or suggestion.username is None:
            reason = shown_text(suggestion.why or suggestion.reason) if suggestion else ""
            self.show_message(self.tr("No assignee to suggest. {0}").format(reason).strip())
            return
        self.apply("assignee", suggestion.username)

    def apply_suggestion(self) -> None:
        """Apply the classifier's suggestion to the current ticket: one operation, one
        undo step."""
        item = self.current_item()
        guess = dict(self.suggestion.current)
        if item is None or not guess:
            self.show_message(self.tr("No suggestion to apply."))
            return
        changes = {
            name: int(value) if name in ("impact", "urgency") else value
            for name, value in guess.items()
            if name in ("category", "group_name") or str(value) in ("1", "2", "3", "4")
        }
        if not changes:
            self.show_message(self.tr("No suggestion to apply."))
            return
        actions, ticket_id = self._service.actions, item.row.id
        self.run_action(lambda: actions.set_fields([ticket_id], changes))

    def mark_duplicate(self) -> None:
        item, candidate = self.current_item(), self.duplicates.chosen()
        if item is None or candidate is None:
            self.show_message(self.tr("No duplicate candidate to mark against."))
            return
        actions, dup, original = self._service.actions, item.row.id, candidate.ticket_id
        self.run_action(lambda: actions.mark_duplicate(dup, original))

    def toggle_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.model.set_checked([item.row.id], item.row.id not in self.model.checked)
            self.step(1)
            self._show_selection_count()

    def select_all(self) -> None:
        self.model.load_all()
        self.model.set_checked(self.model.ticket_ids(), True)
        self._show_selection_count()

    def clear_selection(self) -> None:
        self.model.set_checked(list(self.model.checked), False)
        self._show_selection_count()

    def toggle_away(self) -> None:
        """Pick a person and flip "away" (kept on this device only, docs/triage.md)."""
        try:
            people = self._service.assignment.people()
        except StorageError as exc:
            self.show_message(error_text(exc))
            return
        if not people:
            self.show_message(self.tr("No people are known on this device yet."))
            return
        away = {u: a for u, _d, _g, a in people}
        marked = self.tr(" – away")  # after the name of someone away now
        choices = [f"{u} – {d} ({g or '-'}){marked if a else ''}" for u, d, g, a in people]
        chosen = self.pick(self, self.tr("Mark away / back"), choices, None)
        self.refocus()
        username = (chosen or "").split(" ", 1)[0]
        if username not in away:
            return
        self._service.assignment.set_away(username, not away[username])
        state = self.tr("back") if away[username] else self.tr("away")
        self.show_message(self.tr("{0} is now {1} (this device).").format(username, state))
        current = self.current_item()
        if current is not None:
            self.details.refresh_assignment(current)

    def undo(self) -> None:
        self.run_action(self._service.actions.undo)

    def refresh(self) -> None:
        self.details.reset()
        self.model.refresh()

    # ---- helpers -----------------------------------------------------------------------

    def targets(self) -> list[str]:
        """The bulk selection in queue order, else the current ticket."""
        if self.model.checked:
            return [t for t in self.model.ticket_ids() if t in self.model.checked]
        item = self.current_item()
        return [item.row.id] if item is not None else []

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def current_item(self) -> QueueItem | None:
        return self.model.item_at(self.current_row())

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 3)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def refocus(self) -> None:
        """Back to the queue after a modal picker (offscreen platforms need the activation)."""
        self.activateWindow()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(list(KEY_ROWS), self)
        dialog.exec()
        dialog.deleteLater()

    def _show_selection_count(self) -> None:
        n = len(self.model.checked)
        self.show_message(self.tr("{0} ticket(s) selected for bulk actions.").format(n))

    def _report(self, report: ActionReport) -> None:
        self.last_report = report
        self.show_message(shown_text(report.phrase or report.message))
        self._reload_rows(report.changed)

    def _reload_rows(self, ticket_ids: list[str]) -> None:
        if not ticket_ids:
            return
        try:
            self.model.update_items(self._service.items(ticket_ids))
        except (DomainError, StorageError) as exc:
            self.show_message(error_text(exc))
            return
        current = self.current_item()
        if current is not None and current.row.id in ticket_ids:
            self.details.refresh_assignment(current)

    # ---- reactions ---------------------------------------------------------------------

    def _loaded(self, rows: int) -> None:
        title = self.tr("Triage – {0} ticket(s) loaded – OpExDesk").format(rows)
        self.setWindowTitle(title)
        if rows and self.current_row() < 0:
            self.select_row(0)

    def _ticket_changed(self, change: TicketChange) -> None:
        if self.model.row_of(change.ticket_id) is not None and change.action != "deleted":
            self._reload_rows([change.ticket_id])

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item_at(current.row()) if current.isValid() else None
        if item is not None:
            self.details.show(item)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.badge_timer.stop()
        self.bridge.close()
        self._writer.shutdown(60_000)  # let a running bulk action finish its tickets
        self.details.shutdown()
        self.model.shutdown()
        super().closeEvent(event)
