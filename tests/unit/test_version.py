"""The version in the package equals the one in pyproject.toml and the installed metadata."""

import tomllib
from importlib.metadata import version
from pathlib import Path

import opexdesk


def test_version_matches_pyproject_and_metadata() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert opexdesk.__version__ == pyproject["project"]["version"]
    assert version("opexdesk") == opexdesk.__version__
