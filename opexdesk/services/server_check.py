""" "Test connection": is there an OpExDesk server at this address? (network: call it from a
worker). The same check the sign-in makes first, with the sign-in's messages for people."""

from __future__ import annotations

from dataclasses import dataclass

from opexdesk.services.app_settings import check_server_url


@dataclass(frozen=True)
class ServerCheck:
    ok: bool
    message: str


def check_server(url: str, ca_file: str | None = None, timeout: float = 10.0) -> ServerCheck:
    """Ask ``GET /api/v1/health``; unreachable, not an OpExDesk server and a certificate
    that cannot be verified each get their own message."""
    from opexdesk.services.sync.api import NotAnOpExDeskServer, SyncApi, SyncError, normalize_url
    from opexdesk.services.sync.session import explain

    url = url.strip()
    if not url:
        return ServerCheck(False, "Enter the server address (https://host[:port]).")
    problem = check_server_url(normalize_url(url))
    if problem is not None:
        return ServerCheck(False, problem)
    try:
        api = SyncApi(url, ca_file=ca_file or None, timeout=timeout)
    except SyncError as exc:  # a bad address or CA file
        return ServerCheck(False, str(exc))
    try:
        api.check_server()
    except NotAnOpExDeskServer as exc:
        return ServerCheck(False, str(exc))
    except SyncError as exc:
        return ServerCheck(False, explain(exc, api.server_url, bool(ca_file)))
    finally:
        api.close()
    return ServerCheck(True, f"Connected: {api.server_url} is an OpExDesk server.")
