"""Keeps a dashboard's metrics state current: one full build per window/filter choice, then
per-ticket updates from the change notifications, coalesced into a few redraws a second.

The state lives on one worker thread (a single-thread pool, so tasks run one after another
and never race): builds, reads of changed tickets and read-outs all run there. The GUI
thread only collects changed ticket ids and draws the immutable snapshots that come back, so
a burst of 1,000 changes costs it a handful of redraws, not 1,000.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from opexdesk.services.events import TicketChange
from opexdesk.services.metrics import (
    Filters,
    MetricsService,
    MetricsSnapshot,
    MetricsState,
    Window,
    apply_all,
    read_out,
)
from opexdesk.ui.i18n import error_text
from opexdesk.ui.workers import Call, Worker

log = logging.getLogger(__name__)

REDRAW_MS = 250  # at most four redraws a second, however many changes arrive
TICK_MS = 30_000  # ages and breach counts move with time: redraw twice a minute anyway


class DashboardController(QObject):
    """Signals:
    snapshot_ready(MetricsSnapshot): new numbers to draw.
    busy_changed(bool): a full build started / finished.
    failed(str): a build or update could not be read (the last numbers stay).
    """

    snapshot_ready = Signal(object)
    busy_changed = Signal(bool)
    failed = Signal(str)

    def __init__(
        self, service: MetricsService, parent: QObject | None = None, redraw_ms: int = REDRAW_MS
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._worker = Worker(self)  # one thread: the state's only owner
        self._state: MetricsState | None = None  # what is shown (window + filters)
        self._base: MetricsState | None = None  # unfiltered: filters and inner windows
        self._generation = 0  # bumped per build: results of an older one are dropped
        self._pending: set[str] = set()
        self._in_flight = False
        self._building = False
        self.updates_applied = 0  # tickets whose change reached the state (tests, bench)
        self.last_snapshot: MetricsSnapshot | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(redraw_ms)
        self._flush_timer.timeout.connect(self._flush)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.redraw)

    @property
    def service(self) -> MetricsService:
        return self._service

    @property
    def building(self) -> bool:
        return self._building

    @property
    def pending(self) -> int:
        return len(self._pending)

    def rebuild(self, window: Window, filters: Filters, force: bool = False) -> None:
        """New numbers for a window and filter set (on the worker). A filter change or a
        window inside the last one built is derived from the facts in memory; otherwise, or
        with ``force`` (pulled changes, Refresh), everything is read again."""
        self._generation += 1
        generation = self._generation
        self._building = True
        self.busy_changed.emit(True)
        service = self._service

        def build() -> MetricsSnapshot:
            base = self._base
            if force or base is None or not base.covers(window):
                base = service.build(window, Filters())
                self._base = base  # on the worker thread: the next queued task sees it
            narrow = filters != Filters() or base.window != window
            self._state = base.narrowed(window, filters) if narrow else base
            return read_out(self._state, service.now())

        self._worker.run(build, lambda call: self._built(call, generation))
        self._tick.start()

    def ticket_changed(self, change: TicketChange) -> None:
        """One committed change: remember the ticket; the next flush reads it."""
        self._pending.add(change.ticket_id)
        if not self._flush_timer.isActive() and not self._in_flight:
            self._flush_timer.start()

    def redraw(self) -> None:
        """A new read-out of the current state (time moved, or asked for)."""
        if self._state is None or self._in_flight:
            return
        self._run_update(set())

    def shutdown(self) -> None:
        self._flush_timer.stop()
        self._tick.stop()
        self._worker.shutdown()

    # ---- internals ---------------------------------------------------------------------

    def _flush(self) -> None:
        if self._in_flight or self._building or not self._pending or self._state is None:
            return
        ids, self._pending = self._pending, set()
        self._run_update(ids)

    def _run_update(self, ids: set[str]) -> None:
        self._in_flight = True
        generation = self._generation
        service = self._service

        def update() -> tuple[int, MetricsSnapshot | None]:
            state, base = self._state, self._base
            if state is None:
                return 0, None
            applied = 0
            if ids:
                facts = service.facts_of(ids)
                applied = apply_all(state, facts)
                if base is not None and base is not state:
                    apply_all(base, facts)
            return applied, read_out(state, service.now())

        self._worker.run(update, lambda call: self._updated(call, generation, len(ids)))

    def _built(self, call: Call, generation: int) -> None:
        if generation != self._generation:
            return
        self._building = False
        self.busy_changed.emit(False)
        if call.error is not None:
            self.failed.emit(
                self.tr("The dashboard could not be built: {0}").format(error_text(call.error))
            )
            return
        self._publish(call.result)
        if self._pending:  # changes that came in during the build
            self._flush_timer.start()

    def _updated(self, call: Call, generation: int, count: int) -> None:
        self._in_flight = False
        if call.error is not None:
            self.failed.emit(
                self.tr("The dashboard could not be updated: {0}").format(error_text(call.error))
            )
        elif generation == self._generation and call.result[1] is not None:
            self.updates_applied += count
            self._publish(call.result[1])
        if self._pending and not self._flush_timer.isActive():
            self._flush_timer.start()

    def _publish(self, snapshot: MetricsSnapshot) -> None:
        self.last_snapshot = snapshot
        self.snapshot_ready.emit(snapshot)

    def now(self) -> datetime:
        return self._service.now()
