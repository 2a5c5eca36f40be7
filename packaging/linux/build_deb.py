"""Build ``opexdesk_<version>_amd64.deb`` from the PyInstaller folder ``dist/opexdesk``.

    python packaging/linux/build_deb.py [--app-dir dist/opexdesk] [--out-dir dist]

Layout of the package:
    /opt/opexdesk/                      the PyInstaller folder (program + _internal/)
    /usr/bin/opexdesk                   launcher script
    /usr/share/applications/org.opexdesk.OpExDesk.desktop
    /usr/share/metainfo/org.opexdesk.OpExDesk.metainfo.xml
    /usr/share/icons/hicolor/{scalable,NxN}/apps/org.opexdesk.OpExDesk.{svg,png}

The PNG icons are rendered from resources/icons/opexdesk.svg with Qt's SVG renderer.
Needs dpkg-deb; ownership is set to root by dpkg-deb itself (no fakeroot needed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from icons import ICON_SVG, render_pngs  # noqa: E402  (packaging/icons.py)

APP_ID = "org.opexdesk.OpExDesk"
INSTALL_DIR = Path("opt/opexdesk")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DEFAULT_LEVEL = {"zstd": 9}  # 139 MiB in ~30 s; 3: 151 MiB in 7 s; 12: 138 MiB in 60 s
LAUNCHER = """#!/bin/sh
# OpExDesk launcher: the program lives in /opt/opexdesk (a PyInstaller folder).
exec /opt/opexdesk/opexdesk "$@"
"""


def project_version(pyproject: Path = REPO / "pyproject.toml") -> str:
    with pyproject.open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def deb_name(version: str) -> str:
    return f"opexdesk_{version}_amd64.deb"


def _normalise_modes(root: Path) -> None:
    """0755 for folders and executables, 0644 for everything else (umask-independent)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)


def _installed_size_kib(root: Path) -> int:
    """Installed-Size as dpkg computes it: 1 KiB per file block, rounded up, plus 1 per entry."""
    total = 0
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        size = path.lstat().st_size if path.is_file() or path.is_symlink() else 0
        total += (size + 1023) // 1024 or 1
    return total


def stage(app_dir: Path, root: Path, version: str) -> None:
    """Lay out the package tree under ``root`` (DEBIAN/control included)."""
    if not (app_dir / "opexdesk").is_file():
        raise SystemExit(f"build_deb: {app_dir}/opexdesk not found; run PyInstaller first")
    shutil.copytree(app_dir, root / INSTALL_DIR, symlinks=True)

    launcher = root / "usr/bin/opexdesk"
    launcher.parent.mkdir(parents=True)
    launcher.write_text(LAUNCHER)
    launcher.chmod(0o755)

    applications = root / "usr/share/applications"
    applications.mkdir(parents=True)
    shutil.copy2(HERE / f"{APP_ID}.desktop", applications / f"{APP_ID}.desktop")

    metainfo = root / "usr/share/metainfo"
    metainfo.mkdir(parents=True)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    text = (HERE / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    text = text.replace("@VERSION@", version).replace("@DATE@", today)
    (metainfo / f"{APP_ID}.metainfo.xml").write_text(text, encoding="utf-8")

    hicolor = root / "usr/share/icons/hicolor"
    (hicolor / "scalable/apps").mkdir(parents=True)
    shutil.copy2(ICON_SVG, hicolor / f"scalable/apps/{APP_ID}.svg")
    with tempfile.TemporaryDirectory() as tmp:
        for size, png in render_pngs(ICON_SVG, PNG_SIZES, Path(tmp)).items():
            target = hicolor / f"{size}x{size}/apps/{APP_ID}.png"
            target.parent.mkdir(parents=True)
            shutil.copyfile(png, target)

    docs = root / "usr/share/doc/opexdesk"
    docs.mkdir(parents=True)
    (docs / "copyright").write_text(
        "OpExDesk\nCopyright: OpExDesk. All rights reserved.\n"
        "Bundled third-party components keep their own licences; see /opt/opexdesk/_internal.\n"
    )

    _normalise_modes(root)
    control = (HERE / "control.in").read_text(encoding="utf-8")
    control = control.replace("@VERSION@", version)
    control = control.replace("@INSTALLED_SIZE@", str(_installed_size_kib(root)))
    (root / "DEBIAN").mkdir(mode=0o755)
    (root / "DEBIAN/control").write_text(control, encoding="utf-8")
    (root / "DEBIAN/control").chmod(0o644)


def build(
    app_dir: Path, out_dir: Path, version: str, compression: str = "zstd", level: int | None = None
) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / deb_name(version)
    command = ["dpkg-deb", "--root-owner-group", f"-Z{compression}"]
    if level is not None:
        command.append(f"-z{level}")
    with tempfile.TemporaryDirectory(prefix="opexdesk-deb-", dir=out_dir) as tmp:
        root = Path(tmp) / "root"
        stage(app_dir, root, version)
        subprocess.run(
            [*command, "--build", str(root), str(target)], check=True, stdout=subprocess.DEVNULL
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-dir", type=Path, default=REPO / "dist" / "opexdesk")
    parser.add_argument("--out-dir", type=Path, default=REPO / "dist")
    # zstd: dpkg >= 1.21.18 reads it (Debian 12, Ubuntu 21.10 and later; the bundle needs
    # glibc 2.36 anyway). xz makes a ~20% smaller file but takes ~50x longer on 2 cores.
    parser.add_argument("--compression", choices=("zstd", "xz", "gzip"), default="zstd")
    parser.add_argument("--level", type=int, default=DEFAULT_LEVEL.get("zstd"), help="dpkg-deb -z")
    args = parser.parse_args(argv)
    if shutil.which("dpkg-deb") is None:
        print("build_deb: dpkg-deb not found (Debian's dpkg package)", file=sys.stderr)
        return 2
    level = args.level if args.compression == "zstd" else None
    deb = build(args.app_dir, args.out_dir, project_version(), args.compression, level)
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
