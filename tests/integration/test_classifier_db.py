"""The classifier trained from a real SQLite store: demo tickets written by the project's
own seeding code, tickets created through TicketService, then retrain -> save -> load."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.classify import ClassifierService, Source, load_examples
from opexdesk.services.demo import seed_demo
from opexdesk.services.events import ChangeNotifier
from opexdesk.services.tickets import Actor, TicketService
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database, open_database

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "store.sqlite3")
    yield database
    database.close()


def test_empty_database_falls_back_to_keywords(db: Database, tmp_path: Path) -> None:
    svc = ClassifierService(tmp_path / "model", default_model=None)
    report = svc.retrain(db)
    assert report.examples == 0 and report.fields == ()
    s = svc.suggest("Outlook does not open", "")
    assert s.fields["category"].label == "Email"
    assert s.fields["category"].source is Source.KEYWORDS


def test_retrain_from_history_then_reload(db: Database, tmp_path: Path) -> None:
    seed_demo(db, 400, seed=5, now=NOW)
    tickets = TicketService(db, BlobStore(tmp_path / "blobs"), ChangeNotifier(), Actor("olivia"))
    for i in range(3):
        tickets.create(
            TicketDraft(
                title=f"Forklift scanner {i} lost its charger",
                description="The handheld on forklift 4 will not charge.",
                category="Warehouse devices",
                impact=3,
                urgency=2,
                group_name="Field Services",
            )
        )
    examples = load_examples(db)
    assert len(examples) == 403
    assert {e.labels["category"] for e in examples} >= {"Email", "Warehouse devices"}
    assert all(e.labels["impact"] in {"1", "2", "3", "4"} for e in examples)

    model_dir = tmp_path / "model"
    svc = ClassifierService(model_dir, default_model=None)
    report = svc.retrain(db)
    assert report.examples == 403
    assert set(report.fields) == {"category", "impact", "urgency", "group_name"}
    s = svc.suggest("Printer on the 2nd floor prints blank pages", "")
    assert s.fields["category"].label == "Printing"
    assert s.fields["category"].source is Source.MODEL

    reloaded = ClassifierService(model_dir, default_model=None)
    assert reloaded.load()
    again = reloaded.suggest("Printer on the 2nd floor prints blank pages", "")
    assert again.fields["category"].label == "Printing"
    assert abs(again.fields["category"].confidence - s.fields["category"].confidence) < 1e-4
