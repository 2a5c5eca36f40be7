"""This device's user settings: a typed, versioned schema kept as JSON in the config folder.

The file is ``<config>/settings.json`` with a ``"version"`` number. Older versions are
upgraded by :data:`MIGRATIONS` (one function per step) when read; a file written by a newer
OpExDesk is left untouched and this run uses the defaults (saving is refused, so it is never
overwritten); a damaged file is renamed ``settings.json.bad-<timestamp>`` and kept. Writes go
through a temporary file, fsync and rename, so a crash leaves the old or the new file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opexdesk.domain.kept_messages import Message
from opexdesk.paths import AppPaths, resolve_paths
from opexdesk.services.settings_schema import (
    LANGUAGES,
    LOCAL_HOSTS,
    MIGRATIONS,
    SETTINGS_FILE,
    SETTINGS_VERSION,
    SYNC_INTERVAL_MAX_S,
    SYNC_INTERVAL_MIN_S,
    AppSettings,
    CorruptSettingsError,
    Migration,
    NewerSettingsError,
    SettingsError,
    Theme,
    check_server_url,
    check_writable_dir,
    from_json,
    migrate,
    validated,
    validation_errors,
)

__all__ = [
    "LANGUAGES",
    "LOCAL_HOSTS",
    "MIGRATIONS",
    "SETTINGS_FILE",
    "SETTINGS_VERSION",
    "SYNC_INTERVAL_MAX_S",
    "SYNC_INTERVAL_MIN_S",
    "AppSettings",
    "AppSettingsStore",
    "CorruptSettingsError",
    "Migration",
    "NewerSettingsError",
    "NotificationSwitches",
    "SettingsError",
    "Message",
    "Theme",
    "check_server_url",
    "check_writable_dir",
    "effective_paths",
    "script_paths",
    "from_json",
    "migrate",
    "settings_path",
    "validated",
    "validation_errors",
]

log = logging.getLogger(__name__)


# ---- the store ---------------------------------------------------------------------------

Listener = Callable[[AppSettings], None]


def settings_path(paths: AppPaths) -> Path:
    return paths.config / SETTINGS_FILE


def script_paths(basedir: str | None) -> AppPaths:
    """The folders a command-line tool (``opexdesk sync``, ``config``, ``retrain``) works
    on: those the application opens, with the data folder chosen in the settings (else a
    moved data folder would be missed and a new, empty database made in the old place)."""
    paths = resolve_paths(basedir, False)
    return effective_paths(paths, AppSettingsStore.for_paths(paths).load())


def effective_paths(paths: AppPaths, settings: AppSettings) -> AppPaths:
    """``paths`` with the data folder chosen in the settings (config and logs stay).

    A move not finished yet (``pending_data_removal``) keeps the old folder: it holds the
    latest data. A temporary base directory ignores the setting (its clean-up removes the
    data folder's parent)."""
    if paths.temporary:
        return paths
    if settings.pending_data_removal:
        return replace(paths, data=Path(settings.pending_data_removal))
    if settings.data_dir is None:
        return paths
    return replace(paths, data=Path(settings.data_dir))


class AppSettingsStore:
    """Reads the file once, hands out the current settings, saves changes atomically and
    tells subscribers (any thread may save; listeners run on the saving thread).

    ``notice`` is a message for people about the last load (newer or damaged file), or None
    (a Message: the UI shows it translated).
    ``read_only`` is True when the file came from a newer OpExDesk: saves are refused."""

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.path = path
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self._current: AppSettings | None = None
        self._listeners: list[Listener] = []
        self.notice: str | None = None
        self.read_only = False
        self.kept_aside: Path | None = None

    @classmethod
    def for_paths(cls, paths: AppPaths) -> AppSettingsStore:
        return cls(settings_path(paths))

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> AppSettings:
        """The current settings (read from the file on first call)."""
        with self._lock:
            if self._current is None:
                self._current = self._read()
            return self._current

    def reload(self) -> AppSettings:
        with self._lock:
            self._current = None
            self.notice, self.read_only, self.kept_aside = None, False, None
            return self.load()

    def save(self, settings: AppSettings) -> AppSettings:
        """Validate, write atomically, then tell the subscribers. Raises SettingsError
        (nothing written) or OSError (the old file stays)."""
        validated(settings)
        with self._lock:
            if self.read_only:
                raise SettingsError({"file": self._newer_text()})
            self._write(settings)
            self._current = settings
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(settings)
            except Exception:  # one broken listener must not stop the others
                log.exception("settings listener failed")
        return settings

    def update(self, **changes: Any) -> AppSettings:
        return self.save(replace(self.load(), **changes))

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Call ``callback(settings)`` after each save; returns the unsubscribe function."""
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(callback)

        return unsubscribe

    # ---- internals -----------------------------------------------------------------------

    def _newer_text(self) -> Message:
        return Message(
            "The settings file {path} was written by a newer version of OpExDesk. It is "
            "left as it is; this version runs with default settings and does not save them. "
            "Update OpExDesk to use your settings.",
            path=self.path,
        )

    def _read(self) -> AppSettings:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return AppSettings()
        except OSError as exc:
            self.notice = Message(
                "Cannot read the settings file {path} ({reason}); default settings are used "
                "for now.",
                path=self.path,
                reason=exc.strerror,
            )
            self.read_only = True  # never overwrite what we could not read
            return AppSettings()
        try:
            decoded = json.loads(raw.decode("utf-8"))
            settings = from_json(decoded)
        except NewerSettingsError as exc:
            log.warning("%s: %s", self.path, exc)
            self.read_only = True
            self.notice = self._newer_text()
            return AppSettings()
        except (CorruptSettingsError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return self._keep_aside(exc)
        if decoded.get("version") != SETTINGS_VERSION:  # migrated: keep the new layout
            try:
                self._write(settings)
                log.info("settings upgraded to version %d", SETTINGS_VERSION)
            except OSError as exc:
                log.warning("cannot write the upgraded settings: %s", exc)
        return settings

    def _keep_aside(self, reason: Exception) -> AppSettings:
        """Rename the damaged file; ``reason`` (shown in the notice) says what is wrong."""
        stamp = self._clock().strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.bad-{stamp}-{n}")
            n += 1
        try:
            self.path.rename(aside)
        except OSError as exc:
            self.read_only = True
            self.notice = Message(
                "The settings file {path} is damaged ({reason}) and could not be moved aside "
                "({error}); default settings are used and it is not overwritten.",
                path=self.path,
                reason=reason,
                error=exc.strerror,
            )
            return AppSettings()
        self.kept_aside = aside
        self.notice = Message(
            "The settings file was damaged ({reason}). It was kept as {path}; default "
            "settings are used.",
            reason=reason,
            path=aside,
        )
        log.warning("%s", self.notice)
        return AppSettings()

    def _write(self, settings: AppSettings) -> None:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(settings.to_json(), indent=2, ensure_ascii=False, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class NotificationSwitches:
    """The three notification switches as they are now: each read goes to the store's
    latest settings, so a reader holding this object sees a saved change at once."""

    def __init__(self, store: AppSettingsStore) -> None:
        self._store = store

    @property
    def notify_new_p1(self) -> bool:
        return self._store.load().notify_new_p1

    @property
    def notify_sla_breach(self) -> bool:
        return self._store.load().notify_sla_breach

    @property
    def notify_conflicts(self) -> bool:
        return self._store.load().notify_conflicts
