"""What the request-body middlewares share: per-path limits, header reads, JSON refusals."""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import Scope, Send


def too_large_detail(limit: int) -> str:
    return f"The request body is too large: at most {limit} bytes are accepted here."


class PathLimits:
    """A body limit in bytes per path: ``default`` unless a prefix in ``overrides`` matches
    (the longest prefix wins, so /api/v1/blobs/ beats /api/v1/)."""

    def __init__(self, default: int, overrides: Mapping[str, int] | None = None) -> None:
        self.default = default
        self.overrides = sorted((overrides or {}).items(), key=lambda kv: -len(kv[0]))

    def for_path(self, path: str) -> int:
        for prefix, limit in self.overrides:
            if path.startswith(prefix):
                return limit
        return self.default


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def declared_length(scope: Scope) -> int | None:
    """The Content-Length, None when absent (the server, h11, refuses a malformed one)."""
    value = header(scope, b"content-length")
    return int(value) if value is not None and value.strip().isdigit() else None


async def send_json_error(send: Send, status: int, detail: str) -> None:
    """Answer ``{"detail": ...}`` like every other error, and close the connection:
    whatever is left of the body would otherwise be read as the next request."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
