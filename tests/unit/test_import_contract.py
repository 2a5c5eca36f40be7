"""The layering contract (pyproject [tool.importlinter]) holds: checked on every test run."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_qt_is_only_imported_under_ui() -> None:
    """A direct textual check too, so a contract typo cannot hide a leak."""
    offenders = []
    for path in (REPO / "opexdesk").rglob("*.py"):
        rel = path.relative_to(REPO / "opexdesk")
        if rel.parts[0] == "ui":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(
                ("import PySide6", "from PySide6", "import pyqtgraph", "from pyqtgraph")
            ):
                offenders.append(f"{rel}: {stripped}")
    assert offenders == []
