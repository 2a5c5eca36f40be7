"""``opexdesk config``: show or change the shared settings (priority matrix, SLA policy).

    opexdesk config show [--basedir DIR]
    opexdesk config set NAME FILE.json [--basedir DIR]

``set`` checks the value like the central store will, stores it in this database and queues
it for the next sync (administrators only, once signed in). Exit 0 done, 2 refused or bad
input (the message says why; nothing is changed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from opexdesk.domain.errors import DomainError
from opexdesk.domain.shared_config import CONFIG_KEYS, PRIORITY_MATRIX, SLA_POLICY
from opexdesk.services.app_settings import script_paths
from opexdesk.services.shared_config import SharedConfig
from opexdesk.storage.database import open_database
from opexdesk.storage.errors import StorageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opexdesk config", description="Show or change the shared settings."
    )
    parser.add_argument("--basedir", metavar="DIR", help="the data directory (as for opexdesk)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("show", help="print the settings in force as JSON")
    change = sub.add_parser("set", help="change one setting from a JSON file")
    change.add_argument("name", choices=sorted(CONFIG_KEYS))
    change.add_argument("file", type=Path, help="the value as JSON (- for standard input)")
    return parser


def run_config_cli(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    paths = script_paths(args.basedir)
    try:
        db = open_database(paths.database)
    except StorageError as exc:
        print(f"opexdesk config: {exc}", file=sys.stderr)
        return 2
    try:
        config = SharedConfig(db)
        if args.command == "show":
            shown = {
                PRIORITY_MATRIX: config.matrix().to_dict(),
                SLA_POLICY: config.sla_policy().to_dict(),
            }
            print(json.dumps(shown, indent=2, ensure_ascii=False))
            return 0
        try:
            text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text("utf-8")
            value = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            print(f"opexdesk config: cannot read {args.file}: {exc}", file=sys.stderr)
            return 2
        try:
            config.set(args.name, value)
        except DomainError as exc:
            print(f"opexdesk config: {exc}", file=sys.stderr)
            return 2
        print(f"{args.name} set; it reaches the other devices with the next sync")
        return 0
    finally:
        db.close()
