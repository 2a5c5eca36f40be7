"""The installed ``opexdesk`` command, run as a user would run it (a real subprocess)."""

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from opexdesk import __version__

OPEXDESK = Path(sys.executable).with_name("opexdesk")
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run(
    *args: str, timeout: float = 120, user: str | None = None
) -> subprocess.CompletedProcess[str]:
    cmd = [str(OPEXDESK), *args]
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=ENV)


@pytest.fixture(autouse=True)
def _installed() -> None:
    if not OPEXDESK.exists():
        pytest.fail(f"{OPEXDESK} is missing: install the package (pip install -e .)")


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"opexdesk {__version__}"


def test_smoke_with_temp_basedir_exits_zero_and_cleans_up() -> None:
    before = set(Path(tempfile.gettempdir()).glob("opexdesk-*"))
    result = run("--smoke", "--temp-basedir")
    assert result.returncode == 0, result.stderr
    assert set(Path(tempfile.gettempdir()).glob("opexdesk-*")) == before


def test_smoke_with_basedir_and_demo_data(tmp_path: Path) -> None:
    result = run("--smoke", "--basedir", str(tmp_path), "--demo", "60")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(tmp_path / "data" / "opexdesk.sqlite3")
    assert con.execute("SELECT count(*) FROM tickets").fetchone()[0] == 60
    con.close()
    log = (tmp_path / "logs" / "opexdesk.log").read_text(encoding="utf-8")
    assert "smoke ok" in log
    # --demo only seeds an empty database
    assert run("--smoke", "--basedir", str(tmp_path), "--demo", "10").returncode == 0
    con = sqlite3.connect(tmp_path / "data" / "opexdesk.sqlite3")
    assert con.execute("SELECT count(*) FROM tickets").fetchone()[0] == 60
    con.close()


def test_corrupt_database_gives_clear_message_and_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "data" / "opexdesk.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"garbage" * 1000)
    result = run("--smoke", "--basedir", str(tmp_path))
    assert result.returncode == 2
    assert "not an OpExDesk database or is damaged" in result.stderr
    assert str(db) in result.stderr
    assert db.read_bytes() == b"garbage" * 1000


def test_newer_database_is_refused(tmp_path: Path) -> None:
    assert run("--smoke", "--basedir", str(tmp_path)).returncode == 0
    db = tmp_path / "data" / "opexdesk.sqlite3"
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num='0999_future'")
    con.commit()
    con.close()
    result = run("--smoke", "--basedir", str(tmp_path))
    assert result.returncode == 2
    assert "newer OpExDesk" in result.stderr and "0999_future" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_data_directory_is_named(tmp_path: Path) -> None:
    base = tmp_path / "ro"
    (base / "logs").mkdir(parents=True)
    (base / "data").mkdir()
    (base / "data").chmod(0o500)
    try:
        result = run("--smoke", "--basedir", str(base))
    finally:
        (base / "data").chmod(0o700)
    assert result.returncode == 2
    assert "is not writable" in result.stderr


def test_data_directory_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the data directory should be")
    result = run("--smoke", "--basedir", str(tmp_path))
    assert result.returncode == 2
    assert f"Cannot create the data directory {tmp_path / 'data'}" in result.stderr


def test_negative_demo_count_rejected() -> None:
    result = run("--temp-basedir", "--demo", "-3", "--smoke")
    assert result.returncode == 2
    assert "--demo" in result.stderr
