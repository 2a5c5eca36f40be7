"""Where files go: platformdirs by default, or under --basedir / --temp-basedir."""

from pathlib import Path

import platformdirs

from opexdesk.cli import build_parser
from opexdesk.logs import configure_logging
from opexdesk.paths import AppPaths, resolve_paths


def test_default_locations_come_from_platformdirs() -> None:
    paths = resolve_paths(None, False)
    assert paths.data == Path(platformdirs.user_data_dir("opexdesk", appauthor=False))
    assert paths.logs == Path(platformdirs.user_log_dir("opexdesk", appauthor=False))
    assert paths.database.parent == paths.data
    assert not paths.temporary


def test_basedir_puts_everything_under_it(tmp_path: Path) -> None:
    paths = resolve_paths(str(tmp_path), False)
    for p in (paths.data, paths.config, paths.cache, paths.logs, paths.blobs, paths.database):
        assert tmp_path in p.parents


def test_temp_basedir_is_fresh_and_removed() -> None:
    paths = resolve_paths(None, True)
    base = paths.base_of_temporary()
    assert base.is_dir() and paths.temporary
    paths.cleanup()
    assert not base.exists()


def test_cleanup_never_touches_real_locations(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    paths.data.mkdir(parents=True)
    paths.cleanup()
    assert paths.data.exists()


def test_rotating_log_file_in_log_dir(tmp_path: Path) -> None:
    import logging

    path = configure_logging(tmp_path / "logs")
    logging.getLogger("opexdesk.test").info("hello 你好")
    for h in logging.getLogger().handlers:
        h.flush()
    assert "hello 你好" in path.read_text(encoding="utf-8")


def test_parser_rejects_both_basedir_options() -> None:
    import pytest

    with pytest.raises(SystemExit):
        build_parser().parse_args(["--basedir", "x", "--temp-basedir"])
