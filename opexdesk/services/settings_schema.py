"""The settings schema: the typed fields, their checks, the file versions and migrations.

No I/O beyond the checks of files named in the settings (CA file, data folder); the store
that reads and writes ``settings.json`` is ``services/app_settings.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from opexdesk.domain.errors import Templated
from opexdesk.domain.kept_messages import Message

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 2
SYNC_INTERVAL_MIN_S = 30
SYNC_INTERVAL_MAX_S = 3600
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class Theme(StrEnum):
    LIGHT = "light"
    DARK = "dark"
    SYSTEM = "system"


LANGUAGES = ("system", "en", "zh_CN")


@dataclass(frozen=True)
class AppSettings:
    """One device's settings (no secret here: the sign-in token lives in the keyring).

    ``data_dir`` None means the platform's data folder; ``pending_data_removal`` is the old
    data folder after a move, removed at the next start once the new one is in use;
    ``reset_on_start`` erases the local data at the next start (asked for twice)."""

    server_url: str | None = None
    ca_file: str | None = None
    sync_interval_s: int = 30  # as the sync runner polled before it was a setting
    theme: Theme = Theme.SYSTEM
    language: str = "system"
    notify_new_p1: bool = True
    notify_sla_breach: bool = True
    notify_conflicts: bool = True
    data_dir: str | None = None
    welcome_done: bool = False
    demo_mode: bool = False
    pending_data_removal: str | None = None
    reset_on_start: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["theme"] = self.theme.value
        data["version"] = SETTINGS_VERSION
        return data


def joined_template(texts: list[str]) -> tuple[str, dict[str, object]]:
    """Template and arguments of an error made of ``texts``: the one text's own when there
    is one (so it can be translated), else the English texts joined."""
    if len(texts) == 1 and isinstance(texts[0], Message):
        return texts[0].template, dict(texts[0].params)
    return "; ".join(texts), {}


class SettingsError(Templated, ValueError):
    """Settings refused: ``errors`` maps a field name to a message for people (a
    Message, or a text the UI wrote itself)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        template, params = joined_template(list(self.errors.values()))
        super().__init__(template, **params)


class NewerSettingsError(Templated, Exception):
    """The settings file was written by a newer OpExDesk."""


class CorruptSettingsError(Templated, Exception):
    """The settings file cannot be read as settings."""


# ---- validation --------------------------------------------------------------------------


def check_server_url(url: str | None) -> Message | None:
    """The problem with ``url`` for people, or None. https is required except on this
    computer (localhost, 127.0.0.1), where a test or a tunnel may use http."""
    if url is None or url == "":
        return None
    if url != url.strip() or any(c.isspace() for c in url):
        return Message("The server address must not contain spaces.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Message("“{url}” is not a server address; use https://host[:port].", url=url)
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return Message("“{url}” has an invalid port number.", url=url)
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        return Message(
            "Use https:// for a server on the network (http is allowed for localhost only)."
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        return Message("The server address must not contain a query, a fragment or a user name.")
    return None


def check_writable_dir(path: str) -> Message | None:
    """The problem with using ``path`` as the data folder, or None."""
    folder = Path(path)
    if not folder.is_absolute():
        return Message("Choose a full folder path (starting from the root).")
    probe_from = folder
    while not probe_from.exists():  # a folder still to be created: its parent must allow it
        if probe_from.parent == probe_from:
            break
        probe_from = probe_from.parent
    if not probe_from.is_dir():
        return Message("{path} is a file, not a folder.", path=probe_from)
    if not os.access(probe_from, os.W_OK | os.X_OK):
        return Message("The folder {path} is not writable.", path=probe_from)
    return None


def validation_errors(s: AppSettings, *, check_files: bool = True) -> dict[str, str]:
    """Every problem, by field. ``check_files`` also checks the disk (CA file exists, data
    folder writable): done when the user saves, not when a file is read at start-up."""
    errors: dict[str, str] = {}
    if (problem := check_server_url(s.server_url)) is not None:
        errors["server_url"] = problem
    if s.ca_file is not None:
        if not s.ca_file.strip():
            errors["ca_file"] = Message("Choose the CA certificate file, or leave the option off.")
        elif check_files and not Path(s.ca_file).is_file():
            errors["ca_file"] = Message(
                "The CA certificate file {name} does not exist.", name=Path(s.ca_file).name
            )
    if isinstance(s.sync_interval_s, bool) or not isinstance(s.sync_interval_s, int):
        errors["sync_interval_s"] = Message("The sync interval must be a whole number of seconds.")
    elif not SYNC_INTERVAL_MIN_S <= s.sync_interval_s <= SYNC_INTERVAL_MAX_S:
        errors["sync_interval_s"] = Message(
            "The sync interval must be between {low} and {high} seconds (it is {value}).",
            low=SYNC_INTERVAL_MIN_S,
            high=SYNC_INTERVAL_MAX_S,
            value=s.sync_interval_s,
        )
    if not isinstance(s.theme, Theme):
        errors["theme"] = Message(
            "Unknown theme {theme!r}; use light, dark or system.", theme=s.theme
        )
    if s.language not in LANGUAGES:
        errors["language"] = Message(
            "Unknown language {language!r}; use en, zh_CN or system.", language=s.language
        )
    flags = ("notify_new_p1", "notify_sla_breach", "notify_conflicts", "welcome_done")
    for name in (*flags, "demo_mode", "reset_on_start"):
        if not isinstance(getattr(s, name), bool):
            errors[name] = Message("{name} must be true or false.", name=name)
    if s.data_dir is not None:
        if not s.data_dir.strip():
            errors["data_dir"] = Message("Choose a data folder.")
        elif check_files and (problem := check_writable_dir(s.data_dir)) is not None:
            errors["data_dir"] = problem
        elif not Path(s.data_dir).is_absolute():
            errors["data_dir"] = Message("Choose a full folder path (starting from the root).")
    return errors


def validated(s: AppSettings, *, check_files: bool = True) -> AppSettings:
    errors = validation_errors(s, check_files=check_files)
    if errors:
        raise SettingsError(errors)
    return s


# ---- file format and migrations ----------------------------------------------------------

_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "server_url": (str, type(None)),
    "ca_file": (str, type(None)),
    "sync_interval_s": (int,),
    "theme": (str,),
    "language": (str,),
    "notify_new_p1": (bool,),
    "notify_sla_breach": (bool,),
    "notify_conflicts": (bool,),
    "data_dir": (str, type(None)),
    "welcome_done": (bool,),
    "demo_mode": (bool,),
    "pending_data_removal": (str, type(None)),
    "reset_on_start": (bool,),
}


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had one ``notifications`` switch and the interval in minutes; version 2 has
    a switch per kind of notification, the interval in seconds and the demo-mode flag."""
    out = {k: v for k, v in data.items() if k not in ("notifications", "sync_interval_min")}
    on = data.get("notifications", True)
    for name in ("notify_new_p1", "notify_sla_breach", "notify_conflicts"):
        out[name] = on
    minutes = data.get("sync_interval_min", 5)
    if isinstance(minutes, int) and not isinstance(minutes, bool):
        out["sync_interval_s"] = minutes * 60
    else:
        out["sync_interval_s"] = minutes  # left for the type check to refuse
    out.setdefault("demo_mode", False)
    out["version"] = 2
    return out


Migration = Callable[[dict[str, Any]], dict[str, Any]]
# MIGRATIONS[i] upgrades version i + 1 to version i + 2.
MIGRATIONS: tuple[Migration, ...] = (_v1_to_v2,)


def migrate(
    data: dict[str, Any],
    migrations: tuple[Migration, ...] = MIGRATIONS,
    current: int = SETTINGS_VERSION,
) -> dict[str, Any]:
    """Upgrade a decoded file to ``current``; refuses newer or nonsensical versions."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CorruptSettingsError(
            "the settings version {version!r} is not a version number", version=version
        )
    if version > current:
        raise NewerSettingsError(
            "the settings file is from a newer OpExDesk (settings version {version}; this "
            "version reads up to {current})",
            version=version,
            current=current,
        )
    while version < current:
        data = migrations[version - 1](dict(data))
        if data.get("version") != version + 1:
            raise CorruptSettingsError(
                "migration from version {version} did not finish", version=version
            )
        version += 1
    return data


def from_json(data: object) -> AppSettings:
    """Settings from a decoded file (any version); raises CorruptSettingsError or
    NewerSettingsError. Unknown keys are ignored (written by a later build of the same
    version); missing keys take their defaults."""
    if not isinstance(data, dict):
        raise CorruptSettingsError("the settings file does not hold a JSON object")
    data = migrate(data)
    values: dict[str, Any] = {}
    for name, types in _FIELD_TYPES.items():
        if name not in data:
            continue
        value = data[name]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            raise CorruptSettingsError(
                "{name} has the wrong type ({type})", name=name, type=type(value).__name__
            )
        values[name] = value
    if "theme" in values:
        try:
            values["theme"] = Theme(values["theme"])
        except ValueError as exc:
            raise CorruptSettingsError("unknown theme {theme!r}", theme=values["theme"]) from exc
    settings = AppSettings(**values)
    errors = validation_errors(settings, check_files=False)
    if errors:
        template, params = joined_template(list(errors.values()))
        raise CorruptSettingsError(template, **params)
    return settings
