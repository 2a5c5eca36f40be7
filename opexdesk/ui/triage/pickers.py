"""The triage window's pick list and its default suggestion source."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QInputDialog, QWidget

# (parent, title, choices, current) -> the chosen text, or None when cancelled.
Picker = Callable[[QWidget, str, list[str], str | None], str | None]


def pick_item(parent: QWidget, title: str, choices: list[str], current: str | None) -> str | None:
    """An editable pick list (type to filter or enter a new value), Enter to accept."""
    start = choices.index(current) if current in choices else 0
    text, ok = QInputDialog.getItem(parent, title, title, choices, start, True)
    return text.strip() or None if ok else None


class LazySuggester:
    """A classifier fetched on first use (on the worker: it loads numpy and the model),
    e.g. ``AppContext.classifier`` or ``TriageService.classifier``."""

    def __init__(self, provider: Callable[[], Any]) -> None:
        self._provider = provider

    def suggest(self, title: str | None, description: str | None = "") -> Any:
        return self._provider().suggest(title, description)

    def record_correction(
        self, title: str | None, description: str | None, field: str, label: str | int
    ) -> None:
        """The operator chose ``label`` where the suggestion said otherwise."""
        self._provider().record_correction(title, description, field, label)
