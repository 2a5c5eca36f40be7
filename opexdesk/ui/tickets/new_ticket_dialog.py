"""The "New ticket" dialog (form from ui/new_ticket_dialog.ui).

OK asks the service to create the ticket; a refusal keeps the dialog open with the message
shown and the field it names framed and focused. Enter in the title moves on to the
description (a half-typed ticket is never created by reflex); Ctrl+Enter creates."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QWidget

from opexdesk.domain.enums import Priority
from opexdesk.domain.errors import DomainError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.events import TicketChange
from opexdesk.services.tickets import TicketService
from opexdesk.services.vocabulary import FIELDS as VOCABULARY_FIELDS
from opexdesk.storage.errors import StorageError
from opexdesk.ui.forms.ui_new_ticket_dialog import Ui_NewTicketDialog
from opexdesk.ui.tickets.fields_form import (
    INVALID_STYLE,
    Editor,
    editor_text,
    field_editors,
    fill_choices,
    level_of,
    set_invalid,
    set_level,
)
from opexdesk.ui.tickets.formatting import PRIORITY_COLORS, badge_style
from opexdesk.ui.tickets.keys import EnterKeyFilter

DEFAULT_LEVEL = 3  # impact Moderate x urgency Medium until the user says otherwise


class NewTicketDialog(QDialog):
    """After ``exec()`` returns Accepted, ``created`` holds the new ticket's change."""

    def __init__(self, tickets: TicketService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self.created: TicketChange | None = None
        self.ui = Ui_NewTicketDialog()
        self.ui.setupUi(self)
        self.setStyleSheet(INVALID_STYLE)
        self.editors = field_editors(self.ui)
        set_level(self.ui.impactCombo, DEFAULT_LEVEL)
        set_level(self.ui.urgencyCombo, DEFAULT_LEVEL)
        self._fill_pick_lists()

        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create"))
        ok.setToolTip(self.tr("Create the ticket (Ctrl+Enter)"))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.impactCombo.currentIndexChanged.connect(self._update_priority)
        self.ui.urgencyCombo.currentIndexChanged.connect(self._update_priority)
        for name, widget in self.editors.items():
            self._connect_edit(name, widget)
        # Enter in the title goes on to the description; Ctrl+Enter anywhere creates.
        EnterKeyFilter(self, on_enter=self._title_enter, on_ctrl_enter=self.accept).watch(
            self.ui.titleEdit
        )
        EnterKeyFilter(self, on_ctrl_enter=self.accept).watch(
            *(w for n, w in self.editors.items() if n != "title")
        )
        self._update_priority()
        self.ui.titleEdit.setFocus()

    # ---- public API --------------------------------------------------------------------

    def draft(self) -> TicketDraft:
        """What the user has entered (raw text; the service validates and cleans it)."""

        def text(name: str) -> str:
            return editor_text(self.editors[name])

        return TicketDraft(
            title=text("title"),
            description=text("description"),
            requester=text("requester"),
            site=text("site"),
            category=text("category"),
            impact=level_of(self.ui.impactCombo),
            urgency=level_of(self.ui.urgencyCombo),
            assignee=text("assignee"),
            group_name=text("group_name"),
        )

    def priority(self) -> Priority:
        return self._tickets.matrix.priority_for(
            level_of(self.ui.impactCombo), level_of(self.ui.urgencyCombo)
        )

    def error_text(self) -> str:
        return self.ui.errorLabel.text() if not self.ui.errorLabel.isHidden() else ""

    def accept(self) -> None:
        """Create the ticket; on refusal stay open, say why and focus the field named."""
        if self.created is not None:  # Ctrl+Enter twice must not create two tickets
            return
        try:
            self.created = self._tickets.create(self.draft())
        except (DomainError, StorageError) as exc:
            self._show_error(str(exc), getattr(exc, "field", None))
            return
        super().accept()

    # ---- internals ---------------------------------------------------------------------

    def _fill_pick_lists(self) -> None:
        choices: dict[str, list[str]] = {}
        # A pick list is a convenience: if it cannot be read, typing still works.
        with contextlib.suppress(StorageError):
            choices = self._tickets.vocabularies(VOCABULARY_FIELDS)
        for name in VOCABULARY_FIELDS:
            combo = self.editors.get(name)
            if isinstance(combo, QComboBox):
                fill_choices(combo, choices.get(name, []))
                combo.setEditText("")

    def _connect_edit(self, name: str, widget: Editor) -> None:
        def edited() -> None:
            set_invalid(widget, False)

        if isinstance(widget, QComboBox):
            if widget.isEditable():
                widget.editTextChanged.connect(edited)
            else:
                widget.currentIndexChanged.connect(edited)
        else:
            widget.textChanged.connect(edited)

    def _title_enter(self) -> None:
        self.ui.descriptionEdit.setFocus()

    def _update_priority(self) -> None:
        priority = self.priority()
        background, foreground = PRIORITY_COLORS.get(int(priority), ("#9e9e9e", "#ffffff"))
        self.ui.priorityLabel.setText(self.tr("Priority: {0}").format(priority.label))
        self.ui.priorityLabel.setStyleSheet(badge_style(background, foreground))

    def _show_error(self, message: str, field: str | None) -> None:
        for editor in self.editors.values():
            set_invalid(editor, False)
        self.ui.errorLabel.setText(message)
        self.ui.errorLabel.show()
        named = self.editors.get(field or "")
        if named is not None:
            set_invalid(named, True)
            named.setFocus()
