"""Applying pulled knowledge-base articles (docs/sync_articles.md, "Client apply"), inside
the page's transaction.

An article arrives whole (row, every version, votes, links). An unsent local edit is never
overwritten: while a ``create``/``save``/``move`` of the article waits in the outbox, its
row and versions stay, and when the server's differ the article is noted (settings
``sync.held_articles``) to fetch again once nothing of it is pending. Otherwise the row,
versions and tags become the server's. Votes become the server's, except this user's own
while their vote waits, and links are a union, in either case: they are not the content an
edit holds, and a held article is only fetched again when its content or status differs.
What the search index must take in is noted in the same transaction (``kb.index_pending``),
so a crash between the pull and the index loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from opexdesk.domain.article import ArticleStatus
from opexdesk.services.sync.pulled_values import PENDING, parse_time
from opexdesk.storage import articles_repo as repo
from opexdesk.storage import settings_repo
from opexdesk.storage.kb_models import (
    ArticleRow,
    ArticleTicketLinkRow,
    ArticleVersionRow,
    ArticleVoteRow,
)
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

ENTITY = "article"
# Settings key: articles whose server state a pull held back behind unsent local edits.
HELD_ARTICLES_KEY = "sync.held_articles"
# Pending ops that keep the local row and versions (an unsent edit is never overwritten).
HOLDING_OPS = frozenset({"create", "save", "move"})
CONTENT_FIELDS = ("title", "body", "category", "tags", "language")
# What the search index depends on: a change of any of these re-indexes the article.
INDEX_FIELDS = (*CONTENT_FIELDS, "status")
TEXT_FIELDS = ("title", "body", "category", "language", "author", "updated_by", "status")
TIME_FIELDS = ("created_at", "updated_at")
# What a version is, for telling two histories apart (not its time: clocks differ).
VERSION_FIELDS = ("version", "title", "body", "category", "tags", "language", "author")


@dataclass
class ArticleResult:
    """Articles whose local state changed, and those held back by unsent edits."""

    changed: set[str] = dataclass_field(default_factory=set)
    held: set[str] = dataclass_field(default_factory=set)


def pending_article_ops(s: Session) -> dict[str, set[str]]:
    """Per article id, the ops of its still-pending outbox rows. A pending resolution of a
    conflict with "use mine" counts as a ``save`` of its article (an edit on its way), as it
    counts as a pending edit of a ticket's field (pull_apply.pending_fields)."""
    ops: dict[str, set[str]] = {}
    rows = s.execute(
        select(OutboxEntry.entity_id, OutboxEntry.op).where(
            OutboxEntry.state == PENDING, OutboxEntry.entity == ENTITY
        )
    )
    for row in rows:
        ops.setdefault(row.entity_id, set()).add(row.op)
    resolutions = s.scalars(
        select(OutboxEntry.changes).where(
            OutboxEntry.state == PENDING, OutboxEntry.entity == "conflict"
        )
    )
    for changes in resolutions:
        if changes and changes.get("field") and changes.get("ticket_id"):
            ops.setdefault(str(changes["ticket_id"]), set()).add("save")
    return ops


def held_back(ops: set[str]) -> bool:
    return bool(ops & HOLDING_OPS)


def apply_articles(s: Session, changes: list[dict[str, Any]]) -> ArticleResult:
    """Apply the page's ``article`` changes (raises KeyError/TypeError/ValueError on
    malformed data; the caller rolls the page back)."""
    return _ArticleApplier(s, changes).run()


def _text(data: dict[str, Any], name: str) -> str:
    value = data[name]
    if not isinstance(value, str):
        raise TypeError(f"article {name} is not text: {value!r}")
    return value


def _time(value: Any) -> datetime:
    when = parse_time(value)
    if when is None:
        raise ValueError("an article time is missing")
    return when


def _tags(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise TypeError(f"article tags are not a list of texts: {value!r}")
    return list(value)


def _row_values(data: dict[str, Any]) -> dict[str, Any]:
    """The article row's columns from the server's data (counts come from the votes)."""
    values: dict[str, Any] = {name: _text(data, name) for name in TEXT_FIELDS}
    ArticleStatus(values["status"])  # ValueError on an unknown status
    values["tags"] = _tags(data["tags"])
    values["version"] = int(data["version"])
    for name in TIME_FIELDS:
        values[name] = _time(data[name])
    return values


def _version_row(article_id: str, data: dict[str, Any]) -> ArticleVersionRow:
    if not isinstance(data, dict):
        raise TypeError(f"an article version is not an object: {data!r}")
    return ArticleVersionRow(
        article_id=article_id,
        version=int(data["version"]),
        title=_text(data, "title"),
        body=_text(data, "body"),
        category=_text(data, "category"),
        tags=_tags(data["tags"]),
        language=_text(data, "language"),
        author=_text(data, "author"),
        saved_at=_time(data["saved_at"]),
        note=str(data.get("note") or ""),
    )


class _ArticleApplier:
    def __init__(self, s: Session, changes: list[dict[str, Any]]) -> None:
        self.s = s
        # Whole articles: only the newest change of each counts (later in the page = newer).
        self.data: dict[str, dict[str, Any]] = {}
        for change in changes:
            data = change.get("data")
            if not isinstance(data, dict):
                raise TypeError("an article change without data")
            self.data[str(change["id"])] = data
        ids = sorted(self.data)
        self.pending = pending_article_ops(s)
        self.rows = repo.get_many(s, ids) if ids else {}
        self.votes = repo.votes_of_many(s, ids) if ids else {}
        self.links = repo.link_keys_of_many(s, ids) if ids else set()
        state = s.get(SyncState, SYNC_STATE_ID)
        self.me = state.username if state is not None else None
        self.result = ArticleResult()
        self.reindex: set[str] = set()
        self.feedback: list[tuple[str, str]] = []

    def run(self) -> ArticleResult:
        if not self.data:
            return self.result
        replaced: list[str] = []
        for article_id, data in self.data.items():
            if self._row(article_id, data):
                replaced.append(article_id)
        self.s.flush()  # new article rows before their versions, votes and links (FKs)
        versions: dict[str, list[ArticleVersionRow]] = {}
        for article_id in replaced:
            listed = self.data[article_id]["versions"]
            if not isinstance(listed, list):
                raise TypeError("article versions are not a list")
            versions[article_id] = [_version_row(article_id, v) for v in listed]
        # Whole page at once: per article, each delete flushed the previous one's rows.
        repo.replace_versions_of_many(self.s, versions)
        repo.set_tags_of_many(self.s, {a: self.rows[a].tags for a in replaced})
        for article_id, data in self.data.items():
            self._votes(article_id, data["votes"])
            self._links(article_id, data["links"])
        self.s.flush()
        settings_repo.add_to_list(self.s, HELD_ARTICLES_KEY, self.result.held)
        repo.add_index_pending(self.s, self.reindex, self.feedback)
        return self.result

    def _row(self, article_id: str, data: dict[str, Any]) -> bool:
        """The article row replaced by the server's (True), or kept because an edit of it
        waits to be sent (False)."""
        values = _row_values(data)
        row = self.rows.get(article_id)
        if row is None:
            row = ArticleRow(id=article_id, helpful_count=0, not_helpful_count=0, **values)
            self.s.add(row)
            self.rows[article_id] = row
            self.result.changed.add(article_id)
            self.reindex.add(article_id)
            return True
        if held_back(self.pending.get(article_id, set())):
            # Never overwrite an unsent edit; fetch the article again once it is through
            # (refused, merged, or its answer lost: the server's state may be the one to keep).
            content_differs = any(getattr(row, f) != values[f] for f in INDEX_FIELDS)
            if content_differs or self._history_differs(article_id, data["versions"]):
                self.result.held.add(article_id)
            return False
        differs = [f for f, value in values.items() if getattr(row, f) != value]
        if differs:
            for name in differs:
                setattr(row, name, values[name])
            self.result.changed.add(article_id)
            if set(differs) & set(INDEX_FIELDS):
                self.reindex.add(article_id)
        return True

    def _history_differs(self, article_id: str, listed: Any) -> bool:
        """Whether the server's versions differ from the ones here. Two users who save the
        same content leave equal rows but different histories (who saved version 2); the
        server takes the second save without a new version, so nothing else would bring
        its history here (found by simulation seed 902)."""
        if not isinstance(listed, list):
            raise TypeError("article versions are not a list")

        def key(v: ArticleVersionRow) -> tuple[Any, ...]:
            return tuple(getattr(v, name) for name in VERSION_FIELDS)

        server = sorted(key(_version_row(article_id, v)) for v in listed)
        return sorted(key(v) for v in repo.versions(self.s, article_id)) != server

    def _votes(self, article_id: str, votes: Any) -> None:
        """The server's votes, except this user's own while their vote waits to be sent;
        the counts recomputed from the rows."""
        if not isinstance(votes, list):
            raise TypeError("article votes are not a list")
        server: dict[str, dict[str, Any]] = {}
        for vote in votes:
            server[_text(vote, "username")] = vote
        local = {v.username: v for v in self.votes.get(article_id, [])}
        own = self.me if "vote" in self.pending.get(article_id, set()) else None
        changed = False
        for name, row in local.items():
            if name == own:
                continue
            if name not in server:
                self.s.delete(row)
                changed = True
                continue
            helpful, at = bool(server[name]["helpful"]), _time(server[name]["at"])
            if (row.helpful, row.at) != (helpful, at):
                row.helpful, row.at = helpful, at
                changed = True
        final = {name: row.helpful for name, row in local.items() if name in server or name == own}
        for name, vote in server.items():
            if name in local:
                continue
            helpful = bool(vote["helpful"])
            self.s.add(
                ArticleVoteRow(
                    article_id=article_id, username=name, helpful=helpful, at=_time(vote["at"])
                )
            )
            final[name] = helpful
            changed = True
        article = self.rows.get(article_id)
        if article is None:
            return
        counts = (sum(final.values()), len(final) - sum(final.values()))
        if (article.helpful_count, article.not_helpful_count) != counts:
            article.helpful_count, article.not_helpful_count = counts
            changed = True
        if changed:
            self.result.changed.add(article_id)

    def _links(self, article_id: str, links: Any) -> None:
        """Links missing here are inserted (a link is never removed); each new one is
        feedback for the search index. A link made here too (the same article and ticket)
        takes the stored one's author and text once no link of this article is pending:
        the server keeps the first of two, and every replica must show that one."""
        if not isinstance(links, list):
            raise TypeError("article links are not a list")
        for link in links:
            ticket_id = _text(link, "ticket_id")
            query_text = str(link.get("query_text") or "")
            if (article_id, ticket_id) in self.links:
                if "link" not in self.pending.get(article_id, set()):
                    self._take_stored_link(article_id, ticket_id, link, query_text)
                continue
            self.s.add(
                ArticleTicketLinkRow(
                    article_id=article_id,
                    ticket_id=ticket_id,
                    username=_text(link, "username"),
                    at=_time(link["at"]),
                    query_text=query_text,
                )
            )
            self.links.add((article_id, ticket_id))
            self.feedback.append((query_text, article_id))
            self.result.changed.add(article_id)

    def _take_stored_link(
        self, article_id: str, ticket_id: str, link: dict[str, Any], query_text: str
    ) -> None:
        row = self.s.get(ArticleTicketLinkRow, (article_id, ticket_id))
        username = _text(link, "username")
        if row is None or (row.username, row.query_text) == (username, query_text):
            return
        # The index learnt this device's text already; feedback is not taken back.
        row.username, row.query_text, row.at = username, query_text, _time(link["at"])
        self.result.changed.add(article_id)
