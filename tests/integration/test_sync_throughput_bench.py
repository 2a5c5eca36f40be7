"""bench/sync_throughput.py --quick runs end to end and prints the promised JSON.

Uses the PostgreSQL database of scripts/test when OPEXDESK_TEST_PG_URL is set (the bench
empties it, as the other server tests do); SQLite only otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "sync_throughput.py"


def _check_database(name: str, result: dict[str, object]) -> None:
    assert isinstance(result, dict), (name, result)
    for key in ("ours_per_s", "raw_per_s", "ratio", "visible_p95_ms", "concurrent"):
        assert key in result, (name, key, result)
    assert isinstance(result["ratio"], float) and result["ratio"] > 0, (name, result)
    concurrent = result["concurrent"]
    assert isinstance(concurrent, dict)
    assert concurrent["errors"] == 0, (name, concurrent)
    assert concurrent["batches"] > 0, (name, concurrent)
    assert result["server_tracebacks"] == 0, (name, result)


# Two server processes, 16 argon2 sign-ups and the PostgreSQL run: minutes on a busy machine.
@pytest.mark.timeout(600)
def test_quick_bench_prints_one_json_object(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPEXDESK_BENCH_PG_URL"}
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=570,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout  # one JSON object; progress went to stderr
    out = json.loads(lines[0])
    _check_database("sqlite", out["sqlite"])
    if os.environ.get("OPEXDESK_TEST_PG_URL"):
        _check_database("postgresql", out["postgresql"])
        assert out["headline_database"] == "postgresql"
    else:
        assert "skipped" in out["postgresql"]
    assert out["visible_p95_ms"] > 0
    assert out["concurrent"]["errors"] == 0
    assert {"clients", "p99_ms", "errors"} <= set(out["concurrent"])
