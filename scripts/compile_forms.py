#!/usr/bin/env python3
"""Regenerate opexdesk/ui/forms/ui_<name>.py from every ui/<name>.ui with pyside6-uic.

    python scripts/compile_forms.py          # write the generated modules
    python scripts/check_forms.py            # only check that they are current

The generated files are never edited by hand; change the .ui source (Qt Designer) and rerun.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UI_DIR = REPO / "ui"
FORMS_DIR = REPO / "opexdesk" / "ui" / "forms"
FORMS_INIT = '"""Python modules generated from ../../../ui/*.ui by scripts/compile_forms.py."""\n'


def find_uic() -> str:
    """pyside6-uic next to this interpreter (the venv), else on PATH."""
    bindir = Path(sys.executable).parent
    for name in ("pyside6-uic", "pyside6-uic.exe"):
        candidate = bindir / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("pyside6-uic")
    if found is None:
        raise SystemExit("pyside6-uic not found: install the project (pip install -e .[dev])")
    return found


def sources(ui_dir: Path = UI_DIR) -> list[Path]:
    return sorted(ui_dir.glob("*.ui"))


def target_for(source: Path, forms_dir: Path = FORMS_DIR) -> Path:
    return forms_dir / f"ui_{source.stem}.py"


def generate(source: Path, uic: str | None = None) -> str:
    """Return the Python text pyside6-uic makes of ``source``."""
    result = subprocess.run(
        [uic or find_uic(), "--generator", "python", str(source)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"pyside6-uic failed on {source}:\n{result.stderr.strip()}")
    return result.stdout


def main() -> int:
    uic = find_uic()
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    init = FORMS_DIR / "__init__.py"
    if not init.exists():
        init.write_text(FORMS_INIT, encoding="utf-8")
    for source in sources():
        target = target_for(source)
        # newline="\n": identical bytes on every OS, so check_forms compares cleanly
        target.write_text(generate(source, uic), encoding="utf-8", newline="\n")
        print(f"{source.relative_to(REPO)} -> {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
