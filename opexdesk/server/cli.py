"""``opexdesk-server``: run the central store and administer its users.

    opexdesk-server serve [--host 127.0.0.1] [--port 8765] [--workers N] [--database-url URL]
    opexdesk-server migrate [--database-url URL]
    opexdesk-server create-user USERNAME --role admin [--display-name NAME] [--password-stdin]
                               [--grant edit-articles]
    opexdesk-server set-password USERNAME [--password-stdin]
    opexdesk-server set-role USERNAME technician|operator|admin
    opexdesk-server grant|revoke USERNAME edit-articles
    opexdesk-server list-users

Exit status: 0 done, 1 a clear error printed on stderr, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from datetime import timedelta

from opexdesk import __version__
from opexdesk.domain.enums import Grant, Role
from opexdesk.domain.units import size_text
from opexdesk.server.blob_gc import DEFAULT_GRACE, collect_blob_garbage
from opexdesk.server.config import ENV_DATABASE_URL, ENV_MIGRATE, ServerSettings, utc_now
from opexdesk.server.database import ServerDatabase, display_url, open_server_database
from opexdesk.server.errors import ServerDatabaseError, ServerError
from opexdesk.server.security import Passwords
from opexdesk.server.users import UserAdmin, count_users

log = logging.getLogger("opexdesk.server")
# As typed on the command line: edit-articles for Grant.EDIT_ARTICLES.
GRANT_NAMES = [g.value.replace("_", "-") for g in Grant]


class CliError(Exception):
    """A failure to report as ``opexdesk-server: error: <message>`` with exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opexdesk-server",
        description="OpExDesk central store: HTTP API for the desktop clients, and user admin.",
    )
    parser.add_argument("--version", action="version", version=f"opexdesk-server {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        metavar="URL",
        help="sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB "
        f"(default: ${ENV_DATABASE_URL}, else an SQLite file in the user data directory)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP API (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="TCP port (8765)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes; they share nothing but the database (1)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        default=None,
        help="proxies trusted for X-Forwarded-For (the client address used by the login "
        "rate limit); default 127.0.0.1",
    )
    serve.add_argument("--ssl-certfile", metavar="FILE", help="serve HTTPS with this certificate")
    serve.add_argument("--ssl-keyfile", metavar="FILE", help="private key of --ssl-certfile")
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )

    sub.add_parser(
        "migrate", parents=[common], help="create or upgrade the database schema, then exit"
    )

    create = sub.add_parser("create-user", parents=[common], help="add an account")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--display-name", metavar="NAME", help="shown name (default: username)")
    create.add_argument(
        "--grant",
        action="append",
        default=[],
        choices=GRANT_NAMES,
        help="a right beyond the role (repeatable): edit-articles lets a technician edit and "
        "publish any knowledge-base article",
    )
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of a prompt",
    )

    setpw = sub.add_parser(
        "set-password",
        parents=[common],
        help="reset a password (signs the user out everywhere)",
    )
    setpw.add_argument("username")
    setpw.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )

    role = sub.add_parser(
        "set-role", parents=[common], help="change an account's role (from its next request)"
    )
    role.add_argument("username")
    role.add_argument("role", choices=[r.value for r in Role])

    grant = sub.add_parser(
        "grant",
        parents=[common],
        help="give an account a right beyond its role (from its next request)",
    )
    grant.add_argument("username")
    grant.add_argument("right", choices=GRANT_NAMES, help="edit-articles: a knowledge-base editor")
    revoke = sub.add_parser("revoke", parents=[common], help="take a granted right away")
    revoke.add_argument("username")
    revoke.add_argument("right", choices=GRANT_NAMES)

    sub.add_parser("list-users", parents=[common], help="print every account")
    gc = sub.add_parser(
        "gc-blobs",
        parents=[common],
        help="remove stopped partial uploads and blobs no attachment refers to",
    )
    gc.add_argument(
        "--older-than-days",
        type=int,
        default=DEFAULT_GRACE.days,
        metavar="N",
        help=f"only blobs older than N days (default {DEFAULT_GRACE.days})",
    )
    return parser


def _settings(args: argparse.Namespace) -> ServerSettings:
    return ServerSettings.from_env().with_database_url(args.database_url)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise CliError("No password on standard input (--password-stdin reads one line).")
        return password
    if not sys.stdin.isatty():
        raise CliError("No terminal to ask for the password: pass --password-stdin and pipe it in.")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise CliError("The two passwords differ; nothing was changed.")
    return password


def _open(settings: ServerSettings) -> ServerDatabase:
    return open_server_database(settings.database_url, migrate_schema=True)


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    db = _open(settings)
    try:
        print(f"{display_url(settings.database_url)}: schema {db.schema_revision()}")
    finally:
        db.close()
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    settings = _settings(args)
    password = _read_password(args.password_stdin)
    db = _open(settings)
    try:
        users = UserAdmin(db, Passwords(settings.password_hashing))
        user = users.create(
            args.username,
            args.display_name or args.username,
            Role(args.role),
            password,
            [_grant(name) for name in args.grant],
        )
    finally:
        db.close()
    print(f"created {user.role.value} {user.username!r} (id {user.id})")
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    settings = _settings(args)
    password = _read_password(args.password_stdin)
    db = _open(settings)
    try:
        user = UserAdmin(db, Passwords(settings.password_hashing)).set_password(
            args.username, password
        )
    finally:
        db.close()
    print(f"password of {user.username!r} changed; every session of the user was signed out")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    settings = _settings(args)
    db = _open(settings)
    try:
        users = UserAdmin(db, Passwords(settings.password_hashing))
        user = users.update(users.find(args.username).id, role=Role(args.role))
    finally:
        db.close()
    print(f"{user.username!r} is now {user.role.value}")
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    return _change_grants(args, add=[_grant(args.right)])


def cmd_revoke(args: argparse.Namespace) -> int:
    return _change_grants(args, remove=[_grant(args.right)])


def _change_grants(
    args: argparse.Namespace, add: Sequence[Grant] = (), remove: Sequence[Grant] = ()
) -> int:
    settings = _settings(args)
    db = _open(settings)
    try:
        users = UserAdmin(db, Passwords(settings.password_hashing))
        user = users.change_grants(args.username, add, remove)
    finally:
        db.close()
    print(f"{user.username!r} ({user.role.value}) has: {_grants_shown(user.grants)}")
    return 0


def _grant(name: str) -> Grant:
    return Grant(name.replace("-", "_"))


def _grants_shown(grants: frozenset[Grant]) -> str:
    return ", ".join(sorted(g.value.replace("_", "-") for g in grants)) or "no grants"


def cmd_list_users(args: argparse.Namespace) -> int:
    settings = _settings(args)
    db = _open(settings)
    try:
        users = UserAdmin(db, Passwords(settings.password_hashing)).list()
    finally:
        db.close()
    if not users:
        print("no users yet: add one with `opexdesk-server create-user NAME --role admin`")
        return 0
    width = max(len(u.username) for u in users)
    print(
        f"{'USERNAME':<{width}}  {'ROLE':<10}  {'STATE':<8}  {'ID':<36}  {'GRANTS':<13}  "
        "DISPLAY NAME"
    )
    for u in users:
        state = "disabled" if u.disabled else "active"
        grants = ",".join(sorted(g.value.replace("_", "-") for g in u.grants)) or "-"
        print(
            f"{u.username:<{width}}  {u.role.value:<10}  {state:<8}  {u.id:<36}  {grants:<13}  "
            f"{u.display_name}"
        )
    return 0


def cmd_gc_blobs(args: argparse.Namespace) -> int:
    if args.older_than_days < 0:
        raise CliError("--older-than-days cannot be negative.")
    settings = _settings(args)
    db = _open(settings)
    try:
        report = collect_blob_garbage(db, utc_now, timedelta(days=args.older_than_days))
    finally:
        db.close()
    print(
        f"removed {report.partial_removed} stopped upload(s) and "
        f"{report.unreferenced_removed} unreferenced blob(s); {size_text(report.bytes_freed)} freed"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.workers < 1:
        raise CliError("--workers must be at least 1.")
    settings = _settings(args)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # Migrate once here, so the workers (which only check the schema) never race.
    db = _open(settings)
    try:
        if count_users(db) == 0:
            log.warning(
                "no users yet: add an administrator with "
                "`opexdesk-server create-user NAME --role admin`"
            )
    finally:
        db.close()
    log.info("database %s", display_url(settings.database_url))
    # Workers are separate processes: they build the app from these variables.
    os.environ[ENV_DATABASE_URL] = settings.database_url
    os.environ[ENV_MIGRATE] = "0"
    uvicorn.run(
        "opexdesk.server.app:create_app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        log_level=args.log_level,
        server_header=False,
    )
    return 0


COMMANDS = {
    "serve": cmd_serve,
    "migrate": cmd_migrate,
    "create-user": cmd_create_user,
    "set-password": cmd_set_password,
    "set-role": cmd_set_role,
    "grant": cmd_grant,
    "revoke": cmd_revoke,
    "list-users": cmd_list_users,
    "gc-blobs": cmd_gc_blobs,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (CliError, ServerError, ServerDatabaseError) as exc:
        message = exc.detail if isinstance(exc, ServerError) else str(exc)
        print(f"opexdesk-server: error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("opexdesk-server: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
