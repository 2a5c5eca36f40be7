"""A small httpx client for the central store's sync API (docs/sync.md).

TLS certificates are verified by default (a custom CA bundle may be given); every failure
becomes a ``SyncError`` subclass whose ``str()`` tells the user what happened.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = 30.0


class SyncError(Exception):
    """Base class: ``str(err)`` is a message for people."""


class Unreachable(SyncError):
    """No answer from the server (network, DNS, TLS, timeout)."""


class NotAnOpExDeskServer(SyncError):
    """Something answers at the address, but it is not an OpExDesk server."""


class AuthFailed(SyncError):
    """Wrong credentials, or the sign-in expired or was revoked: sign in again."""


class ServerError(SyncError):
    """The server refused the request or failed while handling it."""


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    username: str


@dataclass(frozen=True)
class PushResult:
    outcomes: list[dict[str, Any]]
    server_seq: int
    expected_client_seq: int | None = None  # set on a 409 gap


@dataclass(frozen=True)
class PullPage:
    changes: list[dict[str, Any]]
    next_cursor: int
    checkpoint: int
    more: bool


def normalize_url(url: str) -> str:
    """The server's base address without a trailing slash or the API prefix."""
    base = url.strip().rstrip("/")
    if base.endswith(API_PREFIX):
        base = base[: -len(API_PREFIX)]
    return base


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return str(body["detail"])
    return response.reason_phrase


class SyncApi:
    """Talks to one central store; keeps the current access and refresh tokens."""

    def __init__(
        self,
        server_url: str,
        *,
        ca_file: str | None = None,
        verify: bool = True,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        on_tokens: Callable[[Tokens], None] | None = None,
    ) -> None:
        """``on_tokens`` is told every new token pair (e.g. to keep the refresh token in
        ``services.secrets.SecretStore``: it rotates on every refresh)."""
        self.server_url = normalize_url(server_url)
        if not self.server_url.startswith(("http://", "https://")):
            raise SyncError(
                f"{server_url!r} is not a server address; use https://host[:port]."
            )
        verify_arg: ssl.SSLContext | bool = verify
        if ca_file:
            try:
                verify_arg = ssl.create_default_context(cafile=ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise SyncError(f"Cannot use the CA file {ca_file}: {exc}.") from exc
        self._http = httpx.Client(
            base_url=self.server_url + API_PREFIX,
            verify=verify_arg,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            headers={"User-Agent": "OpExDesk-sync"},
        )
        self.tokens: Tokens | None = None
        self._on_tokens = on_tokens
        self._checked = False

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncApi:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def username(self) -> str | None:
        return self.tokens.username if self.tokens else None

    # ---- transport ---------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise Unreachable(
                f"The server {self.server_url} did not answer in time; check the network "
                "and try again."
            ) from exc
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, ssl.SSLError) or "CERTIFICATE" in str(exc).upper():
                raise Unreachable(
                    f"The server {self.server_url} presented a certificate that could not be "
                    f"verified ({exc}); give its CA bundle with --ca-file."
                ) from exc
            raise Unreachable(
                f"Cannot reach the server {self.server_url} ({exc}); check the address and "
                "the network. You can keep working offline."
            ) from exc
        except httpx.TransportError as exc:
            raise Unreachable(
                f"The connection to {self.server_url} failed ({exc}); try again."
            ) from exc

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise NotAnOpExDeskServer(
                f"{self.server_url} answered with something other than OpExDesk JSON "
                f"(HTTP {response.status_code}); check the address."
            )
        return body

    def _check(self, response: httpx.Response) -> dict[str, Any]:
        if response.status_code == 401:
            raise AuthFailed(f"Sign-in failed: {_detail(response)}")
        if response.status_code == 404:
            raise NotAnOpExDeskServer(
                f"{self.server_url} has no OpExDesk sync API (HTTP 404); check the address."
            )
        if response.status_code >= 500:
            raise ServerError(
                f"The server failed (HTTP {response.status_code}: {_detail(response)}); "
                "try again later."
            )
        if response.status_code >= 400:
            raise ServerError(
                f"The server refused the request (HTTP {response.status_code}): "
                f"{_detail(response)}"
            )
        return self._json(response)

    def _authorized(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A request with the access token; one refresh and retry on a 401."""
        if self.tokens is None:
            raise AuthFailed("Not signed in: sign in to the server first.")
        headers = {"Authorization": f"Bearer {self.tokens.access_token}"}
        response = self._send(method, path, headers=headers, **kwargs)
        if response.status_code == 401:
            self.refresh(self.tokens.refresh_token)
            headers = {"Authorization": f"Bearer {self.tokens.access_token}"}
            response = self._send(method, path, headers=headers, **kwargs)
        return response

    # ---- operations --------------------------------------------------------------------

    def check_server(self) -> dict[str, Any]:
        """``GET /health`` must say ``"server": "opexdesk"``."""
        response = self._send("GET", "/health")
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or body.get("server") != "opexdesk":
            raise NotAnOpExDeskServer(
                f"{self.server_url} is not an OpExDesk server (its /api/v1/health answer "
                f"was HTTP {response.status_code} without the OpExDesk signature); check the "
                "address."
            )
        if response.status_code != 200:
            raise ServerError(
                f"The OpExDesk server at {self.server_url} is not healthy "
                f"(HTTP {response.status_code}: {_detail(response)}); try again later."
            )
        self._checked = True
        return body

    def _take_tokens(self, body: dict[str, Any]) -> Tokens:
        try:
            user = body.get("user") or {}
            tokens = Tokens(
                str(body["access_token"]), str(body["refresh_token"]), str(user["username"])
            )
        except (KeyError, TypeError) as exc:
            raise NotAnOpExDeskServer(
                f"{self.server_url} sent an unexpected sign-in answer."
            ) from exc
        self.tokens = tokens
        if self._on_tokens is not None:
            self._on_tokens(tokens)
        return tokens

    def login(self, username: str, password: str) -> Tokens:
        if not self._checked:
            self.check_server()
        response = self._send(
            "POST",
            "/auth/login",
            json={"username": username, "password": password, "client_name": "OpExDesk"},
        )
        if response.status_code == 401:
            raise AuthFailed(f"Sign-in as {username!r} failed: {_detail(response)}")
        return self._take_tokens(self._check(response))

    def refresh(self, token: str) -> Tokens:
        response = self._send("POST", "/auth/refresh", json={"refresh_token": token})
        if response.status_code == 401:
            self.tokens = None
            raise AuthFailed(
                f"The saved sign-in is no longer valid ({_detail(response)}); sign in again."
            )
        return self._take_tokens(self._check(response))

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> PushResult:
        response = self._authorized(
            "POST", "/sync/push", json={"client_id": client_id, "mutations": mutations}
        )
        if response.status_code == 409:
            body = self._json(response)
            expected = body.get("expected_client_seq")
            if isinstance(expected, int):
                return PushResult(
                    list(body.get("outcomes") or []), int(body.get("server_seq") or 0), expected
                )
        body = self._check(response)
        return PushResult(list(body["outcomes"]), int(body["server_seq"]))

    def pull(self, cursor: int, limit: int = 500) -> PullPage:
        response = self._authorized(
            "GET", "/sync/pull", params={"cursor": cursor, "limit": limit}
        )
        body = self._check(response)
        try:
            return PullPage(
                list(body["changes"]),
                int(body["next_cursor"]),
                int(body["checkpoint"]),
                bool(body["more"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise NotAnOpExDeskServer(f"{self.server_url} sent an unexpected pull answer.") from exc
