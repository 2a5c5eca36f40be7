"""Attachment blobs in the database: resumable chunked uploads checked by SHA-256, ranged reads.

An upload appends chunks at the blob's ``received`` offset, each in its own transaction
under the blob row's lock, so a retried or concurrent chunk at a stale offset is refused
(409) instead of corrupting the bytes. The last chunk triggers the hash check: a mismatch
discards the whole partial upload (422), so a blob marked complete always hashes to its name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opexdesk.domain.units import size_text
from opexdesk.server.blob_models import SyncBlob, SyncBlobChunk
from opexdesk.server.config import Clock
from opexdesk.server.database import ServerDatabase
from opexdesk.server.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)
from opexdesk.server.sync_models import SyncAttachment

# The largest chunk one PUT may carry (clients send 1 MiB): also the body limit of the path.
MAX_CHUNK_BYTES = 4 * 1024 * 1024
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class BlobState:
    sha256: str
    size: int
    received: int
    complete: bool


class BlobTooLargeError(ServerError):
    status_code = 413


class OffsetMismatchError(ConflictError):
    """A chunk that does not start where the upload stands; ``expected`` is where it does."""

    def __init__(self, detail: str, expected: int) -> None:
        super().__init__(detail, {"Upload-Offset": str(expected)})
        self.expected = expected


class HashMismatchError(InvalidInputError):
    """The complete upload did not hash to its name; the partial upload was discarded."""


def check_sha256(value: str) -> str:
    if not _SHA256.fullmatch(value):
        raise InvalidInputError(
            "A blob is named by its SHA-256: 64 lowercase hexadecimal digits "
            f"(got {len(value)} characters)."
        )
    return value


def _state(blob: SyncBlob) -> BlobState:
    return BlobState(blob.sha256, blob.size, blob.received, blob.complete)


class BlobStore:
    """Blob operations on the server database (any process can serve any blob)."""

    def __init__(self, db: ServerDatabase, max_bytes: int, clock: Clock) -> None:
        self._db = db
        self.max_bytes = max_bytes
        self._clock = clock

    def status(self, sha256: str) -> BlobState | None:
        check_sha256(sha256)
        with self._db.read() as session:
            blob = session.get(SyncBlob, sha256)
            return None if blob is None else _state(blob)

    def append(self, sha256: str, start: int, data: bytes, total: int, user_id: str) -> BlobState:
        """Append ``data`` at ``start`` of a blob of ``total`` bytes; verify it when complete."""
        check_sha256(sha256)
        if total > self.max_bytes:
            raise BlobTooLargeError(
                f"The blob is {size_text(total)}; attachments are limited to "
                f"{size_text(self.max_bytes)}."
            )
        if start + len(data) > total:
            raise InvalidInputError(
                f"The chunk ends at byte {start + len(data)}, past the blob's size {total}."
            )
        if not data and total > 0:
            raise InvalidInputError("An empty chunk adds nothing; send the bytes from the offset.")
        try:
            with self._db.write() as session:
                state, mismatch = self._append(session, sha256, start, data, total, user_id)
        except IntegrityError:
            # Two first chunks of one blob at once (PostgreSQL): the other one won.
            current = self.status(sha256)
            expected = current.received if current else 0
            raise OffsetMismatchError(
                f"Another upload of this blob is in progress; continue at byte {expected}.",
                expected,
            ) from None
        if mismatch:
            raise HashMismatchError(
                "The uploaded bytes do not hash to the blob's SHA-256; the partial upload was "
                "discarded. Upload the file again from byte 0."
            )
        return state

    def _append(
        self, session: Session, sha256: str, start: int, data: bytes, total: int, user_id: str
    ) -> tuple[BlobState, bool]:
        blob = session.get(SyncBlob, sha256, with_for_update=True)
        if blob is None:
            if start != 0:
                raise OffsetMismatchError(
                    f"No upload of this blob has started; send it from byte 0 (not {start}).", 0
                )
            blob = SyncBlob(
                sha256=sha256,
                size=total,
                received=0,
                complete=False,
                uploaded_by=user_id,
                created_at=self._clock(),
            )
            session.add(blob)
            session.flush()  # the chunks' foreign key needs the row
        if blob.complete:
            return _state(blob), False  # already there (another device, or a retry)
        if blob.size != total:
            if start != 0:
                raise ConflictError(
                    f"This upload declares {total} bytes, but the one in progress declared "
                    f"{blob.size}; start again from byte 0."
                )
            # One of the two sizes is wrong (the hash check would refuse it at the end):
            # a fresh start replaces the partial upload, so a bad one cannot block the blob.
            session.execute(delete(SyncBlobChunk).where(SyncBlobChunk.sha256 == sha256))
            blob.size, blob.received, blob.uploaded_by = total, 0, user_id
        if start != blob.received:
            raise OffsetMismatchError(
                f"The upload stands at byte {blob.received}; this chunk starts at {start}. "
                f"Continue at byte {blob.received}.",
                blob.received,
            )
        if data:
            session.add(SyncBlobChunk(sha256=sha256, start=start, data=data))
        blob.received = start + len(data)
        if blob.received < blob.size:
            return _state(blob), False
        session.flush()
        if self._digest(session, sha256) != sha256:
            # Discard the partial upload in this same (committed) transaction.
            session.execute(delete(SyncBlobChunk).where(SyncBlobChunk.sha256 == sha256))
            session.delete(blob)
            return BlobState(sha256, total, 0, False), True
        blob.complete = True
        blob.completed_at = self._clock()
        return _state(blob), False

    @staticmethod
    def _starts(session: Session, sha256: str) -> list[int]:
        query = select(SyncBlobChunk.start).where(SyncBlobChunk.sha256 == sha256)
        return list(session.scalars(query.order_by(SyncBlobChunk.start)))

    def _digest(self, session: Session, sha256: str) -> str:
        digest = hashlib.sha256()
        # One chunk in memory at a time.
        for start in self._starts(session, sha256):
            chunk = session.get(SyncBlobChunk, (sha256, start))
            assert chunk is not None
            digest.update(chunk.data)
            session.expunge(chunk)
        return digest.hexdigest()

    def readable(self, sha256: str, user_id: str) -> BlobState:
        """A complete blob the user may download: it uploaded it, or an attachment refers to it."""
        check_sha256(sha256)
        with self._db.read() as session:
            blob = session.get(SyncBlob, sha256)
            if blob is None or not blob.complete:
                raise NotFoundError("No such blob on the server (or its upload is incomplete).")
            if blob.uploaded_by != user_id:
                referenced = session.scalar(select(exists().where(SyncAttachment.sha256 == sha256)))
                if not referenced:
                    raise PermissionDeniedError(
                        "No attachment refers to this blob yet; only its uploader may read it."
                    )
            return _state(blob)

    def read_range(self, blob: BlobState, first: int, last: int) -> Iterator[bytes]:
        """The bytes ``first..last`` (inclusive) of a complete blob, a chunk at a time.

        Each chunk is read in its own short transaction: a slow download holds no connection.
        """
        sha256 = blob.sha256
        with self._db.read() as session:
            starts = self._starts(session, sha256)
        ends = [*starts[1:], blob.size]  # chunks are contiguous: each ends where the next starts
        for start, next_start in zip(starts, ends, strict=True):
            if next_start <= first or start > last:
                continue
            with self._db.read() as session:
                data = session.scalar(
                    select(SyncBlobChunk.data).where(
                        SyncBlobChunk.sha256 == sha256, SyncBlobChunk.start == start
                    )
                )
            if data is None:
                raise NotFoundError("The blob disappeared while it was being read.")
            yield data[max(0, first - start) : last + 1 - start]
