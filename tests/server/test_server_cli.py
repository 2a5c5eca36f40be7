"""The ``opexdesk-server`` admin commands, run in-process through ``main``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from opexdesk.server import cli
from opexdesk.server.auth import AuthService
from opexdesk.server.config import ENV_DATABASE_URL, ServerSettings
from opexdesk.server.database import SCHEMA_HEAD, VERSION_TABLE, open_server_database
from opexdesk.server.errors import AuthenticationError
from opexdesk.server.security import Passwords

PASSWORD = "correct horse battery"


class TerminalInput(io.StringIO):
    """Standard input that says it is a terminal (the prompt path)."""

    def isatty(self) -> bool:
        return True


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: str | io.StringIO = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin) if isinstance(stdin, str) else stdin)
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


def test_create_user_then_list(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(
        capsys,
        monkeypatch,
        "create-user",
        "Alice",
        "--role",
        "admin",
        "--display-name",
        "Alice A.",
        "--password-stdin",
        "--database-url",
        url,
        stdin=PASSWORD + "\n",
    )
    assert (code, err) == (0, "")
    assert out.startswith("created admin 'alice' (id ")
    code, out, _ = run(capsys, monkeypatch, "list-users", "--database-url", url)
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:3] == ["USERNAME", "ROLE", "STATE"]
    assert row.split()[:3] == ["alice", "admin", "active"] and row.endswith("Alice A.")


def test_weak_password_is_refused_and_nothing_is_created(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(
        capsys,
        monkeypatch,
        "create-user",
        "bob",
        "--role",
        "technician",
        "--password-stdin",
        "--database-url",
        url,
        stdin="short\n",
    )
    assert code == 1 and out == ""
    assert err == (
        "opexdesk-server: error: The password is too short: use at least 10 characters.\n"
    )
    _, out, _ = run(capsys, monkeypatch, "list-users", "--database-url", url)
    assert out.startswith("no users yet")


def test_duplicate_and_bad_usernames(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("--role", "operator", "--password-stdin", "--database-url", url)
    assert run(capsys, monkeypatch, "create-user", "olga", *args, stdin=PASSWORD)[0] == 0
    code, _, err = run(capsys, monkeypatch, "create-user", "OLGA", *args, stdin=PASSWORD)
    assert code == 1 and "The username 'olga' is already taken." in err
    code, _, err = run(capsys, monkeypatch, "create-user", "o lga", *args, stdin=PASSWORD)
    assert code == 1 and "no spaces" in err


def test_password_stdin_needs_a_line(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(
        capsys,
        monkeypatch,
        "create-user",
        "bob",
        "--role",
        "admin",
        "--password-stdin",
        "--database-url",
        url,
    )
    assert code == 1 and "No password on standard input" in err


def test_without_a_terminal_the_prompt_is_refused_clearly(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(
        capsys, monkeypatch, "create-user", "bob", "--role", "admin", "--database-url", url
    )
    assert code == 1 and "pass --password-stdin" in err


def test_prompted_passwords_must_match(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, _, err = run(
        capsys,
        monkeypatch,
        "create-user",
        "bob",
        "--role",
        "admin",
        "--database-url",
        url,
        stdin=TerminalInput(),
    )
    assert code == 1 and "The two passwords differ; nothing was changed." in err
    answers = iter([PASSWORD, PASSWORD])
    code, out, _ = run(
        capsys,
        monkeypatch,
        "create-user",
        "bob",
        "--role",
        "admin",
        "--database-url",
        url,
        stdin=TerminalInput(),
    )
    assert code == 0 and "created admin 'bob'" in out


def test_set_password_signs_the_user_out(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(
        capsys,
        monkeypatch,
        "create-user",
        "tom",
        "--role",
        "technician",
        "--password-stdin",
        "--database-url",
        url,
        stdin=PASSWORD,
    )
    settings = ServerSettings(database_url=url)
    db = open_server_database(url)
    auth = AuthService(db, settings, Passwords(settings.password_hashing))
    try:
        signed_in = auth.login("tom", PASSWORD, "127.0.0.1", "laptop")
        code, out, _ = run(
            capsys,
            monkeypatch,
            "set-password",
            "tom",
            "--password-stdin",
            "--database-url",
            url,
            stdin="a whole new password\n",
        )
        assert code == 0 and "signed out" in out
        with pytest.raises(AuthenticationError, match="revoked"):
            auth.authenticate(signed_in.tokens.access_token)
        assert auth.login("tom", "a whole new password", "127.0.0.1", None).user.username == "tom"
    finally:
        db.close()
    code, _, err = run(
        capsys,
        monkeypatch,
        "set-password",
        "nobody",
        "--password-stdin",
        "--database-url",
        url,
        stdin=PASSWORD,
    )
    assert code == 1 and "No user named 'nobody'." in err


def test_migrate_reports_the_schema_and_refuses_a_newer_one(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, monkeypatch, "migrate", "--database-url", url)
    assert code == 0 and out.strip().endswith(f"schema {SCHEMA_HEAD}")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '0042'"))
    for command in ("migrate", "list-users", "serve"):
        code, _, err = run(capsys, monkeypatch, command, "--database-url", url)
        assert code == 1
        assert "written by a newer opexdesk-server" in err and "nothing was changed" in err
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar() == "0042"
    engine.dispose()


def test_the_database_url_comes_from_the_environment(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATABASE_URL, url)
    code, out, _ = run(capsys, monkeypatch, "migrate")
    assert code == 0 and url in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("migrate", "--database-url", "mysql://x/y"), "Unsupported database URL"),
        (("serve", "--database-url", "sqlite://"), "needs a database file"),
        (("serve", "--workers", "0"), "--workers must be at least 1"),
    ],
)
def test_bad_arguments_give_clear_errors(
    args: tuple[str, ...],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = run(capsys, monkeypatch, *args)
    assert code == 1 and message in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["create-user", "bob", "--role", "superuser"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'superuser'" in capsys.readouterr().err


def test_roles_and_grants_from_the_command_line(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(
        capsys,
        monkeypatch,
        "create-user",
        "kim",
        "--role",
        "technician",
        "--grant",
        "edit-articles",
        "--password-stdin",
        "--database-url",
        url,
        stdin=PASSWORD + "\n",
    )
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, monkeypatch, "list-users", "--database-url", url)
    assert out.splitlines()[1].split()[:3] == ["kim", "technician", "active"]
    assert "edit-articles" in out.splitlines()[1]

    code, out, err = run(
        capsys, monkeypatch, "revoke", "kim", "edit-articles", "--database-url", url
    )
    assert (code, out, err) == (0, "'kim' (technician) has: no grants\n", "")
    code, out, _ = run(capsys, monkeypatch, "grant", "KIM", "edit-articles", "--database-url", url)
    assert (code, out) == (0, "'kim' (technician) has: edit-articles\n")
    code, out, _ = run(capsys, monkeypatch, "set-role", "kim", "operator", "--database-url", url)
    assert (code, out) == (0, "'kim' is now operator\n")

    db = open_server_database(url)
    try:
        users = cli.UserAdmin(db, Passwords(ServerSettings(database_url=url).password_hashing))
        kim = users.find("kim")
        assert kim.role.value == "operator" and {g.value for g in kim.grants} == {"edit_articles"}
    finally:
        db.close()

    code, _, err = run(
        capsys, monkeypatch, "grant", "nobody", "edit-articles", "--database-url", url
    )
    assert code == 1 and "No user named 'nobody'." in err
    code, _, err = run(capsys, monkeypatch, "set-role", "nobody", "admin", "--database-url", url)
    assert code == 1 and "No user named 'nobody'." in err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["grant", "kim", "superpowers", "--database-url", url])
    assert exit_info.value.code == 2
    assert "invalid choice: 'superpowers'" in capsys.readouterr().err


def test_the_last_admin_cannot_be_demoted_from_the_command_line(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("--password-stdin", "--database-url", url)
    run(capsys, monkeypatch, "create-user", "root", "--role", "admin", *args, stdin=PASSWORD + "\n")
    code, _, err = run(capsys, monkeypatch, "set-role", "root", "technician", "--database-url", url)
    assert code == 1 and "last active administrator" in err
