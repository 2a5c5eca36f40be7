"""The published OpenAPI document, made to describe the errors the server really sends.

FastAPI documents a 422 with its own list-shaped ``HTTPValidationError`` and no 400, but
``http_errors`` answers every error as ``ErrorOut`` (``{"detail": str, "errors": [...]}``),
a malformed JSON body as 400, and a database outage as 503. A client generated from the
document must expect what it will get.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

_ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
_ERROR_CONTENT = {"application/json": {"schema": _ERROR_REF}}
_BODY_ERRORS = {
    "400": "Malformed JSON body (the detail says where).",
    "413": "The request body is larger than this path accepts.",
}
_ALWAYS = {"503": "The database is unavailable; retry after the Retry-After seconds."}


def describe_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite ``schema`` in place (and return it): every error response is ``ErrorOut``."""
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses: dict[str, Any] = operation["responses"]
            if "422" in responses:
                responses["422"] = {
                    "description": "Invalid request: the detail and errors say which field.",
                    "content": _ERROR_CONTENT,
                }
            extra = dict(_ALWAYS)
            if "requestBody" in operation:
                extra.update(_BODY_ERRORS)
            for status, description in extra.items():
                responses.setdefault(
                    status, {"description": description, "content": _ERROR_CONTENT}
                )
    schemas = schema.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve the rewritten document (built once, on first request, like FastAPI's own)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            app.openapi_schema = describe_errors(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
