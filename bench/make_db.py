"""Build (or reuse) a benchmark database of demo tickets through the real app code path.

    python bench/make_db.py --tickets 1000000 [--out PATH] [--force]

Prints one JSON object: {"tickets", "seconds", "db_mb", "reused"}; ``seconds`` is the build
time (open_database + seed_demo), 0 when an existing database with that count was reused.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=common.DEFAULT_TICKETS)
    parser.add_argument("--out", type=Path, help="database file (default: bench/out/...)")
    parser.add_argument("--force", action="store_true", help="rebuild even if it exists")
    args = parser.parse_args()
    path = args.out or common.default_db_path(args.tickets)
    if args.force:
        seconds: float | None = common.build_db(path, args.tickets)
    else:
        path, seconds = common.ensure_db(args.tickets, path)
    print(
        json.dumps(
            {
                "tickets": common.ticket_count(path),
                "seconds": round(seconds or 0.0, 1),
                "db_mb": common.file_mb(path),
                "reused": seconds is None,
            }
        )
    )


if __name__ == "__main__":
    main()
