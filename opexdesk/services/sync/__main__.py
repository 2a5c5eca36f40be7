"""Entry point of ``python -m opexdesk.services.sync`` (see cli.py)."""

import sys

from opexdesk.services.sync.cli import run_sync_cli

sys.exit(run_sync_cli(prog="python -m opexdesk.services.sync"))
