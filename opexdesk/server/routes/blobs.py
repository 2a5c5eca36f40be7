"""Attachment blobs by SHA-256: resumable upload (HEAD + PUT chunks), ranged download (GET).

``HEAD /blobs/{sha}``: 200 when complete (``Content-Length``); 404 otherwise, with
``Upload-Offset`` (where to continue a partial upload; 0 when none). ``PUT /blobs/{sha}``
with ``Content-Range: bytes START-END/TOTAL`` appends one chunk (``bytes */0`` for an empty
file) and answers the new offset. ``GET`` supports one ``Range`` (206) to resume downloads.
Any signed-in user may upload; reading needs an attachment that refers to the blob (or
being its uploader).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel

from opexdesk.server.blob_store import BlobState, BlobStore, OffsetMismatchError
from opexdesk.server.deps import AnyUser, Services, ServicesDep
from opexdesk.server.errors import InvalidInputError
from opexdesk.server.schemas import ErrorOut

_CONTENT_RANGE = re.compile(r"bytes (\d{1,19})-(\d{1,19})/(\d{1,19})")
_EMPTY_RANGE = re.compile(r"bytes \*/0")
_RANGE = re.compile(r"bytes=(\d{0,19})-(\d{0,19})")

router = APIRouter(
    prefix="/blobs",
    tags=["blobs"],
    responses={401: {"model": ErrorOut, "description": "Missing, invalid or expired token."}},
)


class UploadOut(BaseModel):
    sha256: str
    size: int
    offset: int
    complete: bool


def _store(request: Request, services: Services) -> BlobStore:
    return BlobStore(services.db, services.settings.max_blob_bytes, request.app.state.clock)


def _upload_headers(state: BlobState | None) -> dict[str, str]:
    if state is None:
        return {"Upload-Offset": "0"}
    return {"Upload-Offset": str(state.received), "Upload-Length": str(state.size)}


@router.head("/{sha256}", summary="Is the blob complete here? Where does its upload stand?")
async def blob_status(
    sha256: str, request: Request, services: ServicesDep, _auth: AnyUser
) -> Response:
    state = await run_in_threadpool(_store(request, services).status, sha256)
    headers = _upload_headers(state)
    if state is None or not state.complete:
        return Response(status_code=404, headers=headers)
    headers["Content-Length"] = str(state.size)
    headers["Accept-Ranges"] = "bytes"
    return Response(status_code=200, headers=headers, media_type="application/octet-stream")


def parse_content_range(value: str | None, length: int) -> tuple[int, int]:
    """``(start, total)`` of a PUT chunk; the range must match the body's length."""
    if value is None:
        raise InvalidInputError(
            "A blob chunk needs a 'Content-Range: bytes START-END/TOTAL' header."
        )
    value = value.strip()
    if _EMPTY_RANGE.fullmatch(value):
        if length:
            raise InvalidInputError("'Content-Range: bytes */0' is for an empty file only.")
        return 0, 0
    match = _CONTENT_RANGE.fullmatch(value)
    if match is None:
        raise InvalidInputError(
            f"Malformed Content-Range {value[:80]!r}: expected 'bytes START-END/TOTAL'."
        )
    start, end, total = (int(g) for g in match.groups())
    if end < start or end + 1 - start != length:
        raise InvalidInputError(
            f"Content-Range covers {max(0, end + 1 - start)} bytes but the body has {length}."
        )
    if end >= total:
        raise InvalidInputError(f"Content-Range ends at byte {end}, past the total of {total}.")
    return start, total


@router.put(
    "/{sha256}",
    summary="Append one chunk of a blob's upload",
    response_model=UploadOut,
    responses={
        409: {"model": ErrorOut, "description": "The chunk is not at the upload's offset."},
        413: {"model": ErrorOut, "description": "The blob or the chunk is too large."},
        422: {"model": ErrorOut, "description": "Bad name, or the bytes do not hash to it."},
    },
)
async def upload_chunk(
    sha256: str,
    request: Request,
    services: ServicesDep,
    auth: AnyUser,
    content_range: Annotated[str | None, Header()] = None,
) -> Any:
    data = await request.body()
    start, total = parse_content_range(content_range, len(data))
    store = _store(request, services)
    try:
        state = await run_in_threadpool(store.append, sha256, start, data, total, auth.user.id)
    except OffsetMismatchError as exc:
        return JSONResponse(
            {"detail": exc.detail, "expected_offset": exc.expected},
            status_code=409,
            headers=exc.headers,
        )
    return JSONResponse(
        UploadOut(
            sha256=state.sha256, size=state.size, offset=state.received, complete=state.complete
        ).model_dump(),
        headers=_upload_headers(state),
    )


def parse_range(value: str | None, size: int) -> tuple[int, int] | None:
    """``(first, last)`` of a single ``bytes=`` range; None to send it all (no or unusable
    header, as RFC 9110 allows); ``(size, size)`` when it is beyond the end."""
    if not value:
        return None
    match = _RANGE.fullmatch(value.strip())
    if match is None:
        return None
    first_text, last_text = match.groups()
    if not first_text:
        if not last_text:
            return None
        suffix = int(last_text)  # bytes=-N: the last N bytes
        if suffix == 0 or size == 0:
            return size, size
        return max(0, size - suffix), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None  # invalid: ignored
    if first >= size:
        return size, size
    return first, min(last, size - 1)


@router.get(
    "/{sha256}",
    summary="Download a blob (one Range for resuming)",
    response_class=Response,
    responses={
        206: {"description": "The requested range."},
        403: {"model": ErrorOut, "description": "No attachment refers to this blob yet."},
        404: {"model": ErrorOut, "description": "No such complete blob."},
        416: {"model": ErrorOut, "description": "The range starts past the end."},
    },
)
async def download(
    sha256: str,
    request: Request,
    services: ServicesDep,
    auth: AnyUser,
    range_: Annotated[str | None, Header(alias="Range")] = None,
) -> Response:
    store = _store(request, services)
    state = await run_in_threadpool(store.readable, sha256, auth.user.id)
    size = state.size
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": f'"{sha256}"',
        # Content addressed: the bytes under this name never change.
        "Cache-Control": "private, max-age=31536000, immutable",
    }
    wanted = parse_range(range_, size)
    if wanted is not None and wanted[0] >= size:
        return JSONResponse(
            {"detail": f"The range starts past the end of the blob ({size} bytes)."},
            status_code=416,
            headers={"Content-Range": f"bytes */{size}"},
        )
    status = 200
    first, last = 0, size - 1
    if wanted is not None:
        status = 206
        first, last = wanted
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    headers["Content-Length"] = str(last + 1 - first)
    if size == 0:
        return Response(b"", headers=headers, media_type="application/octet-stream")
    return StreamingResponse(
        store.read_range(state, first, last),
        status_code=status,
        headers=headers,
        media_type="application/octet-stream",
    )
