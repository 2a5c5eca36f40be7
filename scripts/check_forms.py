#!/usr/bin/env python3
"""Exit 1, listing the stale files, if regenerating any ui/*.ui would change its generated
module in opexdesk/ui/forms (or a generated module has no .ui source any more).

The "Created by: Qt User Interface Compiler version X" header line is ignored, so a
patch-level PySide6 upgrade alone does not make every form stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compile_forms import (  # noqa: E402
    FORMS_DIR,
    REPO,
    UI_DIR,
    find_uic,
    generate,
    sources,
    target_for,
)

_VERSION_LINE = re.compile(r"^#.*\bversion\b.*\d", re.IGNORECASE)


def _comparable(text: str) -> list[str]:
    return [
        line.rstrip()
        for line in text.replace("\r\n", "\n").split("\n")
        if not _VERSION_LINE.match(line)
    ]


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def stale_files(ui_dir: Path = UI_DIR, forms_dir: Path = FORMS_DIR) -> list[str]:
    """Generated modules that are missing, out of date, or left without a .ui source."""
    uic = find_uic()
    stale: list[str] = []
    expected_targets = set()
    for source in sources(ui_dir):
        target = target_for(source, forms_dir)
        expected_targets.add(target)
        if not target.is_file():
            stale.append(f"{_shown(target)} (missing; source {source.name})")
            continue
        current = target.read_text(encoding="utf-8")
        if _comparable(current) != _comparable(generate(source, uic)):
            stale.append(f"{_shown(target)} (out of date with {source.name})")
    for orphan in sorted(forms_dir.glob("ui_*.py")):
        if orphan not in expected_targets:
            stale.append(f"{_shown(orphan)} (no {orphan.stem[3:]}.ui source)")
    return stale


def main() -> int:
    stale = stale_files()
    if stale:
        print("Generated Qt forms are stale; run: python scripts/compile_forms.py", file=sys.stderr)
        for line in stale:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"{len(sources())} generated form(s) up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
