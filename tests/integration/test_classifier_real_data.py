"""bench/classify_quality.py on the real Endava help-desk tickets (../shared/data, never
shipped): ours vs TF-IDF + LogisticRegression vs majority, on small fixed samples.

Category: a gzip CSV of 1,600 rows with column names containing spaces (exercises the
bench's reading path). Urgency: the 576 incident rows (ticket_type 0, see SOURCE.md).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.realdata

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "classify_quality.py"
SUBSET = "endava-it-tickets/all_tickets_subset.csv"


@pytest.fixture(scope="module")
def subset(shared_data: Path) -> Path:
    path = shared_data / SUBSET
    if not path.is_file():
        pytest.skip(f"{path} not found (Endava tickets, see its SOURCE.md)")
    return path


def run_bench(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(BENCH), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout
    result: dict[str, Any] = json.loads(lines[0])
    for name in ("ours", "reference", "majority"):
        for key in ("macro_f1", "accuracy", "per_class_recall", "train_s", "suggest_p95_ms"):
            assert key in result[name], (name, key)
    return result


def test_category_on_a_gzip_sample_with_spaced_columns(subset: Path, tmp_path: Path) -> None:
    with subset.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    sample = rows[::3][:1600]  # every third row: both blocks of the file, fixed
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(["ticket title", "ticket body", "the category"])
    for r in sample:
        out.writerow([r["title"], r["body"], r["category"]])
    data = tmp_path / "sample.csv.gz"
    data.write_bytes(gzip.compress(buf.getvalue().encode()))

    result = run_bench(
        "--data", str(data), "--text", "ticket title,ticket body", "--label", "the category"
    )
    assert result["n_train"] + result["n_test"] == 1600
    ours, ref, major = result["ours"], result["reference"], result["majority"]
    # Measured (seed 0): ours 0.46, reference 0.26; class balancing finds the rare classes.
    assert ours["macro_f1"] >= ref["macro_f1"]
    assert ours["macro_f1"] > major["macro_f1"] + 0.15
    assert ours["suggest_p95_ms"] < 50  # loose: CI machines are noisy; bench says < 16


def test_urgency_on_incident_rows(subset: Path) -> None:
    result = run_bench(
        "--data",
        str(subset),
        "--text",
        "title,body",
        "--label",
        "urgency",
        "--where",
        "ticket_type=0",
    )
    assert result["n_train"] + result["n_test"] == 576
    assert set(result["labels"]) == {"0", "1", "2"}
    ours, ref, major = result["ours"], result["reference"], result["majority"]
    # Urgency is hard to read from this text: ours led the reference by ~0.03 macro-F1 on
    # the seeds tried, too close to assert; assert a sane floor instead.
    assert ours["macro_f1"] > major["macro_f1"] + 0.05
    assert ours["macro_f1"] >= ref["macro_f1"] - 0.05
