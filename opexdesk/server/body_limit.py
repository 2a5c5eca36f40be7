"""Request body size limit answering ``413 {"detail": ...}`` (JSON like every other error).

FastAPI's own ``max_body_size`` answers a request that declares an oversized
Content-Length with plain text, so this small ASGI middleware is used instead. Routes that
need more (attachment uploads, later) get a larger limit by path prefix.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from opexdesk.server.asgi_bodies import (
    PathLimits,
    declared_length,
    send_json_error,
    too_large_detail,
)

__all__ = ["BodySizeLimitMiddleware", "too_large_detail"]


class BodySizeLimitMiddleware:
    """Refuse bodies over ``default_limit`` bytes (or a per-path-prefix override)."""

    def __init__(
        self, app: ASGIApp, default_limit: int, overrides: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.limits = PathLimits(default_limit, overrides)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_path(scope.get("path", ""))
        declared = declared_length(scope)
        if declared is not None and declared > limit:
            # Answer before reading a byte of it.
            await send_json_error(send, 413, too_large_detail(limit))
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
