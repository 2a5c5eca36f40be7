"""Seeded fault-injection simulation of the sync (docs/sync.md).

    python bench/sync_sim.py --seeds N --clients C --edits E [--first-seed S]
                             [--variant none|forget_dropped|cursor_first|skip_articles]
                             [--no-faults] [--jobs J] [--progress]

Prints one JSON object: {"seeds", "lost", "duplicated", "diverged", "conflicts", "seconds", ...}.
Exit status 1 when any seed violated an invariant (failed_seeds lists them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/sync_sim.py` from a checkout
    sys.path.insert(0, str(REPO))

from bench.sim import VARIANTS, SeedResult, SimConfig, run_seeds, summary  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--edits", type=int, default=200, help="edits per client")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="none")
    parser.add_argument("--no-faults", action="store_true", help="a fault-free sanity run")
    parser.add_argument("--jobs", type=int, default=1, help="seeds run in parallel processes")
    parser.add_argument(
        "--progress", action="store_true", help="one line on stderr per finished seed"
    )
    args = parser.parse_args(argv)
    config = SimConfig(
        clients=args.clients, edits=args.edits, variant=args.variant, faults=not args.no_faults
    )
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    started = time.perf_counter()
    progress = None
    if args.progress:

        def progress(result: SeedResult) -> None:
            done = time.perf_counter() - started
            state = "FAILED" if result.failed else "ok"
            print(f"seed {result.seed} {state} {done:.0f} s", file=sys.stderr, flush=True)

    results = run_seeds(seeds, config, args.jobs, progress)
    report = summary(results, config, time.perf_counter() - started)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if report["failed_seeds"] else 0


if __name__ == "__main__":
    sys.exit(main())
