"""Every error leaves the API as JSON ``{"detail": "..."}`` with a precise message.

FastAPI's defaults are close, but a validation error echoes the submitted input back (a
password among it) and a malformed JSON body is reported as 422; here the input is never
echoed, malformed JSON is a 400, and database outages are a 503 the client can retry.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from opexdesk.server.errors import ServerError

log = logging.getLogger(__name__)

# Validation error types meaning "the body is not a JSON object".
_NOT_AN_OBJECT = {"model_attributes_type", "dict_type", "model_type"}
# Seconds a client should wait before retrying after a 503.
DATABASE_RETRY_AFTER = 5


def _error(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"detail": detail, **extra}, status_code=status, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or "body"


async def server_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServerError)
    fields = exc.message.fields("detail")  # detail, detail_template, detail_params
    del fields["detail"]
    return _error(exc.status_code, exc.detail, exc.headers or None, **fields)


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    for err in errors:
        if err.get("type") == "json_invalid":
            reason = (err.get("ctx") or {}).get("error", "invalid JSON")
            return _error(400, f"Malformed JSON body: {reason} (at character {err['loc'][-1]}).")
    whole_body = [e for e in errors if tuple(e.get("loc", ())) == ("body",)]
    if whole_body and whole_body[0].get("type") == "missing":
        return _error(422, "The request needs a JSON body.")
    if whole_body and whole_body[0].get("type") in _NOT_AN_OBJECT:
        content_type = request.headers.get("content-type", "")
        if content_type and "json" not in content_type.lower():
            return _error(
                415, f"Unsupported content type {content_type!r}: send JSON (application/json)."
            )
        return _error(422, "The JSON body must be an object ({...}).")
    # Only location, type and message: never "input", which may be a password.
    cleaned = [
        {
            "loc": list(err.get("loc", ())),
            "type": err.get("type"),
            "msg": str(err.get("msg", "")).removeprefix("Value error, "),
        }
        for err in errors
    ]
    summary = "; ".join(f"{_location(e['loc'])}: {e['msg']}" for e in cleaned)
    return _error(422, f"Invalid request: {summary}.", errors=cleaned)


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail: str = str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No such endpoint: {request.method} {request.url.path}."
    elif exc.status_code == 405:
        detail = f"Method {request.method} is not allowed on {request.url.path}."
    return _error(exc.status_code, detail, dict(exc.headers) if exc.headers else None)


async def database_error_handler(request: Request, exc: Exception) -> JSONResponse:
    log.error("database error on %s %s: %s", request.method, request.url.path, exc)
    return _error(
        503,
        "The database is unavailable; try again shortly.",
        {"Retry-After": str(DATABASE_RETRY_AFTER)},
    )


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error(500, "Internal server error; the server log has the details.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ServerError, server_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(DBAPIError, database_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)
