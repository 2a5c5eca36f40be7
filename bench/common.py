"""Helpers shared by the benchmarks in bench/: a cached demo database, timing, peak memory.

Every benchmark prints exactly one JSON object on stdout. Databases are built through the
real application code path (``open_database`` + ``seed_demo``) and cached in ``bench/out``
(gitignored), so reruns measure queries, not seeding.
"""

from __future__ import annotations

import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
DEFAULT_TICKETS = 1_000_000
# Benchmark databases use a fixed "now", so a rebuilt database has the same content.
SEED_NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

if str(REPO) not in sys.path:  # run as `python bench/x.py` from a checkout
    sys.path.insert(0, str(REPO))


def default_db_path(tickets: int) -> Path:
    return OUT_DIR / f"tickets-{tickets}.sqlite3"


def ticket_count(path: Path) -> int | None:
    """Number of tickets in the database at ``path``; None if it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(con.execute("SELECT count(*) FROM tickets").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return None


def build_db(path: Path, tickets: int, seed: int = 0) -> float:
    """Create a fresh database at ``path`` with ``tickets`` demo tickets; returns seconds."""
    from opexdesk.services.demo import seed_demo
    from opexdesk.storage.database import open_database

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    db = open_database(path)
    try:
        seed_demo(db, tickets, seed=seed, now=SEED_NOW)
    finally:
        db.close()
    return time.perf_counter() - start


def ensure_db(
    tickets: int = DEFAULT_TICKETS, path: Path | None = None
) -> tuple[Path, float | None]:
    """A database with exactly ``tickets`` tickets: reused if present, else built.

    Returns (path, seconds spent building, or None when reused)."""
    path = path or default_db_path(tickets)
    if ticket_count(path) == tickets:
        return path, None
    return path, build_db(path, tickets)


def file_mb(path: Path) -> float:
    """Size of the database file plus its WAL, in MB."""
    total = sum(
        Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists()
    )
    return round(total / 1e6, 1)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def time_ms(fn: Callable[[], Any], repeat: int = 7, warmup: int = 1) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def median(samples: list[float]) -> float:
    return round(statistics.median(samples), 3)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3)


def compare(ours: list[float], raw: list[float]) -> dict[str, float]:
    """Median of our code path vs the raw reference, and their ratio."""
    ours_ms, raw_ms = median(ours), median(raw)
    return {
        "ours_ms": ours_ms,
        "raw_ms": raw_ms,
        "ratio": round(ours_ms / raw_ms, 2) if raw_ms > 0 else float("inf"),
    }
