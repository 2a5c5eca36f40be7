"""``python -m opexdesk.services.sync``: sign in and run one sync round, print the report.

    python -m opexdesk.services.sync --basedir DIR --server URL --user NAME
        [--password-stdin] [--ca-file PATH]

Prints the report as JSON; on an error prints its message and exits with status 2.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from opexdesk.paths import AppPaths
from opexdesk.services.sync.api import SyncApi, SyncError
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.database import open_database
from opexdesk.storage.errors import StorageError

EXIT_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m opexdesk.services.sync",
        description="Sign in to an OpExDesk server and sync this data directory once.",
    )
    parser.add_argument("--basedir", required=True, help="the OpExDesk base directory")
    parser.add_argument("--server", required=True, help="server address, https://host[:port]")
    parser.add_argument("--user", required=True, help="user name on the server")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    parser.add_argument("--ca-file", help="CA bundle to verify the server's certificate")
    return parser


def run_sync_cli(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.user}: ")
    try:
        db = open_database(AppPaths.under(Path(args.basedir)).database)
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    try:
        with SyncApi(args.server, ca_file=args.ca_file) as api:
            api.login(args.user, password)
            report = SyncEngine(db, api).sync_once()
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    finally:
        db.close()
    print(json.dumps(report.as_dict(), sort_keys=True))
    return 0
