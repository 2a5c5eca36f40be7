"""The application icon in each installer's format, rendered from resources/icons/opexdesk.svg.

    python packaging/icons.py      # rewrites packaging/windows/opexdesk.ico and macos/opexdesk.icns

The .deb renders its PNG sizes at build time (packaging/linux/build_deb.py); the Windows and
macOS files are checked in, so those builds need neither Qt rendering nor extra tools.
Both containers hold PNG images (Windows Vista and later, macOS 10.7 and later read them).
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ICON_SVG = REPO / "resources" / "icons" / "opexdesk.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (the @2x types share sizes with others)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render_pngs(svg: Path, sizes: tuple[int, ...], out_dir: Path) -> dict[int, Path]:
    """Render ``svg`` as square PNGs of each size; returns size -> file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"icons: {svg} is not a valid SVG image")
    out_dir.mkdir(parents=True, exist_ok=True)
    made: dict[int, Path] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"{size}.png"
        if not image.save(str(target)):  # PNG, from the suffix
            raise SystemExit(f"icons: cannot write {target}")
        made[size] = target
    return made


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose images are PNG streams (width/height 0 stands for 256)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns', total length, then (type, length, PNG) elements."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(data)) + data
        for size, data in sorted(pngs.items())
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_platform_icons(
    svg: Path = ICON_SVG,
    ico: Path = REPO / "packaging" / "windows" / "opexdesk.ico",
    icns: Path = REPO / "packaging" / "macos" / "opexdesk.icns",
) -> None:
    sizes = tuple(sorted(set(ICO_SIZES) | set(ICNS_TYPES)))
    with tempfile.TemporaryDirectory() as tmp:
        pngs = {
            size: path.read_bytes() for size, path in render_pngs(svg, sizes, Path(tmp)).items()
        }
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns.write_bytes(icns_bytes({size: pngs[size] for size in ICNS_TYPES}))


def main() -> int:
    write_platform_icons()
    return 0


if __name__ == "__main__":
    sys.exit(main())
