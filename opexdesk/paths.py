"""Where OpExDesk keeps its files: platformdirs locations, or one base directory.

``--basedir DIR`` puts data, config, cache and logs under DIR; ``--temp-basedir`` uses a
fresh temporary directory removed at exit (tests and demos never touch the real profile).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "opexdesk"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    cache: Path
    logs: Path
    temporary: bool = False

    @property
    def database(self) -> Path:
        return self.data / "opexdesk.sqlite3"

    @property
    def blobs(self) -> Path:
        return self.data / "blobs"

    @classmethod
    def from_platform(cls) -> AppPaths:
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            data=Path(dirs.user_data_dir),
            config=Path(dirs.user_config_dir),
            cache=Path(dirs.user_cache_dir),
            logs=Path(dirs.user_log_dir),
        )

    @classmethod
    def under(cls, base: Path, temporary: bool = False) -> AppPaths:
        base = base.expanduser().absolute()
        return cls(base / "data", base / "config", base / "cache", base / "logs", temporary)

    @classmethod
    def temporary_base(cls) -> AppPaths:
        return cls.under(Path(tempfile.mkdtemp(prefix="opexdesk-")), temporary=True)

    def base_of_temporary(self) -> Path:
        return self.data.parent

    def cleanup(self) -> None:
        """Remove a --temp-basedir tree; a no-op for real locations."""
        if self.temporary:
            shutil.rmtree(self.base_of_temporary(), ignore_errors=True)


def resolve_paths(basedir: str | None, temp_basedir: bool) -> AppPaths:
    if temp_basedir:
        return AppPaths.temporary_base()
    if basedir:
        return AppPaths.under(Path(basedir))
    return AppPaths.from_platform()
