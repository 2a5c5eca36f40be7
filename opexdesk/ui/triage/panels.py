"""Side panels of the triage window: the classifier's suggestion, duplicate candidates and
the assignment suggestion. They only display; the window computes on workers and decides."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.triage import AssigneeSuggestion
from opexdesk.services.triage.candidates import DuplicateCandidate
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, shown_text


class FieldGuess(Protocol):
    """One suggested field (``ClassifierService``'s ``FieldSuggestion`` fits)."""

    @property
    def label(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def words(self) -> tuple[str, ...]: ...


class Suggestions(Protocol):
    """What a suggestion source returns (``TicketSuggestion`` fits)."""

    @property
    def fields(self) -> Mapping[str, FieldGuess]: ...


class SuggestionSource(Protocol):
    """The on-device classifier as the triage window uses it."""

    def suggest(self, title: str | None, description: str | None = "") -> Suggestions: ...


SUGGESTED_FIELDS = (
    ("category", QT_TRANSLATE_NOOP("SuggestionPanel", "Category")),
    ("impact", QT_TRANSLATE_NOOP("SuggestionPanel", "Impact")),
    ("urgency", QT_TRANSLATE_NOOP("SuggestionPanel", "Urgency")),
    ("group_name", QT_TRANSLATE_NOOP("SuggestionPanel", "Group")),
)


def _small(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    # Wrap to the panel's width instead of asking for the width of the longest line.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(40)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# (field, suggested label) -> the text shown, e.g. "2 – High" for impact "2".
ValueText = Callable[[str, str], str]


class SuggestionPanel(QGroupBox):
    """The classifier's guess per field with its confidence and the words that drove it.

    ``title`` names the key that applies it (the triage window's S by default);
    ``value_text`` formats a suggested label (the label itself by default)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        value_text: ValueText | None = None,
    ) -> None:
        super().__init__(title or self.tr("Suggestion (S applies it)"), parent)
        self._value_text: ValueText = value_text or (lambda _field, label: label)
        grid = QGridLayout(self)
        self.values: dict[str, QLabel] = {}
        self.words: dict[str, QLabel] = {}
        for row, (name, title) in enumerate(SUGGESTED_FIELDS):
            grid.addWidget(QLabel(self.tr(title)), row * 2, 0, Qt.AlignmentFlag.AlignTop)
            self.values[name] = _small("–")
            self.words[name] = _small("")
            self.words[name].setStyleSheet("color: palette(mid);")
            grid.addWidget(self.values[name], row * 2, 1)
            grid.addWidget(self.words[name], row * 2 + 1, 1)
        grid.setColumnStretch(1, 1)
        self.note = _small("")
        grid.addWidget(self.note, len(SUGGESTED_FIELDS) * 2, 0, 1, 2)
        self.current: dict[str, str] = {}

    def show_loading(self) -> None:
        self._clear(self.tr("Thinking…"))

    def show_message(self, text: str) -> None:
        self._clear(text)

    def show_suggestion(self, suggestion: Suggestions) -> None:
        self.current = {}
        for name, _title in SUGGESTED_FIELDS:
            guess = suggestion.fields.get(name)
            if guess is None:
                self.values[name].setText("–")
                self.words[name].setText("")
                continue
            self.current[name] = guess.label
            value = self._value_text(name, guess.label)
            self.values[name].setText(f"{value}  ({guess.confidence:.0%})")
            words = ", ".join(guess.words[:4])
            self.words[name].setText(self.tr("because of: {0}").format(words) if words else "")
        self.note.setText("" if self.current else self.tr("No suggestion for this text."))

    def _clear(self, note: str) -> None:
        self.current = {}
        for name, _title in SUGGESTED_FIELDS:
            self.values[name].setText("–")
            self.words[name].setText("")
        self.note.setText(note)


class DuplicatesPanel(QGroupBox):
    """Similar open tickets; the highlighted one is the target of D (mark as duplicate)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Possible duplicates (D marks; Alt+Up/Down picks)"), parent)
        # A handful of rows: a list widget is fine here (not a growing data list).
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay on the queue
        self.list.setMinimumHeight(110)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self.candidates: list[DuplicateCandidate] = []
        self.searching = False  # True from show_loading until the candidates arrive
        self._numbers: Mapping[str, str] = {}

    def show_loading(self) -> None:
        self.candidates = []
        self.searching = True
        self.list.clear()
        self.list.addItem(self.tr("Searching…"))

    def show_candidates(
        self, candidates: Sequence[DuplicateCandidate], numbers: Mapping[str, str]
    ) -> None:
        self.candidates = list(candidates)
        self.searching = False
        self._numbers = numbers
        self.list.clear()
        if not candidates:
            self.list.addItem(self.tr("No similar open tickets."))
            return
        for c in candidates:
            number = numbers.get(c.ticket_id, "")
            self.list.addItem(f"{c.score:.0%}  {number}  {c.title}")
            self.list.item(self.list.count() - 1).setToolTip(c.title)
        self.list.setCurrentRow(0)

    def step(self, delta: int) -> None:
        if self.candidates:
            row = max(0, min(len(self.candidates) - 1, self.list.currentRow() + delta))
            self.list.setCurrentRow(row)

    def chosen(self) -> DuplicateCandidate | None:
        row = self.list.currentRow()
        return self.candidates[row] if 0 <= row < len(self.candidates) else None


class AssignmentPanel(QGroupBox):
    """Who should take the ticket (A assigns them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Assignee suggestion (A assigns)"), parent)
        self.label = _small("–")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.suggestion: AssigneeSuggestion | None = None

    def show_suggestion(self, suggestion: AssigneeSuggestion | None) -> None:
        self.suggestion = suggestion
        if suggestion is None:
            self.label.setText("–")
        elif suggestion.username is None:
            self.label.setText(shown_text(suggestion.why or suggestion.reason))
        else:
            reason = shown_text(suggestion.why or suggestion.reason)
            self.label.setText(f"{suggestion.display_name} ({suggestion.username}): {reason}")
