"""Moving attachment bytes between the local blob store and the server, resumably.

Upload: ``HEAD`` says how far the server got, then 1 MiB chunks go from there; the server
hashes the whole blob when the last chunk arrives, so an interrupted upload resumes where
it stopped and a blob marked complete is always right. Download: the bytes go to
``<blob root>/.partial/<sha>``; a retry asks for a ``Range`` from that file's size; the file
is hashed before it is renamed into the store, so the store never holds a wrong or partial
attachment.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

import httpx

from opexdesk.domain.units import size_text
from opexdesk.services.sync.api import BlobError, BlobUnavailable, SyncApi
from opexdesk.storage.blobs import BlobStore

CHUNK_BYTES = 1024 * 1024
PARTIAL_DIR = ".partial"
# Chunks refused for a moved offset in a row (someone else uploads the same blob) before
# giving up for this round.
_MAX_OFFSET_RETRIES = 5
_CONTENT_RANGE_TOTAL = re.compile(r"bytes [^/]+/(\d+)")


class BlobTransfer:
    """Uploads and downloads the blobs of ``blobs`` through ``api`` (signed in)."""

    def __init__(self, api: SyncApi, blobs: BlobStore, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._api = api
        self._blobs = blobs
        self._chunk = chunk_bytes

    def _path(self, sha256: str) -> Path:
        try:
            return self._blobs.path_for(sha256)
        except ValueError as exc:
            raise BlobError("{name!r} is not an attachment name (a SHA-256).", name=sha256) from exc

    def partial_path(self, sha256: str) -> Path:
        self._path(sha256)  # checks the name
        return self._blobs.root / PARTIAL_DIR / sha256

    # ---- upload ----------------------------------------------------------------------------

    def upload(self, sha256: str) -> None:
        """Make the server hold the blob ``sha256`` of the local store (no-op if it does)."""
        path = self._path(sha256)
        if not path.is_file():
            raise BlobError(
                "The attachment {sha}… is missing from {folder}.",
                sha=sha256[:12],
                folder=str(self._blobs.root),
            )
        size = path.stat().st_size
        status = self._api.blob_status(sha256)
        if status.complete:
            return
        offset = status.offset if status.size in (None, size) else 0
        moved = 0
        with path.open("rb") as source:
            while True:
                source.seek(offset)
                data = source.read(self._chunk)
                status = self._api.blob_put(sha256, offset, data, size)
                if status.complete:
                    return
                if status.offset == offset + len(data) and data:
                    offset, moved = status.offset, 0
                    continue
                # 409: the upload stands elsewhere (a concurrent upload, or a retried chunk
                # that had arrived): continue from there.
                moved += 1
                if moved > _MAX_OFFSET_RETRIES or not 0 <= status.offset <= size:
                    raise BlobError(
                        "The upload of {sha}… keeps moving on the server; it will be retried.",
                        sha=sha256[:12],
                    )
                offset = status.offset

    def upload_missing(self, shas: Iterable[str]) -> list[str]:
        """Upload each distinct blob the server lacks; returns the names, in order.

        Stops at the first failure (``SyncError``): what was sent stays on the server and the
        next call resumes it.
        """
        done: list[str] = []
        for sha in dict.fromkeys(shas):
            self.upload(sha)
            done.append(sha)
        return done

    # ---- download --------------------------------------------------------------------------

    def download(self, sha256: str) -> Path:
        """The local path of the blob, downloaded (or resumed) first when it is not there.

        Raises ``BlobUnavailable`` when the server has no copy this user may read,
        ``BlobError`` when the bytes do not hash to the name (the partial file is dropped).
        """
        final = self._path(sha256)
        if final.is_file():
            return final
        partial = self.partial_path(sha256)
        partial.parent.mkdir(parents=True, exist_ok=True)
        start = partial.stat().st_size if partial.exists() else 0
        if start > self._blobs.max_bytes:
            partial.unlink()
            start = 0
        with self._api.blob_download(sha256, start) as response:
            # 416: the partial file already holds everything: only the check is left.
            if response.status_code != 416:
                self._receive(sha256, response, partial, start)
        if _file_sha256(partial) != sha256:
            partial.unlink(missing_ok=True)
            raise BlobError(
                "The downloaded attachment {sha}… is damaged (its SHA-256 does not match); "
                "it will be downloaded again.",
                sha=sha256[:12],
            )
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)
        return final

    def _receive(self, sha256: str, response: httpx.Response, partial: Path, start: int) -> None:
        if response.status_code == 200:
            start = 0  # the whole blob came (no range): start the file over
        total = _total_size(response, start)
        if total is not None and total > self._blobs.max_bytes:
            raise BlobError(
                "The attachment {sha}… is {size}; attachments are limited to {limit}.",
                sha=sha256[:12],
                size=size_text(total),
                limit=size_text(self._blobs.max_bytes),
            )
        limit = total if total is not None else self._blobs.max_bytes
        written = start
        try:
            with partial.open("r+b" if start and partial.exists() else "wb") as out:
                out.seek(start)
                out.truncate()
                for piece in response.iter_bytes():
                    written += len(piece)
                    if written > limit:
                        raise BlobError(
                            "The server sent more than {limit:,} bytes for {sha}….",
                            limit=limit,
                            sha=sha256[:12],
                        )
                    out.write(piece)
                out.flush()
                os.fsync(out.fileno())
        except httpx.TransportError as exc:
            # What arrived stays in the partial file: the next call resumes from there.
            raise self._api.transport_error(exc) from exc

    def download_missing(self, shas: Iterable[str]) -> list[str]:
        """Download each distinct blob not in the local store; returns the names the server
        could not give (no complete copy readable by this user yet). Other failures
        (network, damage) raise: the next call resumes."""
        unavailable: list[str] = []
        for sha in dict.fromkeys(shas):
            if self._blobs.has(sha):
                continue
            try:
                self.download(sha)
            except BlobUnavailable:
                unavailable.append(sha)
        return unavailable


def _total_size(response: httpx.Response, start: int) -> int | None:
    match = _CONTENT_RANGE_TOTAL.fullmatch(response.headers.get("content-range", ""))
    if match:
        return int(match.group(1))
    length = response.headers.get("content-length")
    if length is not None and length.isdigit():
        return start + int(length) if response.status_code == 206 else int(length)
    return None


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
