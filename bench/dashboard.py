"""Operations dashboard on a large database: full build vs the raw SQL aggregates, per-change
updates vs a full recomputation, frames per second while changes stream in, peak memory.

    python bench/dashboard.py [--tickets 1000000] [--db PATH] [--window 7d] [--repeat 3]
                              [--changes 200] [--load-seconds 5] [--rate 1000]

- ``first_ms``: the first full dashboard: ``MetricsService.build`` (the window's tickets and
  their history read, every ticket's SLA clock replayed) plus one read-out. ``raw_ms``: the
  plain SQL GROUP BYs of the same counts (``metrics_repo.RAW_AGGREGATES``, run with
  the standard ``sqlite3`` module: calendar time, no pauses, no replay) in the same run.
- ``full_recompute_ms``: median of ``--repeat`` further builds (warm cache).
- ``update_p50_ms`` / ``update_p95_ms``: ``--changes`` real operations through
  ``TicketService`` (reassignments, priority changes, status moves) on random open tickets,
  each followed by ``MetricsService.update`` for that ticket (read row + history, replay,
  take out the old contribution, put in the new); ``update_ratio`` = full / p50.
  ``incremental_matches_full``: the updated state equals a fresh build afterwards.
- ``fps_under_load``: the dashboard window (offscreen) while ``--rate`` change notifications
  a second arrive for ``--load-seconds``: ticks of a 60 Hz timer served by the GUI thread per
  second (the frames it could draw; 60 is the ceiling), and the longest gap between ticks.

The app opens a private copy of the benchmark database (``bench/out/dashboard-<N>.sqlite3``):
the changes write to it. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import common

WINDOWS = {"24h": "LAST_24H", "7d": "LAST_7D", "30d": "LAST_30D"}


def private_copy(path: Path, tickets: int) -> Path:
    copy = common.OUT_DIR / f"dashboard-{tickets}.sqlite3"
    if common.ticket_count(copy) != tickets:
        tmp = copy.with_suffix(".tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(copy)
    return copy


def raw_sql(path: Path, start_text: str, repo_sql: dict[str, str]) -> list[float]:
    """The reference: the same GROUP BYs on a plain sqlite3 connection."""
    con = sqlite3.connect(path)

    def run() -> None:
        for sql in repo_sql.values():
            con.execute(sql, (start_text,) * sql.count("?")).fetchall()

    try:
        return common.time_ms(run, repeat=3)
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=common.DEFAULT_TICKETS)
    parser.add_argument("--db", type=Path, help="use this database file (opened by the app)")
    parser.add_argument("--window", choices=sorted(WINDOWS), default="7d")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--load-seconds", type=float, default=5.0)
    parser.add_argument("--rate", type=int, default=1000, help="change notifications a second")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from opexdesk.domain.errors import DomainError
    from opexdesk.services.events import ChangeNotifier, Clock, TicketChange
    from opexdesk.services.metrics import MetricsService, Preset, preset_window, read_out
    from opexdesk.services.shared_config import SharedConfig
    from opexdesk.services.tickets import Actor, TicketService
    from opexdesk.storage.blobs import BlobStore
    from opexdesk.storage.database import open_database
    from opexdesk.storage.metrics_repo import RAW_AGGREGATES, utc_text

    if args.db:
        path = args.db
    else:
        shared, _ = common.ensure_db(args.tickets)
        path = private_copy(shared, args.tickets)
    tickets = common.ticket_count(path)

    class FixedClock(Clock):  # the data's "now": the same instant for builds and updates
        def now(self) -> Any:
            return common.SEED_NOW

    clock = FixedClock()
    db = open_database(path)
    shared_config = SharedConfig(db, clock)
    service = MetricsService(db, shared_config.sla_policy, clock)
    window = preset_window(Preset[WINDOWS[args.window]], common.SEED_NOW, service.calendar_zone())
    result: dict[str, Any] = {"tickets": tickets, "window": args.window}

    # ---- first full dashboard vs the raw SQL aggregates -------------------------------
    start = time.perf_counter()
    state = service.build(window)
    snapshot = read_out(state, clock.now())
    result["first_ms"] = round((time.perf_counter() - start) * 1000, 1)
    result["window_tickets"] = len(state.facts)
    result["open"] = snapshot.backlog
    result["raw_ms"] = common.median(raw_sql(path, utc_text(window.start), RAW_AGGREGATES))
    result["first_vs_raw"] = round(result["first_ms"] / result["raw_ms"], 1)
    full = common.time_ms(lambda: service.build(window), repeat=args.repeat, warmup=0)
    result["full_recompute_ms"] = common.median(full)
    result["readout_ms"] = common.median(common.time_ms(lambda: read_out(state, clock.now())))

    # ---- per-change updates -----------------------------------------------------------
    rng = random.Random(7)
    notifier = ChangeNotifier()
    blobs = BlobStore(Path(tempfile.mkdtemp()))
    ops = TicketService(db, blobs, notifier, Actor("bench"), clock, sla_policy=service.policy)
    with db.engine.connect() as conn:
        open_ids = [
            r[0] for r in conn.exec_driver_sql("SELECT id FROM tickets WHERE is_open = 1").all()
        ]
        people = [r[0] for r in conn.exec_driver_sql("SELECT username FROM users").all()]
    samples: list[float] = []
    done = 0
    while done < args.changes and open_ids:
        tid = rng.choice(open_ids)
        try:
            _random_change(ops, tid, rng, people)
        except DomainError:
            continue
        begin = time.perf_counter()
        service.update(state, [tid])
        samples.append((time.perf_counter() - begin) * 1000)
        done += 1
    result["changes"] = len(samples)
    result["update_p50_ms"] = common.median(samples)
    result["update_p95_ms"] = common.p95(samples)
    result["update_ratio"] = round(result["full_recompute_ms"] / result["update_p50_ms"], 1)
    result["incremental_matches_full"] = (
        state.signature() == service.build(window, as_of=state.as_of).signature()
    )

    # ---- frames per second while changes stream in -------------------------------------
    result.update(_fps_under_load(service, open_ids, args, TicketChange))
    result["peak_rss_mb"] = common.peak_rss_mb()
    db.close()
    print(json.dumps(result, ensure_ascii=False))


def _random_change(ops: Any, tid: str, rng: random.Random, people: list[str]) -> None:
    from opexdesk.domain.enums import Status

    kind = rng.random()
    if kind < 0.4:
        ops.update(tid, {"assignee": rng.choice(people)})
    elif kind < 0.7:
        ops.update(tid, {"impact": rng.randint(1, 4), "urgency": rng.randint(1, 4)})
    else:
        ops.transition(tid, rng.choice([Status.IN_PROGRESS, Status.PENDING]))


class Frames:
    """Ticks of a 60 Hz timer the GUI thread manages to serve, each asking a chart to paint
    again: the frames the window could draw (60 a second at most)."""

    def __init__(self, paint: Any) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._tick)
        self._paint = paint
        self._last = 0

    def start(self) -> None:
        self.gaps.clear()
        self._clock.start()
        self._last = 0
        self._timer.start()

    def stop(self) -> dict[str, Any]:
        self._timer.stop()
        seconds = max(self._clock.elapsed() / 1000, 1e-9)
        gaps = sorted(self.gaps)
        return {
            "fps": round(len(gaps) / seconds, 1),
            "worst_frame_ms": gaps[-1] if gaps else None,
            "frame_gap_p95_ms": gaps[int(0.95 * len(gaps))] if gaps else None,
            "seconds": round(seconds, 2),
        }

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now
        self._paint()


def _run_until(condition: Any, limit_s: float) -> None:
    """Run the Qt event loop until ``condition()`` holds (checked every 10 ms) or time's up."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(10)
    deadline = time.perf_counter() + limit_s

    def check() -> None:
        if condition() or time.perf_counter() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()


def _fps_under_load(service: Any, ids: list[str], args: Any, change_cls: Any) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from opexdesk.services.events import ChangeNotifier
    from opexdesk.ui.dashboard.window import DashboardWindow
    from opexdesk.ui.notifier_bridge import NotifierBridge

    app = QApplication.instance() or QApplication([])
    dash = DashboardWindow(service)
    notifier = ChangeNotifier()
    bridge = NotifierBridge(notifier, dash)
    bridge.changed.connect(dash.ticket_changed)
    dash.show()
    frames = Frames(lambda: dash.flow.plot.viewport().update())
    frames.start()  # the window stays live while the first build runs on its worker
    _run_until(lambda: dash.drawn, 900)
    during_build = frames.stop()
    stop = threading.Event()
    sent = [0]

    def publish() -> None:  # the sync client or another thread committing changes
        rng = random.Random(3)
        interval = 1.0 / args.rate
        next_at = time.perf_counter()
        while not stop.is_set():
            notifier.publish(change_cls(rng.choice(ids), 0, "updated", ("assignee",)))
            sent[0] += 1
            next_at += interval
            pause = next_at - time.perf_counter()
            if pause > 0:
                time.sleep(pause)

    redraws_before, applied_before = dash.redraws, dash.controller.updates_applied
    thread = threading.Thread(target=publish, daemon=True)
    frames.start()
    thread.start()
    _run_until(lambda: False, args.load_seconds)
    stop.set()
    thread.join()
    load = frames.stop()
    out = {
        "fps_under_load": load["fps"],
        "worst_frame_ms": load["worst_frame_ms"],
        "frame_gap_p95_ms": load["frame_gap_p95_ms"],
        "changes_per_s": round(sent[0] / load["seconds"]),
        "redraws_under_load": dash.redraws - redraws_before,
        "tickets_applied_under_load": dash.controller.updates_applied - applied_before,
        "fps_during_first_build": during_build["fps"],
        "worst_frame_during_build_ms": during_build["worst_frame_ms"],
    }
    bridge.close()
    dash.close()
    app.processEvents()
    return out


if __name__ == "__main__":
    main()
