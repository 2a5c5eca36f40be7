"""opexdesk-server gc-blobs: stopped uploads and unreferenced blobs go after a grace period."""

from __future__ import annotations

import os
from datetime import timedelta

from server_helpers import Api
from sqlalchemy import select
from test_server_blobs import attach, put, sha, upload

from opexdesk.server.blob_gc import collect_blob_garbage
from opexdesk.server.blob_models import SyncBlob
from opexdesk.server.cli import main


def stored(api: Api) -> set[str]:
    with api.services.db.read() as s:
        return set(s.scalars(select(SyncBlob.sha256)))


def test_old_partial_and_unreferenced_blobs_go_the_rest_stay(api: Api) -> None:
    headers = api.auth("tom")
    referenced = upload(api, headers, os.urandom(3000))
    attach(api, "tom", referenced, 3000)
    orphan = upload(api, headers, os.urandom(2000))
    partial_bytes = os.urandom(4000)
    partial = sha(partial_bytes)
    assert put(api, headers, partial, 0, partial_bytes[:1000], 4000).status_code == 200
    db, clock = api.services.db, api.clock
    # Within the grace period nothing goes.
    report = collect_blob_garbage(db, clock, timedelta(days=7))
    assert (report.partial_removed, report.unreferenced_removed) == (0, 0)
    assert stored(api) == {referenced, orphan, partial}
    # A fresh upload after the cut-off stays even though the older ones go.
    clock.advance(days=8)
    headers = api.auth("tom")  # the first sign-in expired meanwhile
    fresh = upload(api, headers, os.urandom(500))
    report = collect_blob_garbage(db, clock, timedelta(days=7))
    assert (report.partial_removed, report.unreferenced_removed) == (1, 1)
    assert report.bytes_freed == 1000 + 2000
    assert stored(api) == {referenced, fresh}
    # The referenced blob still downloads whole.
    response = api.client.get(f"/api/v1/blobs/{referenced}", headers=headers)
    assert response.status_code == 200 and len(response.content) == 3000
    # The stopped upload can start over from byte 0.
    assert put(api, headers, partial, 0, partial_bytes, 4000).json()["complete"] is True


def test_cli_reports_and_refuses_a_negative_grace(sqlite_url: str, capsys) -> None:  # noqa: ANN001
    assert main(["gc-blobs", "--database-url", sqlite_url, "--older-than-days", "0"]) == 0
    assert "removed 0 stopped upload(s) and 0 unreferenced blob(s)" in capsys.readouterr().out
    assert main(["gc-blobs", "--database-url", sqlite_url, "--older-than-days", "-1"]) != 0
    assert "cannot be negative" in capsys.readouterr().err
