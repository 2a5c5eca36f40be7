"""Attachment blobs over HTTP: resumable chunked upload, hash check, ranged download, access;
and gzip request bodies (on SQLite and on the real PostgreSQL)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
from typing import Any

from server_helpers import API, Api, make_settings, open_api
from sqlalchemy import func, select

from opexdesk.domain.enums import Role
from opexdesk.domain.ids import new_id
from opexdesk.server.blob_models import SyncBlob, SyncBlobChunk
from opexdesk.server.blob_store import MAX_CHUNK_BYTES
from opexdesk.server.routes.blobs import parse_range

CHUNK = 64 * 1024


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put(api: Api, headers: dict[str, str], name: str, start: int, data: bytes, total: int) -> Any:
    end = start + len(data) - 1
    return api.client.put(
        f"{API}/blobs/{name}",
        content=data,
        headers={**headers, "Content-Range": f"bytes {start}-{end}/{total}"},
    )


def upload(api: Api, headers: dict[str, str], data: bytes, chunk: int = CHUNK) -> str:
    name = sha(data)
    for start in range(0, len(data), chunk):
        response = put(api, headers, name, start, data[start : start + chunk], len(data))
        assert response.status_code == 200, response.text
    assert response.json()["complete"] is True
    return name


def counts(api: Api) -> tuple[int, int]:
    with api.services.db.read() as s:
        blobs = s.scalar(select(func.count()).select_from(SyncBlob)) or 0
        chunks = s.scalar(select(func.count()).select_from(SyncBlobChunk)) or 0
    return int(blobs), int(chunks)


def attach(api: Api, username: str, name: str, size: int) -> None:
    """Push a ticket with an attachment that refers to blob ``name``."""
    ticket_id, attachment_id = new_id(), new_id()
    fields = {"title": "Scanner", "description": "", "impact": 3, "urgency": 3}
    created = "2026-06-01T08:00:00+00:00"
    mutations = [
        {
            "client_seq": 1,
            "mutation_id": new_id(),
            "entity": "ticket",
            "entity_id": ticket_id,
            "op": "create",
            "changes": fields,
            "created_at": created,
        },
        {
            "client_seq": 2,
            "mutation_id": new_id(),
            "entity": "attachment",
            "entity_id": attachment_id,
            "op": "append",
            "changes": {
                "ticket_id": ticket_id,
                "id": attachment_id,
                "sha256": name,
                "filename": "scan.pdf",
                "size": size,
                "media_type": "application/pdf",
            },
            "created_at": created,
        },
    ]
    response = api.client.post(
        f"{API}/sync/push",
        headers=api.auth(username),
        json={"client_id": new_id(), "mutations": mutations},
    )
    assert response.status_code == 200, response.text
    assert [o["status"] for o in response.json()["outcomes"]] == ["applied", "applied"]


def test_chunked_upload_then_ranged_download(api: Api) -> None:
    tom = api.auth("tom")
    data = os.urandom(3 * CHUNK + 123)
    name = sha(data)
    head = api.client.head(f"{API}/blobs/{name}", headers=tom)
    assert head.status_code == 404 and head.headers["upload-offset"] == "0"

    first = put(api, tom, name, 0, data[:CHUNK], len(data))
    assert first.status_code == 200
    assert first.json() == {"sha256": name, "size": len(data), "offset": CHUNK, "complete": False}
    head = api.client.head(f"{API}/blobs/{name}", headers=tom)
    assert head.status_code == 404  # not downloadable yet...
    assert head.headers["upload-offset"] == str(CHUNK)  # ...but resumable from here
    assert head.headers["upload-length"] == str(len(data))

    for start in range(CHUNK, len(data), CHUNK):
        response = put(api, tom, name, start, data[start : start + CHUNK], len(data))
        assert response.status_code == 200, response.text
    assert response.json()["complete"] is True
    head = api.client.head(f"{API}/blobs/{name}", headers=tom)
    assert head.status_code == 200 and head.headers["content-length"] == str(len(data))

    whole = api.client.get(f"{API}/blobs/{name}", headers=tom)
    assert whole.status_code == 200 and whole.content == data
    assert "content-encoding" not in whole.headers  # never gzipped: ranges stay byte ranges
    for header, expected in [
        ("bytes=100-", data[100:]),
        (f"bytes={CHUNK - 5}-{CHUNK + 5}", data[CHUNK - 5 : CHUNK + 6]),
        ("bytes=-10", data[-10:]),
        (f"bytes=0-{10 * len(data)}", data),
    ]:
        part = api.client.get(f"{API}/blobs/{name}", headers={**tom, "Range": header})
        assert part.status_code == 206, header
        assert part.content == expected, header
        first_byte = len(data) - len(expected)
        if header.startswith("bytes=") and not header.startswith("bytes=-"):
            first_byte = int(header[6:].split("-")[0])
        last = first_byte + len(expected) - 1
        assert part.headers["content-range"] == f"bytes {first_byte}-{last}/{len(data)}"

    beyond = api.client.get(f"{API}/blobs/{name}", headers={**tom, "Range": "bytes=999999999-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(data)}"
    assert "past the end" in beyond.json()["detail"]


def test_chunk_at_the_wrong_offset_is_refused_with_the_expected_one(api: Api) -> None:
    tom = api.auth("tom")
    data = os.urandom(2 * CHUNK)
    name = sha(data)
    late = put(api, tom, name, CHUNK, data[CHUNK:], len(data))
    assert late.status_code == 409 and late.json()["expected_offset"] == 0
    assert put(api, tom, name, 0, data[:CHUNK], len(data)).status_code == 200
    again = put(api, tom, name, 0, data[:CHUNK], len(data))  # a retried chunk
    assert again.status_code == 409
    assert again.json()["expected_offset"] == CHUNK and again.headers["upload-offset"] == str(CHUNK)
    assert put(api, tom, name, CHUNK, data[CHUNK:], len(data)).json()["complete"] is True
    # Uploading a complete blob again is a no-op answer, not an error.
    repeat = put(api, tom, name, 0, data[:CHUNK], len(data))
    assert repeat.status_code == 200 and repeat.json()["complete"] is True
    assert counts(api) == (1, 2)


def test_concurrent_uploads_of_one_blob_end_whole(api: Api) -> None:
    """Two devices upload the same file at once: each follows the other's offset (409)."""
    data = os.urandom(8 * CHUNK)
    name = sha(data)
    errors: list[BaseException] = []

    def run(headers: dict[str, str]) -> None:
        offset = 0
        try:
            for _ in range(100):
                response = put(api, headers, name, offset, data[offset : offset + CHUNK], len(data))
                if response.status_code == 409:
                    offset = response.json()["expected_offset"]
                    continue
                assert response.status_code == 200, response.text
                if response.json()["complete"]:
                    return
                offset = response.json()["offset"]
            raise AssertionError("no progress")
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(api.auth(user),))
        for user in ("tom", "tom", "tom")  # three devices
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    whole = api.client.get(f"{API}/blobs/{name}", headers=api.auth("tom"))
    assert whole.status_code == 200 and whole.content == data
    assert counts(api) == (1, 8)


def test_a_partial_upload_with_a_wrong_size_does_not_block_the_blob(sqlite_api: Api) -> None:
    api = sqlite_api
    tom = api.auth("tom")
    data = os.urandom(2 * CHUNK)
    name = sha(data)
    assert put(api, tom, name, 0, data[:CHUNK], 5 * CHUNK).status_code == 200  # wrong total
    resumed = put(api, tom, name, CHUNK, data[CHUNK:], len(data))
    assert resumed.status_code == 409 and "start again from byte 0" in resumed.json()["detail"]
    assert upload(api, tom, data) == name  # a fresh start replaces the bad partial upload
    assert counts(api) == (1, 2)


def test_hash_mismatch_discards_the_partial_upload(api: Api) -> None:
    tom = api.auth("tom")
    data = os.urandom(2 * CHUNK)
    name = sha(data)
    assert put(api, tom, name, 0, data[:CHUNK], len(data)).status_code == 200
    wrong = put(api, tom, name, CHUNK, os.urandom(CHUNK), len(data))
    assert wrong.status_code == 422
    assert "do not hash" in wrong.json()["detail"]
    assert counts(api) == (0, 0)  # nothing half-written is left
    head = api.client.head(f"{API}/blobs/{name}", headers=tom)
    assert head.status_code == 404 and head.headers["upload-offset"] == "0"
    assert upload(api, tom, data) == name  # and a correct upload then works


def test_bad_names_ranges_and_sizes_are_clear_errors(sqlite_api: Api) -> None:
    api = sqlite_api
    tom = api.auth("tom")
    data = b"hello"
    good = sha(data)
    cases: list[tuple[str, dict[str, str], bytes, int, str]] = [
        ("ABC", {"Content-Range": "bytes 0-4/5"}, data, 422, "64 lowercase"),
        (good.upper(), {"Content-Range": "bytes 0-4/5"}, data, 422, "64 lowercase"),
        (good, {}, data, 422, "Content-Range"),
        (good, {"Content-Range": "bytes 0-4"}, data, 422, "Malformed Content-Range"),
        (good, {"Content-Range": "bytes 0-9/10"}, data, 422, "body has 5"),
        (good, {"Content-Range": "bytes 0-4/3"}, data, 422, "past the total"),
        (good, {"Content-Range": "bytes */0"}, data, 422, "empty file"),
        (good, {"Content-Range": "bytes 0-4/99999999999"}, data, 413, "limited to"),
    ]
    for name, headers, body, status, words in cases:
        response = api.client.put(f"{API}/blobs/{name}", content=body, headers={**tom, **headers})
        assert response.status_code == status, (name, headers, response.text)
        assert words in response.json()["detail"], response.text
    too_big = api.client.put(
        f"{API}/blobs/{good}",
        content=b"x" * (MAX_CHUNK_BYTES + 1),
        headers={**tom, "Content-Range": f"bytes 0-{MAX_CHUNK_BYTES}/{MAX_CHUNK_BYTES + 1}"},
    )
    assert too_big.status_code == 413 and "too large" in too_big.json()["detail"]
    assert api.client.get(f"{API}/blobs/{good}", headers=tom).status_code == 404
    assert api.client.get(f"{API}/blobs/nothex", headers=tom).status_code == 422
    assert counts(api) == (0, 0)


def test_blob_size_limit_is_the_server_setting(sqlite_url: str, clock: Any) -> None:
    for api in open_api(make_settings(sqlite_url, max_blob_bytes=1000), clock):
        api.add_user("tom", Role.TECHNICIAN)
        tom = api.auth("tom")
        data = os.urandom(1001)
        response = put(api, tom, sha(data), 0, data, len(data))
        assert response.status_code == 413 and "limited to 1000 bytes" in response.json()["detail"]
        assert upload(api, tom, data[:1000]) == sha(data[:1000])


def test_empty_blob(sqlite_api: Api) -> None:
    api = sqlite_api
    tom = api.auth("tom")
    name = sha(b"")
    response = api.client.put(
        f"{API}/blobs/{name}", content=b"", headers={**tom, "Content-Range": "bytes */0"}
    )
    assert response.status_code == 200 and response.json()["complete"] is True
    got = api.client.get(f"{API}/blobs/{name}", headers=tom)
    assert got.status_code == 200 and got.content == b""


def test_only_the_uploader_reads_a_blob_until_an_attachment_refers_to_it(api: Api) -> None:
    data = os.urandom(1000)
    name = upload(api, api.auth("tom"), data)
    olga = api.auth("olga")
    refused = api.client.get(f"{API}/blobs/{name}", headers=olga)
    assert refused.status_code == 403 and "uploader" in refused.json()["detail"]
    attach(api, "tom", name, len(data))
    allowed = api.client.get(f"{API}/blobs/{name}", headers=olga)
    assert allowed.status_code == 200 and allowed.content == data


def test_blobs_need_a_token(sqlite_api: Api) -> None:
    name = sha(b"x")
    client = sqlite_api.client
    assert client.get(f"{API}/blobs/{name}").status_code == 401
    assert client.head(f"{API}/blobs/{name}").status_code == 401
    response = client.put(
        f"{API}/blobs/{name}", content=b"x", headers={"Content-Range": "bytes 0-0/1"}
    )
    assert response.status_code == 401 and "access token" in response.json()["detail"]


def test_parse_range() -> None:
    assert parse_range(None, 10) is None
    assert parse_range("bytes=2-4", 10) == (2, 4)
    assert parse_range("bytes=2-", 10) == (2, 9)
    assert parse_range("bytes=-3", 10) == (7, 9)
    assert parse_range("bytes=-30", 10) == (0, 9)
    assert parse_range("bytes=10-", 10) == (10, 10)  # beyond the end: 416
    assert parse_range("bytes=10-20", 10) == (10, 10)
    assert parse_range("bytes=5-2", 10) is None  # invalid: ignored, whole blob
    assert parse_range("bytes=1-2,4-5", 10) is None  # several ranges: whole blob
    assert parse_range("items=1-2", 10) is None


# ---- gzip request bodies --------------------------------------------------------------------


def push_body(api: Api, headers: dict[str, str], body: bytes) -> Any:
    return api.client.post(
        f"{API}/sync/push",
        content=body,
        headers={**headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )


def test_gzip_push_bodies(api: Api) -> None:
    tom = api.auth("tom")
    body = {"client_id": new_id(), "mutations": []}
    response = push_body(api, tom, gzip.compress(json.dumps(body).encode()))
    assert response.status_code == 200, response.text
    # Several gzip members are one stream (RFC 1952).
    raw = json.dumps(body).encode()
    two = gzip.compress(raw[:10]) + gzip.compress(raw[10:])
    assert push_body(api, tom, two).status_code == 200


def test_bad_gzip_bodies_are_clear_errors(sqlite_api: Api) -> None:
    api = sqlite_api
    tom = api.auth("tom")
    corrupt = push_body(api, tom, b"not gzip at all")
    assert corrupt.status_code == 400 and "not valid gzip" in corrupt.json()["detail"]
    truncated = push_body(api, tom, gzip.compress(b'{"client_id": "x", "mutations": []}')[:-6])
    assert truncated.status_code == 400 and "truncated" in truncated.json()["detail"]
    # 64 MiB of zeros in ~64 KiB: refused at the 32 MiB push limit, never inflated whole.
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))
    assert len(bomb) < 100_000
    refused = push_body(api, tom, bomb)
    assert refused.status_code == 413
    assert "once decompressed" in refused.json()["detail"]
    # The limit is the path's: 1 MiB elsewhere.
    small_bomb = gzip.compress(b" " * (2 * 1024 * 1024))
    login = api.client.post(
        f"{API}/auth/login",
        content=small_bomb,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert login.status_code == 413 and "1048576" in login.json()["detail"]
    other = api.client.post(
        f"{API}/sync/push",
        content=b"{}",
        headers={**tom, "Content-Type": "application/json", "Content-Encoding": "br"},
    )
    assert other.status_code == 415 and "Content-Encoding" in other.json()["detail"]
