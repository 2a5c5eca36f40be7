#!/usr/bin/env bash
# Make dist/OpExDesk-<version>.dmg from dist/OpExDesk.app (macOS only: hdiutil, codesign).
#
#   packaging/macos/make-dmg.sh                       # unsigned (for testing on this Mac)
#   SIGN_ID="Developer ID Application: ..." NOTARY_PROFILE=opexdesk packaging/macos/make-dmg.sh
#
# Build the .app first (on macOS the spec adds a BUNDLE step):
#   .venv/bin/python -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller \
#       packaging/pyinstaller/opexdesk.spec
# With create-dmg installed (brew install create-dmg) the window gets a layout; otherwise a
# plain hdiutil image with an Applications link is made.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
[ "$(uname -s)" = Darwin ] || { echo "error: make-dmg.sh runs on macOS only" >&2; exit 1; }

APP="dist/OpExDesk.app"
[ -d "$APP" ] || { echo "error: $APP not found: run PyInstaller with the spec first" >&2; exit 1; }
VERSION="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
DMG="dist/OpExDesk-$VERSION.dmg"

if [ -n "${SIGN_ID:-}" ]; then
    # hardened runtime is required for notarisation; every nested binary is signed
    codesign --force --deep --options runtime --timestamp --sign "$SIGN_ID" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

rm -f "$DMG"
if command -v create-dmg >/dev/null 2>&1; then
    create-dmg --volname "OpExDesk $VERSION" --volicon packaging/macos/opexdesk.icns \
        --window-size 540 360 --icon-size 96 --icon "OpExDesk.app" 140 170 \
        --app-drop-link 400 170 --hide-extension "OpExDesk.app" "$DMG" "$APP"
else
    stage="$(mktemp -d)"
    trap 'rm -rf "$stage"' EXIT
    cp -R "$APP" "$stage/"
    ln -s /Applications "$stage/Applications"
    hdiutil create -volname "OpExDesk $VERSION" -srcfolder "$stage" -ov -format UDZO "$DMG"
fi

if [ -n "${SIGN_ID:-}" ]; then
    codesign --force --timestamp --sign "$SIGN_ID" "$DMG"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
    # profile made once with: xcrun notarytool store-credentials opexdesk ...
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi
echo "$DMG ($(du -h "$DMG" | cut -f1))"
