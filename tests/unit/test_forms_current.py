"""The generated Qt form modules match their Designer .ui sources (scripts/check_forms.py)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
CHECK = REPO / "scripts" / "check_forms.py"


def _load_check_forms() -> ModuleType:
    sys.path.insert(0, str(CHECK.parent))
    try:
        spec = importlib.util.spec_from_file_location("check_forms_under_test", CHECK)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(CHECK.parent))


def test_generated_forms_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(CHECK)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_ui_source_has_a_form_module() -> None:
    sources = sorted(p.stem for p in (REPO / "ui").glob("*.ui"))
    assert {"new_ticket_dialog", "ticket_fields"} <= set(sources)
    for stem in sources:
        assert (REPO / "opexdesk" / "ui" / "forms" / f"ui_{stem}.py").is_file()


def test_check_detects_stale_missing_and_orphaned_forms(tmp_path: Path) -> None:
    check = _load_check_forms()
    ui_dir, forms_dir = tmp_path / "ui", tmp_path / "forms"
    shutil.copytree(REPO / "ui", ui_dir)
    shutil.copytree(REPO / "opexdesk" / "ui" / "forms", forms_dir)
    assert check.stale_files(ui_dir, forms_dir) == []

    # A different uic version in the header alone is not staleness.
    target = forms_dir / "ui_ticket_fields.py"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("Compiler version 6.", "Compiler version 9.", 1), encoding="utf-8"
    )
    assert check.stale_files(ui_dir, forms_dir) == []

    source = ui_dir / "ticket_fields.ui"
    source.write_text(
        source.read_text(encoding="utf-8").replace("&amp;Save", "&amp;Store"), encoding="utf-8"
    )
    (forms_dir / "ui_new_ticket_dialog.py").unlink()
    (forms_dir / "ui_gone.py").write_text("# left over\n", encoding="utf-8")
    stale = "\n".join(check.stale_files(ui_dir, forms_dir))
    assert "ui_ticket_fields.py (out of date" in stale
    assert "ui_new_ticket_dialog.py (missing" in stale
    assert "ui_gone.py (no gone.ui source)" in stale
