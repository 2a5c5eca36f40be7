"""Enter-key handling for editors, as an event filter (works whatever the focus widget's own
key handling does, and without depending on window activation like QShortcut does)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterKeyFilter(QObject):
    """Calls ``on_ctrl_enter`` for Ctrl+Enter and ``on_enter`` for a plain Enter.

    A key with no callback passes through untouched. Install it on each editor concerned.
    """

    def __init__(
        self,
        parent: QObject,
        on_ctrl_enter: Callable[[], None] | None = None,
        on_enter: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_ctrl_enter = on_ctrl_enter
        self._on_enter = on_enter

    def watch(self, *objects: QObject) -> EnterKeyFilter:
        for obj in objects:
            obj.installEventFilter(self)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in _ENTER_KEYS:
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.ControlModifier and self._on_ctrl_enter:
            self._on_ctrl_enter()
            return True
        if modifiers == Qt.KeyboardModifier.NoModifier and self._on_enter:
            self._on_enter()
            return True
        return False
