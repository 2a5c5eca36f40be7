"""SyncRunner: outcome classification and the back-off plan, with a fake clock and engines."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from opexdesk.services.sync.api import (
    AuthFailed,
    NotAnOpExDeskServer,
    ServerError,
    SyncError,
    Unreachable,
)
from opexdesk.services.sync.progress import ProgressCallback, RoundCancelled, SyncProgress
from opexdesk.services.sync.runner import BackoffPolicy, Outcome, SyncRunner
from opexdesk.storage.errors import StorageError

NO_JITTER = BackoffPolicy(jitter=0.0)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@dataclass
class Report:
    pushed: int = 0
    acknowledged: int = 0
    rejected: int = 0
    conflicts: int = 0
    pulled: int = 0
    cursor: int = 0


class FakeEngine:
    """Raises the queued errors in turn, then reports ``report``."""

    def __init__(self, *errors: Exception, report: Report | None = None) -> None:
        self.errors = list(errors)
        self.report = report or Report()
        self.rounds = 0

    def sync_once(self, on_progress: ProgressCallback | None = None) -> Report:
        self.rounds += 1
        if self.errors:
            raise self.errors.pop(0)
        return self.report


class ProgressEngine(FakeEngine):
    def __init__(self) -> None:
        super().__init__()
        self.pages_applied = 0

    def sync_once(self, on_progress=None) -> Report:  # noqa: ANN001
        for page in range(1, 4):
            self.pages_applied = page  # committed before the callback hears of it
            if on_progress is not None:
                on_progress(SyncProgress("pull", page, 3))
        return Report(pulled=3)


def runner_for(engine: object, policy: BackoffPolicy = NO_JITTER, seed: int = 1):  # noqa: ANN201
    clock = FakeClock()
    runner = SyncRunner(lambda: engine, rng=random.Random(seed), clock=clock, policy=policy)  # type: ignore[arg-type,return-value]
    return runner, clock


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (Unreachable("Cannot reach the server"), Outcome.OFFLINE),
        (AuthFailed("The saved sign-in is no longer valid"), Outcome.AUTH_NEEDED),
        (ServerError("The server failed (HTTP 503)"), Outcome.SERVER_ERROR),
        (NotAnOpExDeskServer("not OpExDesk"), Outcome.SERVER_ERROR),
        (SyncError("This database syncs with https://a, not https://b"), Outcome.SERVER_ERROR),
        (StorageError("disk full"), Outcome.SERVER_ERROR),
        (RuntimeError("a bug"), Outcome.SERVER_ERROR),
    ],
)
def test_failures_are_classified_with_their_message(error: Exception, outcome: Outcome) -> None:
    runner, _clock = runner_for(FakeEngine(error))
    result = runner.run_round()
    assert result.outcome == outcome
    assert result.message and str(error) in result.message


def test_a_good_round_reports_counts_and_waits_the_idle_delay() -> None:
    runner, _clock = runner_for(FakeEngine(report=Report(pushed=3, pulled=5, conflicts=1)))
    result = runner.run_round()
    assert result.outcome == Outcome.OK
    assert (result.pushed, result.pulled, result.conflicts) == (3, 5, 1)
    assert result.changed_data
    assert result.delay_s == 30.0
    assert runner.seconds_until_due() == 30.0


def test_signed_out_means_no_round_and_no_timer() -> None:
    clock = FakeClock()
    runner = SyncRunner(lambda: None, clock=clock, policy=NO_JITTER)
    result = runner.run_round()
    assert result.outcome == Outcome.SIGNED_OUT and result.delay_s is None
    assert runner.note_local_change() is None  # nothing to schedule while signed out


def test_failures_back_off_2_4_8_up_to_5_minutes_and_success_resets() -> None:
    engine = FakeEngine(*[Unreachable("down")] * 10)
    runner, _clock = runner_for(engine)
    delays = [runner.run_round().delay_s for _ in range(10)]
    assert delays == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert runner.failures == 10
    result = runner.run_round()
    assert result.outcome == Outcome.OK and result.delay_s == 30.0
    assert runner.failures == 0
    engine.errors = [ServerError("HTTP 500")]
    assert runner.run_round().delay_s == 2  # the sequence starts again


def test_auth_needed_waits_for_the_user_and_tells_the_session() -> None:
    told: list[bool] = []
    clock = FakeClock()
    runner = SyncRunner(
        lambda: FakeEngine(AuthFailed("revoked")),
        clock=clock,
        policy=NO_JITTER,
        on_auth_needed=lambda: told.append(True),
    )
    result = runner.run_round()
    assert result.outcome == Outcome.AUTH_NEEDED and result.delay_s is None
    assert told == [True]
    assert runner.note_local_change() is None
    assert runner.note_remote_change() is None


def test_jitter_stays_within_bounds_and_differs_between_clients() -> None:
    policy = BackoffPolicy(jitter=0.2)
    seen: dict[int, list[float]] = {}
    for seed in range(200):
        runner, _clock = runner_for(FakeEngine(*[Unreachable("down")] * 12), policy, seed)
        seen[seed] = [runner.run_round().delay_s or 0.0 for _ in range(12)]
    for delays in seen.values():
        for n, delay in enumerate(delays, start=1):
            nominal = min(300.0, 2.0 * 2 ** (n - 1))
            assert 0.8 * nominal <= delay <= min(300.0, 1.2 * nominal)
    first = {round(d[0], 6) for d in seen.values()}
    assert len(first) > 150  # spread out: clients do not retry in lockstep


def test_jitter_is_reproducible_with_a_seeded_random() -> None:
    policy = BackoffPolicy(jitter=0.2)
    a, _ = runner_for(FakeEngine(*[Unreachable("down")] * 5), policy, seed=7)
    b, _ = runner_for(FakeEngine(*[Unreachable("down")] * 5), policy, seed=7)
    assert [a.run_round().delay_s for _ in range(5)] == [b.run_round().delay_s for _ in range(5)]


def test_a_local_change_brings_the_next_round_forward() -> None:
    runner, clock = runner_for(FakeEngine())
    runner.run_round()
    clock.t += 10
    assert runner.seconds_until_due() == 20.0
    assert runner.note_local_change() == 2.0
    clock.t += 1
    assert runner.note_local_change() == 1.0  # a second edit does not push it back
    # a change noted before a round is in that round: then the idle delay
    assert runner.run_round().delay_s == 30.0


def test_a_local_change_during_a_round_is_pushed_soon_after() -> None:
    class EditWhileSyncing(FakeEngine):
        def sync_once(self) -> Report:
            runner.note_local_change()  # the user saved while the round ran
            return super().sync_once()

    runner, _clock = runner_for(EditWhileSyncing())
    assert runner.run_round().delay_s == 2.0
    runner._engine_source = FakeEngine  # type: ignore[assignment]
    assert runner.run_round().delay_s == 30.0


def test_a_local_change_does_not_shorten_a_failure_back_off() -> None:
    runner, clock = runner_for(FakeEngine(*[Unreachable("down")] * 5))
    for _ in range(5):
        runner.run_round()
    assert runner.seconds_until_due() == 32.0
    clock.t += 2
    assert runner.note_local_change() == 30.0


def test_a_remote_change_pulls_almost_at_once() -> None:
    runner, clock = runner_for(FakeEngine())
    runner.run_round()
    clock.t += 3
    assert runner.note_remote_change() == 0.5


def test_reset_makes_a_round_due_now() -> None:
    runner, _clock = runner_for(FakeEngine(Unreachable("down")))
    runner.run_round()
    runner.reset()
    assert runner.seconds_until_due() == 0.0 and runner.failures == 0


def test_progress_reaches_the_engine_and_cancel_stops_between_pages() -> None:
    engine = ProgressEngine()
    runner, _clock = runner_for(engine)
    steps: list[SyncProgress] = []
    assert runner.run_round(steps.append).outcome == Outcome.OK
    assert [s.done for s in steps] == [1, 2, 3]

    def stop_after_first(progress: SyncProgress) -> None:
        raise RoundCancelled("stopped")

    result = runner.run_round(stop_after_first)
    assert result.outcome == Outcome.CANCELLED
    assert engine.pages_applied == 1  # the page in hand was kept, nothing after it
    assert runner.failures == 0


def test_an_engine_without_progress_still_runs_with_a_callback() -> None:
    engine = FakeEngine(report=Report(pulled=2))
    runner, _clock = runner_for(engine)
    assert runner.run_round(lambda _p: None).pulled == 2


def test_listeners_get_each_completed_rounds_report_and_cannot_fail_it() -> None:
    engine = FakeEngine(Unreachable("down"), report=Report(pulled=3))
    runner = SyncRunner(lambda: engine, rng=random.Random(1), clock=FakeClock(), policy=NO_JITTER)
    seen: list[object] = []

    def broken(_report: object) -> None:
        raise RuntimeError("index file is gone")

    runner.listen(seen.append)
    runner.listen(broken)
    assert runner.run_round().outcome is Outcome.OFFLINE
    assert seen == []  # a failed round has no report
    result = runner.run_round()
    assert result.outcome is Outcome.OK and result.pulled == 3
    assert seen == [engine.report]
    assert runner.failures == 0
