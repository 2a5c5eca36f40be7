"""The Linux installer, end to end: scripts/build-installer builds the .deb, it is unpacked into
a scratch root with ``dpkg-deb -x``, and the program inside starts with ``--smoke``.

Takes minutes (PyInstaller plus compression), so it carries the ``installer`` marker;
``-m "not installer"`` leaves it out. The .deb is built once per test session.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import platformdirs
import pytest

REPO = Path(__file__).resolve().parents[2]
APP_ID = "org.opexdesk.OpExDesk"
BUILD_TIMEOUT_S = 1800

pytestmark = [
    pytest.mark.installer,
    pytest.mark.timeout(BUILD_TIMEOUT_S + 600),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds a Debian package"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb"),
]


def _version() -> str:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


@pytest.fixture(scope="session")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built by scripts/build-installer once per session, into the repository's dist/."""
    start = time.monotonic()
    run = subprocess.run(
        [str(REPO / "scripts" / "build-installer")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    took = time.monotonic() - start
    assert run.returncode == 0, f"build-installer failed:\n{run.stdout}\n{run.stderr[-4000:]}"
    path = Path(run.stdout.strip().splitlines()[-1])
    assert path.name == f"opexdesk_{_version()}_amd64.deb"
    assert path.is_file()
    size = path.stat().st_size
    print(f"\n[installer] build-installer: {took:.0f} s; {path.name}: {size / 2**20:.1f} MiB")
    return path


@pytest.fixture(scope="session")
def root(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files, as dpkg would lay them out under /."""
    target = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    return target


def _control(deb: Path) -> dict[str, str]:
    text = subprocess.run(
        ["dpkg-deb", "-f", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line[:1] not in (" ", "\t") and ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def _isolated_env(home: Path) -> dict[str, str]:
    """A fresh user: HOME and the XDG folders in tmp, no display, offscreen Qt."""
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "XDG_CACHE_HOME": str(home / "xdg-cache"),
        "XDG_STATE_HOME": str(home / "xdg-state"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    (home / "runtime").mkdir(parents=True, mode=0o700)
    return env


def _expected_dirs(env: dict[str, str]) -> dict[str, Path]:
    """Where platformdirs puts OpExDesk's folders for that user (the same lookup the app does).

    platformdirs reads the environment on every property access, so the paths are resolved
    while the user's environment is in place."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        dirs = platformdirs.PlatformDirs("opexdesk", appauthor=False)
        return {"data": Path(dirs.user_data_dir), "logs": Path(dirs.user_log_dir)}
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_control_file(deb: Path, root: Path) -> None:
    fields = _control(deb)
    assert fields["Package"] == "opexdesk"
    assert fields["Version"] == _version()
    assert fields["Architecture"] == "amd64"
    depends = fields["Depends"]
    for library in ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libgl1", "libfontconfig1"):
        assert library in depends
    assert "fonts-noto-cjk" in fields["Recommends"]
    installed_kib = int(fields["Installed-Size"])
    # regular files only: PyInstaller links shared libraries into place with symlinks
    regular = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    on_disk_kib = sum(p.stat().st_size for p in regular) // 1024
    assert on_disk_kib <= installed_kib <= on_disk_kib * 1.1


def test_desktop_entry(root: Path) -> None:
    entry = root / f"usr/share/applications/{APP_ID}.desktop"
    assert entry.is_file()
    validator = shutil.which("desktop-file-validate")
    if validator:
        check = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "error" not in check.stdout.lower()
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(entry, encoding="utf-8")
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "OpExDesk"
    assert section["Icon"] == APP_ID
    assert section["Terminal"] == "false"
    assert section["Exec"].split()[0] == "opexdesk"
    assert section["Categories"].endswith(";")
    launcher = root / "usr/bin/opexdesk"
    assert launcher.is_file() and os.access(launcher, os.X_OK)
    assert "/opt/opexdesk/opexdesk" in launcher.read_text()


def test_icons(root: Path) -> None:
    hicolor = root / "usr/share/icons/hicolor"
    svg = hicolor / f"scalable/apps/{APP_ID}.svg"
    assert ET.parse(svg).getroot().tag.endswith("svg")
    for size in (16, 32, 48, 64, 128, 256):
        png = hicolor / f"{size}x{size}/apps/{APP_ID}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size)


def test_metainfo(root: Path) -> None:
    metainfo = root / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
    component = ET.parse(metainfo).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert component.find("releases/release").get("version") == _version()  # type: ignore[union-attr]
    tool = shutil.which("appstreamcli")
    if tool:
        check = subprocess.run(
            [tool, "validate", "--no-net", "--explain", str(metainfo)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr


def test_frozen_program_starts_and_uses_platformdirs(root: Path, tmp_path: Path) -> None:
    program = root / "opt/opexdesk/opexdesk"
    env = _isolated_env(tmp_path / "home")
    start = time.monotonic()
    run = subprocess.run(
        [str(program), "--smoke"], env=env, capture_output=True, text=True, timeout=120
    )
    cold_start = time.monotonic() - start
    assert run.returncode == 0, run.stdout + run.stderr
    print(f"\n[installer] cold start of --smoke: {cold_start:.2f} s")

    dirs = _expected_dirs(env)
    assert dirs["data"].is_relative_to(tmp_path / "home" / "xdg-data")
    database = dirs["data"] / "opexdesk.sqlite3"
    assert database.is_file() and database.stat().st_size > 0
    log = dirs["logs"] / "opexdesk.log"
    assert "smoke ok" in log.read_text(encoding="utf-8")
    # nothing was written outside the user's folders
    assert not (root / "opt/opexdesk/opexdesk.sqlite3").exists()

    version = subprocess.run(
        [str(program), "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    assert version.stdout.strip() == f"opexdesk {_version()}"


def test_frozen_program_loads_bundled_models(root: Path, tmp_path: Path) -> None:
    """Demo data publishes knowledge-base articles, whose index needs the embedding model
    (wordllama's files), the migrations and scikit-learn/scipy: all must be in the bundle."""
    program = root / "opt/opexdesk/opexdesk"
    base = tmp_path / "base"
    run = subprocess.run(
        [str(program), "--basedir", str(base), "--demo", "60", "--smoke"],
        env=_isolated_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    log = (base / "logs" / "opexdesk.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and " ERROR " not in log, log[-4000:]
    assert "published" in log and "demo knowledge-base articles" in log
    assert (base / "data" / "opexdesk.sqlite3").is_file()

    # Retraining runs in a child process of the frozen program (multiprocessing spawn):
    # freeze_support must send the child to its job, not start a second application.
    retrain = subprocess.run(
        [str(program), "retrain", "--basedir", str(base)],
        env=_isolated_env(tmp_path / "home2"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert retrain.returncode == 0, retrain.stdout + retrain.stderr
    assert retrain.stdout.startswith("suggestion model retrained on 60 tickets"), retrain.stdout
    assert (base / "data" / "classifier" / "classifier.json").is_file()


def test_bundled_libraries_resolve(root: Path) -> None:
    """Every shared library in the bundle finds its dependencies (in the bundle or the system
    libraries the package depends on): a library dropped from the spec shows up here."""
    internal = root / "opt/opexdesk/_internal"
    search = f"{internal}:{internal / 'PySide6/Qt/lib'}"
    missing: list[str] = []
    for library in sorted(internal.rglob("*.so*")):
        if not library.is_file():
            continue
        out = subprocess.run(
            ["ldd", str(library)],
            env={"LD_LIBRARY_PATH": search, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        ).stdout
        missing += [
            f"{library.relative_to(internal)}: {line.strip()}"
            for line in out.splitlines()
            if "not found" in line
        ]
    assert not missing, "\n".join(missing[:40])


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian's xvfb)")
def test_frozen_program_opens_a_real_x11_window(root: Path, tmp_path: Path) -> None:
    """The xcb platform plugin (what a desktop session uses) loads from the bundle."""
    env = _isolated_env(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "xcb"
    run = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", str(root / "opt/opexdesk/opexdesk")]
        + ["--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Could not load the Qt platform plugin" not in run.stderr


def test_bundle_carries_the_data_files(root: Path) -> None:
    """Files read from disk at run time, which PyInstaller's import analysis cannot see."""
    internal = root / "opt/opexdesk/_internal"
    migrations = internal / "opexdesk/storage/migrations"
    shipped = sorted(p.name for p in (REPO / "opexdesk/storage/migrations/versions").glob("0*.py"))
    assert shipped and sorted(p.name for p in (migrations / "versions").glob("0*.py")) == shipped
    assert (migrations / "env.py").is_file()
    for tracked in ("classify/classifier.json", "sla/default_policy.json"):
        assert (internal / "opexdesk/resources" / tracked).is_file()
    assert list((internal / "wordllama/weights").glob("*.safetensors"))
    assert list((internal / "wordllama/tokenizers").glob("*.json"))
    # keyring finds its backends (the Secret Service) through its package metadata
    entry_points = list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert entry_points and "SecretService" in entry_points[0].read_text()


def test_bundle_leaves_out_the_server_and_dev_tools(root: Path) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    program = CArchiveReader(str(root / "opt/opexdesk/opexdesk"))
    modules = set(program.open_embedded_archive("PYZ.pyz").toc)
    assert {"opexdesk.cli", "opexdesk.ui.main_window", "opexdesk.storage.models"} <= modules
    assert {"wordllama", "sklearn.svm", "keyring.backends.SecretService"} <= modules
    for left_out in ("opexdesk.server", "fastapi", "uvicorn", "psycopg", "pytest", "tkinter"):
        assert not any(m == left_out or m.startswith(left_out + ".") for m in modules), left_out
