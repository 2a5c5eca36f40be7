"""Runs sync rounds in the background and tells the window what happened.

Rounds run one at a time on an owned worker thread (``ui/workers.py``); a single-shot
QTimer waits the delay ``SyncRunner`` plans. A local change (through the ChangeNotifier),
"Sync now" (F9) and the server's live change stream bring the next round forward. After a
round that brought changes, ``data_changed`` asks the window to refresh (like F5).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from opexdesk.app import SyncServices
from opexdesk.services.events import ChangeNotifier, TicketChange
from opexdesk.services.sync.progress import RoundCancelled, SyncProgress
from opexdesk.services.sync.runner import Outcome, RoundResult
from opexdesk.services.sync.session import SessionState
from opexdesk.services.sync.status import LiveState, SyncStatus
from opexdesk.ui.i18n import error_text
from opexdesk.ui.workers import Call, Worker

log = logging.getLogger(__name__)

LIVE_RETRY_S = 15.0


class SyncController(QObject):
    """Signals:
    status_changed(SyncStatus): a new snapshot for the status bar.
    round_finished(RoundResult): one round ended (any outcome).
    data_changed(): a round wrote server changes into the database: refresh the views.
    progress(object): a SyncProgress of the running round, or None when it ended.
    session_changed(): signed in or out (menus enable/disable).
    """

    status_changed = Signal(object)
    round_finished = Signal(object)
    data_changed = Signal()
    progress = Signal(object)
    session_changed = Signal()
    _local = Signal()  # from whichever thread committed a change
    _remote = Signal(int)  # from the live stream's thread

    def __init__(
        self, sync: SyncServices, notifier: ChangeNotifier, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sync = sync
        self._runner = sync.runner
        self._session = sync.session
        self._round_worker = Worker(self)
        self._status_worker = Worker(self)
        self.session_worker = Worker(self)  # sign-in / sign-out / restore: never behind a round
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._syncing = False
        self._again = False  # "sync now" while a round runs: one more round after it
        self._cancel = threading.Event()
        self._closed = False
        self._live_stop: threading.Event | None = None
        self._live_thread: threading.Thread | None = None
        self.status: SyncStatus | None = None
        self._local.connect(self._local_change)
        self._remote.connect(self._remote_change)
        self._unsubscribe: Callable[[], None] | None = notifier.subscribe(self._on_notified)

    # ---- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Restore a saved sign-in (keyring on a worker; nothing when none is configured)."""
        self.refresh_status()
        self.session_worker.run(self._session.restore, self._restored)

    def shutdown(self) -> None:
        """Stop timers and threads (before the database closes)."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._cancel.set()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.stop_live()
        for worker in (self._round_worker, self._status_worker, self.session_worker):
            worker.shutdown()

    @property
    def syncing(self) -> bool:
        return self._syncing

    @property
    def signed_in(self) -> bool:
        return self._session.signed_in

    def next_round_in_ms(self) -> int | None:
        return self._timer.remainingTime() if self._timer.isActive() else None

    # ---- actions -------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self._closed or not self._session.signed_in:
            self.refresh_status()
            return
        if self._syncing:
            self._again = True
            return
        self._timer.stop()
        self._syncing = True
        self._again = False
        self._cancel.clear()
        self.refresh_status()
        runner = self._runner
        self._round_worker.run(lambda: runner.run_round(self._on_progress), self._round_done)

    def cancel_round(self) -> None:
        """Stop the running round after the page it is on (each page is its own commit)."""
        self._cancel.set()

    def signed_in_now(self) -> None:
        """The sign-in dialog succeeded: sync at once."""
        self._runner.reset()
        self.session_changed.emit()
        self.sync_now()

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None:
        self._timer.stop()
        self.stop_live()

        def done(_call: Call) -> None:
            self.session_changed.emit()
            self.refresh_status()
            if on_done is not None:
                on_done()

        self.session_worker.run(self._session.sign_out, done)

    def refresh_status(self) -> None:
        """Read a new snapshot on a worker; ``status_changed`` brings it."""
        if self._closed:
            return
        live = self._live_state()
        reader = self._sync.status
        self._status_worker.run(lambda: reader.read(live), self._status_read)

    def remote_changed(self, seq: int) -> None:
        """Hook for the live change stream (any thread): the server has changes up to seq."""
        try:
            self._remote.emit(seq)
        except RuntimeError:  # the controller is gone
            log.debug("live change %s after shutdown", seq)

    # ---- live change stream --------------------------------------------------------------

    def start_live(self) -> bool:
        """Listen to the server's change stream in its own thread (after a good round)."""
        api = self._session.api
        if self._live_thread is not None or api is None or self._closed:
            return False
        from opexdesk.services.sync.live import LiveChanges  # httpx: only once signed in

        stop = threading.Event()

        def listen() -> None:
            while not stop.is_set():
                try:
                    LiveChanges(api).listen(self.remote_changed, stop)
                except Exception as exc:  # offline, a restart, a lost sign-in: rounds go on
                    log.info("live changes stopped: %s", exc)
                stop.wait(LIVE_RETRY_S)

        self._live_stop = stop
        self._live_thread = threading.Thread(target=listen, name="opexdesk-live", daemon=True)
        self._live_thread.start()
        return True

    def stop_live(self) -> None:
        if self._live_stop is not None:
            self._live_stop.set()
        if self._live_thread is not None:
            self._live_thread.join(timeout=2)
        self._live_stop = self._live_thread = None

    # ---- internals -----------------------------------------------------------------------

    def _live_state(self) -> LiveState:
        last = self._runner.last
        return LiveState(
            signed_in=self._session.signed_in,
            syncing=self._syncing,
            last_outcome=last.outcome if last else None,
            last_message=last.message if last else None,
            last_template=last.template if last else None,
            last_params=last.params if last else {},
            auth_needed=self._session.state == SessionState.AUTH_NEEDED,
        )

    def _restored(self, call: Call) -> None:
        if call.error is not None:
            log.warning("could not restore the sign-in: %s", call.error)
        if self._session.signed_in:
            self._runner.reset()
            self.session_changed.emit()
            self.sync_now()
        else:
            self.refresh_status()

    def _on_progress(self, progress: SyncProgress) -> None:
        """Called on the worker thread between pages."""
        with contextlib.suppress(RuntimeError):  # the controller is gone
            self.progress.emit(progress)
        if self._cancel.is_set():
            raise RoundCancelled("Stopped by the user; the rest follows in the next round.")

    def _round_done(self, call: Call) -> None:
        self._syncing = False
        self.progress.emit(None)
        result: RoundResult | None = call.result if call.error is None else None
        if result is None:  # run_round does not raise; a failure here is a bug
            problem = error_text(call.error) if call.error is not None else ""
            result = RoundResult(Outcome.SERVER_ERROR, self.tr("Sync failed: {0}").format(problem))
        if result.outcome == Outcome.OK:
            self.start_live()
        elif result.outcome == Outcome.AUTH_NEEDED:
            self.stop_live()
            self.session_changed.emit()
        self.round_finished.emit(result)
        if result.changed_data:
            self.data_changed.emit()
        self.refresh_status()
        if self._again and result.outcome in (Outcome.OK, Outcome.CANCELLED):
            self.sync_now()
        else:
            self._schedule(self._runner.seconds_until_due())

    def _schedule(self, delay_s: float | None) -> None:
        if self._closed or delay_s is None:
            self._timer.stop()
            return
        self._timer.start(max(0, int(delay_s * 1000)))

    def _status_read(self, call: Call) -> None:
        if call.error is not None:
            log.warning("sync status not readable: %s", call.error)
            return
        self.status = call.result
        self.status_changed.emit(call.result)

    def _on_notified(self, _change: TicketChange) -> None:
        with contextlib.suppress(RuntimeError):  # the controller is gone
            self._local.emit()

    def _local_change(self) -> None:
        if self._closed:
            return
        due = self._runner.note_local_change()
        if self._session.signed_in and not self._syncing:
            self._schedule(due)
        self.refresh_status()

    def _remote_change(self, seq: int) -> None:
        if self._closed or not self._session.signed_in:
            return
        if self.status is not None and self.status.cursor >= seq:
            return  # already pulled (the stream announces the current seq on connect)
        due = self._runner.note_remote_change()
        if not self._syncing:
            self._schedule(due)
