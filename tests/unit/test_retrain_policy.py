"""The retrain policy against a real SQLite store: demo tickets, tickets created through
TicketService, real retraining and corrections of a real ClassifierService."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.classify import ClassifierService, count_changed_since, newest_change
from opexdesk.services.classify.retrain_policy import (
    MIN_CORRECTIONS,
    MIN_INTERVAL,
    MIN_TICKETS,
    RetrainPolicy,
    check,
    decide,
)
from opexdesk.services.demo import seed_demo
from opexdesk.services.events import ChangeNotifier
from opexdesk.services.tickets import Actor, TicketService
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database, open_database

DEMO_NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # the demo history ends here


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "store.sqlite3")
    yield database
    database.close()


def ticket_service(db: Database, tmp_path: Path) -> TicketService:
    return TicketService(db, BlobStore(tmp_path / "blobs"), ChangeNotifier(), Actor("olivia"))


def create(tickets: TicketService, n: int) -> None:
    for i in range(n):
        tickets.create(TicketDraft(title=f"Scanner {i} on forklift 4 lost its charger"))


def test_defaults_and_their_checks() -> None:
    policy = RetrainPolicy()
    assert (policy.min_tickets, policy.min_corrections) == (MIN_TICKETS, MIN_CORRECTIONS)
    assert (200, 20, timedelta(minutes=60)) == (MIN_TICKETS, MIN_CORRECTIONS, MIN_INTERVAL)
    with pytest.raises(ValueError, match="at least 1"):
        RetrainPolicy(min_tickets=0)
    with pytest.raises(ValueError, match="at least 1"):
        RetrainPolicy(min_corrections=0)
    with pytest.raises(ValueError, match="cannot be negative"):
        RetrainPolicy(min_interval=timedelta(minutes=-1))


def test_decide_thresholds_and_interval() -> None:
    policy = RetrainPolicy()
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    hour_ago = now - timedelta(minutes=60)
    assert decide(policy, now=now, last_run=None, changed_tickets=200, corrections=0).retrain
    assert decide(policy, now=now, last_run=hour_ago, changed_tickets=0, corrections=20).retrain
    quiet = decide(policy, now=now, last_run=hour_ago, changed_tickets=199, corrections=19)
    assert not quiet.retrain
    assert quiet.reason == "199/200 tickets changed, 19/20 corrections"
    recent = now - timedelta(minutes=59)
    busy = decide(policy, now=now, last_run=recent, changed_tickets=10_000, corrections=500)
    assert not busy.retrain and busy.reason == "last run 59 min ago; next in 1 min"


def test_count_changed_since(db: Database, tmp_path: Path) -> None:
    assert count_changed_since(db, None) == 0 and newest_change(db) is None
    seed_demo(db, 120, seed=3, now=DEMO_NOW)
    newest = newest_change(db)
    assert newest is not None and newest <= DEMO_NOW
    assert count_changed_since(db, None) == 120
    assert count_changed_since(db, newest) == 0
    assert 0 < count_changed_since(db, newest - timedelta(days=30)) < 120
    create(ticket_service(db, tmp_path), 3)  # created now, after the demo history
    assert count_changed_since(db, newest) == 3


def test_first_training_when_the_history_is_large_enough(db: Database, tmp_path: Path) -> None:
    clf = ClassifierService(tmp_path / "model")
    now = datetime.now(UTC)
    seed_demo(db, 150, seed=1, now=DEMO_NOW)
    first = check(RetrainPolicy(), db, clf, now=now)
    assert not first.retrain and first.reason.startswith("150/200 tickets changed")
    seed_demo(db, 60, seed=2, now=DEMO_NOW)
    second = check(RetrainPolicy(), db, clf, now=now)
    assert second.retrain and second.reason == "210 tickets changed"
    assert second.changed_tickets == 210


def test_after_retraining_counts_start_again_and_survive_a_restart(
    db: Database, tmp_path: Path
) -> None:
    seed_demo(db, 220, seed=4, now=DEMO_NOW)
    model_dir = tmp_path / "model"
    clf = ClassifierService(model_dir)
    before = datetime.now(UTC).replace(microsecond=0)
    report = clf.retrain(db)
    assert report.examples == 220
    assert clf.trained_at is not None and before <= clf.trained_at <= datetime.now(UTC)
    assert clf.history_until == newest_change(db)
    policy = RetrainPolicy(min_tickets=5, min_corrections=3)
    soon = clf.trained_at + timedelta(minutes=10)
    assert not check(policy, db, clf, now=soon).retrain  # within the hour
    later = clf.trained_at + timedelta(minutes=61)
    idle = check(policy, db, clf, now=later)
    assert not idle.retrain and idle.reason == "0/5 tickets changed, 0/3 corrections"

    create(ticket_service(db, tmp_path), 5)
    grown = check(policy, db, clf, now=later)
    assert grown.retrain and grown.reason == "5 tickets changed"

    # A restart reads the training time from the model file: no retraining at start-up.
    reloaded = ClassifierService(model_dir)
    assert reloaded.load()
    assert reloaded.trained_at == clf.trained_at
    assert reloaded.history_until == clf.history_until
    assert not check(policy, db, reloaded, now=soon).retrain
    assert check(policy, db, reloaded, now=later).changed_tickets == 5


def test_corrections_since_the_last_training(db: Database, tmp_path: Path) -> None:
    seed_demo(db, 220, seed=5, now=DEMO_NOW)
    clf = ClassifierService(tmp_path / "model")
    clf.retrain(db)
    assert clf.trained_at is not None
    later = clf.trained_at + timedelta(hours=2)
    policy = RetrainPolicy(min_tickets=1000, min_corrections=3)
    for i, label in enumerate(("Hardware", "Printing")):
        clf.record_correction(f"Label printer {i} in the warehouse", "", "category", label)
    assert clf.corrections_since(clf.trained_at) == 2
    assert not check(policy, db, clf, now=later).retrain
    clf.record_correction("Badge reader at gate 2 is dead", "", "category", "Access")
    decision = check(policy, db, clf, now=later)
    assert decision.retrain and decision.reason == "3 corrections"
    # Retraining uses them; afterwards none are new (times are kept to the second).
    time.sleep(1.05)
    clf.retrain(db)
    assert clf.corrections_since(clf.trained_at) == 0
    assert clf.corrections_since(None) == 3


def test_a_recent_attempt_blocks_like_a_training(db: Database, tmp_path: Path) -> None:
    seed_demo(db, 210, seed=6, now=DEMO_NOW)
    clf = ClassifierService(tmp_path / "model")  # never trained: no trained_at
    now = datetime.now(UTC)
    failed_at = now - timedelta(minutes=20)
    decision = check(RetrainPolicy(), db, clf, now=now, last_attempt=failed_at)
    assert not decision.retrain and decision.reason.startswith("last run 20 min ago")
    later = now + timedelta(minutes=41)  # an hour after the failed attempt
    assert check(RetrainPolicy(), db, clf, now=later, last_attempt=failed_at).retrain
