"""The triage key map: single keys on the queue, as data (docs/triage.md and the shortcuts
dialog are built from the same table) and an event filter that dispatches them.

An event filter, not QActions: plain letters must act only while the queue has focus, and
they must work without depending on window activation (offscreen tests, a second window).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from opexdesk.ui.i18n import QT_TRANSLATE_NOOP

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@dataclass(frozen=True)
class Binding:
    key: Qt.Key
    modifiers: Qt.KeyboardModifier
    command: str  # a method name of TriageWindow's command table


BINDINGS: tuple[Binding, ...] = (
    Binding(K.Key_J, NONE, "next"),
    Binding(K.Key_K, NONE, "previous"),
    Binding(K.Key_1, NONE, "impact_1"),
    Binding(K.Key_2, NONE, "impact_2"),
    Binding(K.Key_3, NONE, "impact_3"),
    Binding(K.Key_4, NONE, "impact_4"),
    Binding(K.Key_5, NONE, "impact_5"),  # matrices have up to MAX_LEVELS (5) levels
    Binding(K.Key_Q, NONE, "urgency_1"),
    Binding(K.Key_W, NONE, "urgency_2"),
    Binding(K.Key_E, NONE, "urgency_3"),
    Binding(K.Key_R, NONE, "urgency_4"),
    Binding(K.Key_T, NONE, "urgency_5"),
    Binding(K.Key_C, NONE, "category"),
    Binding(K.Key_G, NONE, "group"),
    Binding(K.Key_M, NONE, "assign_me"),
    Binding(K.Key_A, NONE, "assign_suggested"),
    Binding(K.Key_S, NONE, "apply_suggestion"),
    Binding(K.Key_D, NONE, "mark_duplicate"),
    Binding(K.Key_P, NONE, "away"),
    Binding(K.Key_Down, ALT, "next_candidate"),
    Binding(K.Key_Up, ALT, "previous_candidate"),
    Binding(K.Key_Space, NONE, "toggle"),
    Binding(K.Key_A, CTRL, "select_all"),
    Binding(K.Key_Escape, NONE, "clear_selection"),
    Binding(K.Key_Z, CTRL, "undo"),
    Binding(K.Key_F5, NONE, "refresh"),
    Binding(K.Key_F1, NONE, "shortcuts"),
)

# (what, keys) rows for the shortcuts dialog and docs/triage.md.
KEY_ROWS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: next / previous ticket"), "J / K, Down / Up"),
    (
        QT_TRANSLATE_NOOP(
            "ShortcutsDialog",
            "Triage: impact 1 (most severe) … 5 (as many as the priority matrix has)",
        ),
        "1 2 3 4 5",
    ),
    (
        QT_TRANSLATE_NOOP(
            "ShortcutsDialog",
            "Triage: urgency 1 (most urgent) … 5 (as many as the priority matrix has)",
        ),
        "Q W E R T",
    ),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: category… / assignee group…"), "C / G"),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: assign to me / to the suggested person"),
        "M / A",
    ),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: apply the classifier's suggestion"), "S"),
    (
        QT_TRANSLATE_NOOP(
            "ShortcutsDialog", "Triage: mark as duplicate of the highlighted candidate"
        ),
        "D",
    ),
    (
        QT_TRANSLATE_NOOP(
            "ShortcutsDialog", "Triage: highlight next / previous duplicate candidate"
        ),
        "Alt+Down / Alt+Up",
    ),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: mark a person away / back (this device)…"), "P"),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: select for a bulk action (and move on)"),
        "Space",
    ),
    (
        QT_TRANSLATE_NOOP(
            "ShortcutsDialog", "Triage: select the whole queue / clear the selection"
        ),
        "Ctrl+A / Esc",
    ),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: undo the last triage action"), "Ctrl+Z"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: reload the queue"), "F5"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Triage: these keys"), "F1"),
)

_MODIFIERS = CTRL | ALT | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier


class TriageKeyFilter(QObject):
    """Calls ``commands[binding.command]()`` for a bound key press on the watched widget."""

    def __init__(self, parent: QObject, commands: Mapping[str, Callable[[], None]]) -> None:
        super().__init__(parent)
        missing = {b.command for b in BINDINGS} - set(commands)
        if missing:
            raise ValueError(f"no command for {sorted(missing)}")
        self._table = {(b.key, b.modifiers): commands[b.command] for b in BINDINGS}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        mods = event.modifiers() & _MODIFIERS
        command = self._table.get((Qt.Key(event.key()), Qt.KeyboardModifier(mods)))
        if command is None:
            return False
        command()
        return True
