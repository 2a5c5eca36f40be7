"""A small httpx client for the central store's sync API (docs/sync.md).

TLS certificates are verified by default (a custom CA bundle may be given); every failure
becomes a ``SyncError`` subclass whose ``str()`` tells the user what happened (in English;
the message is a template with named arguments, so the UI shows it in its own language with
``opexdesk.ui.i18n.error_text``). Texts the server or the network library wrote (a refusal's
"detail", a socket error) are arguments of such a template and stay as they came.
"""

from __future__ import annotations

import gzip
import json
import ssl
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from opexdesk.domain.errors import Templated
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.services.sync.account_answer import account_of, grants_text

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = 30.0
# JSON bodies above this are sent gzip-compressed (push batches are repetitive JSON).
GZIP_MIN_BYTES = 1024
# The change stream sends a heartbeat every 15 s: a read waiting longer means a dead link.
STREAM_READ_TIMEOUT = 45.0


class SyncError(Templated, Exception):
    """Base class: ``str(err)`` is a message for people; raise it with a template and its
    arguments (``Unreachable("Cannot reach {server_url}.", server_url=url)``)."""


class Unreachable(SyncError):
    """No answer from the server (network, DNS, TLS, timeout)."""


class NotAnOpExDeskServer(SyncError):
    """Something answers at the address, but it is not an OpExDesk server."""


class AuthFailed(SyncError):
    """Wrong credentials, or the sign-in expired or was revoked: sign in again."""


class ServerError(SyncError):
    """The server refused the request or failed while handling it."""


class BlobError(SyncError):
    """An attachment's bytes could not be moved: refused, missing or corrupt."""


class BlobUnavailable(BlobError):
    """The server has no complete copy of the blob that this user may read (yet)."""


@dataclass(frozen=True)
class BlobStatus:
    """Where a blob stands on the server: complete, or uploaded up to ``offset``."""

    complete: bool
    offset: int
    size: int | None


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    username: str
    role: str | None = None  # technician / operator / admin, as the server says
    # The user's grants as stored (space-separated); None from a server that sends none.
    grants: str | None = None


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
    # The caller's (role, grants as stored) now; None from a server that sends none.
    account: tuple[str, str] | None = None


@dataclass(frozen=True)
class SnapshotPage:
    """A page of the working set (``GET /sync/snapshot``); checkpoint and total on the first."""

    changes: list[dict[str, Any]]
    next_after: str | None
    more: bool
    checkpoint: int | None
    total: int | None


def normalize_url(url: str) -> str:
    """The server's base address without a trailing slash or the API prefix."""
    base = url.strip().rstrip("/")
    if base.endswith(API_PREFIX):
        base = base[: -len(API_PREFIX)]
    return base


def _detail(response: httpx.Response) -> str | KeptMessage:
    """The server's reason: with its template when it sends one (shown translated)."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return KeptMessage.from_fields(body, "detail") or str(body["detail"])
    return response.reason_phrase


def json_body(payload: Any) -> tuple[bytes, dict[str, str]]:
    """The JSON bytes and headers of a request body, gzip-compressed when over 1 KiB."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    raw = data.encode()
    headers = {"Content-Type": "application/json"}
    if len(raw) > GZIP_MIN_BYTES:
        raw = gzip.compress(raw, compresslevel=6, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return raw, headers


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
                "{server_url!r} is not a server address; use https://host[:port].",
                server_url=server_url,
            )
        verify_arg: ssl.SSLContext | bool = verify
        if ca_file:
            try:
                verify_arg = ssl.create_default_context(cafile=ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise SyncError(
                    "Cannot use the CA file {ca_file}: {reason}.", ca_file=ca_file, reason=str(exc)
                ) from exc
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
        self._timeout = timeout
        # The sync worker and the change-stream listener share this object: two refreshes
        # with one refresh token would revoke the whole sign-in (token reuse detection).
        self._refresh_lock = threading.Lock()

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

    def _send(
        self, method: str, path: str, *, stream: bool = False, **kwargs: Any
    ) -> httpx.Response:
        try:
            request = self._http.build_request(method, path, **kwargs)
            return self._http.send(request, stream=stream)
        except httpx.TransportError as exc:
            raise self.transport_error(exc) from exc

    def transport_error(self, exc: httpx.TransportError) -> Unreachable:
        """The ``Unreachable`` telling the user what a transport failure means."""
        if isinstance(exc, httpx.TimeoutException):
            return Unreachable(
                "The server {server_url} did not answer in time; check the network and try again.",
                server_url=self.server_url,
            )
        if isinstance(exc, httpx.ConnectError):
            if isinstance(exc.__cause__, ssl.SSLError) or "CERTIFICATE" in str(exc).upper():
                return Unreachable(
                    "The server {server_url} presented a certificate that could not be "
                    "verified ({reason}); give its CA bundle with --ca-file.",
                    server_url=self.server_url,
                    reason=str(exc),
                )
            return Unreachable(
                "Cannot reach the server {server_url} ({reason}); check the address and "
                "the network. You can keep working offline.",
                server_url=self.server_url,
                reason=str(exc),
            )
        return Unreachable(
            "The connection to {server_url} failed ({reason}); try again.",
            server_url=self.server_url,
            reason=str(exc),
        )

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise NotAnOpExDeskServer(
                "{server_url} answered with something other than OpExDesk JSON "
                "(HTTP {status}); check the address.",
                server_url=self.server_url,
                status=response.status_code,
            )
        return body

    def _check(self, response: httpx.Response) -> dict[str, Any]:
        if response.status_code == 401:
            raise AuthFailed("Sign-in failed: {detail}", detail=_detail(response))
        if response.status_code == 404:
            raise NotAnOpExDeskServer(
                "{server_url} has no OpExDesk sync API (HTTP 404); check the address.",
                server_url=self.server_url,
            )
        if response.status_code >= 500:
            raise ServerError(
                "The server failed (HTTP {status}: {detail}); try again later.",
                status=response.status_code,
                detail=_detail(response),
            )
        if response.status_code >= 400:
            raise ServerError(
                "The server refused the request (HTTP {status}): {detail}",
                status=response.status_code,
                detail=_detail(response),
            )
        return self._json(response)

    def _auth_headers(self, extra: dict[str, str] | None) -> tuple[str, dict[str, str]]:
        if self.tokens is None:
            raise AuthFailed("Not signed in: sign in to the server first.")
        access = self.tokens.access_token
        return access, {**(extra or {}), "Authorization": f"Bearer {access}"}

    def refresh_after(self, rejected_access: str) -> None:
        """Refresh the tokens because ``rejected_access`` was refused, unless another thread
        has already done it (then its new access token is used)."""
        with self._refresh_lock:
            if self.tokens is None:
                raise AuthFailed("Not signed in: sign in to the server first.")
            if self.tokens.access_token == rejected_access:
                self.refresh(self.tokens.refresh_token)

    def _authorized(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """A request with the access token; one refresh and retry on a 401."""
        access, sent = self._auth_headers(headers)
        response = self._send(method, path, headers=sent, **kwargs)
        if response.status_code == 401:
            self.refresh_after(access)
            _access, sent = self._auth_headers(headers)
            response = self._send(method, path, headers=sent, **kwargs)
        return response

    @contextmanager
    def authorized_stream(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> Iterator[httpx.Response]:
        """Like ``_authorized`` but the body is read by the caller (``iter_bytes``...)."""
        access, sent = self._auth_headers(headers)
        response = self._send(method, path, headers=sent, stream=True, **kwargs)
        try:
            if response.status_code == 401:
                response.close()
                self.refresh_after(access)
                _access, sent = self._auth_headers(headers)
                response = self._send(method, path, headers=sent, stream=True, **kwargs)
            yield response
        finally:
            response.close()

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
                "{server_url} is not an OpExDesk server (its /api/v1/health answer was "
                "HTTP {status} without the OpExDesk signature); check the address.",
                server_url=self.server_url,
                status=response.status_code,
            )
        if response.status_code != 200:
            raise ServerError(
                "The OpExDesk server at {server_url} is not healthy "
                "(HTTP {status}: {detail}); try again later.",
                server_url=self.server_url,
                status=response.status_code,
                detail=_detail(response),
            )
        self._checked = True
        return body

    def _take_tokens(self, body: dict[str, Any]) -> Tokens:
        try:
            user = body.get("user") or {}
            role = user.get("role")
            grants = user.get("grants")
            tokens = Tokens(
                str(body["access_token"]),
                str(body["refresh_token"]),
                str(user["username"]),
                str(role) if isinstance(role, str) else None,
                grants_text(grants) if isinstance(grants, list) else None,
            )
        except (KeyError, TypeError) as exc:
            raise NotAnOpExDeskServer(
                "{server_url} sent an unexpected sign-in answer.", server_url=self.server_url
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
            raise AuthFailed(
                "Sign-in as {username!r} failed: {detail}",
                username=username,
                detail=_detail(response),
            )
        return self._take_tokens(self._check(response))

    def refresh(self, token: str) -> Tokens:
        response = self._send("POST", "/auth/refresh", json={"refresh_token": token})
        if response.status_code == 401:
            self.tokens = None
            raise AuthFailed(
                "The saved sign-in is no longer valid ({detail}); sign in again.",
                detail=_detail(response),
            )
        return self._take_tokens(self._check(response))

    def logout(self) -> None:
        """Revoke this sign-in on the server (access and refresh token family); the tokens
        are dropped here whatever the answer."""
        tokens, self.tokens = self.tokens, None
        if tokens is None:
            return
        self._send(
            "POST",
            "/auth/logout",
            headers={"Authorization": f"Bearer {tokens.access_token}"},
            json={"refresh_token": tokens.refresh_token},
        )

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> PushResult:
        content, headers = json_body({"client_id": client_id, "mutations": mutations})
        response = self._authorized("POST", "/sync/push", headers=headers, content=content)
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
        response = self._authorized("GET", "/sync/pull", params={"cursor": cursor, "limit": limit})
        body = self._check(response)
        try:
            account = body.get("account")
            return PullPage(
                list(body["changes"]),
                int(body["next_cursor"]),
                int(body["checkpoint"]),
                bool(body["more"]),
                account_of(account) if isinstance(account, dict) else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise NotAnOpExDeskServer(
                "{server_url} sent an unexpected pull answer.", server_url=self.server_url
            ) from exc

    def snapshot(
        self,
        after: str = "",
        limit: int = 100,
        days: int = 90,
        tickets: Sequence[str] = (),
    ) -> SnapshotPage:
        """A page of the user's working set after ticket id ``after`` (or, with ``tickets``,
        those tickets with everything appended to them)."""
        params: dict[str, Any] = {"after": after, "limit": limit, "days": days}
        if tickets:
            params["ticket"] = list(tickets)
        body = self._check(self._authorized("GET", "/sync/snapshot", params=params))
        try:
            return _snapshot_page(body)
        except (KeyError, TypeError, ValueError) as exc:
            raise NotAnOpExDeskServer(
                "{server_url} sent an unexpected snapshot answer.", server_url=self.server_url
            ) from exc

    def articles(
        self,
        after: str | None = None,
        limit: int = 100,
        article_ids: Sequence[str] | None = None,
    ) -> SnapshotPage:
        """A page of the knowledge base (``GET /sync/articles``) after article id ``after``,
        every article whole (docs/sync_articles.md); with ``article_ids``, those articles
        only. ``checkpoint`` and ``total`` come on the first page. A server from before
        article sync (404 here) has no articles to give: an empty last page."""
        params: dict[str, Any] = {"limit": limit}
        if after:
            params["after"] = after
        if article_ids:
            params["article"] = list(article_ids)
        response = self._authorized("GET", "/sync/articles", params=params)
        if response.status_code == 404:
            return SnapshotPage([], None, False, None, None)
        body = self._check(response)
        try:
            return _snapshot_page(body)
        except (KeyError, TypeError, ValueError) as exc:
            raise NotAnOpExDeskServer(
                "{server_url} sent an unexpected article answer.", server_url=self.server_url
            ) from exc

    def search_tickets(self, text: str, limit: int = 50) -> dict[str, Any]:
        """``GET /sync/tickets``: stored tickets matching ``text`` (any age or assignee), as
        ``{"tickets": [...], "more": bool}``; services/sync/history.py reads the rows."""
        params = {"q": text, "limit": limit}
        return self._check(self._authorized("GET", "/sync/tickets", params=params))

    def request_json(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """An authorized call answered with any JSON (services/sync/user_admin.py)."""
        response = self._authorized(method, path, **({"json": body} if body is not None else {}))
        if response.status_code >= 400:
            self._check(response)  # raises with the server's reason
        try:
            return response.json()
        except ValueError:
            return self._json(response)  # raises: not OpExDesk JSON

    # ---- attachment blobs (services/sync/blob_transfer.py) ------------------------------

    def blob_status(self, sha256: str) -> BlobStatus:
        """``HEAD /blobs/{sha}``: complete, or how far an upload got (0 when none)."""
        response = self._authorized("HEAD", f"/blobs/{sha256}")
        offset = _int_header(response, "Upload-Offset") or 0
        if response.status_code == 404:
            return BlobStatus(False, offset, _int_header(response, "Upload-Length"))
        if response.status_code == 200:
            size = _int_header(response, "Content-Length")
            return BlobStatus(True, size or 0, size)
        self._check(response)
        raise ServerError(
            "Unexpected answer HTTP {status} to a blob query.", status=response.status_code
        )

    def blob_put(self, sha256: str, start: int, data: bytes, total: int) -> BlobStatus:
        """Send one chunk at ``start``; the answer says where the upload stands now (on a
        409, where it stood: the caller continues from there)."""
        content_range = f"bytes {start}-{start + len(data) - 1}/{total}" if total else "bytes */0"
        response = self._authorized(
            "PUT",
            f"/blobs/{sha256}",
            headers={"Content-Range": content_range, "Content-Type": "application/octet-stream"},
            content=data,
        )
        if response.status_code == 409:
            expected = self._json(response).get("expected_offset")
            if isinstance(expected, int):
                return BlobStatus(False, expected, total)
        if response.status_code in (413, 422):
            raise BlobError("The server refused the attachment: {detail}", detail=_detail(response))
        body = self._check(response)
        try:
            return BlobStatus(bool(body["complete"]), int(body["offset"]), int(body["size"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise NotAnOpExDeskServer(
                "{server_url} sent an unexpected blob answer.", server_url=self.server_url
            ) from exc

    @contextmanager
    def blob_download(self, sha256: str, start: int = 0) -> Iterator[httpx.Response]:
        """``GET /blobs/{sha}`` from byte ``start`` (a Range when > 0): the response is 200
        (whole blob), 206 (from ``start``) or 416 (``start`` is at or past the end)."""
        headers = {"Range": f"bytes={start}-"} if start > 0 else {}
        with self.authorized_stream("GET", f"/blobs/{sha256}", headers=headers) as response:
            if response.status_code not in (200, 206, 416):
                response.read()
                if response.status_code in (403, 404):
                    raise BlobUnavailable(
                        "The attachment {name}… is not available: {detail}",
                        name=sha256[:12],
                        detail=_detail(response),
                    )
                self._check(response)
            yield response

    @contextmanager
    def event_stream(self) -> Iterator[httpx.Response]:
        """The open ``GET /sync/events`` response (server-sent events), checked to be one."""
        timeout = httpx.Timeout(
            self._timeout,
            connect=min(self._timeout, 10.0),
            read=max(STREAM_READ_TIMEOUT, self._timeout),
        )
        with self.authorized_stream(
            "GET", "/sync/events", headers={"Accept": "text/event-stream"}, timeout=timeout
        ) as response:
            if response.status_code != 200:
                response.read()
                self._check(response)
            if not response.headers.get("content-type", "").startswith("text/event-stream"):
                raise NotAnOpExDeskServer(
                    "{server_url} did not answer the change stream with server-sent events.",
                    server_url=self.server_url,
                )
            yield response


def _int_header(response: httpx.Response, name: str) -> int | None:
    value = response.headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _snapshot_page(body: dict[str, Any]) -> SnapshotPage:
    """A page of ``/sync/snapshot`` or ``/sync/articles``; KeyError, TypeError or ValueError
    when it is not one (the caller says which answer was wrong). ``checkpoint`` and ``total``
    come on a first page only and ``next_after`` on a page with more after it: a page may
    leave them out."""
    checkpoint, total, next_after = (
        body.get("checkpoint"),
        body.get("total"),
        body.get("next_after"),
    )
    return SnapshotPage(
        list(body["changes"]),
        None if next_after is None else str(next_after),
        bool(body["more"]),
        None if checkpoint is None else int(checkpoint),
        None if total is None else int(total),
    )
