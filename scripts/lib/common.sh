# shellcheck shell=bash
# Shared helpers for scripts/run and scripts/test. Source it, do not execute it.
#
#   ensure_system_packages   install the Debian packages below when some are missing
#   ensure_venv              create (or re-create when broken) the virtualenv $VENV
#   ensure_package [EXTRAS]  pip install -e ".[EXTRAS]" into $VENV unless already done
#                            for this exact pyproject.toml (stamp in $VENV)

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${OPEXDESK_VENV:-$REPO/.venv}"
MIN_PYTHON="3.11"

SYSTEM_PACKAGES=(
    # Qt offscreen runtime
    libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
    # a real X window under Xvfb
    xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
    # fonts (Latin + Chinese/Japanese/Korean)
    fonts-dejavu-core fonts-noto-cjk
    # Secret Service for keyring (brings dbus-run-session)
    gnome-keyring dbus
    # throw-away test database server
    postgresql
    # the installer smoke test validates the desktop entry and AppStream metadata
    desktop-file-utils appstream
)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Prints the packages of "$@" that dpkg does not report as installed.
missing_packages() {
    local status pkg
    # one dpkg-query call for all packages; unknown ones are simply absent from the output
    status="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null || true)"
    for pkg in "$@"; do
        # second letter of Status-Abbrev is the current state: "i" = installed
        if ! grep -Eq "^${pkg//./\\.}(:[a-z0-9]+)? .i" <<<"$status"; then
            printf '%s\n' "$pkg"
        fi
    done
}

# True when "python3 -m venv" can bootstrap pip (Debian splits ensurepip into python3-venv).
python_can_make_venv() {
    python3 -c 'import ensurepip, venv' >/dev/null 2>&1
}

# apt-get update is only needed when there are no package lists, or a package has no candidate.
apt_lists_needed() {
    local lists="${APT_LISTS_DIR:-/var/lib/apt/lists}" pkg
    compgen -G "$lists/*_Packages*" >/dev/null || return 0
    for pkg in "$@"; do
        if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [^(]'; then
            return 0
        fi
    done
    return 1
}

ensure_system_packages() {
    local wanted=("${SYSTEM_PACKAGES[@]}") missing=() runner=()
    if [ ! -x "$VENV/bin/python" ] && ! python_can_make_venv; then
        wanted+=(python3-venv)
    fi
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian/Ubuntu system: make sure these (or your distribution's equivalents) are installed:"
        printf '    %s\n' "${wanted[*]}" >&2
        return 0
    fi
    mapfile -t missing < <(missing_packages "${wanted[@]}")
    [ "${#missing[@]}" -eq 0 ] && return 0

    say "missing system packages: ${missing[*]}"
    if is_root; then
        runner=(env)
    elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
        runner=(sudo -n env)
    else
        {
            echo "error: these Debian packages are needed and you are not root (and sudo needs a password)."
            echo "Install them with:"
            echo
            echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}"
            echo
            echo "then run this command again."
        } >&2
        exit 1
    fi
    if apt_lists_needed "${missing[@]}"; then
        say "apt-get update"
        "${runner[@]}" DEBIAN_FRONTEND=noninteractive apt-get update \
            || die "apt-get update failed"
    fi
    say "apt-get install -y --no-install-recommends ${missing[*]}"
    "${runner[@]}" DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed (packages: ${missing[*]})"
    mapfile -t missing < <(missing_packages "${missing[@]}")
    [ "${#missing[@]}" -eq 0 ] || die "still not installed after apt-get: ${missing[*]}"
}

# Prints "X.Y.Z" of the given python, or nothing when it does not run.
python_version() {
    "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null
}

# True when version $1 (X.Y[.Z]) >= $2 (X.Y).
version_at_least() {
    local a_major a_minor b_major b_minor
    IFS=. read -r a_major a_minor _ <<<"$1"
    IFS=. read -r b_major b_minor _ <<<"$2"
    [ "${a_major:-0}" -gt "$b_major" ] \
        || { [ "${a_major:-0}" -eq "$b_major" ] && [ "${a_minor:-0}" -ge "$b_minor" ]; }
}

ensure_venv() {
    local have
    if [ -x "$VENV/bin/python" ]; then
        have="$(python_version "$VENV/bin/python")"
        if [ -n "$have" ] && version_at_least "$have" "$MIN_PYTHON"; then
            return 0
        fi
        say "$VENV is broken or too old (python '${have:-does not run}'): re-creating it"
        rm -rf "$VENV"
    fi
    command -v python3 >/dev/null 2>&1 || die "python3 not found: Python >= $MIN_PYTHON is needed"
    have="$(python_version python3)"
    [ -n "$have" ] || die "python3 ($(command -v python3)) does not run"
    version_at_least "$have" "$MIN_PYTHON" \
        || die "python3 is $have ($(command -v python3)); OpExDesk needs Python >= $MIN_PYTHON"
    say "creating virtualenv $VENV (python $have)"
    python3 -m venv "$VENV" || die "python3 -m venv $VENV failed"
}

install_stamp_key() {
    { cat "$REPO/pyproject.toml"; printf '\nextras=%s\nrepo=%s\n' "$1" "$REPO"; } \
        | sha256sum | cut -d' ' -f1
}

# ensure_package ""   -> pip install -e .
# ensure_package dev  -> pip install -e ".[dev]"
ensure_package() {
    local extras="${1:-}" name key target
    name="${extras:-base}"
    key="$(install_stamp_key "$extras")"
    if [ "$(cat "$VENV/.opexdesk-install-$name" 2>/dev/null)" = "$key" ]; then
        return 0
    fi
    # the dev install is a superset of the plain one
    if [ -z "$extras" ] \
        && [ "$(cat "$VENV/.opexdesk-install-dev" 2>/dev/null)" = "$(install_stamp_key dev)" ]; then
        return 0
    fi
    target="."
    [ -n "$extras" ] && target=".[$extras]"
    say "pip install -e \"$target\" (first time: a few minutes)"
    rm -f "$VENV"/.opexdesk-install-*
    (cd "$REPO" && "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$target") \
        || die "pip install -e \"$target\" failed"
    printf '%s\n' "$key" >"$VENV/.opexdesk-install-$name"
}
