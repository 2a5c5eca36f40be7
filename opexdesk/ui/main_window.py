"""The main window: filter bar, ticket list and ticket editor side by side, a status bar,
and menus with a keyboard shortcut for every action."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opexdesk.app import AppContext
from opexdesk.domain.enums import Status
from opexdesk.domain.errors import DomainError
from opexdesk.services.events import TicketChange
from opexdesk.services.sync.runner import Outcome, RoundResult
from opexdesk.storage.errors import StorageError
from opexdesk.ui.classify_trainer import ClassifierTrainer
from opexdesk.ui.dashboard.wiring import install_dashboard
from opexdesk.ui.i18n import error_text, vocabulary
from opexdesk.ui.import_export import install_import_export
from opexdesk.ui.kb.lazy import LazyKnowledge
from opexdesk.ui.kb.wiring import KbInstallation, install_kb
from opexdesk.ui.menus import MENU_KEYS
from opexdesk.ui.models.ticket_table_model import TicketTableModel
from opexdesk.ui.notifier_bridge import NotifierBridge
from opexdesk.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from opexdesk.ui.status_bar import MainStatusBar
from opexdesk.ui.sync.conflicts_view import ConflictsDialog
from opexdesk.ui.sync.sign_in_dialog import SignInDialog
from opexdesk.ui.sync.sync_controller import SyncController
from opexdesk.ui.tickets.detail_pane import TicketDetailPane
from opexdesk.ui.tickets.filter_bar import FilterBar
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog
from opexdesk.ui.tickets.ticket_table_view import TicketTableView
from opexdesk.ui.tickets.transition_dialog import ask_transition
from opexdesk.ui.triage.keymap import KEY_ROWS as TRIAGE_KEY_ROWS
from opexdesk.ui.triage.pickers import LazySuggester
from opexdesk.ui.window_size import fit_to_screen

log = logging.getLogger(__name__)

WINDOW_TITLE = "OpExDesk"
STATUS_KEYS = (  # Ctrl+1..6, in workflow order
    (Status.NEW, "Ctrl+1"),
    (Status.ASSIGNED, "Ctrl+2"),
    (Status.IN_PROGRESS, "Ctrl+3"),
    (Status.PENDING, "Ctrl+4"),
    (Status.RESOLVED, "Ctrl+5"),
    (Status.CLOSED, "Ctrl+6"),
)
EXTRA_KEYS = (  # keys that are not actions of their own, for the shortcuts dialog
    ("Next / previous ticket (in the list)", "Down / Up"),
    ("First / last ticket (in the list)", "Ctrl+Home / Ctrl+End"),
    ("Clear the search (in the search field)", "Esc"),
    ("Save the ticket (in the editor)", "Ctrl+S"),
    ("Back to the list (in the editor)", "Esc"),
    ("Send the reply or note (in the composer)", "Ctrl+Enter"),
    ("Set the priority by hand, with a reason (in the editor)", "Ctrl+Shift+P"),
    ("Apply all suggestions (in the New ticket dialog)", "Ctrl+Shift+S"),
)

UnsavedAsker = Callable[[QWidget], str]  # "save", "discard" or "cancel"


def ask_unsaved_box(parent: QWidget) -> str:
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(
        parent,
        parent.tr("Unsaved changes"),
        parent.tr("The ticket has changes that are not saved. Save them?"),
        buttons,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"


class MainWindow(QMainWindow):
    """Built from the AppContext; owns nothing global. Close it to stop its workers."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._username = ctx.tickets.actor.username
        self._current_local_id: int | None = None  # the ticket the user is on, by identity
        self._restore_pending = False
        self._closed = False
        self._shown = False
        self.triage_window: QMainWindow | None = None  # opened on first Ctrl+T
        # Replaceable in tests: the questions this window asks with modal boxes.
        self.ask_transition = ask_transition
        self.ask_unsaved: UnsavedAsker = ask_unsaved_box
        self.setWindowTitle(WINDOW_TITLE)

        self.filter_bar = FilterBar(self._username, matrix=ctx.shared_config.matrix)
        self.model = TicketTableModel(
            ctx.ticket_list, ctx.clock.now, self, flt=self.filter_bar.current_filter()
        )
        self.table = TicketTableView()
        self.table.setModel(self.model)
        # The indicator first, so enabling sorting does not re-sort by column 0.
        self.table.horizontalHeader().setSortIndicator(8, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.detail = TicketDetailPane(ctx.tickets, now=ctx.clock.now)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([900, 500])
        self.splitter = splitter
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.status = MainStatusBar(self.model, ctx.ticket_list, ctx.database_path, self)
        self.setStatusBar(self.status)

        self.sync = SyncController(ctx.sync, ctx.notifier, self)

        self._build_actions()
        self._build_menus()
        self.bridge = NotifierBridge(ctx.notifier, self)
        self._connect()
        self.refresh_people()
        self.status.query_changed()
        self._session_changed()
        self.sync.start()  # no network and no keyring unless a server is configured
        self.trainer = ClassifierTrainer(lambda: ctx.classifier, ctx.db, self)
        self.trainer.retrained.connect(lambda text: self.status.showMessage(text, 8000))
        self.trainer.failed.connect(self.show_problem)
        self.trainer.start()  # first check after a delay; retrains on its own thread
        self.kb = self._install_knowledge_base()
        self.dashboard = install_dashboard(self, ctx)  # pyqtgraph loads on first open
        self.import_export = install_import_export(self, ctx)  # File > Import / Export
        # Kept alive here: what run_gui adds (settings, crash handling, tray notifications).
        self.installations: list[object] = []
        # An explicit minimum: otherwise Qt resets it from the layout whenever a label's
        # text changes width, and some platforms (offscreen) warn about every reset.
        self.setMinimumSize(900, 560)
        fit_to_screen(self, 1400, 850)

    # ---- construction ------------------------------------------------------------------

    def _action(
        self,
        text: str,
        keys: str | QKeySequence | list[QKeySequence],
        slot: Callable[[], object],
        on_list_only: bool = False,
    ) -> QAction:
        action = QAction(self.tr(text), self)
        sequences = keys if isinstance(keys, list) else [QKeySequence(keys)]
        action.setShortcuts(sequences)
        action.triggered.connect(lambda _checked=False: slot())
        if on_list_only:
            # Plain letters and Enter act only while the list has focus, never while typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        else:
            self.addAction(action)  # works even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.new_action = a("&New ticket…", "Ctrl+N", self.new_ticket)
        self.refresh_action = a("&Refresh", "F5", self.refresh)
        self.quit_action = a("&Quit", "Ctrl+Q", self.close)
        self.find_action = a("&Find tickets", "Ctrl+F", self.filter_bar.focus_search)
        self.focus_list_action = a("Focus the &list", "Ctrl+L", self.focus_list)
        self.next_action = a("&Next ticket", "J", lambda: self.table.step(1), True)
        self.previous_action = a("&Previous ticket", "K", lambda: self.table.step(-1), True)
        enter = [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        self.open_action = a("&Open in the editor", enter, self.focus_editor, True)
        self.assign_me_action = a("Assign to &me", "Ctrl+M", self.assign_to_me)
        self.comment_action = a("Add &comment", "Ctrl+Shift+C", self.focus_comment)
        self.delete_action = a("&Delete ticket…", "Delete", self.delete_ticket, True)
        self.status_actions: dict[Status, QAction] = {}
        for status, keys in STATUS_KEYS:
            self.status_actions[status] = a(
                f"Set to {status.label}", keys, partial(self.move_to, status)
            )
        self.sign_in_action = a("&Sign in…", [], self.sign_in)
        self.sync_now_action = a("Sync &now", "F9", self.sync_now)
        self.conflicts_action = a("&Conflicts…", "Ctrl+Shift+K", self.show_conflicts)
        self.server_search_action = a(
            "&Find tickets on the server…", "Ctrl+Shift+O", self.find_on_server
        )
        self.sign_out_action = a("Sign &out", [], self.sign_out)
        self.shortcuts_action = a("&Keyboard shortcuts", "F1", self.show_shortcuts)
        self.triage_action = a("&Triage queue", "Ctrl+T", self.open_triage)
        self.matrix_action = a("&Priority matrix…", [], self.edit_priority_matrix)
        self.users_action = a("&Users…", [], self.manage_users)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.refresh_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.find_action, self.focus_list_action])
        view_menu.addSeparator()
        view_menu.addActions([self.next_action, self.previous_action, self.open_action])
        view_menu.addSeparator()
        view_menu.addAction(self.triage_action)
        ticket_menu = bar.addMenu(self.tr("&Ticket"))
        ticket_menu.addActions([self.assign_me_action, self.comment_action])
        status_menu = ticket_menu.addMenu(self.tr("Set &status"))
        status_menu.addActions(list(self.status_actions.values()))
        ticket_menu.addSeparator()
        ticket_menu.addAction(self.delete_action)
        sync_menu = bar.addMenu(self.tr("&Sync"))
        sync_menu.addActions([self.sign_in_action, self.sync_now_action, self.conflicts_action])
        sync_menu.addAction(self.server_search_action)
        sync_menu.addSeparator()
        sync_menu.addAction(self.sign_out_action)
        tools_menu = bar.addMenu(self.tr("T&ools"))
        tools_menu.addActions([self.matrix_action, self.users_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        # Parts added later find their menu by key, not by its translated title (ui/menus.py).
        menus = (file_menu, view_menu, ticket_menu, sync_menu, tools_menu, help_menu)
        self.menus: dict[str, QMenu] = dict(zip(MENU_KEYS, menus, strict=True))

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._filter_changed)
        self.model.modelReset.connect(self._model_reset)
        self.model.loaded.connect(self._loaded)
        self.model.total_changed.connect(lambda _total: self.status.update_counts())
        self.model.loading_changed.connect(lambda _busy: self.status.update_counts())
        self.model.load_failed.connect(self.show_problem)
        self.model.dataChanged.connect(self._rows_redrawn)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.doubleClicked.connect(lambda _index: self.focus_editor())
        self.detail.error.connect(self.show_problem)
        self.detail.done_editing.connect(self.focus_list)
        self.bridge.changed.connect(self._ticket_changed)
        indicator = self.status.sync_indicator
        self.sync.status_changed.connect(self.status.show_sync_status)
        self.sync.progress.connect(indicator.show_progress)
        self.sync.data_changed.connect(self.refresh)  # the F5 path: list, counts, editor
        self.sync.session_changed.connect(self._session_changed)
        self.sync.round_finished.connect(self._round_finished)
        indicator.conflicts_clicked.connect(self.show_conflicts)
        indicator.stop_clicked.connect(self.sync.cancel_round)

    # ---- actions -----------------------------------------------------------------------

    def new_ticket(self) -> None:
        ctx = self._ctx  # suggestions from the app's one classifier, loaded on a worker
        dialog = NewTicketDialog(ctx.tickets, self, LazySuggester(lambda: ctx.classifier))
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            created: TicketChange | None = getattr(dialog, "created", None)
        finally:
            dialog.deleteLater()
        if not accepted or created is None:
            return
        self.status.showMessage(self.tr("Ticket created."), 4000)
        if not self._confirm_leave():
            return
        self._current_local_id = created.local_id
        self.detail.show_ticket(created.ticket_id)
        self.model.locate(created.local_id, self._select_quietly)

    def refresh(self) -> None:
        self.model.refresh()
        self.status.query_changed(recount=True)
        self.refresh_people()
        self.filter_bar.refresh_priorities()  # a synced matrix may have other levels
        shown = self.detail.ticket_id()
        if shown is not None:
            self.detail.refresh_if_showing(shown)

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        # Qt makes the first row current on focus without selecting it: select it visibly.
        self.table.select_row(max(0, self.table.current_row()))

    def focus_editor(self) -> None:
        self.detail.focus_editor()

    def open_ticket(self, ticket_id: str) -> None:
        """Show a ticket from a notification; asks about unsaved edits first."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if ticket_id != self.detail.ticket_id() and not self._confirm_leave():
            return
        self.detail.show_ticket(ticket_id)
        self.detail.focus_editor()

    def focus_comment(self) -> None:
        self.detail.focus_comment()

    def move_to(self, status: Status) -> None:
        ticket_id = self._ticket_in_hand()
        if ticket_id is None:
            self.status.showMessage(self.tr("Select a ticket first."), 4000)
            return
        if self.ask_transition(self, self._ctx.tickets, ticket_id, status):
            self.status.showMessage(self.tr("Set to {0}.").format(vocabulary(status.label)), 4000)

    def assign_to_me(self) -> None:
        ticket_id = self._ticket_in_hand()
        if ticket_id is None:
            self.status.showMessage(self.tr("Select a ticket first."), 4000)
            return
        try:
            self._ctx.tickets.update(ticket_id, {"assignee": self._username})
        except (DomainError, StorageError) as exc:
            QMessageBox.warning(self, self.tr("Cannot assign the ticket"), error_text(exc))
            return
        self.status.showMessage(self.tr("Assigned to you."), 4000)

    def delete_ticket(self) -> None:
        """Delete the selected ticket after asking why (the reason travels with the
        deletion to every device); operators and admins only once signed in."""
        ticket_id = self._ticket_in_hand()
        if ticket_id is None:
            self.status.showMessage(self.tr("Select a ticket first."), 4000)
            return
        try:
            ticket = self._ctx.tickets.get(ticket_id)
        except (DomainError, StorageError) as exc:
            self.show_problem(error_text(exc))
            return
        reason, accepted = QInputDialog.getText(
            self,
            self.tr("Delete ticket"),
            self.tr(
                "Delete {0} “{1}” with its conversation, work log and attachments, on every "
                "device?\nReason (e.g. spam, entered twice):"
            ).format(ticket.display_number, ticket.title),
        )
        if not accepted:
            return
        try:
            self._ctx.tickets.delete(ticket_id, reason)
        except (DomainError, StorageError) as exc:
            QMessageBox.warning(self, self.tr("Cannot delete the ticket"), error_text(exc))
            return
        self.status.showMessage(self.tr("Deleted {0}.").format(ticket.display_number), 6000)

    def sign_in(self) -> None:
        dialog = SignInDialog(self._ctx.sync.session, self.sync.session_worker, self)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            settings = dialog.settings
        finally:
            dialog.deleteLater()
        if accepted and settings is not None:
            self.status.showMessage(
                self.tr("Signed in to {0} as {1}.").format(settings.server_url, settings.username),
                6000,
            )
            self.sync.signed_in_now()

    def sync_now(self) -> None:
        if not self.sync.signed_in:
            self.sign_in()
            return
        self.sync.sync_now()

    def sign_out(self) -> None:
        self.sync.sign_out(lambda: self.status.showMessage(self.tr("Signed out."), 4000))

    def show_conflicts(self) -> None:
        dialog = ConflictsDialog(
            self._ctx.sync.conflicts, self, matrix=self._ctx.shared_config.matrix
        )
        dialog.resolved.connect(lambda _id: self.sync.refresh_status())
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.sync.refresh_status()

    def find_on_server(self) -> None:
        """Older or other people's tickets, looked up on the server and fetched."""
        if not self.sync.signed_in:
            self.sign_in()
            if not self.sync.signed_in:
                return
        from opexdesk.ui.sync.server_search_dialog import ServerSearchDialog

        dialog = ServerSearchDialog(self._ctx.server_history(), self.open_ticket, self)
        dialog.fetched.connect(lambda _ids: self.refresh())
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def show_shortcuts(self) -> None:
        rows = shortcut_rows(self.actions() + self.table.actions(), EXTRA_KEYS + TRIAGE_KEY_ROWS)
        dialog = ShortcutsDialog(rows, self)
        dialog.exec()
        dialog.deleteLater()

    def manage_users(self) -> None:
        """The central store's accounts (administrators; the server refuses others)."""
        from opexdesk.ui.sync.users_dialog import open_users_dialog

        open_users_dialog(self, self._ctx.user_directory(), self.sync, self.sign_in)

    def edit_priority_matrix(self) -> None:
        """The shared impact x urgency -> priority matrix (read-only unless administrator)."""
        from opexdesk.ui.priority_matrix_dialog import PriorityMatrixDialog

        config = self._ctx.shared_config
        dialog = PriorityMatrixDialog(config, editable=config.may_change(), parent=self)
        try:
            if dialog.exec() == PriorityMatrixDialog.DialogCode.Accepted:
                self.sync.refresh_status()  # a queued change: the pending count moves
        finally:
            dialog.deleteLater()

    def _install_knowledge_base(self) -> KbInstallation:
        """View > Knowledge base…, the editor's Articles tab and the article from a ticket;
        the knowledge base itself opens on a worker at its first use."""
        ctx = self._ctx
        knowledge = LazyKnowledge(lambda: ctx.knowledge)
        return install_kb(
            self,
            knowledge,
            knowledge,
            knowledge,
            articles=lambda: ctx.knowledge.articles,
            ticket_status=lambda ticket_id: ctx.tickets.get(ticket_id).status,
        )

    def open_triage(self) -> None:
        """The triage queue in its own window (built on first use, then raised)."""
        if self.triage_window is None:
            from opexdesk.ui.triage.pickers import LazySuggester
            from opexdesk.ui.triage.triage_window import TriageWindow

            # The app's one classifier (shared with the editor), loaded on a worker.
            ctx = self._ctx
            suggester = LazySuggester(lambda: ctx.classifier)
            self.triage_window = TriageWindow(ctx.triage, ctx.notifier, suggester)
        if self.triage_window.isVisible():
            self.triage_window.raise_()  # behind the main window: bring it forward
        else:
            self.triage_window.show()
        self.triage_window.activateWindow()

    def show_problem(self, message: str) -> None:
        log.warning("%s", message)
        self.status.showMessage(message, 10_000)

    def refresh_people(self) -> None:
        try:
            people = self._ctx.tickets.vocabulary("assignee")
        except StorageError as exc:
            self.show_problem(error_text(exc))
            return
        self.filter_bar.set_people(people)

    # ---- reactions ---------------------------------------------------------------------

    def _ticket_changed(self, change: TicketChange) -> None:
        """One committed operation (local now, synced later): redraw only what it touched."""
        self.model.ticket_changed(change)
        showing = self.detail.ticket_id() == change.ticket_id
        if change.action == "deleted" and showing and not self.detail.has_unsaved_changes():
            self.detail.show_ticket(None)
        else:  # a deleted ticket with unsaved edits stays, with a notice, so they can be copied
            self.detail.refresh_if_showing(change.ticket_id)
        self.status.ticket_changed(change)
        if change.action == "created" or "assignee" in change.fields:
            self.refresh_people()

    def _session_changed(self) -> None:
        signed_in = self.sync.signed_in
        self.sign_out_action.setEnabled(signed_in)
        self.sign_in_action.setText(
            self.tr("&Sign in again…") if signed_in else self.tr("&Sign in…")
        )

    def _round_finished(self, result: RoundResult) -> None:
        if result.outcome == Outcome.AUTH_NEEDED:
            self.status.showMessage(
                self.tr("The server asks you to sign in again (Sync > Sign in…)."), 10_000
            )

    def _filter_changed(self, flt: object) -> None:
        self.model.set_filter(flt)  # type: ignore[arg-type]
        self.status.query_changed()

    def _model_reset(self) -> None:
        self._restore_pending = True  # once the first block is in, select the ticket again

    def _loaded(self, _rows: int, _total: object) -> None:
        self.status.update_counts()
        if self._restore_pending and not self.model.is_loading:
            self._restore_pending = False
            if self._current_local_id is not None:
                self.model.locate(self._current_local_id, self._restore_to)

    def _restore_to(self, row: int | None) -> None:
        # Only if the user has not picked another row while the position was looked up.
        if row is not None and self.table.current_row() < 0:
            self._select_quietly(row)

    def _select_quietly(self, row: int | None) -> None:
        if row is not None:
            self.table.select_row(row, center=True)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ticket = self.model.row_at(current.row()) if current.isValid() else None
        if ticket is None:  # no row, or its block is still being read (see _rows_redrawn)
            return
        if ticket.id == self.detail.ticket_id():
            self._current_local_id = ticket.local_id
            return
        if not self._confirm_leave():
            # Back to the ticket being edited, after this selection change has finished.
            local_id = self._current_local_id
            if local_id is not None:
                QTimer.singleShot(0, lambda: self.model.locate(local_id, self._select_quietly))
            return
        self._current_local_id = ticket.local_id
        self.detail.show_ticket(ticket.id)

    def _rows_redrawn(self, top: QModelIndex, bottom: QModelIndex) -> None:
        current = self.table.current_row()
        if top.row() <= current <= bottom.row():
            ticket = self.model.row_at(current)
            if ticket is not None and ticket.local_id != self._current_local_id:
                self._current_row_changed(self.table.currentIndex(), QModelIndex())

    def _confirm_leave(self) -> bool:
        """Ask about unsaved edits in the editor before showing another ticket."""
        if not self.detail.has_unsaved_changes():
            return True
        answer = self.ask_unsaved(self)
        if answer == "save":
            self.detail.save()
            return not self.detail.has_unsaved_changes()  # refused: stay on the ticket
        return answer == "discard"

    def _ticket_in_hand(self) -> str | None:
        """The ticket the user is working on: the one in the editor, else the list's."""
        return self.detail.ticket_id() or self.model.ticket_id_at(self.table.current_row())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.focus_list()  # keyboard first: J/K work at once, the first ticket is shown

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:  # closed again after app.exec() returned: nothing left to ask
            super().closeEvent(event)
            return
        if not self._confirm_leave():
            event.ignore()
            return
        self._closed = True
        if self.triage_window is not None:
            self.triage_window.close()
        self.sync.shutdown()
        self.trainer.shutdown()
        self.dashboard.shutdown()
        self.bridge.close()
        self.model.shutdown()
        self.status.shutdown()
        super().closeEvent(event)

    # ---- for tests and the smoke check ---------------------------------------------------

    def table_view(self) -> TicketTableView:
        return self.table

    def ticket_model(self) -> TicketTableModel:
        return self.model
