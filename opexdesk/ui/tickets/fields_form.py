"""The ticket's editable fields (from ui/ticket_fields.ui) and helpers shared with the
new-ticket dialog: level combos, pick lists, error highlighting, value normalisation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from opexdesk.domain.errors import ValidationError
from opexdesk.domain.priority import DEFAULT_MATRIX, MatrixSource, PriorityMatrix, matrix_source
from opexdesk.services.ticket_views import TicketDetail
from opexdesk.ui.forms.ui_ticket_fields import Ui_TicketFields
from opexdesk.ui.i18n import error_text, vocabulary
from opexdesk.ui.tickets.formatting import PRIORITY_COLORS, badge_style, level_text

Editor = QLineEdit | QPlainTextEdit | QComboBox

SHORT_FIELDS = ("requester", "site", "category", "assignee", "group_name")
FORM_FIELDS = ("title", "description", *SHORT_FIELDS, "impact", "urgency")

# A red frame on the field the last error names; set on the form, matched by property.
INVALID_STYLE = (
    'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"]'
    " { border: 2px solid #b3261e; border-radius: 3px; }"
)


# Both Designer forms (ticket_fields.ui, new_ticket_dialog.ui) name their editors alike.
EDITOR_NAMES = {
    "title": "titleEdit",
    "description": "descriptionEdit",
    "requester": "requesterCombo",
    "site": "siteCombo",
    "category": "categoryCombo",
    "assignee": "assigneeCombo",
    "group_name": "groupCombo",
    "impact": "impactCombo",
    "urgency": "urgencyCombo",
}


def field_editors(ui: object, matrix: PriorityMatrix = DEFAULT_MATRIX) -> dict[str, Editor]:
    """Ticket field -> its editor in a generated form, with the level combos filled with the
    levels and labels of ``matrix`` (the matrix in force)."""
    editors: dict[str, Editor] = {field: getattr(ui, name) for field, name in EDITOR_NAMES.items()}
    fill_levels(editors["impact"], matrix, "impact")  # type: ignore[arg-type]
    fill_levels(editors["urgency"], matrix, "urgency")  # type: ignore[arg-type]
    return editors


def fill_levels(combo: QComboBox, matrix: PriorityMatrix, axis: str) -> None:
    """One item per level of ``axis`` in ``matrix`` ("2 – High"), keeping the chosen level
    when it still exists; nothing happens when the items are already these."""
    texts = [level_text(n, vocabulary(matrix.label(axis, n))) for n in matrix.levels(axis)]
    if [combo.itemText(i) for i in range(combo.count())] == texts:
        return
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for n, text in enumerate(texts, start=1):
        combo.addItem(text, n)
    combo.blockSignals(False)
    if chosen is not None:
        set_level(combo, int(chosen))


def set_level(combo: QComboBox, value: int) -> None:
    """Choose ``value``; a level the combo lacks (a matrix that changed since) is added
    under its number rather than silently replaced by another level."""
    index = combo.findData(int(value))
    if index < 0:
        combo.addItem(str(int(value)), int(value))
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def level_of(combo: QComboBox) -> int:
    return int(combo.currentData())


def fill_choices(combo: QComboBox, values: list[str]) -> None:
    """Replace an editable combo's pick list, keeping what the user has typed."""
    if [combo.itemText(i) for i in range(combo.count())] == values:
        return
    text = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(values)
    combo.setCurrentIndex(-1)
    combo.setEditText(text)
    show_start(combo)
    combo.blockSignals(False)


def show_start(combo: QComboBox) -> None:
    """Show the start of a long value, not its end (Qt leaves the cursor at the end)."""
    line_edit = combo.lineEdit()
    if line_edit is not None:
        line_edit.setCursorPosition(0)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)  # re-evaluate the [invalid="true"] style rule
    widget.style().polish(widget)


def normalized(field: str, value: Any) -> Any:
    """The value as the service will store it, for "did it change?" comparisons only."""
    if field in ("impact", "urgency"):
        return int(value)
    if field == "description":
        return (value or "").replace("\r\n", "\n").strip()
    text = " ".join((value or "").split())
    return text or (None if field in SHORT_FIELDS else "")


def editor_text(widget: Editor) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text()


class TicketFieldsForm(QWidget):
    """Edits one ticket's fields against a base (the values last loaded from the store).

    ``changed_fields()`` is what Save sends: only fields whose value differs from the base.
    Signals: ``dirty_changed(bool)``; the Save/Revert buttons are exposed as ``save_button``
    and ``revert_button`` for the pane to connect.
    """

    dirty_changed = Signal(bool)
    override_requested = Signal()

    def __init__(
        self, matrix: PriorityMatrix | MatrixSource, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._matrix_source = matrix_source(matrix)  # the shared matrix may change
        self.ui = Ui_TicketFields()
        self.ui.setupUi(self)
        self.setStyleSheet(INVALID_STYLE)
        self.save_button = self.ui.saveButton
        self.revert_button = self.ui.revertButton
        self.editors = field_editors(self.ui, self._matrix_source())
        self._base: dict[str, Any] = {}
        self._priority = 3
        self._override: str | None = None
        self._dirty = False
        self._loading = False
        self.ui.errorLabel.hide()
        self._add_override_button()
        self.ui.titleEdit.textChanged.connect(lambda: self._edited("title"))
        self.ui.descriptionEdit.textChanged.connect(lambda: self._edited("description"))
        for name in SHORT_FIELDS:
            combo = self.editors[name]
            assert isinstance(combo, QComboBox)
            combo.editTextChanged.connect(lambda _t, n=name: self._edited(n))
        for name in ("impact", "urgency"):
            combo = self.editors[name]
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._edited(n))
        self._set_dirty(False, force=True)

    # ---- loading -----------------------------------------------------------------------

    def set_choices(self, field: str, values: list[str]) -> None:
        combo = self.editors[field]
        assert isinstance(combo, QComboBox)
        self._loading = True  # a pick-list refresh is not a user edit
        try:
            fill_choices(combo, values)
        finally:
            self._loading = False

    def load(self, detail: TicketDetail) -> None:
        """Show ``detail`` and make it the base; unsaved edits and errors are dropped."""
        self._loading = True
        try:
            self._base = {name: normalized(name, getattr(detail, name)) for name in FORM_FIELDS}
            self._priority, self._override = detail.priority, detail.priority_override_reason
            self.ui.titleEdit.setText(detail.title)
            self.ui.descriptionEdit.setPlainText(detail.description)
            for name in SHORT_FIELDS:
                combo = self.editors[name]
                assert isinstance(combo, QComboBox)
                combo.setEditText(getattr(detail, name) or "")
                show_start(combo)
            matrix = self._matrix_source()  # an administrator may have changed it
            fill_levels(self.ui.impactCombo, matrix, "impact")
            fill_levels(self.ui.urgencyCombo, matrix, "urgency")
            set_level(self.ui.impactCombo, detail.impact)
            set_level(self.ui.urgencyCombo, detail.urgency)
        finally:
            self._loading = False
        self.clear_error()
        self._update_priority()
        self._set_dirty(False)

    def rebase(self, detail: TicketDetail) -> None:
        """Adopt ``detail`` as the base but keep the form's values (edits stay edits)."""
        self._base = {name: normalized(name, getattr(detail, name)) for name in FORM_FIELDS}
        self._priority, self._override = detail.priority, detail.priority_override_reason
        self._update_priority()
        self._set_dirty(bool(self.changed_fields()))

    # ---- reading -----------------------------------------------------------------------

    def base(self) -> dict[str, Any]:
        return dict(self._base)

    def raw_value(self, field: str) -> Any:
        widget = self.editors[field]
        if field in ("impact", "urgency"):
            assert isinstance(widget, QComboBox)
            return level_of(widget)
        return editor_text(widget)

    def values(self) -> dict[str, Any]:
        """The form's values, normalised like the store keeps them."""
        return {name: normalized(name, self.raw_value(name)) for name in FORM_FIELDS}

    def changed_fields(self) -> dict[str, Any]:
        """Fields that differ from the base, with the user's raw text (the service cleans)."""
        current = self.values()
        return {
            name: self.raw_value(name)
            for name in FORM_FIELDS
            if self._base and current[name] != self._base[name]
        }

    def is_dirty(self) -> bool:
        return self._dirty

    # ---- errors ------------------------------------------------------------------------

    def show_error(self, error: Exception | str, field: str | None = None) -> None:
        """Show ``error`` under the form; frame and focus the field it names, if any."""
        field = field or getattr(error, "field", None)
        self.clear_error()
        self.ui.errorLabel.setText(error if isinstance(error, str) else error_text(error))
        self.ui.errorLabel.show()
        widget = self.editors.get(field or "")
        if widget is not None:
            set_invalid(widget, True)
            widget.setFocus()

    def clear_error(self) -> None:
        self.ui.errorLabel.clear()
        self.ui.errorLabel.hide()
        for widget in self.editors.values():
            set_invalid(widget, False)

    def error_text(self) -> str:
        return self.ui.errorLabel.text() if not self.ui.errorLabel.isHidden() else ""

    def invalid_fields(self) -> list[str]:
        return [name for name, w in self.editors.items() if w.property("invalid")]

    def derived_priority(self) -> int:
        """What impact x urgency on the form give (whatever the override says)."""
        impact, urgency = level_of(self.ui.impactCombo), level_of(self.ui.urgencyCombo)
        return int(self._matrix_source().priority_for(impact, urgency))

    def shown_priority(self) -> tuple[int, str | None]:
        return self._priority, self._override

    # ---- internals ---------------------------------------------------------------------

    def _add_override_button(self) -> None:
        """An "Override…" button beside the priority badge (Ctrl+Shift+P): the priority set by
        hand, with a reason."""
        self.override_button = QPushButton(self.tr("Override…"))
        self.override_button.setToolTip(
            self.tr("Set the priority by hand, with a reason (Ctrl+Shift+P)")
        )
        self.override_button.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.override_button.clicked.connect(self.override_requested)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        layout = self.ui.fieldsLayout
        layout.removeWidget(self.ui.priorityValue)
        # Why the priority was set by hand, elided when long (the tooltip has it whole).
        self.override_note = QLabel()
        self.override_note.setStyleSheet("color: #6d4c41; font-style: italic;")
        self.override_note.setMinimumWidth(40)
        self.override_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.ui.priorityValue)
        row.addWidget(self.override_button)
        row.addWidget(self.override_note, 1)
        layout.addLayout(row, 5, 1, 1, 1)

    def _edited(self, field: str) -> None:
        if self._loading:
            return
        set_invalid(self.editors[field], False)
        if field in ("impact", "urgency"):
            self._update_priority()
        self._set_dirty(bool(self.changed_fields()))

    def _update_priority(self) -> None:
        matrix = self._matrix_source()
        if self._override:
            # An overridden priority is locked: the matrix does not move it.
            priority = self._priority
            self.override_note.setText(self.tr("set by hand: {0}").format(self._override))
        else:
            impact, urgency = level_of(self.ui.impactCombo), level_of(self.ui.urgencyCombo)
            try:
                priority = int(matrix.priority_for(impact, urgency))
            except ValidationError:  # a level the matrix in force lacks: show the stored one
                priority = self._priority
            self.override_note.clear()
        self.override_note.setToolTip(self.override_note.text())
        background, foreground = PRIORITY_COLORS.get(priority, ("#9e9e9e", "#ffffff"))
        self.ui.priorityValue.setText(matrix.label("priority", priority))
        self.ui.priorityValue.setStyleSheet(badge_style(background, foreground))

    def _set_dirty(self, dirty: bool, force: bool = False) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty or force:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
