"""Fast checks of the packaging scripts (no PyInstaller run): the platform icon files, and the
.deb layout built by packaging/linux/build_deb.py around a small stand-in program folder."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImageReader

REPO = Path(__file__).resolve().parents[2]
APP_ID = "org.opexdesk.OpExDesk"


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_deb() -> ModuleType:
    return _load(REPO / "packaging" / "linux" / "build_deb.py")


def _image_sizes(path: Path) -> list[tuple[int, int]]:
    reader = QImageReader(str(path))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{path} image {index}: {reader.errorString()}"
        sizes.append((image.width(), image.height()))
    return sizes


def test_checked_in_platform_icons_decode(qapp: object) -> None:
    ico = _image_sizes(REPO / "packaging" / "windows" / "opexdesk.ico")
    assert ico == [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    icns = _image_sizes(REPO / "packaging" / "macos" / "opexdesk.icns")
    assert sorted(icns) == [(s, s) for s in (16, 32, 64, 128, 256, 512)]


def test_platform_icons_regenerate(qapp: object, tmp_path: Path) -> None:
    icons = _load(REPO / "packaging" / "icons.py")
    ico, icns = tmp_path / "a.ico", tmp_path / "a.icns"
    icons.write_platform_icons(ico=ico, icns=icns)
    assert len(_image_sizes(ico)) == 7
    assert len(_image_sizes(icns)) == 6


def _program_folder(tmp_path: Path) -> Path:
    """A small folder shaped like PyInstaller's output: the program and _internal/."""
    app = tmp_path / "app"
    (app / "_internal" / "opexdesk" / "resources").mkdir(parents=True)
    program = app / "opexdesk"
    program.write_text("#!/bin/sh\necho frozen opexdesk\n")
    program.chmod(0o700)
    (app / "_internal" / "opexdesk" / "resources" / "data.bin").write_bytes(b"x" * 5000)
    return app


def test_stage_lays_out_the_package(build_deb: ModuleType, qapp: object, tmp_path: Path) -> None:
    root = tmp_path / "root"
    build_deb.stage(_program_folder(tmp_path), root, "9.8.7")

    program = root / "opt/opexdesk/opexdesk"
    assert program.stat().st_mode & 0o777 == 0o755
    data = root / "opt/opexdesk/_internal/opexdesk/resources/data.bin"
    assert data.stat().st_mode & 0o777 == 0o644
    assert (root / "usr/bin/opexdesk").stat().st_mode & 0o777 == 0o755
    assert (root / f"usr/share/applications/{APP_ID}.desktop").is_file()
    metainfo = (root / f"usr/share/metainfo/{APP_ID}.metainfo.xml").read_text()
    assert 'version="9.8.7"' in metainfo and "@DATE@" not in metainfo
    for size in build_deb.PNG_SIZES:
        png = root / f"usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert _image_sizes(png) == [(size, size)]

    control = (root / "DEBIAN/control").read_text()
    assert "Version: 9.8.7\n" in control and "@VERSION@" not in control
    installed = int(control.split("Installed-Size: ")[1].split()[0])
    files = [p for p in root.rglob("*") if p.is_file() and "DEBIAN" not in p.parts]
    assert installed >= sum(p.stat().st_size for p in files) // 1024
    assert installed >= len(files)  # one KiB block at least per file


def test_stage_refuses_a_missing_program_folder(build_deb: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="run PyInstaller first"):
        build_deb.stage(tmp_path / "nothing", tmp_path / "root", "1.0")
    assert not (tmp_path / "root").exists()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_build_makes_a_deb_dpkg_reads(build_deb: ModuleType, qapp: object, tmp_path: Path) -> None:
    deb = build_deb.build(_program_folder(tmp_path), tmp_path / "out", "9.8.7", "zstd", 3)
    assert deb.name == "opexdesk_9.8.7_amd64.deb"
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert fields.split() == ["Package:", "opexdesk", "Version:", "9.8.7", "Architecture:", "amd64"]
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    assert "root/root" in listing and "./opt/opexdesk/opexdesk" in listing
    # the staging folder is gone: only the .deb is left in the output folder
    assert [p.name for p in (tmp_path / "out").iterdir()] == [deb.name]


def test_version_comes_from_pyproject(build_deb: ModuleType) -> None:
    with (REPO / "pyproject.toml").open("rb") as fh:
        assert build_deb.project_version() == tomllib.load(fh)["project"]["version"]


@pytest.mark.skipif(shutil.which("makensis") is None, reason="needs makensis (Debian's nsis)")
def test_nsis_script_compiles(tmp_path: Path) -> None:
    """The Windows installer script is valid NSIS (warnings are errors); the folder packed
    here is a stand-in, since the Windows program can only be frozen on Windows."""
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / "opexdesk.exe").write_bytes(b"MZ stand-in")
    (app / "_internal" / "python311.dll").write_bytes(b"stand-in")
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.run(
        ["makensis", "-V2", "-WX", "-DVERSION=9.8.7", f"-DAPPDIR={app}", f"-DOUTDIR={out}"]
        + ["opexdesk.nsi"],
        cwd=REPO / "packaging" / "windows",
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    setup = out / "opexdesk-9.8.7-setup-x64.exe"
    assert setup.read_bytes()[:2] == b"MZ"
