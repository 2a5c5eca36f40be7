"""Clearing out blob bytes nobody will read: ``opexdesk-server gc-blobs``.

Two kinds go, once they are older than the grace period:
- partial uploads that stopped (the device was wiped, the user gave up);
- complete blobs no attachment refers to (uploaded, but the attachment never arrived, or
  its ticket was deleted).
The grace period leaves room for a device that uploads the bytes now and pushes the
attachment after a long offline stretch; the next upload of such a blob simply starts over.
Each blob is removed in its own short transaction, re-checked under its row lock, so a
blob that gains an attachment or an upload meanwhile is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import ColumnElement, delete, exists, func, or_, select

from opexdesk.server.blob_models import SyncBlob, SyncBlobChunk
from opexdesk.server.config import Clock
from opexdesk.server.database import ServerDatabase
from opexdesk.server.sync_models import SyncAttachment

DEFAULT_GRACE = timedelta(days=30)


@dataclass(frozen=True)
class BlobGcReport:
    partial_removed: int
    unreferenced_removed: int
    bytes_freed: int


def _unreferenced() -> ColumnElement[bool]:
    return ~exists().where(SyncAttachment.sha256 == SyncBlob.sha256)


def collect_blob_garbage(
    db: ServerDatabase, clock: Clock, grace: timedelta = DEFAULT_GRACE
) -> BlobGcReport:
    """Remove stopped partial uploads and unreferenced blobs older than ``grace``."""
    if grace < timedelta(0):
        raise ValueError("The grace period cannot be negative.")
    cutoff = clock() - grace
    stale = or_(
        SyncBlob.complete.is_(False) & (SyncBlob.created_at < cutoff),
        SyncBlob.complete.is_(True)
        & (func.coalesce(SyncBlob.completed_at, SyncBlob.created_at) < cutoff)
        & _unreferenced(),
    )
    with db.read() as session:
        candidates = list(session.scalars(select(SyncBlob.sha256).where(stale)))
    partial = unreferenced = freed = 0
    for sha256 in candidates:
        with db.write() as session:
            blob = session.get(SyncBlob, sha256, with_for_update=True)
            if blob is None:
                continue
            still = session.scalar(select(SyncBlob.sha256).where(SyncBlob.sha256 == sha256, stale))
            if still is None:
                continue  # an attachment or an upload came meanwhile
            freed += blob.received
            was_complete = blob.complete
            session.execute(delete(SyncBlobChunk).where(SyncBlobChunk.sha256 == sha256))
            session.delete(blob)
        if was_complete:
            unreferenced += 1
        else:
            partial += 1
    return BlobGcReport(partial, unreferenced, freed)
