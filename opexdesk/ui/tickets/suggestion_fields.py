"""Pre-filling the new-ticket fields from the classifier's suggestion.

A field the operator has not set by hand follows the current suggestion when its confidence
is at least :data:`PREFILL_CONFIDENCE` and is tinted as "suggested"; otherwise it goes back
to its starting value. A field the operator has set is never overwritten, except by "apply
all" (an explicit request). What the operator changed away from a shown suggestion is what
the classifier learns from when the ticket is created.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox

from opexdesk.ui.tickets.fields_form import level_of, set_level
from opexdesk.ui.triage.panels import FieldGuess, Suggestions

SUGGESTED_FIELDS = ("category", "impact", "urgency", "group_name")
LEVEL_FIELDS = ("impact", "urgency")

# Calibrated confidence (docs/classify.md): at 0.5 the suggested label is at least as likely
# as all the others together, so a pre-filled value is more often right than wrong. The
# shipped model is that sure of category and group for most clear texts, rarely of impact
# (0.3-0.4 typically), which then keeps its default rather than a coin toss.
PREFILL_CONFIDENCE = 0.5

# A blue frame and tint on a field filled in from the suggestion (a border is needed for
# the background to show on a non-editable combo box). Put it before INVALID_STYLE so the
# red frame of an error wins.
SUGGESTED_STYLE = (
    'QComboBox[suggested="true"] { border: 1px solid #5b8dd6; border-radius: 3px;'
    " background-color: #e3edfb; padding: 1px 4px; }"
)


class Origin(StrEnum):
    """Who put a field's value there."""

    START = "start"  # the dialog's starting value (empty, or level 3)
    SUGGESTED = "suggested"  # filled in from a confident suggestion
    APPLIED = "applied"  # the operator applied the suggestion (Ctrl+Shift+S)
    OPERATOR = "operator"  # typed or picked by hand


class SuggestedFields(QObject):
    """The four suggested fields of a form: their origin, pre-fill and marks.
    ``operator_edited(field)`` when the operator sets one by hand."""

    operator_edited = Signal(str)

    def __init__(
        self,
        editors: Mapping[str, QComboBox],
        threshold: float = PREFILL_CONFIDENCE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editors = {name: editors[name] for name in SUGGESTED_FIELDS}
        self.threshold = threshold
        self.origin = dict.fromkeys(SUGGESTED_FIELDS, Origin.START)
        self.shown: dict[str, str] = {}  # field -> label of the suggestion on display
        self._guesses: dict[str, FieldGuess] = {}
        self._start = {name: self.value(name) for name in SUGGESTED_FIELDS}
        self._setting = False  # our own writes are not the operator's edits
        for name, combo in self.editors.items():
            if name in LEVEL_FIELDS:
                combo.currentIndexChanged.connect(lambda _i, n=name: self._edited(n))
            else:
                combo.editTextChanged.connect(lambda _t, n=name: self._edited(n))

    def value(self, name: str) -> str:
        """The field's value as a suggestion label ("3" for a level)."""
        combo = self.editors[name]
        if name in LEVEL_FIELDS:
            return str(level_of(combo))
        return " ".join(combo.currentText().split())

    def is_marked(self, name: str) -> bool:
        return bool(self.editors[name].property("suggested"))

    def marked(self) -> list[str]:
        return [name for name in SUGGESTED_FIELDS if self.is_marked(name)]

    def show(self, suggestion: Suggestions) -> None:
        """A new suggestion: pre-fill the fields the operator has not set."""
        self._guesses = {
            n: g for n, g in suggestion.fields.items() if n in self.editors and _fits(n, g.label)
        }
        self.shown = {n: g.label for n, g in self._guesses.items()}
        for name in SUGGESTED_FIELDS:
            if self.origin[name] in (Origin.OPERATOR, Origin.APPLIED):
                continue
            guess = self._guesses.get(name)
            if guess is not None and guess.confidence >= self.threshold:
                self._put(name, guess.label, Origin.SUGGESTED)
            else:
                self._restore(name)

    def clear(self) -> None:
        """No suggestion stands (empty text, classifier unavailable)."""
        self._guesses, self.shown = {}, {}
        for name in SUGGESTED_FIELDS:
            if self.origin[name] is Origin.SUGGESTED:
                self._restore(name)

    def apply_all(self) -> list[str]:
        """Every shown suggestion into its field, over the operator's values too; returns
        the fields set. Those fields then keep their value as the operator's choice."""
        for name, guess in self._guesses.items():
            self._put(name, guess.label, Origin.APPLIED)
        return list(self._guesses)

    def corrections(self) -> list[tuple[str, str | int]]:
        """(field, value) for each field the operator set to something other than the
        suggestion on display; levels as int."""
        out: list[tuple[str, str | int]] = []
        for name, label in self.shown.items():
            value = self.value(name)
            if self.origin[name] is Origin.OPERATOR and value and value != label:
                out.append((name, int(value) if name in LEVEL_FIELDS else value))
        return out

    # ---- internals ---------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        if self._setting:
            return
        self.origin[name] = Origin.OPERATOR
        self._mark(name, None)
        self.operator_edited.emit(name)

    def _put(self, name: str, label: str, origin: Origin) -> None:
        self._write(name, label)
        self.origin[name] = origin
        self._mark(name, self._guesses.get(name))

    def _restore(self, name: str) -> None:
        if self.origin[name] is Origin.SUGGESTED:
            self._write(name, self._start[name])
        self.origin[name] = Origin.START
        self._mark(name, None)

    def _write(self, name: str, label: str) -> None:
        combo = self.editors[name]
        self._setting = True
        try:
            if name in LEVEL_FIELDS:
                set_level(combo, int(label))
            else:
                combo.setEditText(label)
                line = combo.lineEdit()
                if line is not None:
                    line.setCursorPosition(0)
        finally:
            self._setting = False

    def _mark(self, name: str, guess: FieldGuess | None) -> None:
        combo = self.editors[name]
        marked = guess is not None
        if marked and guess is not None:
            words = ", ".join(guess.words[:4])
            tip = self.tr("Suggested ({0:.0%} sure)").format(guess.confidence)
            if words:
                tip += self.tr(", because of: {0}").format(words)
            tip += self.tr(". Change it to use your own value.")
            combo.setToolTip(tip)
        else:
            combo.setToolTip("")
        combo.setAccessibleDescription(self.tr("suggested value") if marked else "")
        if bool(combo.property("suggested")) != marked:
            combo.setProperty("suggested", marked)
            combo.style().unpolish(combo)  # re-evaluate the [suggested="true"] rule
            combo.style().polish(combo)


def _fits(name: str, label: str) -> bool:
    """A level field takes only "1".."4"; a text field any non-empty label."""
    if name in LEVEL_FIELDS:
        return label in {"1", "2", "3", "4"}
    return bool(label.strip())
