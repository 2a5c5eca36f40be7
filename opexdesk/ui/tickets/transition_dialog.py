"""Moving a ticket along the workflow: ask for the note the move needs, then do it.

``ask_transition`` is what views call. Its two interactive parts (the note dialog and the
refusal message) are injectable, and :class:`TransitionNoteDialog` can be driven directly,
so tests never block on a modal loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.enums import Status
from opexdesk.domain.errors import DomainError
from opexdesk.domain.workflow import TransitionRequest, check_transition, is_reopen
from opexdesk.services.tickets import TicketService
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import error_text, vocabulary
from opexdesk.ui.tickets.keys import EnterKeyFilter

# (current, target, ticket label) -> the note, or None when the user cancelled.
NoteAsker = Callable[[QWidget, Status, Status, str], str | None]
# (parent, title, message): tell the user why nothing happened.
RefusalShower = Callable[[QWidget, str, str], None]


def needs_note(current: Status, target: Status) -> bool:
    """Resolving needs a resolution note; reopening (Resolved -> In progress) a reason."""
    return target is Status.RESOLVED or is_reopen(current, target)


class TransitionNoteDialog(QDialog):
    """Asks for the resolution note or the reason for reopening; refuses an empty one."""

    def __init__(
        self, current: Status, target: Status, ticket_label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.current, self.target = current, target
        reopen = is_reopen(current, target)
        self.setWindowTitle(
            (self.tr("Reopen {0}") if reopen else self.tr("Resolve {0}")).format(ticket_label)
        )
        self.prompt = QLabel(
            self.tr("Why is the ticket being reopened?")
            if reopen
            else self.tr("How was it resolved? The requester and colleagues read this.")
        )
        self.prompt.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            self.tr("Reason for reopening") if reopen else self.tr("Resolution note")
        )
        self.prompt.setBuddy(self.note_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Reopen") if reopen else self.tr("Resolve"))
        ok.setToolTip(self.tr("Ctrl+Enter"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        EnterKeyFilter(self, on_ctrl_enter=self.accept).watch(self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.note_edit, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(460, 260)
        self.note_edit.setFocus()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.note():
            self.error_label.setText(
                self.tr("Give a reason for reopening the ticket.")
                if is_reopen(self.current, self.target)
                else self.tr("Describe the resolution before resolving.")
            )
            self.error_label.show()
            self.note_edit.setFocus()
            return
        super().accept()


def ask_note_dialog(parent: QWidget, current: Status, target: Status, label: str) -> str | None:
    dialog = TransitionNoteDialog(current, target, label, parent)
    try:
        return dialog.note() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def show_refusal_box(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def ask_transition(
    parent: QWidget,
    tickets: TicketService,
    ticket_id: str,
    target: Status,
    *,
    ask_note: NoteAsker | None = None,
    show_refusal: RefusalShower | None = None,
) -> bool:
    """Ask for what the move needs, perform it, explain a refusal. True when the move is done."""
    ask_note = ask_note or ask_note_dialog
    show_refusal = show_refusal or show_refusal_box
    title = parent.tr("Cannot set the ticket to {0}").format(vocabulary(target.label))
    try:
        detail = tickets.get(ticket_id)
        current = Status(detail.status)
        # The rules first, so nobody writes a resolution note for a move that is refused anyway.
        placeholder = "-" if needs_note(current, target) else None
        check_transition(TransitionRequest(current, target, detail.assignee, placeholder))
    except (DomainError, StorageError) as exc:
        show_refusal(parent, title, error_text(exc))
        return False
    note: str | None = None
    if needs_note(current, target):
        note = ask_note(parent, current, target, f"{detail.display_number} {detail.title}")
        if note is None:
            return False
    try:
        tickets.transition(ticket_id, target, note)
    except (DomainError, StorageError) as exc:  # e.g. a change landed since the check
        show_refusal(parent, title, error_text(exc))
        return False
    return True
