"""Content-addressed attachment store."""

import hashlib
from pathlib import Path

import pytest

from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.errors import AttachmentTooLargeError


def test_put_is_content_addressed_and_deduplicated(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    a = store.put_bytes("现场照片 photo".encode())
    b = store.put_bytes("现场照片 photo".encode())
    assert a == b
    assert a.sha256 == hashlib.sha256("现场照片 photo".encode()).hexdigest()
    assert store.read_bytes(a.sha256) == "现场照片 photo".encode()
    assert len([p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]) == 1


def test_oversized_file_is_refused_before_copy(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs", max_bytes=1024)
    big = tmp_path / "big.jpg"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(
        AttachmentTooLargeError, match="big.jpg is 2 KB; attachments are limited to 1 KB"
    ):
        store.put_file(big)
    assert not any(p.is_file() for p in (tmp_path / "blobs").rglob("*"))


def test_stream_growing_past_limit_leaves_no_temp_file(tmp_path: Path) -> None:
    import io

    store = BlobStore(tmp_path / "blobs", max_bytes=1024)
    with pytest.raises(AttachmentTooLargeError):
        store.put_stream(io.BytesIO(b"y" * 5000), name="camera.raw")
    assert not any(p.is_file() for p in (tmp_path / "blobs").rglob("*"))


def test_path_for_rejects_non_digests(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        BlobStore(tmp_path).path_for("../../etc/passwd")
