"""``opexdesk sync`` (also ``python -m opexdesk.services.sync``): one sync round for scripts.

    opexdesk sync [--basedir DIR] [--server URL --user NAME] [--password-stdin]
                  [--ca-file PATH] [--status] [--retries N]

Without ``--password-stdin`` the sign-in saved in the OS keyring (by the app or an earlier
run) is used, and a password is asked for only when there is none. The server and user
default to the ones this database syncs with. Prints one JSON object: the round's report,
or with ``--status`` what is waiting (no network). Exit status: 0 done, 2 bad usage or
local problem, 3 server unreachable (changes are kept; try again later), 4 sign-in needed,
5 the server refused or failed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from sqlalchemy import func, select

from opexdesk.services.app_settings import script_paths
from opexdesk.services.secrets import Account, NoSecureKeyringError, SecretStore
from opexdesk.services.sync.api import (
    AuthFailed,
    SyncApi,
    SyncError,
    Tokens,
    Unreachable,
    normalize_url,
)
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database, open_database
from opexdesk.storage.errors import StorageError
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import SYNC_STATE_ID, Conflict, SyncState

EXIT_ERROR = 2
EXIT_UNREACHABLE = 3
EXIT_AUTH = 4
EXIT_SERVER = 5


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Sync this OpExDesk data directory with its server once."
    )
    parser.add_argument("--basedir", help="the OpExDesk base directory (default: the user's)")
    parser.add_argument("--server", help="server address, https://host[:port]")
    parser.add_argument("--user", help="user name on the server")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    parser.add_argument("--ca-file", help="CA bundle to verify the server's certificate")
    parser.add_argument(
        "--status", action="store_true", help="only print what is waiting; no network"
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=0,
        metavar="N",
        help="retry an unreachable server N times with exponential back-off",
    )
    return parser


def _status(db: Database) -> dict[str, Any]:
    with db.read() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        grouped = select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)
        counts: dict[str, int] = {str(k): int(v) for k, v in s.execute(grouped).all()}
        conflicts = s.scalar(
            select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
        )
        last_pull = state.last_pull_at if state else None
        return {
            "server": state.server_url if state else None,
            "user": state.username if state else None,
            "cursor": state.cursor if state else 0,
            "pending": int(counts.get("pending", 0)),
            "rejected": int(counts.get("rejected", 0)),
            "open_conflicts": int(conflicts or 0),
            "last_pull_at": last_pull.isoformat() if last_pull else None,
            "last_error": state.last_error if state else None,
        }


def _sign_in(api: SyncApi, account: Account, secrets: SecretStore, password: str | None) -> None:
    if password is None:
        try:
            token = secrets.load_refresh_token(account)
        except NoSecureKeyringError:
            token = None
        if token:
            api.refresh(token)
            return
        password = getpass.getpass(f"Password for {account.username} on {account.server_url}: ")
    api.login(account.username, password)


def run_sync_cli(
    argv: Sequence[str] | None = None,
    *,
    prog: str = "opexdesk sync",
    secrets: SecretStore | None = None,
) -> int:
    args = _parser(prog).parse_args(argv)
    paths = script_paths(args.basedir)
    try:
        db = open_database(paths.database)
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    try:
        status = _status(db)
        if args.status:
            print(json.dumps(status, sort_keys=True, ensure_ascii=False))
            return 0
        server, user = args.server or status["server"], args.user or status["user"]
        if not server or not user:
            print("This database has never synced: give --server and --user.", file=sys.stderr)
            return EXIT_ERROR
        password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
        blobs = BlobStore(paths.blobs)
        return _run(db, blobs, server, user, password, args.ca_file, args.retries, secrets)
    finally:
        db.close()


def _run(
    db: Database,
    blobs: BlobStore,
    server: str,
    user: str,
    password: str | None,
    ca_file: str | None,
    retries: int,
    secrets: SecretStore | None,
) -> int:
    store = secrets or SecretStore()
    account = Account(normalize_url(server), user)

    def keep(tokens: Tokens) -> None:  # the refresh token rotates: keep the newest
        # Without a keyring, scripts sign in with a password each time.
        with suppress(NoSecureKeyringError):
            store.save_refresh_token(account, tokens.refresh_token)

    attempt = 0
    while True:
        try:
            with SyncApi(server, ca_file=ca_file, on_tokens=keep) as api:
                _sign_in(api, account, store, password)
                report = SyncEngine(db, api, blobs=blobs).sync_once()
        except Unreachable as exc:
            if attempt < retries:
                time.sleep(min(2.0**attempt, 60.0))
                attempt += 1
                continue
            print(f"{exc} Local changes are kept.", file=sys.stderr)
            return EXIT_UNREACHABLE
        except AuthFailed as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_AUTH
        except SyncError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_SERVER
        print(json.dumps(report.as_dict(), sort_keys=True))
        return 0
