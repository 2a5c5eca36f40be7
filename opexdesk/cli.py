"""Command line of the ``opexdesk`` program: parse arguments, build the context, start the UI."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from opexdesk import __version__
from opexdesk.logs import configure_logging
from opexdesk.paths import AppPaths, resolve_paths
from opexdesk.storage.errors import StorageError

if TYPE_CHECKING:
    from opexdesk.services.app_settings import AppSettingsStore

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opexdesk",
        description="OpExDesk: offline-first service-desk client.",
        epilog="`opexdesk sync --help`: sync with the central store once, from a script. "
        "`opexdesk config --help`: the shared priority matrix and SLA policy. "
        "`opexdesk retrain`: retrain the ticket-suggestion model now.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--basedir", metavar="DIR", help="keep data, config, cache and logs under DIR"
    )
    where.add_argument(
        "--temp-basedir",
        action="store_true",
        help="use a fresh temporary directory, removed at exit",
    )
    parser.add_argument("--version", action="version", version=f"opexdesk {__version__}")
    parser.add_argument(
        "--demo",
        type=int,
        metavar="N",
        default=0,
        help="seed N realistic demo tickets when the database has no tickets",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, build the main window, process events, and exit 0 (installation check)",
    )
    parser.add_argument("--user", metavar="NAME", help="act as NAME (default: the OS user)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["sync"]:
        # `opexdesk sync ...`: one sync round for scripts, without loading Qt.
        from opexdesk.services.sync.cli import run_sync_cli

        return run_sync_cli(arguments[1:])
    if arguments[:1] == ["config"]:
        from opexdesk.services.config_cli import run_config_cli

        return run_config_cli(arguments[1:])
    if arguments[:1] == ["retrain"]:
        from opexdesk.services.classify.retrain_cli import run_retrain_cli

        return run_retrain_cli(arguments[1:])
    args = build_parser().parse_args(arguments)
    if args.demo < 0:
        print("opexdesk: --demo needs a number of tickets >= 0", file=sys.stderr)
        return 2
    paths = resolve_paths(args.basedir, args.temp_basedir)
    try:
        log_path = configure_logging(paths.logs)
    except OSError as exc:
        print(f"opexdesk: cannot write logs to {paths.logs}: {exc.strerror}", file=sys.stderr)
        return 2

    # Imported here so that --version and argument errors stay instant.
    from opexdesk.services.app_settings import AppSettingsStore, effective_paths
    from opexdesk.services.instance_lock import CLOSING_WAIT_S, InstanceLock, instance_channel

    settings_store = AppSettingsStore.for_paths(paths)
    # Before anything touches the data: a data move or reset left pending must not run
    # under a program that has the database open.
    instance = InstanceLock(paths.config)
    channel = instance_channel(paths.config)
    if not instance.acquire():
        from opexdesk.ui.single_instance import hand_over_to_running, report_running

        settings = settings_store.load()
        # An installation check never pulls a user's window to the front.
        if not args.smoke and hand_over_to_running(channel, settings.language):
            return 0
        if not instance.acquire(timeout=CLOSING_WAIT_S):  # it may be closing down
            data = effective_paths(paths, settings).data
            return report_running(data, settings.language, smoke=args.smoke)
    try:
        return _run(args, paths, settings_store, log_path, channel)
    finally:
        instance.release()
        paths.cleanup()


def _run(
    args: argparse.Namespace,
    paths: AppPaths,
    settings_store: AppSettingsStore,
    log_path: Path,
    channel: str,
) -> int:
    """Open the local data and run the windows (the caller holds the instance lock)."""
    from opexdesk.services.app_settings import effective_paths
    from opexdesk.services.local_data import apply_pending

    startup_messages = apply_pending(settings_store, paths)  # finish a data move / reset first
    run_paths = effective_paths(paths, settings_store.load())
    log.info("opexdesk %s starting; data in %s", __version__, run_paths.data)

    from opexdesk.app import build_context
    from opexdesk.services.demo import has_tickets, seed_demo
    from opexdesk.storage.database import upgrade_pending
    from opexdesk.ui.application import open_with_upgrade_window, run_gui, show_fatal_error

    try:
        if upgrade_pending(run_paths.database) and not args.smoke:
            log.info("upgrading the local database %s", run_paths.database)
            ctx = open_with_upgrade_window(
                lambda: build_context(run_paths, username=args.user),
                settings_store.load().language,
            )
        else:
            ctx = build_context(run_paths, username=args.user)
    except StorageError as exc:
        log.error("cannot open the local store: %s", exc)
        print(f"opexdesk: {exc}", file=sys.stderr)
        if not args.smoke:
            show_fatal_error(exc, log_path, settings_store.load().language)
        return 2
    try:
        if args.demo and not has_tickets(ctx.db):
            log.info("seeding %d demo tickets", args.demo)
            seed_demo(ctx.db, args.demo, seed=0, now=ctx.clock.now())
            from opexdesk.services.kb.demo_articles import seed_demo_articles

            published = seed_demo_articles(ctx.knowledge.articles, ctx.ticket_list)
            log.info("published %d demo knowledge-base articles", published)
        return run_gui(
            ctx,
            smoke=args.smoke,
            settings_store=settings_store,
            startup_messages=startup_messages,
            demo=bool(args.demo),
            instance_channel=channel,
        )
    finally:
        ctx.close()
