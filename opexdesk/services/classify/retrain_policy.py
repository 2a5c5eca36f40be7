"""When to retrain the suggestion model on this device's ticket history (no Qt, no threads).

Corrections act at once (remembered and nudged into the model, see docs/classify.md), so a
full retraining is only worth its cost, a few seconds for a few thousand tickets and minutes
for 50,000 on a 2-core machine, once enough has changed:

- at least ``min_tickets`` tickets created or updated since the history the model was
  trained on (200: about a day of a small desk's work; far fewer would retrain a large
  history for a fraction of a percent of new data), or
- at least ``min_corrections`` operator corrections since that training (20: each counts as
  5 history tickets at retraining, so 20 weigh like 100 tickets; they are also the clearest
  signal that the model is wrong);

and never more often than once per ``min_interval`` (60 minutes, counted from the last
training or the last attempt, even a failed one), so a busy desk or a failing retraining
cannot keep a core busy all day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from opexdesk.services.classify.history import count_changed_since
from opexdesk.storage.database import Database

MIN_TICKETS = 200
MIN_CORRECTIONS = 20
MIN_INTERVAL = timedelta(minutes=60)


class TrainedModel(Protocol):
    """What the policy reads of the classifier (``ClassifierService`` fits)."""

    @property
    def trained_at(self) -> datetime | None: ...
    @property
    def history_until(self) -> datetime | None: ...
    def corrections_since(self, when: datetime | None) -> int: ...


@dataclass(frozen=True)
class RetrainPolicy:
    """The thresholds; see the module docstring for why these values."""

    min_tickets: int = MIN_TICKETS
    min_corrections: int = MIN_CORRECTIONS
    min_interval: timedelta = MIN_INTERVAL

    def __post_init__(self) -> None:
        if self.min_tickets < 1 or self.min_corrections < 1:
            raise ValueError("retrain thresholds must be at least 1")
        if self.min_interval < timedelta(0):
            raise ValueError("the minimum retrain interval cannot be negative")


@dataclass(frozen=True)
class RetrainDecision:
    """Whether to retrain now, and why (for the log)."""

    retrain: bool
    reason: str
    changed_tickets: int = 0
    corrections: int = 0


def decide(
    policy: RetrainPolicy,
    *,
    now: datetime,
    last_run: datetime | None,
    changed_tickets: int,
    corrections: int,
) -> RetrainDecision:
    """The rule on plain numbers. ``last_run``: the last training or attempt (None: never)."""
    if last_run is not None and now - last_run < policy.min_interval:
        wait = policy.min_interval - (now - last_run)
        return RetrainDecision(
            False, f"last run {_minutes(now - last_run)} ago; next in {_minutes(wait)}"
        )
    counts = {"changed_tickets": changed_tickets, "corrections": corrections}
    if changed_tickets >= policy.min_tickets:
        return RetrainDecision(True, f"{changed_tickets} tickets changed", **counts)
    if corrections >= policy.min_corrections:
        return RetrainDecision(True, f"{corrections} corrections", **counts)
    return RetrainDecision(
        False,
        f"{changed_tickets}/{policy.min_tickets} tickets changed, "
        f"{corrections}/{policy.min_corrections} corrections",
        **counts,
    )


def check(
    policy: RetrainPolicy,
    db: Database,
    model: TrainedModel,
    *,
    now: datetime,
    last_attempt: datetime | None = None,
) -> RetrainDecision:
    """Whether ``model`` should be retrained on ``db`` now. Reads one count from the store
    (run it on the worker that would retrain). ``last_attempt``: the caller's last try."""
    trained_at = model.trained_at
    runs = [t for t in (trained_at, last_attempt) if t is not None]
    last_run = max(runs) if runs else None
    if last_run is not None and now - last_run < policy.min_interval:
        return decide(policy, now=now, last_run=last_run, changed_tickets=0, corrections=0)
    return decide(
        policy,
        now=now,
        last_run=last_run,
        changed_tickets=count_changed_since(db, model.history_until),
        corrections=model.corrections_since(trained_at),
    )


def _minutes(delta: timedelta) -> str:
    return f"{max(0, round(delta.total_seconds() / 60))} min"
