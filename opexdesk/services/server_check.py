""" "Test connection": is there an OpExDesk server at this address? (network: call it from a
worker). The same check the sign-in makes first, with the sign-in's messages for people."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from opexdesk.domain.errors import Templated
from opexdesk.services.app_settings import check_server_url


@dataclass(frozen=True)
class ServerCheck:
    """The answer: ``message`` in English; ``template`` and ``params`` let the UI show it
    in its own language (``opexdesk.ui.i18n.message_text``). None: show ``message``."""

    ok: bool
    message: str
    template: str | None = field(default=None, compare=False)
    params: Mapping[str, object] = field(default_factory=dict, compare=False)

    @classmethod
    def said(cls, ok: bool, template: str, /, **params: object) -> ServerCheck:
        """A result whose message is ``template`` filled with ``params``."""
        message = template.format(**params) if params else template
        return cls(ok, message, template, MappingProxyType(dict(params)))

    @classmethod
    def failed(cls, problem: object) -> ServerCheck:
        """A refusal with the message of ``problem`` (an error, or a text), template kept."""
        template = getattr(problem, "template", None)
        if isinstance(problem, Templated) or isinstance(template, str):
            params = getattr(problem, "params", {})
            return cls(False, str(problem), template, MappingProxyType(dict(params)))
        return cls(False, str(problem))


def check_server(url: str, ca_file: str | None = None, timeout: float = 10.0) -> ServerCheck:
    """Ask ``GET /api/v1/health``; unreachable, not an OpExDesk server and a certificate
    that cannot be verified each get their own message."""
    from opexdesk.services.sync.api import NotAnOpExDeskServer, SyncApi, SyncError, normalize_url
    from opexdesk.services.sync.session import explain

    url = url.strip()
    if not url:
        return ServerCheck.said(False, "Enter the server address (https://host[:port]).")
    problem = check_server_url(normalize_url(url))
    if problem is not None:
        return ServerCheck.failed(problem)
    try:
        api = SyncApi(url, ca_file=ca_file or None, timeout=timeout)
    except SyncError as exc:  # a bad address or CA file
        return ServerCheck.failed(exc)
    try:
        api.check_server()
    except NotAnOpExDeskServer as exc:
        return ServerCheck.failed(exc)
    except SyncError as exc:
        return ServerCheck.failed(explain(exc, api.server_url, bool(ca_file)))
    finally:
        api.close()
    return ServerCheck.said(
        True, "Connected: {server_url} is an OpExDesk server.", server_url=api.server_url
    )
