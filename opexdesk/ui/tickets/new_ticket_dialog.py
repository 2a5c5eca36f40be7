"""The "New ticket" dialog (form from ui/new_ticket_dialog.ui).

OK asks the service to create the ticket; a refusal keeps the dialog open with the message
shown and the field it names framed and focused. Enter in the title moves on to the
description (a half-typed ticket is never created by reflex); Ctrl+Enter creates.

With a suggestion source, the classifier's suggestion follows the typed text (on a worker,
see suggestion_live.py), pre-fills the fields not set by hand (suggestion_fields.py), and
Ctrl+Shift+S applies all of it. On Create, every field the operator changed away from the
suggestion on display is recorded as a correction."""

from __future__ import annotations

import contextlib
import logging
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QSizePolicy, QWidget

from opexdesk.domain.enums import Priority
from opexdesk.domain.errors import DomainError
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.events import TicketChange
from opexdesk.services.tickets import TicketService
from opexdesk.services.vocabulary import FIELDS as VOCABULARY_FIELDS
from opexdesk.storage.errors import StorageError
from opexdesk.ui.forms.ui_new_ticket_dialog import Ui_NewTicketDialog
from opexdesk.ui.i18n import error_text, vocabulary
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
from opexdesk.ui.tickets.formatting import PRIORITY_COLORS, badge_style, level_text
from opexdesk.ui.tickets.keys import EnterKeyFilter
from opexdesk.ui.tickets.suggestion_fields import SUGGESTED_STYLE, SuggestedFields
from opexdesk.ui.tickets.suggestion_live import LearningSource, LiveSuggestions
from opexdesk.ui.triage.panels import SUGGESTED_FIELDS, SuggestionPanel, Suggestions

log = logging.getLogger(__name__)

DEFAULT_LEVEL = 3  # impact Moderate x urgency Medium until the user says otherwise
APPLY_KEY = "Ctrl+Shift+S"
_FIELD_TITLES = dict(SUGGESTED_FIELDS)


class NewTicketDialog(QDialog):
    """After ``exec()`` returns Accepted, ``created`` holds the new ticket's change."""

    def __init__(
        self,
        tickets: TicketService,
        parent: QWidget | None = None,
        suggester: LearningSource | None = None,
    ) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self.created: TicketChange | None = None
        self.ui = Ui_NewTicketDialog()
        self.ui.setupUi(self)
        self.setStyleSheet(SUGGESTED_STYLE + "\n" + INVALID_STYLE)
        matrix = tickets.matrix  # the matrix in force: its levels and labels
        self.editors = field_editors(self.ui, matrix)
        set_level(self.ui.impactCombo, min(DEFAULT_LEVEL, len(matrix.impacts)))
        set_level(self.ui.urgencyCombo, min(DEFAULT_LEVEL, len(matrix.urgencies)))
        self._fill_pick_lists()
        self.suggestions: SuggestedFields | None = None
        self.suggestion_panel: SuggestionPanel | None = None
        self.live: LiveSuggestions | None = None
        self.apply_action: QAction | None = None
        if suggester is not None:
            self._add_suggestions(suggester)

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
        draft = self.draft()
        try:
            self.created = self._tickets.create(draft)
        except (DomainError, StorageError) as exc:
            self._show_error(error_text(exc), getattr(exc, "field", None))
            return
        self._learn(draft.title, draft.description)
        super().accept()

    def done(self, result: int) -> None:
        if self.live is not None:
            self.live.shutdown()  # no suggestion arrives after the dialog closed
        super().done(result)

    def apply_suggestions(self) -> None:
        """Every suggested value into its field, also over values set by hand."""
        if self.suggestions is not None and self.suggestions.apply_all():
            self._note_filled()

    # ---- suggestions -------------------------------------------------------------------

    def _add_suggestions(self, suggester: LearningSource) -> None:
        combos = {n: w for n, w in self.editors.items() if isinstance(w, QComboBox)}
        self.suggestions = SuggestedFields(combos, parent=self)
        self.suggestions.operator_edited.connect(lambda _name: self._note_filled())
        panel = SuggestionPanel(
            self,
            title=self.tr("Suggestions ({0} applies all)").format(APPLY_KEY),
            value_text=partial(_value_text, self._tickets.matrix),
        )
        panel.setObjectName("suggestionPanel")
        panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        panel.setToolTip(
            self.tr(
                "Tinted fields were filled in from the suggestion; a field you set yourself "
                "is kept. {0} applies all suggestions."
            ).format(APPLY_KEY)
        )
        self.suggestion_panel = panel
        self.ui.mainLayout.insertWidget(1, panel)  # under the fields, above the error line
        self.resize(self.width(), self.height() + panel.sizeHint().height())

        action = QAction(self.tr("Apply all suggestions"), self)
        action.setShortcut(QKeySequence(APPLY_KEY))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(self.tr("Apply all suggestions ({0})").format(APPLY_KEY))
        action.triggered.connect(self.apply_suggestions)
        self.addAction(action)
        self.apply_action = action

        live = LiveSuggestions(suggester, self._typed_text, self)
        live.ready.connect(self._show_suggestion)
        live.failed.connect(self._suggestion_failed)
        live.emptied.connect(self._no_text)
        self.ui.titleEdit.textChanged.connect(live.text_changed)
        self.ui.descriptionEdit.textChanged.connect(live.text_changed)
        self.live = live
        self._no_text()

    def _typed_text(self) -> tuple[str, str]:
        return self.ui.titleEdit.text(), self.ui.descriptionEdit.toPlainText()

    def _show_suggestion(self, suggestion: Suggestions) -> None:
        assert self.suggestion_panel is not None and self.suggestions is not None
        self.suggestion_panel.show_suggestion(suggestion)
        self.suggestions.show(suggestion)
        self._note_filled()

    def _note_filled(self) -> None:
        """Name the fields the blue tint marks (the panel's own note when there are none)."""
        assert self.suggestion_panel is not None and self.suggestions is not None
        filled = self.suggestions.marked()
        if not filled:
            if self.suggestions.shown:
                self.suggestion_panel.note.setText("")
        else:
            names = ", ".join(self.tr(_FIELD_TITLES[n]) for n in filled)
            self.suggestion_panel.note.setText(
                self.tr("Filled in (blue): {0}. A value you set yourself is kept.").format(names)
            )

    def _suggestion_failed(self, reason: str) -> None:
        assert self.suggestion_panel is not None and self.suggestions is not None
        log.warning("suggestions unavailable: %s", reason)
        self.suggestion_panel.show_message(self.tr("Suggestions unavailable: {0}").format(reason))
        self.suggestions.clear()

    def _no_text(self) -> None:
        assert self.suggestion_panel is not None and self.suggestions is not None
        self.suggestion_panel.show_message(
            self.tr("Type a title or description: suggestions appear here.")
        )
        self.suggestions.clear()

    def _learn(self, title: str, description: str) -> None:
        """Record the operator's corrections of the suggestion (the ticket was created)."""
        if self.suggestions is None or self.live is None:
            return
        for field, value in self.suggestions.corrections():
            try:
                self.live.record(title, description, field, value)
            except Exception:  # learning is a bonus: the ticket is created either way
                log.exception("correction of %s not recorded", field)

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
        label = self._tickets.matrix.label("priority", int(priority))
        self.ui.priorityLabel.setText(self.tr("Priority: {0}").format(label))
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


def _value_text(matrix: PriorityMatrix, field: str, label: str) -> str:
    """Impact and urgency as in their combo boxes ("2 – High", the matrix's names), other
    labels as they are."""
    if field in ("impact", "urgency") and label.isdigit():
        return level_text(int(label), vocabulary(matrix.label(field, int(label))))
    return label
