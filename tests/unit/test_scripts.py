"""Behaviour of scripts/run, scripts/test, scripts/lib/common.sh and .ci/run.

The scripts are copied into a fake repository and run against tiny shell stubs on PATH
(id, dpkg-query, apt-get, apt-cache, sudo, python3, xvfb-run), so nothing on the machine changes.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = [
    "scripts/run",
    "scripts/test",
    "scripts/lib/common.sh",
    ".ci/run",
    "scripts/build-installer",
]

STUBS = {
    # `id -u` answers $STUB_UID; everything else goes to the real id
    "id": """#!/bin/sh
if [ "$1" = "-u" ]; then echo "${STUB_UID:-1000}"; exit 0; fi
exec /usr/bin/id "$@"
""",
    # installed packages are the lines of $STUB_STATE/installed
    "dpkg-query": """#!/bin/sh
printf '%s\\n' "dpkg-query $*" >>"$STUB_STATE/calls"
rc=0
for a in "$@"; do
    case "$a" in -*) continue ;; esac
    if grep -qx "$a" "$STUB_STATE/installed" 2>/dev/null; then
        printf '%s ii \\n' "$a"
    else
        echo "dpkg-query: no packages found matching $a" >&2; rc=1
    fi
done
exit $rc
""",
    "apt-get": """#!/bin/sh
echo "apt-get $*" >>"$STUB_STATE/calls"
install=""
for a in "$@"; do
    case "$a" in
        install) install=1 ;;
        -*) ;;
        *) [ -n "$install" ] && echo "$a" >>"$STUB_STATE/installed" ;;
    esac
done
exit 0
""",
    "apt-cache": """#!/bin/sh
echo "  Installed: (none)"
echo "  Candidate: 1.0-1"
""",
    "sudo": """#!/bin/sh
echo "sudo $*" >>"$STUB_STATE/calls"
[ "${STUB_SUDO:-}" = ok ] || exit 1
[ "$1" = "-n" ] && shift
exec "$@"
""",
    "python3": """#!/bin/sh
echo "python3 $*" >>"$STUB_STATE/calls"
case "$*" in
    *"import ensurepip"*) [ "${STUB_ENSUREPIP:-ok}" = ok ]; exit $? ;;
    *version_info*) echo "${STUB_PYVER:-3.11.7}"; exit 0 ;;
    "-m venv "*) mkdir -p "$3/bin" && cp "$STUB_BIN/venv-python" "$3/bin/python"; exit 0 ;;
esac
exit 99
""",
    # becomes .venv/bin/python
    "venv-python": """#!/bin/sh
case "$*" in
    *version_info*) echo "${STUB_PYVER:-3.11.7}"; exit 0 ;;
    "-m pip install"*) echo "pip $*" >>"$STUB_STATE/calls"; exit "${STUB_PIP_RC:-0}" ;;
esac
exit 99
""",
    "opexdesk": """#!/bin/sh
echo "opexdesk $*" >>"$STUB_STATE/calls"
""",
    "xvfb-run": """#!/bin/sh
echo "xvfb-run $*" >>"$STUB_STATE/calls"
""",
}


def _write_exe(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)


def _system_packages() -> list[str]:
    out = subprocess.run(
        [
            "bash",
            "-c",
            'source "$1"; printf "%s\\n" "${SYSTEM_PACKAGES[@]}"',
            "_",
            str(REPO / "scripts/lib/common.sh"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split()


class Sandbox:
    """A copy of the scripts in a fake repo, stubs on PATH, and a log of stub calls."""

    def __init__(self, root: Path) -> None:
        self.repo = root / "repo"
        self.bin = root / "bin"
        self.state = root / "state"
        self.state.mkdir()
        for rel in SCRIPTS:
            dst = self.repo / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dst)
        (self.repo / "pyproject.toml").write_text('[project]\nname = "fake"\n')
        for name, text in STUBS.items():
            if name != "opexdesk":
                _write_exe(self.bin / name, text)
        self.lists = root / "apt-lists"
        self.lists.mkdir()
        (self.lists / "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4").touch()
        self.env = {
            "PATH": f"{self.bin}:/usr/bin:/bin",
            "HOME": str(root),
            "LANG": "C.UTF-8",
            "STUB_STATE": str(self.state),
            "STUB_BIN": str(self.bin),
            "APT_LISTS_DIR": str(self.lists),
        }

    @property
    def venv(self) -> Path:
        return self.repo / ".venv"

    def make_venv(self) -> None:
        _write_exe(self.venv / "bin/python", STUBS["venv-python"])
        _write_exe(self.venv / "bin/opexdesk", STUBS["opexdesk"])

    def set_installed(self, packages: list[str]) -> None:
        (self.state / "installed").write_text("".join(p + "\n" for p in packages))

    def calls(self) -> list[str]:
        path = self.state / "calls"
        return path.read_text().splitlines() if path.exists() else []

    def bash(self, code: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                "bash",
                "-c",
                f'set -euo pipefail; source "$1"; {code}',
                "_",
                str(self.repo / "scripts/lib/common.sh"),
            ],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )

    def run(self, rel: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.repo / rel), *args],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=60,
            cwd=self.state,
        )


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


# ---------------------------------------------------------------------------- static


@pytest.mark.parametrize("rel", SCRIPTS)
def test_bash_syntax(rel: str) -> None:
    result = subprocess.run(["bash", "-n", str(REPO / rel)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("rel", ["scripts/run", "scripts/test", ".ci/run"])
def test_commands_are_executable(rel: str) -> None:
    assert (REPO / rel).stat().st_mode & stat.S_IXUSR


def test_ci_run_only_calls_scripts_test(sandbox: Sandbox) -> None:
    lines = [
        line.strip()
        for line in (REPO / ".ci/run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines == ['exec "$(dirname "$0")/../scripts/test"']
    # and it really runs scripts/test, passing its exit status through
    _write_exe(
        sandbox.repo / "scripts/test",
        '#!/bin/sh\necho "scripts/test $*" >>"$STUB_STATE/calls"\nexit 7\n',
    )
    result = sandbox.run(".ci/run")
    assert result.returncode == 7
    assert sandbox.calls() == ["scripts/test "]


# ---------------------------------------------------------------------------- system packages


def test_nothing_missing_means_nothing_done(sandbox: Sandbox) -> None:
    sandbox.make_venv()
    sandbox.set_installed(_system_packages())
    started = time.monotonic()
    result = sandbox.bash("ensure_system_packages", STUB_UID="1000")
    assert time.monotonic() - started < 1.0
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert [c for c in sandbox.calls() if not c.startswith("dpkg-query")] == []


def test_not_root_without_sudo_prints_exact_apt_command(sandbox: Sandbox) -> None:
    sandbox.make_venv()
    sandbox.set_installed([p for p in _system_packages() if p not in {"xvfb", "postgresql"}])
    result = sandbox.bash("ensure_system_packages", STUB_UID="1000")
    assert result.returncode == 1
    assert "sudo apt-get install -y --no-install-recommends xvfb postgresql\n" in result.stderr
    assert "not root" in result.stderr
    assert not [c for c in sandbox.calls() if c.startswith("apt-get")]


def test_root_installs_only_the_missing_packages(sandbox: Sandbox) -> None:
    sandbox.make_venv()
    sandbox.set_installed([p for p in _system_packages() if p != "fonts-noto-cjk"])
    result = sandbox.bash("ensure_system_packages", STUB_UID="0")
    assert result.returncode == 0, result.stderr
    apt = [c for c in sandbox.calls() if c.startswith("apt-get")]
    # package lists present and a candidate exists: no apt-get update
    assert apt == ["apt-get install -y --no-install-recommends fonts-noto-cjk"]


def test_root_updates_package_lists_when_there_are_none(sandbox: Sandbox) -> None:
    sandbox.make_venv()
    sandbox.set_installed([p for p in _system_packages() if p != "gnome-keyring"])
    for f in sandbox.lists.iterdir():
        f.unlink()
    result = sandbox.bash("ensure_system_packages", STUB_UID="0")
    assert result.returncode == 0, result.stderr
    apt = [c for c in sandbox.calls() if c.startswith("apt-get")]
    assert apt == ["apt-get update", "apt-get install -y --no-install-recommends gnome-keyring"]


def test_passwordless_sudo_is_used(sandbox: Sandbox) -> None:
    sandbox.make_venv()
    sandbox.set_installed([p for p in _system_packages() if p != "xauth"])
    result = sandbox.bash("ensure_system_packages", STUB_UID="1000", STUB_SUDO="ok")
    assert result.returncode == 0, result.stderr
    sudo = "sudo -n env DEBIAN_FRONTEND=noninteractive"
    assert f"{sudo} apt-get install -y --no-install-recommends xauth" in sandbox.calls()


def test_python3_venv_needed_only_when_venv_cannot_be_made(sandbox: Sandbox) -> None:
    sandbox.set_installed(_system_packages())  # no .venv yet
    result = sandbox.bash("ensure_system_packages", STUB_ENSUREPIP="missing")
    assert result.returncode == 1
    assert "sudo apt-get install -y --no-install-recommends python3-venv\n" in result.stderr
    ok = sandbox.bash("ensure_system_packages", STUB_ENSUREPIP="ok")
    assert ok.returncode == 0, ok.stderr


def test_missing_package_check_is_fast_on_this_machine() -> None:
    if shutil.which("dpkg-query") is None:
        pytest.skip("not a Debian system")
    started = time.monotonic()
    result = subprocess.run(
        [
            "bash",
            "-c",
            'source "$1"; missing_packages "${SYSTEM_PACKAGES[@]}"',
            "_",
            str(REPO / "scripts/lib/common.sh"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert time.monotonic() - started < 1.0
    if os.environ.get("OPEXDESK_REQUIRE_REAL_PARTS") == "1":  # scripts/test just installed them
        assert result.stdout == ""


# ---------------------------------------------------------------------------- venv + pip


def test_old_python_is_refused_clearly(sandbox: Sandbox) -> None:
    result = sandbox.bash("ensure_venv", STUB_PYVER="3.9.2")
    assert result.returncode == 1
    assert "python3 is 3.9.2" in result.stderr
    assert "needs Python >= 3.11" in result.stderr
    assert not sandbox.venv.exists()


def test_pip_install_runs_only_when_pyproject_changes(sandbox: Sandbox) -> None:
    def pip_calls() -> list[str]:
        return [c for c in sandbox.calls() if c.startswith("pip ")]

    assert sandbox.bash("ensure_venv; ensure_package dev").returncode == 0
    assert sandbox.venv.joinpath("bin/python").exists()
    assert pip_calls() == ["pip -m pip install --disable-pip-version-check -q -e .[dev]"]

    assert sandbox.bash("ensure_venv; ensure_package dev").returncode == 0
    assert sandbox.bash("ensure_venv; ensure_package ''").returncode == 0  # dev covers it
    assert len(pip_calls()) == 1

    with (sandbox.repo / "pyproject.toml").open("a") as f:
        f.write('version = "2"\n')
    assert sandbox.bash("ensure_venv; ensure_package ''").returncode == 0
    assert pip_calls()[1:] == ["pip -m pip install --disable-pip-version-check -q -e ."]


def test_failed_pip_install_leaves_no_stamp(sandbox: Sandbox) -> None:
    result = sandbox.bash("ensure_venv; ensure_package dev", STUB_PIP_RC="1")
    assert result.returncode == 1
    assert 'pip install -e ".[dev]" failed' in result.stderr
    assert not list(sandbox.venv.glob(".opexdesk-install-*"))


# ---------------------------------------------------------------------------- scripts/run


def _ready_for_run(sandbox: Sandbox) -> None:
    sandbox.set_installed(_system_packages())
    sandbox.make_venv()


def test_run_starts_the_app_with_demo_data(sandbox: Sandbox) -> None:
    _ready_for_run(sandbox)
    result = sandbox.run("scripts/run", "--basedir", "/tmp/x", DISPLAY=":5")
    assert result.returncode == 0, result.stderr
    calls = sandbox.calls()
    assert calls[-1] == "opexdesk --demo 2000 --basedir /tmp/x"
    assert not [c for c in calls if c.startswith("xvfb-run")]


def test_run_without_display_uses_xvfb(sandbox: Sandbox) -> None:
    _ready_for_run(sandbox)
    result = sandbox.run("scripts/run", "--smoke")
    assert result.returncode == 0, result.stderr
    assert "xvfb-run" in result.stderr  # the notice
    xvfb = [c for c in sandbox.calls() if c.startswith("xvfb-run")]
    assert xvfb == [
        f"xvfb-run -a -s -screen 0 1920x1080x24 {sandbox.venv}/bin/opexdesk --demo 2000 --smoke"
    ]
