"""Change notifications: operations publish what changed; views redraw only that."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TicketChange:
    """What one committed operation changed on one ticket."""

    ticket_id: str
    local_id: int
    action: str  # created, updated, transitioned, commented, work_logged, attached
    fields: tuple[str, ...] = ()


Listener = Callable[[TicketChange], None]


class ChangeNotifier:
    """A plain observer list (no Qt here); the UI adapts it to a signal."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: TicketChange) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a broken view must not undo a committed change
                log.exception("change listener failed for %s", change)


class Clock:
    """The source of "now" (injected so tests can control time)."""

    def now(self) -> datetime:
        return datetime.now(UTC)
