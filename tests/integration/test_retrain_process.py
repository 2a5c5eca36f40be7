"""Retraining in a child process (services/classify/retrain_process.py): the same model as
training in-process, the parent's corrections used, files saved, errors raised clearly, and
training in-process when no child can be started."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from opexdesk.services.classify import ClassifierService, Source, retrain_process
from opexdesk.services.classify.retrain_process import RetrainFailed, retrain_in_child
from opexdesk.services.demo import seed_demo
from opexdesk.storage.database import Database, open_database

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TEXTS = (
    "Printer on the 2nd floor prints blank pages",
    "Outlook keeps asking for my password",
    "VPN disconnects every hour",
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "store.sqlite3")
    seed_demo(database, 300, seed=5, now=NOW)
    yield database
    database.close()


def labels(service: ClassifierService, text: str) -> dict[str, str]:
    return {name: s.label for name, s in service.suggest(text, "").fields.items()}


def test_the_child_trains_the_same_model_with_the_parents_corrections(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = ClassifierService(tmp_path / "here", default_model=None)
    child = ClassifierService(tmp_path / "child", default_model=None)
    for service in (here, child):
        service.record_correction("Forklift scanner lost its charger", "", "category", "Hardware")
    expected = here.retrain(db)

    def not_here(*_args: object) -> None:
        raise AssertionError("retrained in the parent process")

    # Only a fresh interpreter is unaffected by this: the training must happen there.
    monkeypatch.setattr(ClassifierService, "retrain", not_here)
    report = retrain_in_child(child, db)

    assert (report.examples, report.corrections, report.fields) == (
        expected.examples,
        expected.corrections,
        expected.fields,
    )
    assert report.corrections == 1
    assert child.model is not None and child.model.info["corrections"] == 1
    for text in TEXTS:
        assert labels(child, text) == labels(here, text)
    assert child.suggest(TEXTS[0], "").fields["category"].source is Source.MODEL
    # Saved by the child: a restart loads it.
    reloaded = ClassifierService(tmp_path / "child", default_model=None)
    assert reloaded.load() and labels(reloaded, TEXTS[1]) == labels(here, TEXTS[1])


def test_a_failure_in_the_child_is_raised_and_the_model_is_kept(
    db: Database, tmp_path: Path
) -> None:
    service = ClassifierService(tmp_path / "model", default_model=None)
    garbage = tmp_path / "not-a-database.sqlite3"
    garbage.write_bytes(b"this is not SQLite" * 100)
    broken = Database(db.engine, garbage)
    with pytest.raises(
        RetrainFailed, match=r"^\S+not-a-database.sqlite3 is not an OpExDesk database"
    ):
        retrain_in_child(service, broken)
    assert service.model is None
    assert not (tmp_path / "model" / "classifier.json").exists()


def test_without_a_child_process_it_trains_in_process(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_processes(_job: object) -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(retrain_process, "_run_in_child", no_processes)
    service = ClassifierService(tmp_path / "model", default_model=None)
    assert retrain_in_child(service, db).examples == 300
    assert service.model is not None
