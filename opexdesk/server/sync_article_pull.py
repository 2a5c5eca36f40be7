"""An article as a pull sends it: its row plus ALL its versions, votes and links, so a device
never holds a version, vote or link without its article, whatever the page boundaries
(docs/sync_articles.md, "Pull")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from opexdesk.server.sync_batch import table_of
from opexdesk.server.sync_models import SyncArticleLink, SyncArticleVersion, SyncArticleVote

# The key in a change's data -> the table, and the order its rows are listed in.
_PARTS: Sequence[tuple[str, Table, Sequence[str]]] = (
    ("versions", table_of(SyncArticleVersion), ("article_id", "version")),
    ("votes", table_of(SyncArticleVote), ("article_id", "username")),
    ("links", table_of(SyncArticleLink), ("article_id", "at", "ticket_id")),
)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def add_article_parts(session: Session, changes: Sequence[dict[str, Any]]) -> None:
    """Put ``versions``, ``votes`` and ``links`` into the data of each article change of a
    page: one query per table for all the page's articles."""
    datas = {c["id"]: c["data"] for c in changes if c["entity"] == "article"}
    if not datas:
        return
    for data in datas.values():
        for key, _table, _order in _PARTS:
            data[key] = []
    ids = sorted(datas)
    for key, table, order in _PARTS:
        query = select(table).where(table.c.article_id.in_(ids))
        for row in session.execute(query.order_by(*(table.c[name] for name in order))):
            values = row._mapping
            datas[values["article_id"]][key].append(
                {k: _plain(v) for k, v in values.items() if k != "article_id"}
            )
