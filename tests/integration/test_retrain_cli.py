"""``opexdesk retrain``: the suggestion model retrained from the command line, in the child
process the application uses; clear errors otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from opexdesk import cli
from opexdesk.paths import resolve_paths
from opexdesk.services.app_settings import AppSettingsStore
from opexdesk.services.classify import ClassifierService
from opexdesk.services.demo import seed_demo
from opexdesk.storage.database import open_database

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_retrain_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = resolve_paths(str(tmp_path), False)
    db = open_database(paths.database)
    try:
        seed_demo(db, 250, seed=3, now=NOW)
    finally:
        db.close()
    assert cli.main(["retrain", "--basedir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("suggestion model retrained on 250 tickets and 0 corrections in ")
    assert "fields: category, group_name, impact, urgency" in out
    saved = ClassifierService(paths.data / "classifier")
    assert saved.load() and saved.model is not None


def test_a_damaged_database_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = resolve_paths(str(tmp_path), False)
    paths.database.parent.mkdir(parents=True, exist_ok=True)
    paths.database.write_bytes(b"not a database at all" * 200)
    assert cli.main(["retrain", "--basedir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("opexdesk retrain: ") and "is not an OpExDesk database" in err
    assert not (paths.data / "classifier" / "classifier.json").exists()


def test_the_data_folder_chosen_in_the_settings_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After Settings > Data location moved the data, the command-line tools follow it
    (rather than making a new, empty database in the old place)."""
    base = tmp_path / "base"
    moved = tmp_path / "elsewhere"
    store = AppSettingsStore.for_paths(resolve_paths(str(base), False))
    store.save(replace(store.load(), data_dir=str(moved)))
    db = open_database(moved / "opexdesk.sqlite3")
    try:
        seed_demo(db, 220, seed=4, now=NOW)
    finally:
        db.close()
    assert cli.main(["retrain", "--basedir", str(base)]) == 0
    assert "retrained on 220 tickets" in capsys.readouterr().out
    assert (moved / "classifier" / "classifier.json").is_file()
    assert not resolve_paths(str(base), False).database.exists()
    assert cli.main(["config", "--basedir", str(base), "show"]) == 0
    assert not resolve_paths(str(base), False).database.exists()
