"""Content-addressed attachment storage: files named by their SHA-256, written atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from opexdesk.storage.errors import AttachmentTooLargeError, DataDirError

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int


class BlobStore:
    """Stores each distinct content once under ``root/ab/abcdef...``."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_file(self, source: Path) -> StoredBlob:
        """Copy ``source`` into the store; refuses files over the limit before reading them."""
        size = source.stat().st_size
        self._check_size(size, source.name)
        with source.open("rb") as fh:
            return self.put_stream(fh, name=source.name)

    def put_bytes(self, data: bytes, name: str = "attachment") -> StoredBlob:
        import io

        self._check_size(len(data), name)
        return self.put_stream(io.BytesIO(data), name=name)

    def put_stream(self, stream: BinaryIO, name: str = "attachment") -> StoredBlob:
        """Write to a temp file while hashing, fsync, then rename into place."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        except OSError as exc:
            raise DataDirError(
                "Cannot write attachments to {root}: {reason}.",
                root=self.root,
                reason=exc.strerror,
            ) from exc
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._check_size(size, name)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            final.parent.mkdir(exist_ok=True)
            if final.exists():
                os.unlink(tmp_name)
            else:
                os.replace(tmp_name, final)
            return StoredBlob(sha, size)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def read_bytes(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def _check_size(self, size: int, name: str) -> None:
        if size > self.max_bytes:
            raise AttachmentTooLargeError(name, size, self.max_bytes)
