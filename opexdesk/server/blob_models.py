"""Tables of attachment blobs: content addressed by SHA-256, stored in chunks in the database.

The bytes live in the database (not on a server's disk) so any process can serve any blob.
A blob row exists from the first chunk on; ``received`` is the next expected offset, and
``complete`` turns true only after the whole content hashed to its name. Chunks cover
``[start, next chunk's start)`` without gaps, because a chunk is only accepted at
``received``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from opexdesk.server.models import ID, ServerBase
from opexdesk.server.sync_models import SyncAttachment
from opexdesk.storage.types import UtcDateTime

SHA256_LEN = 64


class SyncBlob(ServerBase):
    """One blob (complete or being uploaded)."""

    __tablename__ = "sync_blobs"

    sha256: Mapped[str] = mapped_column(String(SHA256_LEN), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who started the upload: that user may download it before an attachment refers to it.
    uploaded_by: Mapped[str] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SyncBlobChunk(ServerBase):
    """A piece of a blob's bytes starting at byte ``start``."""

    __tablename__ = "sync_blob_chunks"

    sha256: Mapped[str] = mapped_column(
        String(SHA256_LEN), ForeignKey("sync_blobs.sha256"), primary_key=True
    )
    start: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


# Downloads check "does an attachment refer to this blob?": without an index that is a scan.
ix_sync_attachments_sha256 = Index("ix_sync_attachments_sha256", SyncAttachment.sha256)
