"""Adapts the services' plain-Python ChangeNotifier to a Qt signal.

Listeners of the notifier are called on whichever thread committed the change (a worker,
later the sync client). Emitting a Qt signal from there queues the delivery onto the GUI
thread, where the receiving views live, so views never run on a foreign thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from opexdesk.services.events import ChangeNotifier, TicketChange

log = logging.getLogger(__name__)


class NotifierBridge(QObject):
    """Signals:
    changed(TicketChange): one committed operation, delivered on this object's thread.
    """

    changed = Signal(object)

    def __init__(self, notifier: ChangeNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = notifier.subscribe(self._publish)

    def _publish(self, change: TicketChange) -> None:
        if self._unsubscribe is None:
            return
        try:
            self.changed.emit(change)
        except RuntimeError:  # the Qt side is already gone (window closed)
            log.debug("change %s arrived after the UI closed", change)

    def close(self) -> None:
        """Stop listening (the notifier outlives the window)."""
        if self._unsubscribe is not None:
            unsubscribe, self._unsubscribe = self._unsubscribe, None
            unsubscribe()
