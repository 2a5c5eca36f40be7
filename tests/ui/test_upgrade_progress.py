"""The window shown while the local database is upgraded at start-up
(ui/upgrade_progress.py), and the check that decides to show it (upgrade_pending)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from opexdesk.storage.database import (
    SCHEMA_HEAD,
    create_sqlite_engine,
    current_revision,
    migrate,
    open_database,
    upgrade_pending,
)
from opexdesk.storage.errors import StorageError
from opexdesk.ui.upgrade_progress import UpgradeProgress


def older_database(path: Path) -> None:
    engine = create_sqlite_engine(path)
    migrate(engine, "0009")
    engine.dispose()


def test_only_an_older_database_needs_the_window(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    assert not upgrade_pending(path) and not path.exists()  # a new one is not "upgraded"
    older_database(path)
    assert upgrade_pending(path)
    open_database(path).close()
    assert not upgrade_pending(path)
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database" * 100)
    assert not upgrade_pending(tmp_path / "junk.sqlite3")  # opening says what is wrong


def test_the_upgrade_runs_with_the_window_shown(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "store.sqlite3"
    older_database(path)
    progress: UpgradeProgress[object] = UpgradeProgress()
    gate = threading.Event()
    seen: list[tuple[bool, str]] = []

    def look() -> None:  # on the GUI thread, while the upgrade waits
        seen.append((progress.dialog.isVisible(), progress.dialog.labelText()))
        progress.dialog.grab().save(str(tmp_path / "upgrade.png"))
        gate.set()

    def upgrade() -> object:
        assert gate.wait(10)
        return open_database(path)

    QTimer.singleShot(100, look)
    db = progress.run(upgrade)
    try:
        assert current_revision(db.engine) == SCHEMA_HEAD  # type: ignore[attr-defined]
    finally:
        db.close()  # type: ignore[attr-defined]
    assert seen and seen[0][0] and seen[0][1].startswith("Updating the local database")
    assert not progress.dialog.isVisible()


def test_a_failed_upgrade_is_raised_and_the_window_closes(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    progress: UpgradeProgress[object] = UpgradeProgress()

    def broken() -> object:
        raise StorageError("The disk is full.")

    with pytest.raises(StorageError, match="disk is full"):
        progress.run(broken)
    assert not progress.dialog.isVisible()
