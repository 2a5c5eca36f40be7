"""When to sync next: one round at a time, its outcome classified, the next delay computed.

No threads and no Qt here: the UI calls :meth:`SyncRunner.run_round` on a worker and waits
:meth:`SyncRunner.seconds_until_due` with a timer. Time and randomness are injected, so the
back-off is unit-tested with a fake clock.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

from opexdesk.domain.errors import Templated
from opexdesk.services.sync.progress import ProgressCallback, RoundCancelled
from opexdesk.storage.errors import StorageError

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    OK = "ok"
    OFFLINE = "offline"  # no answer: keep working locally, try again later
    AUTH_NEEDED = "auth_needed"  # the sign-in was refused: no retry until signed in again
    SERVER_ERROR = "server_error"  # the server (or this database) refused: retry with back-off
    SIGNED_OUT = "signed_out"  # nothing to do
    CANCELLED = "cancelled"  # stopped between two pages by the user


class RoundEngine(Protocol):
    def sync_once(self, on_progress: ProgressCallback | None = None) -> Any: ...


@dataclass(frozen=True)
class BackoffPolicy:
    idle_s: float = 30.0  # nothing happening: poll this often
    after_local_s: float = 2.0  # a local change: push it soon (a few edits batch together)
    after_remote_s: float = 0.5  # the server says something changed
    first_failure_s: float = 2.0  # then 4, 8, 16 ... up to max_s
    max_s: float = 300.0
    jitter: float = 0.2  # +-20 %: many clients do not retry in lockstep


@dataclass(frozen=True)
class RoundResult:
    outcome: Outcome
    message: str | None = None  # English; shown through ``template`` when it has one
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    delay_s: float | None = None  # until the next round; None: wait for the user
    # The message's template and arguments (opexdesk.ui.i18n.message_text), None when
    # the error had none.
    template: str | None = field(default=None, compare=False)
    params: Mapping[str, object] = field(default_factory=dict, compare=False)

    @property
    def changed_data(self) -> bool:
        """The round wrote server changes into the local database (views should refresh)."""
        return self.pulled > 0 or self.conflicts > 0


def failed(outcome: Outcome, exc: BaseException) -> RoundResult:
    """A round that ended with ``exc``: its message, with its template when it has one."""
    if isinstance(exc, Templated) and exc.template:
        return RoundResult(outcome, str(exc) or None, template=exc.template, params=exc.params)
    return RoundResult(outcome, str(exc) or None)


def classify(exc: BaseException) -> Outcome:
    # Imported here: httpx (via api) stays off the start-up path.
    from opexdesk.services.sync.api import AuthFailed, Unreachable

    if isinstance(exc, RoundCancelled):
        return Outcome.CANCELLED
    if isinstance(exc, Unreachable):
        return Outcome.OFFLINE
    if isinstance(exc, AuthFailed):
        return Outcome.AUTH_NEEDED
    return Outcome.SERVER_ERROR  # not an OpExDesk server, a refusal, a local store error


class SyncRunner:
    """Runs rounds through ``engine_source`` (None = signed out) and plans the next one."""

    def __init__(
        self,
        engine_source: Callable[[], RoundEngine | None],
        *,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
        policy: BackoffPolicy | None = None,
        on_auth_needed: Callable[[], None] | None = None,
    ) -> None:
        """``on_auth_needed`` is called when the server refuses the sign-in (the session
        then forgets the token)."""
        self._engine_source = engine_source
        self._on_auth_needed = on_auth_needed
        self._rng = rng or random.Random()
        self._clock = clock
        self.policy = policy or BackoffPolicy()
        self.failures = 0  # consecutive failed rounds
        self.last: RoundResult | None = None
        self._due_at: float | None = None  # monotonic time of the next round; None: none
        self._local_change = False  # noted while a round ran: push it soon after
        self._report_listeners: list[Callable[[Any], None]] = []

    def listen(self, on_report: Callable[[Any], None]) -> None:
        """Call ``on_report(report)`` after each round that completed (on the round's thread):
        how derived data outside the sync, such as the knowledge-base index, catches up."""
        self._report_listeners.append(on_report)

    # ---- planning --------------------------------------------------------------------------

    def seconds_until_due(self) -> float | None:
        if self._due_at is None:
            return None
        return max(0.0, self._due_at - self._clock())

    def reset(self) -> None:
        """A fresh start (after a sign-in): the next round is due now."""
        self.failures = 0
        self.last = None
        self._due_at = self._clock()

    def note_local_change(self) -> float | None:
        """A local change was committed: sync it soon, unless the server is failing (then
        the back-off stands: hammering a down server helps nobody)."""
        self._local_change = True
        if self.failures == 0 and self._can_retry():
            self._bring_forward(self.policy.after_local_s)
        return self.seconds_until_due()

    def note_remote_change(self) -> float | None:
        """The server announced new changes: pull them almost at once."""
        if self._can_retry():
            self._bring_forward(self.policy.after_remote_s)
        return self.seconds_until_due()

    def _can_retry(self) -> bool:
        return self.last is None or self.last.outcome not in (
            Outcome.AUTH_NEEDED,
            Outcome.SIGNED_OUT,
        )

    def _bring_forward(self, delay: float) -> None:
        at = self._clock() + self._jittered(delay)
        if self._due_at is None or at < self._due_at:
            self._due_at = at

    def _jittered(self, delay: float) -> float:
        j = self.policy.jitter
        return min(self.policy.max_s, delay * self._rng.uniform(1.0 - j, 1.0 + j))

    def failure_delay(self, failures: int) -> float:
        """Without jitter: 2, 4, 8 ... seconds, capped."""
        step = self.policy.first_failure_s * 2 ** max(0, failures - 1)
        return min(self.policy.max_s, step)

    def _tell_listeners(self, report: Any) -> None:
        for listener in self._report_listeners:
            try:
                listener(report)
            except Exception:  # the round itself succeeded: its data is committed
                log.exception("sync report listener failed")

    def _plan(self, outcome: Outcome) -> float | None:
        if outcome in (Outcome.AUTH_NEEDED, Outcome.SIGNED_OUT):
            return None
        if outcome in (Outcome.OFFLINE, Outcome.SERVER_ERROR):
            return self._jittered(self.failure_delay(self.failures))
        if self._local_change:
            return self._jittered(self.policy.after_local_s)
        return self._jittered(self.policy.idle_s)

    # ---- the round -------------------------------------------------------------------------

    def run_round(self, on_progress: ProgressCallback | None = None) -> RoundResult:
        """One push + pull; never raises for sync failures (they become the outcome)."""
        from opexdesk.services.sync.api import SyncError

        self._local_change = False
        result: RoundResult
        try:
            engine = self._engine_source()
            if engine is None:
                result = RoundResult(Outcome.SIGNED_OUT)
            else:
                report = engine.sync_once(on_progress=on_progress)
                result = RoundResult(
                    Outcome.OK,
                    pushed=int(getattr(report, "pushed", 0)),
                    pulled=int(getattr(report, "pulled", 0)),
                    conflicts=int(getattr(report, "conflicts", 0)),
                    rejected=int(getattr(report, "rejected", 0)),
                )
                self._tell_listeners(report)
        except (SyncError, StorageError, RoundCancelled) as exc:
            result = failed(classify(exc), exc)
        except Exception as exc:  # a bug must not stop syncing for good: log, back off
            log.exception("sync round failed")
            result = RoundResult(
                Outcome.SERVER_ERROR,
                f"Sync failed: {exc}",
                template="Sync failed: {error}",
                params={"error": str(exc)},
            )
        if result.outcome == Outcome.AUTH_NEEDED and self._on_auth_needed is not None:
            self._on_auth_needed()
        if result.outcome in (Outcome.OFFLINE, Outcome.SERVER_ERROR):
            self.failures += 1
        elif result.outcome != Outcome.CANCELLED:
            self.failures = 0
        delay = self._plan(result.outcome)
        result = replace(result, delay_s=delay)
        self.last = result
        self._due_at = None if delay is None else self._clock() + delay
        return result
