"""Request bodies sent with ``Content-Encoding: gzip``, decompressed before the app sees them.

The decompressed size is limited like a plain body (the path's body limit), so a small
"zip bomb" is refused with 413 after at most ``limit + 1`` bytes of output, never inflated
into memory; a corrupt or truncated stream is a 400. Both answer JSON like every error.
The inner app gets the plain body with a matching Content-Length, so the body size limit
middleware behind this one applies to the decompressed size.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from opexdesk.server.asgi_bodies import (
    PathLimits,
    declared_length,
    header,
    send_json_error,
    too_large_detail,
)

# Inflate bigger pieces on a worker thread: a 32 MiB push must not stall the event loop.
_THREAD_MIN = 256 * 1024


class GzipBodyError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class _Inflater:
    """Streaming gzip decoder (several members allowed) with a cap on the output size."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.out = bytearray()
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> None:
        while data:
            try:
                # At most one byte past the limit: enough to know it is exceeded.
                piece = self._d.decompress(data, self.limit + 1 - len(self.out))
            except zlib.error as exc:
                raise GzipBodyError(
                    400, f"The request body is not valid gzip data ({exc})."
                ) from None
            self.out += piece
            if len(self.out) > self.limit:
                raise GzipBodyError(
                    413,
                    f"The request body is too large once decompressed: at most {self.limit} "
                    "bytes are accepted here.",
                )
            if self._d.eof:
                data = self._d.unused_data  # the next gzip member, if any
                if data:
                    self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                data = self._d.unconsumed_tail

    def finish(self) -> bytes:
        if not self._d.eof:
            raise GzipBodyError(400, "The gzip request body is truncated.")
        return bytes(self.out)


class GzipRequestMiddleware:
    """Decompress gzip request bodies, capped at the path's body limit (the same
    ``default_limit`` and per-prefix ``overrides`` as ``BodySizeLimitMiddleware``)."""

    def __init__(
        self, app: ASGIApp, default_limit: int, overrides: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.limits = PathLimits(default_limit, overrides)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        encoding = header(scope, b"content-encoding")
        if encoding is None or encoding.strip().lower() in ("", "identity"):
            await self.app(scope, receive, send)
            return
        if encoding.strip().lower() not in ("gzip", "x-gzip"):
            await send_json_error(
                send, 415, f"Unsupported Content-Encoding {encoding[:40]!r}: send gzip or none."
            )
            return
        limit = self.limits.for_path(scope.get("path", ""))
        declared = declared_length(scope)
        if declared is not None and declared > limit:
            await send_json_error(send, 413, too_large_detail(limit))  # before reading it
            return
        try:
            body = await _inflate(receive, limit)
        except GzipBodyError as exc:
            await send_json_error(send, exc.status, exc.detail)
            return
        headers = [
            (name, value)
            for name, value in scope.get("headers", ())
            if name not in (b"content-encoding", b"content-length")
        ]
        headers.append((b"content-length", str(len(body)).encode()))
        delivered = False

        async def plain_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # then only http.disconnect

        await self.app({**scope, "headers": headers}, plain_receive, send)


async def _inflate(receive: Receive, limit: int) -> bytes:
    inflater = _Inflater(limit)
    received = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise GzipBodyError(400, "The client went away before sending the whole body.")
        chunk = message.get("body", b"")
        received += len(chunk)
        if received > limit:
            # Compressed data larger than the decompressed limit cannot fit it either.
            raise GzipBodyError(413, too_large_detail(limit))
        if len(chunk) >= _THREAD_MIN:
            await run_in_threadpool(inflater.feed, chunk)
        else:
            inflater.feed(chunk)
        if not message.get("more_body", False):
            return inflater.finish()
