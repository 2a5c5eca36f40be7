"""Sign-in, server check, keyring and sync-round messages: ``str()`` is the same English
text as before (logs, the CLI and older tests read it), and each message keeps a template
that resources/translations/indirect*.py lists for translation (context "DomainMessages")."""

from __future__ import annotations

import ast
import ssl
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from keyring.backends import fail

from opexdesk.domain.kept_messages import Message
from opexdesk.services.app_settings import check_server_url
from opexdesk.services.secrets import NoSecureKeyringError, SecretStore
from opexdesk.services.server_check import ServerCheck, check_server
from opexdesk.services.sync.api import AuthFailed, NotAnOpExDeskServer, SyncApi, SyncError
from opexdesk.services.sync.runner import Outcome, SyncRunner, failed
from opexdesk.services.sync.session import NO_KEYRING_NOTICE, SignInError, explain

REPO = Path(__file__).resolve().parents[2]
URL = "http://127.0.0.1:9"


def declared() -> set[str]:
    found = set()
    for path in (REPO / "resources" / "translations").glob("indirect*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "DomainMessages"
                and isinstance(node.args[1], ast.Constant)
            ):
                found.add(node.args[1].value)
    return found


def answering(routes: dict[str, httpx.Response]) -> SyncApi:
    """An api whose server answers ``routes`` (path -> response) and 404 otherwise."""

    def handle(request: httpx.Request) -> httpx.Response:
        return routes.get(request.url.path, httpx.Response(404))

    return SyncApi(URL, transport=httpx.MockTransport(handle))


HEALTHY = httpx.Response(200, json={"server": "opexdesk"})


def refusal(call: Callable[[], object]) -> SyncError:
    with pytest.raises(SyncError) as caught:
        call()
    return caught.value


def test_sync_errors_keep_their_english_text() -> None:
    bad = refusal(lambda: SyncApi("ftp://desk"))
    assert str(bad) == "'ftp://desk' is not a server address; use https://host[:port]."
    assert isinstance(bad, SyncError) and bad.params == {"server_url": "ftp://desk"}

    login = answering(
        {
            "/api/v1/health": HEALTHY,
            "/api/v1/auth/login": httpx.Response(401, json={"detail": "No."}),
        }
    )
    refused = refusal(lambda: login.login("王芳", "pw"))
    assert isinstance(refused, AuthFailed)
    assert str(refused) == "Sign-in as '王芳' failed: No."
    explained = explain(refused, URL, has_ca_file=False)  # type: ignore[arg-type]
    assert (
        str(explained)
        == "Sign-in as '王芳' failed: No. Check the user name and password, then try again."
    )
    assert isinstance(explained, SignInError)

    foreign = refusal(
        answering({"/api/v1/health": httpx.Response(200, text="<html>")}).check_server
    )
    assert isinstance(foreign, NotAnOpExDeskServer)
    assert str(foreign) == (
        f"{URL} is not an OpExDesk server (its /api/v1/health answer was HTTP 200 without the "
        "OpExDesk signature); check the address."
    )
    failing = answering(
        {
            "/api/v1/health": HEALTHY,
            "/api/v1/auth/login": httpx.Response(503, json={"detail": "Busy"}),
        }
    )
    assert str(refusal(lambda: failing.login("ann", "pw"))) == (
        "The server failed (HTTP 503: Busy); try again later."
    )

    down = SyncApi(URL).transport_error(httpx.ConnectError("[Errno 111] Connection refused"))
    assert str(down) == (
        f"Cannot reach the server {URL} ([Errno 111] Connection refused); check the address and "
        "the network. You can keep working offline."
    )
    down.__cause__ = ssl.SSLCertVerificationError("CERTIFICATE_VERIFY_FAILED")
    assert str(explain(down, URL, has_ca_file=True)) == (
        f"The certificate of {URL} could not be verified with the chosen CA certificate; "
        "check that it is your organisation's CA."
    )


def test_keyring_notice_and_checks_keep_their_english_text() -> None:
    with pytest.raises(NoSecureKeyringError) as none:
        SecretStore(fail.Keyring()).check()
    assert str(none.value) == (
        "No secure keyring is available, so OpExDesk cannot remember your sign-in (keyring "
        "backend: keyring.backends.fail.Keyring). Start a keyring service (for example GNOME "
        "Keyring or KWallet) and sign in again; until then you can keep working offline."
    )
    assert NO_KEYRING_NOTICE == (
        "No keyring available: sign in each time. OpExDesk keeps your sign-in in memory until "
        "it closes."
    )
    assert Message.of(none.value) == str(none.value)
    assert Message.of(none.value).params == {"backend": "keyring.backends.fail.Keyring"}
    empty = check_server("  ")
    assert empty == ServerCheck(False, "Enter the server address (https://host[:port]).")
    assert empty.template == empty.message
    problem = check_server_url("desk example")  # the settings' own check, template and all
    not_an_address = check_server("desk example")
    assert not_an_address == ServerCheck(False, str(problem))
    assert not_an_address.template == getattr(problem, "template", None)


def test_a_failed_round_keeps_the_template_of_its_error() -> None:
    class Broken:
        def sync_once(self, on_progress: object = None) -> None:
            raise KeyError("cursor")

    bug = SyncRunner(Broken).run_round()
    assert bug.outcome == Outcome.SERVER_ERROR and bug.message == "Sync failed: 'cursor'"
    assert bug.template == "Sync failed: {error}" and bug.params == {"error": "'cursor'"}
    plain = failed(Outcome.OFFLINE, OSError("gone"))
    assert (plain.message, plain.template) == ("gone", None)


def test_every_template_is_declared_for_translation() -> None:
    known = declared()
    made: list[object] = [
        SignInError("Enter your password."),
        NO_KEYRING_NOTICE,
        check_server("  "),
        SyncRunner(lambda: None).run_round(),
        refusal(lambda: SyncApi("ftp://desk")),
        refusal(lambda: SyncApi(URL, ca_file="/no/such/ca.pem")),
        SyncApi(URL).transport_error(httpx.ConnectTimeout("slow")),
        SyncApi(URL).transport_error(httpx.ReadError("reset")),
        refusal(answering({}).check_server),
        refusal(lambda: answering({"/api/v1/health": HEALTHY}).login("ann", "pw")),
        explain(AuthFailed("Sign-in failed: {detail}", detail="No."), URL, False),
        explain(
            AuthFailed("Sign-in as {username!r} failed: {detail}", username="a", detail="x"),
            URL,
            False,
        ),
    ]
    templates = {getattr(m, "template", None) for m in made} - {None}
    assert templates - known == set()
