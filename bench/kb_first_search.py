"""The first searches after the knowledge base opens: cold vs warmed (KbSearch.warm).

    python bench/kb_first_search.py --docs D.jsonl --queries Q.tsv [--scale N] [--index F]

Builds (or reuses, with --index) an index of the docs plus N distractors, then opens it
afresh several times. Each time, the first three queries are timed either straight away
("cold": the embedding model, the vectors, their sign codes and the typo map load inside
the first searches) or after ``warm()`` (what a panel runs on its worker when it opens).
The reference is the same queries on an index that has answered many before (steady
state). Prints one JSON object; the first query of each open is the one a user waits for.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/kb_first_search.py` from a checkout
    sys.path.insert(0, str(REPO))

from bench.kb_quality import distractors, read_docs, read_tsv  # noqa: E402
from opexdesk.services.kb import Article, KbSearch  # noqa: E402

# A word, a misspelt word (the typo map), a longer question.
FIRST = ("printer jam", "pritner offline", "how do I share a calendar with my team")


def _timed(kb: KbSearch, text: str) -> float:
    started = time.perf_counter()
    kb.search(text, as_you_type=True)
    return (time.perf_counter() - started) * 1000


def _open_and_search(path: Path, warm: bool) -> dict[str, Any]:
    kb = KbSearch(str(path))
    try:
        warm_ms = 0.0
        if warm:
            started = time.perf_counter()
            kb.warm()
            warm_ms = (time.perf_counter() - started) * 1000
        return {"warm_ms": round(warm_ms, 1), "first_ms": [round(_timed(kb, q), 1) for q in FIRST]}
    finally:
        kb.close()


def _steady(path: Path, queries: list[str]) -> dict[str, float]:
    kb = KbSearch(str(path))
    try:
        for q in queries:
            kb.search(q, as_you_type=True)
        times = [_timed(kb, q) for q in (*FIRST, *queries)]
    finally:
        kb.close()
    return {"p50_ms": round(statistics.median(times), 1), "max_first_ms": round(max(times[:3]), 1)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, required=True)
    ap.add_argument("--queries", type=Path, required=True)
    ap.add_argument("--scale", type=int, default=0, help="distractor documents added")
    ap.add_argument("--index", type=Path, help="index file to reuse (built when missing)")
    ap.add_argument("--opens", type=int, default=3, help="fresh opens per mode")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    queries = [q["text"] for q in read_tsv(args.queries)][:200]

    with tempfile.TemporaryDirectory() as tmp:
        path = args.index or Path(tmp) / "kb.sqlite3"
        index_s = None
        if not path.exists():
            docs = read_docs(args.docs) + (distractors(args.scale, args.seed) if args.scale else [])
            started = time.perf_counter()
            kb = KbSearch(str(path))
            kb.add_articles(Article(d["doc_id"], d.get("title", ""), d["text"]) for d in docs)
            kb.close()
            index_s = round(time.perf_counter() - started, 1)
        # Alternate the modes so the OS page cache favours neither.
        runs: dict[str, list[dict[str, Any]]] = {"cold": [], "warmed": []}
        for _ in range(args.opens):
            runs["cold"].append(_open_and_search(path, warm=False))
            runs["warmed"].append(_open_and_search(path, warm=True))
        out: dict[str, Any] = {"index_s": index_s, "queries": list(FIRST)}
        for mode, found in runs.items():
            firsts = [r["first_ms"][0] for r in found]
            out[mode] = {
                "first_query_ms": firsts,
                "worst_of_first_three_ms": max(max(r["first_ms"]) for r in found),
                "warm_ms": [r["warm_ms"] for r in found] if mode == "warmed" else None,
            }
        out["steady_state"] = _steady(path, queries)
    return out


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
