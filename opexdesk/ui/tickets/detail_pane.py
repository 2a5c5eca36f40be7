"""The ticket editor shown beside the list: header, fields, workflow buttons and tabs.

Loads one ticket (a few indexed reads); the tabs load lazily, when first shown. Every
write goes through TicketService as one operation; a refused write leaves the form as the
user typed it and says why, next to the field it is about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.enums import Status
from opexdesk.domain.errors import DomainError
from opexdesk.domain.workflow import allowed_targets
from opexdesk.services.ticket_views import TicketDetail
from opexdesk.services.tickets import TicketService
from opexdesk.services.vocabulary import FIELDS as VOCABULARY_FIELDS
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text, vocabulary
from opexdesk.ui.tickets.attachments_tab import AttachmentsTab, FileChooser, PathOpener
from opexdesk.ui.tickets.conversation_tab import ConversationTab
from opexdesk.ui.tickets.fields_form import FORM_FIELDS, TicketFieldsForm, normalized
from opexdesk.ui.tickets.formatting import (
    OVERDUE_COLOR,
    PRIORITY_COLORS,
    STATUS_COLORS,
    badge_style,
    sla_text,
    status_text,
)
from opexdesk.ui.tickets.history_tab import HistoryTab
from opexdesk.ui.tickets.priority_override_dialog import PriorityOverrideDialog
from opexdesk.ui.tickets.transition_dialog import ask_transition, needs_note
from opexdesk.ui.tickets.work_log_tab import WorkLogTab

if TYPE_CHECKING:
    from opexdesk.ui.kb.suggestions_panel import KbSuggestionsPanel

CHANGED_NOTICE = QT_TRANSLATE_NOOP("TicketDetailPane", "This ticket changed; reload?")


class TicketDetailPane(QWidget):
    """Shows and edits one ticket. See the module docstring.

    Signal ``error(str)``: a failure with no inline place to show it (the ticket could not be
    loaded, the store failed); the main window shows it (status bar, message box).
    """

    error = Signal(str)
    done_editing = Signal()  # Esc in the pane: the operator wants the list back

    def __init__(
        self,
        tickets: TicketService,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] | None = None,
        choose_file: FileChooser | None = None,
        open_path: PathOpener | None = None,
        suggestions: KbSuggestionsPanel | None = None,
    ) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self._now = now or (lambda: datetime.now(UTC))
        self._ticket_id: str | None = None
        self._detail: TicketDetail | None = None
        self._stale: set[int] = set()
        self.suggestions: KbSuggestionsPanel | None = None
        self._articles_index = -1
        # Replaceable so tests can answer the workflow questions without a modal loop.
        self.ask_transition = ask_transition

        self.stack = QStackedWidget()
        self.empty_label = QLabel(self.tr("Select a ticket"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #777777; font-size: 15px;")
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self._build_content(choose_file, open_path))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.save_action = QAction(self.tr("Save ticket"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        # Only while focus is in this pane: another view may use Ctrl+S for itself.
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        self.back_action = QAction(self.tr("Back to the list"), self)
        self.back_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_action.triggered.connect(self.done_editing)
        self.addAction(self.back_action)
        self.show_ticket(None)
        if suggestions is not None:
            self.attach_suggestions(suggestions)

    # ---- construction ------------------------------------------------------------------

    def _build_content(
        self, choose_file: FileChooser | None, open_path: PathOpener | None
    ) -> QWidget:
        content = QWidget()
        self.number_label = QLabel()
        self.number_label.setStyleSheet("color: #555555; font-weight: bold;")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = QLabel()
        self.priority_badge = QLabel()
        self.sla_label = QLabel()
        self.sla_label.setWordWrap(True)
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        badges = QHBoxLayout()
        badges.setSpacing(8)
        for widget in (self.number_label, self.status_badge, self.priority_badge):
            badges.addWidget(widget)
        badges.addWidget(self.sla_label, 1)

        self.notice = QFrame()
        self.notice.setObjectName("changedNotice")
        self.notice.setStyleSheet(
            "QFrame#changedNotice { background: #fff3cd; border: 1px solid #e0b84c;"
            " border-radius: 4px; }"
        )
        self.notice_label = QLabel(self.tr(CHANGED_NOTICE))
        self.notice_label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Show the stored ticket; your edits are dropped"))
        self.reload_button.clicked.connect(self.reload_discarding_edits)
        self.keep_button = QPushButton(self.tr("Keep my edits"))
        self.keep_button.clicked.connect(self.notice.hide)
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(8, 4, 8, 4)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.reload_button)
        notice_row.addWidget(self.keep_button)
        self.notice.hide()

        self.workflow_row = QHBoxLayout()
        self.workflow_row.setSpacing(6)
        self.workflow_label = QLabel(self.tr("Move to:"))
        self.transition_buttons: dict[Status, QPushButton] = {}

        self.fields = TicketFieldsForm(lambda: self._tickets.matrix)
        self.fields.save_button.clicked.connect(self.save)
        self.fields.revert_button.clicked.connect(self.revert)
        self.fields.override_requested.connect(self.override_priority)

        self.conversation = ConversationTab(self._tickets)
        self.work_log = WorkLogTab(self._tickets)
        self.attachments = AttachmentsTab(
            self._tickets, choose_file=choose_file, open_path=open_path
        )
        self.history = HistoryTab(self._tickets)
        self.tabs = QTabWidget()
        self._tab_list: list[ConversationTab | WorkLogTab | AttachmentsTab | HistoryTab] = [
            self.conversation,
            self.work_log,
            self.attachments,
            self.history,
        ]
        for tab, title in zip(
            self._tab_list,
            (
                QT_TRANSLATE_NOOP("TicketDetailPane", "Conversation"),
                QT_TRANSLATE_NOOP("TicketDetailPane", "Work log"),
                QT_TRANSLATE_NOOP("TicketDetailPane", "Attachments"),
                QT_TRANSLATE_NOOP("TicketDetailPane", "History"),
            ),
            strict=True,
        ):
            self.tabs.addTab(tab, self.tr(title))
        self.tabs.currentChanged.connect(self._load_tab_if_stale)
        for tab in (self.conversation, self.work_log, self.attachments):
            tab.written.connect(partial(self._after_tab_write, tab))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.fields)
        splitter.addWidget(self.tabs)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        # The description's own size hint (~190 px) would crowd out the conversation:
        # start it a few lines tall; the user drags the splitter for more.
        splitter.setSizes([self.fields.minimumSizeHint().height() + 50, 10_000])
        self.splitter = splitter

        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        layout.addLayout(badges)
        layout.addWidget(self.title_label)
        layout.addWidget(self.notice)
        layout.addLayout(self.workflow_row)
        layout.addWidget(splitter, 1)
        return content

    # ---- public API --------------------------------------------------------------------

    def attach_suggestions(self, panel: KbSuggestionsPanel) -> None:
        """Add the knowledge-base suggestions as the last tab; they follow the shown
        ticket and its title and description as they are typed."""
        self.suggestions = panel
        self._articles_index = self.tabs.addTab(panel, self.tr("Articles"))
        panel.count_changed.connect(self._articles_counted)
        self.fields.ui.titleEdit.textChanged.connect(self._ticket_text_edited)
        self.fields.ui.descriptionEdit.textChanged.connect(self._ticket_text_edited)
        self._suggest_for_shown()

    def ticket_id(self) -> str | None:
        return self._ticket_id

    def has_unsaved_changes(self) -> bool:
        """True while the fields differ from the stored ticket (ask before switching away)."""
        return self._ticket_id is not None and self.fields.is_dirty()

    def show_ticket(self, ticket_id: str | None) -> None:
        """Show ``ticket_id`` (None: the "Select a ticket" message). Switching to another
        ticket drops unsaved edits (callers that care check :meth:`has_unsaved_changes`
        first); showing the ticket already shown keeps them, like a refresh."""
        if ticket_id is not None and ticket_id == self._ticket_id:
            self.refresh_if_showing(ticket_id)  # e.g. the list re-selected the same row
            return
        detail = None
        if ticket_id is not None:
            try:
                detail = self._tickets.get(ticket_id)
            except (DomainError, StorageError) as exc:
                self.error.emit(error_text(exc))
                ticket_id = None
        self._ticket_id = ticket_id
        self._detail = detail
        for tab in (self.conversation, self.work_log, self.attachments, self.history):
            tab.set_ticket(ticket_id)
        if detail is None:
            self.stack.setCurrentIndex(0)
            self.fields.clear_error()
            self._suggest_for_shown()
            return
        self._refresh_vocabulary()
        self.fields.load(detail)
        self.notice.hide()
        self._show_header(detail)
        self.stack.setCurrentIndex(1)
        self._mark_tabs_stale()
        self._suggest_for_shown()

    def refresh_if_showing(self, ticket_id: str) -> None:
        """Reload if ``ticket_id`` is shown; unsaved edits are kept (a notice offers reload)."""
        if ticket_id != self._ticket_id or self._ticket_id is None:
            return
        try:
            detail = self._tickets.get(ticket_id)
        except (DomainError, StorageError) as exc:
            self.notice_label.setText(error_text(exc))
            self.notice.show()
            self.error.emit(error_text(exc))
            return
        self._apply(detail)
        self._mark_tabs_stale()

    def focus_editor(self) -> None:
        """Put the keyboard in the title field of the shown ticket."""
        if self._ticket_id is None:
            return
        self.fields.ui.titleEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.fields.ui.titleEdit.selectAll()

    def focus_comment(self) -> None:
        if self._ticket_id is None:
            return
        self.tabs.setCurrentWidget(self.conversation)
        self.conversation.composer.setFocus()

    def save(self) -> None:
        """Send the changed fields as one update; on refusal keep the form and say why."""
        if self._ticket_id is None:
            return
        changes = self.fields.changed_fields()
        if not changes:
            return
        try:
            self._tickets.update(self._ticket_id, changes)
        except (DomainError, StorageError) as exc:
            self.fields.show_error(exc)
            return
        self.notice.hide()
        self._reload(force=True)

    def override_priority(self) -> None:
        """Ask for a priority set by hand and its reason (or back to derived)."""
        if self._ticket_id is None:
            return
        current, reason = self.fields.shown_priority()
        dialog = PriorityOverrideDialog(
            self._tickets,
            self._ticket_id,
            current,
            reason,
            self.fields.derived_priority(),
            self,
        )
        if dialog.exec() == PriorityOverrideDialog.DialogCode.Accepted:
            self._reload()  # keeps unsaved edits in the form; the priority is new

    def revert(self) -> None:
        if self._detail is not None:
            self.fields.load(self._detail)
            self.notice.hide()

    def reload_discarding_edits(self) -> None:
        self.notice.hide()
        self._reload(force=True)

    def notice_visible(self) -> bool:
        return not self.notice.isHidden()

    # ---- internals ---------------------------------------------------------------------

    def _reload(self, force: bool = False, fresh_tab: QWidget | None = None) -> None:
        """Reload the ticket; ``fresh_tab`` has just reloaded itself and is not reloaded."""
        if self._ticket_id is None:
            return
        try:
            detail = self._tickets.get(self._ticket_id)
        except (DomainError, StorageError) as exc:
            self.error.emit(error_text(exc))
            return
        self._apply(detail, force=force)
        self._mark_tabs_stale(skip=self.tabs.indexOf(fresh_tab) if fresh_tab else -1)

    def _apply(self, detail: TicketDetail, force: bool = False) -> None:
        """Show a fresh copy of the ticket without clobbering the user's unsaved edits."""
        self._detail = detail
        self._show_header(detail)
        if force or not self.fields.is_dirty():
            self._refresh_vocabulary()
            self.fields.load(detail)
            self.notice.hide()
            return
        base, form = self.fields.base(), self.fields.values()
        fresh = {name: normalized(name, getattr(detail, name)) for name in FORM_FIELDS}
        # A change underneath that the form does not already show: the user must decide.
        if any(fresh[f] != base[f] and form[f] != fresh[f] for f in FORM_FIELDS):
            self.notice_label.setText(self.tr(CHANGED_NOTICE))
            self.notice.show()
        else:  # e.g. our own save, a comment or a status change: nothing to ask about
            self.fields.rebase(detail)

    def _show_header(self, detail: TicketDetail) -> None:
        self.number_label.setText(detail.display_number)
        self.title_label.setText(detail.title)
        status_bg, status_fg = STATUS_COLORS.get(detail.status, ("#616161", "#ffffff"))
        self.status_badge.setText(status_text(detail.status))
        self.status_badge.setStyleSheet(badge_style(status_bg, status_fg))
        prio_bg, prio_fg = PRIORITY_COLORS.get(detail.priority, ("#9e9e9e", "#ffffff"))
        self.priority_badge.setText(self._tickets.matrix.label("priority", detail.priority))
        self.priority_badge.setToolTip(
            self.tr("Priority (overridden: {0})").format(detail.priority_override_reason)
            if detail.priority_override_reason
            else self.tr("Priority from impact × urgency")
        )
        self.priority_badge.setStyleSheet(badge_style(prio_bg, prio_fg))
        text, overdue = sla_text(detail, self._now())
        self.sla_label.setText(text)
        self.sla_label.setProperty("overdue", overdue)
        self.sla_label.setStyleSheet(
            f"color: {OVERDUE_COLOR}; font-weight: bold;" if overdue else "color: #444444;"
        )
        self._show_workflow(detail)

    def _show_workflow(self, detail: TicketDetail) -> None:
        while self.workflow_row.count():
            item = self.workflow_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.workflow_label:
                widget.setParent(None)
        self.transition_buttons = {}
        current = Status(detail.status) if detail.status in set(Status) else None
        targets = allowed_targets(current) if current is not None else []
        self.workflow_label.setText(
            self.tr("Move to:") if targets else self.tr("Closed tickets are final.")
        )
        self.workflow_row.addWidget(self.workflow_label)
        for target in targets:
            text = vocabulary(target.label) + (
                "…" if current and needs_note(current, target) else ""
            )
            button = QPushButton(text)
            button.setObjectName(f"transition_{target.value}")
            button.setToolTip(self.tr("Set the status to {0}").format(vocabulary(target.label)))
            button.clicked.connect(partial(self._transition, target))
            self.workflow_row.addWidget(button)
            self.transition_buttons[target] = button
        self.workflow_row.addStretch(1)

    def _transition(self, target: Status) -> None:
        if self._ticket_id is None:
            return
        if self.ask_transition(self, self._tickets, self._ticket_id, target):
            self._reload()

    def _refresh_vocabulary(self) -> None:
        try:
            for name, values in self._tickets.vocabularies(VOCABULARY_FIELDS).items():
                self.fields.set_choices(name, values)
        except StorageError as exc:  # pick lists are a convenience: say so, carry on
            self.error.emit(error_text(exc))

    def _suggest_for_shown(self) -> None:
        if self.suggestions is not None:
            title, description = self._ticket_text()
            self.suggestions.set_ticket(self._ticket_id, title, description)

    def _ticket_text(self) -> tuple[str, str]:
        if self._ticket_id is None:
            return "", ""
        ui = self.fields.ui
        return ui.titleEdit.text(), ui.descriptionEdit.toPlainText()

    def _ticket_text_edited(self) -> None:
        if self.suggestions is not None and self._ticket_id is not None:
            self.suggestions.text_changed(*self._ticket_text())

    def _articles_counted(self, count: int) -> None:
        title = self.tr("Articles ({0})").format(count) if count else self.tr("Articles")
        self.tabs.setTabText(self._articles_index, title)

    def _mark_tabs_stale(self, skip: int = -1) -> None:
        # Only the ticket's own tabs load; the suggestions tab follows the text by itself.
        self._stale = set(range(len(self._tab_list))) - {skip}
        self._load_tab_if_stale(self.tabs.currentIndex())

    def _load_tab_if_stale(self, index: int) -> None:
        if index not in self._stale or self._ticket_id is None:
            return
        self._stale.discard(index)
        tab = self._tab_list[index]
        try:
            tab.load()
        except (DomainError, StorageError) as exc:
            self.error.emit(error_text(exc))

    def _after_tab_write(self, tab: QWidget) -> None:
        """A tab stored something: refresh the header, and the other tabs when next shown."""
        self._reload(fresh_tab=tab)
