"""Request body size limit answering ``413 {"detail": ...}`` (JSON like every other error).

FastAPI's own ``max_body_size`` answers a request that declares an oversized
Content-Length with plain text, so this small ASGI middleware is used instead. Routes that
need more (attachment uploads, later) get a larger limit by path prefix.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def too_large_detail(limit: int) -> str:
    return f"The request body is too large: at most {limit} bytes are accepted here."


class BodySizeLimitMiddleware:
    """Refuse bodies over ``default_limit`` bytes (or a per-path-prefix override)."""

    def __init__(
        self, app: ASGIApp, default_limit: int, overrides: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.default_limit = default_limit
        # Longest prefix first, so /api/v1/blobs/ beats /api/v1/.
        self.overrides = sorted((overrides or {}).items(), key=lambda kv: -len(kv[0]))

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.overrides:
            if path.startswith(prefix):
                return limit
        return self.default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            # Answer before reading a byte of it.
            await _send_json(send, 413, too_large_detail(limit))
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the body read: FastAPI passes HTTPExceptions on to the
                    # app's handler, which answers 413 with this detail.
                    raise HTTPException(413, too_large_detail(limit))
            return message

        await self.app(scope, limited_receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server (h11) rejects a malformed one before we run
    return None


async def _send_json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                # The unread body would otherwise be parsed as the next request.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
