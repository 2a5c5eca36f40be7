"""Logging to a rotating file in the log directory (and warnings to stderr)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "opexdesk.log"


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send log records to ``log_dir/opexdesk.log`` (5 files of 2 MB); return the path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_opexdesk", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._opexdesk = True  # type: ignore[attr-defined]
    stderr_handler = logging.StreamHandler()
    stderr_handler.setLevel(logging.WARNING)
    stderr_handler.setFormatter(logging.Formatter("opexdesk: %(levelname)s: %(message)s"))
    stderr_handler._opexdesk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    root.addHandler(stderr_handler)
    root.setLevel(level)
    return path
