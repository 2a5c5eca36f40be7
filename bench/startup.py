"""Start-up time: a shown, populated main window on a big database vs a bare PySide6 window.

    python bench/startup.py [--tickets 1000000] [--runs 5]

Both sides are measured the same way, as whole fresh processes (spawn -> window shown and
its first paint done -> exit), alternating, on the offscreen platform unless a display is
set. Ours is ``python -m opexdesk --smoke`` on a database of ``--tickets`` demo tickets; the
reference is a bare QMainWindow holding an empty QTableView. Prints one JSON object:
{"tickets", "app_ms", "bare_qt_ms", "ratio", "app_samples_ms", "bare_samples_ms"}.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import common

BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Watch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            Watch.painted = True
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTableView()
window.setCentralWidget(view)
window.resize(1400, 850)
watch = Watch()
view.viewport().installEventFilter(watch)
window.show()
while not Watch.painted:
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
window.close()
"""


def link_database(db: Path, base: Path) -> None:
    """Put the benchmark database at base/data/opexdesk.sqlite3 without copying it."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    target = base / "data" / "opexdesk.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    try:
        os.link(db, target)
    except OSError:
        target.symlink_to(db)


def timed_run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=common.DEFAULT_TICKETS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    db, _ = common.ensure_db(args.tickets)
    base = common.OUT_DIR / f"startup-base-{args.tickets}"
    link_database(db, base)

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has compiled bytecode
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    ours_cmd = [sys.executable, "-m", "opexdesk", "--smoke", "--basedir", str(base)]
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    timed_run(ours_cmd, env)  # warm the page cache and bytecode for both
    timed_run(bare_cmd, env)

    ours, bare = [], []
    for _ in range(args.runs):
        ours.append(timed_run(ours_cmd, env))
        bare.append(timed_run(bare_cmd, env))
    app_ms, bare_ms = common.median(ours), common.median(bare)
    print(
        json.dumps(
            {
                "tickets": common.ticket_count(db),
                "app_ms": round(app_ms, 1),
                "bare_qt_ms": round(bare_ms, 1),
                "ratio": round(app_ms / bare_ms, 2),
                "app_samples_ms": [round(x, 1) for x in ours],
                "bare_samples_ms": [round(x, 1) for x in bare],
            }
        )
    )


if __name__ == "__main__":
    main()
