"""``opexdesk retrain``: retrain the ticket-suggestion model now from this device's history.

    opexdesk retrain [--basedir DIR]

The application retrains on its own when enough has changed (retrain_policy.py); this is for
after a large import of history, and for installation checks: it trains in the same child
process the application uses. A running application keeps its model until it restarts or
retrains. Exit 0 done, 2 a clear error (nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from opexdesk.services.app_settings import script_paths
from opexdesk.services.classify.retrain_process import RetrainFailed, retrain_in_child
from opexdesk.services.classify.service import MODEL_DIR_NAME, ClassifierService
from opexdesk.storage.database import open_database
from opexdesk.storage.errors import StorageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opexdesk retrain",
        description="Retrain the ticket-suggestion model now from this device's tickets.",
    )
    parser.add_argument("--basedir", metavar="DIR", help="the data directory (as for opexdesk)")
    return parser


def run_retrain_cli(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    paths = script_paths(args.basedir)
    try:
        db = open_database(paths.database)
    except StorageError as exc:
        print(f"opexdesk retrain: {exc}", file=sys.stderr)
        return 2
    try:
        service = ClassifierService(paths.data / MODEL_DIR_NAME)
        service.load()  # the corrections operators made count in the new model
        report = retrain_in_child(service, db)
    except (RetrainFailed, StorageError, OSError) as exc:
        print(f"opexdesk retrain: {exc}", file=sys.stderr)
        return 2
    finally:
        db.close()
    fields = ", ".join(report.fields) or "none (too few labelled tickets: keyword rules apply)"
    print(
        f"suggestion model retrained on {report.examples:,} tickets and "
        f"{report.corrections:,} corrections in {report.seconds:.1f} s; fields: {fields}"
    )
    return 0
