"""What one push holds while it runs: the counters, and the batch's rows loaded up front.

A push takes the ``seq_counter`` row lock first (``FOR UPDATE`` on PostgreSQL; SQLite's
``BEGIN IMMEDIATE`` already serialises writers), so no other writer can hand out a
``server_seq`` or a ticket number until it commits. Under that lock the counters can be
counted in Python and written back once, instead of an ``UPDATE ... RETURNING`` per row
(a third of the push time when it was done per row). Seq order is still commit order.

The rows the batch touches (its tickets and articles, the appends it would add, the
conflicts it resolves, the ledger rows of its mutation ids) are loaded with one query per
table, so applying a mutation reads from memory. Rows the batch creates are added to the
same maps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy
from opexdesk.server.sync_models import (
    SeqCounter,
    SyncArticle,
    SyncArticleLink,
    SyncArticleVote,
    SyncAttachment,
    SyncComment,
    SyncConflict,
    SyncMutation,
    SyncTicket,
    SyncTombstone,
    SyncWorkLog,
)

ID_MAX = 36
APPEND_MODELS: dict[str, type[SyncComment | SyncWorkLog | SyncAttachment]] = {
    "comment": SyncComment,
    "work_log": SyncWorkLog,
    "attachment": SyncAttachment,
}
# SQLite allows 32,766 bound parameters; a batch of 500 stays far below in one IN list.
_IN_CHUNK = 1000


def table_of(model: Any) -> Table:
    """A model's table, for Core inserts (a plain executemany, no ORM bookkeeping)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def current_seq(session: Session) -> int:
    """The last server_seq handed out and committed (what a pull reads up to)."""
    return int(session.execute(select(SeqCounter.value).where(SeqCounter.id == 1)).scalar_one())


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(values), _IN_CHUNK):
        yield values[i : i + _IN_CHUNK]


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= ID_MAX


class PushBatch:
    """The counters (held under the row lock) and the rows one push works on."""

    def __init__(self, session: Session) -> None:
        self.session = session
        counter = session.execute(
            select(SeqCounter.value, SeqCounter.ticket_number)
            .where(SeqCounter.id == 1)
            .with_for_update()
        ).one()
        self.seq = int(counter.value)
        self.ticket_number = int(counter.ticket_number)
        self._stored_seq = self.seq
        self._stored_number = self.ticket_number
        self._tickets: dict[str, SyncTicket | None] = {}
        self._tombstoned: dict[str, bool] = {}  # ticket id -> whether it was deleted
        # entity -> {row id -> its ticket id, or None when looked up and not stored}
        self._appends: dict[str, dict[str, str | None]] = {e: {} for e in APPEND_MODELS}
        self._conflicts: dict[str, SyncConflict | None] = {}
        self._articles: dict[str, SyncArticle | None] = {}
        # A vote or link row by its key, once looked up or added by this batch (a second
        # vote of the batch must see the first, which is not flushed yet).
        self._article_rows: dict[tuple[Any, ...], SyncArticleVote | SyncArticleLink | None] = {}
        self.ledger: dict[str, tuple[str, Any]] = {}  # mutation_id -> (client_id, outcome)
        # Append rows not yet written: inserted together, after the ORM flush of the
        # tickets they belong to (the ORM knows no order between them: no relationship).
        self._pending: dict[str, list[dict[str, Any]]] = {e: [] for e in APPEND_MODELS}
        # The priority matrix in force (the stored one; a setting in this batch replaces it).
        self.matrix = PriorityMatrix()
        self.policy: SlaPolicy = DEFAULT_POLICY  # the SLA policy in force, likewise

    # ---- counters ------------------------------------------------------------------------

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def next_ticket_number(self) -> int:
        self.ticket_number += 1
        return self.ticket_number

    def write_counters(self) -> None:
        """Store the counters (once, before the commit) if anything was handed out."""
        if (self.seq, self.ticket_number) != (self._stored_seq, self._stored_number):
            self.session.execute(
                update(SeqCounter)
                .where(SeqCounter.id == 1)
                .values(value=self.seq, ticket_number=self.ticket_number)
            )
            self._stored_seq, self._stored_number = self.seq, self.ticket_number

    # ---- loading the batch's rows ----------------------------------------------------------

    def preload(self, mutations: Sequence[Any]) -> None:
        """Load what ``mutations`` (objects with entity, entity_id, changes, mutation_id)
        will read: one query per table instead of one per mutation."""
        ticket_ids: set[str] = set()
        article_ids: set[str] = set()
        append_ids: dict[str, set[str]] = {entity: set() for entity in APPEND_MODELS}
        conflict_ids: set[str] = set()
        for m in mutations:
            changes = m.changes if isinstance(m.changes, dict) else {}
            if m.entity == "ticket" and _valid_id(m.entity_id):
                ticket_ids.add(m.entity_id)
            elif m.entity in APPEND_MODELS:
                if _valid_id(changes.get("ticket_id")):
                    ticket_ids.add(changes["ticket_id"])
                if _valid_id(m.entity_id):
                    append_ids[m.entity].add(m.entity_id)
            elif m.entity == "conflict" and _valid_id(m.entity_id):
                conflict_ids.add(m.entity_id)
            elif m.entity == "article" and _valid_id(m.entity_id):
                article_ids.add(m.entity_id)
        self._load_conflicts(sorted(conflict_ids))
        for c in self._conflicts.values():
            if c is not None:
                (article_ids if c.entity == "article" else ticket_ids).add(c.ticket_id)
        self._load_tickets(sorted(ticket_ids))
        self._load_articles(sorted(article_ids))
        for entity, ids in append_ids.items():
            self._load_append_ids(entity, sorted(ids))
        self._load_ledger(sorted({m.mutation_id for m in mutations}))

    def _load_tickets(self, ids: Sequence[str]) -> None:
        for chunk in _chunks(ids):
            self._tickets.update(dict.fromkeys(chunk))
            # Ordered by id so that two pushes lock the same rows in the same order.
            rows = self.session.scalars(
                select(SyncTicket)
                .where(SyncTicket.id.in_(chunk))
                .order_by(SyncTicket.id)
                .with_for_update()
            )
            self._tickets.update((t.id, t) for t in rows)
            self._tombstoned.update(dict.fromkeys(chunk, False))
            deleted = select(SyncTombstone.id).where(SyncTombstone.id.in_(chunk))
            self._tombstoned.update(dict.fromkeys(self.session.scalars(deleted), True))

    def _load_articles(self, ids: Sequence[str]) -> None:
        for chunk in _chunks(ids):
            self._articles.update(dict.fromkeys(chunk))
            rows = self.session.scalars(
                select(SyncArticle)
                .where(SyncArticle.id.in_(chunk))
                .order_by(SyncArticle.id)
                .with_for_update()
            )
            self._articles.update((a.id, a) for a in rows)

    def _load_append_ids(self, entity: str, ids: Sequence[str]) -> None:
        model = APPEND_MODELS[entity]
        known = self._appends[entity]
        for chunk in _chunks(ids):
            known.update(dict.fromkeys(chunk))
            found = self.session.execute(
                select(model.id, model.ticket_id).where(model.id.in_(chunk))
            )
            known.update((row.id, row.ticket_id) for row in found)

    def _load_conflicts(self, ids: Sequence[str]) -> None:
        for chunk in _chunks(ids):
            self._conflicts.update(dict.fromkeys(chunk))
            rows = self.session.scalars(
                select(SyncConflict)
                .where(SyncConflict.id.in_(chunk))
                .order_by(SyncConflict.id)
                .with_for_update()
            )
            self._conflicts.update((c.id, c) for c in rows)

    def _load_ledger(self, mutation_ids: Sequence[str]) -> None:
        for chunk in _chunks(mutation_ids):
            rows = self.session.execute(
                select(
                    SyncMutation.mutation_id, SyncMutation.client_id, SyncMutation.outcome
                ).where(SyncMutation.mutation_id.in_(chunk))
            )
            self.ledger.update((r.mutation_id, (r.client_id, r.outcome)) for r in rows)

    # ---- reading and recording -----------------------------------------------------------

    def ticket(self, ticket_id: str) -> SyncTicket | None:
        """The ticket (row-locked), from the preloaded rows when the batch named it."""
        if ticket_id in self._tickets:
            ticket = self._tickets[ticket_id]
            # A ticket deleted earlier in this batch is gone even if the map still holds it.
            if ticket is not None and ticket in self.session.deleted:
                return None
            return ticket
        ticket = self.session.get(SyncTicket, ticket_id, with_for_update=True)
        self._tickets[ticket_id] = ticket
        return ticket

    def add_ticket(self, ticket: SyncTicket) -> None:
        self._tickets[ticket.id] = ticket

    def tombstoned(self, ticket_id: str) -> bool:
        """Whether the ticket was deleted (a tombstone is stored or added by this batch)."""
        if ticket_id not in self._tombstoned:
            found = self.session.get(SyncTombstone, ticket_id) is not None
            self._tombstoned[ticket_id] = found
        return self._tombstoned[ticket_id]

    def forget_ticket(self, ticket_id: str) -> None:
        """The ticket was deleted, with its appends."""
        self._tickets[ticket_id] = None
        self._tombstoned[ticket_id] = True
        for known in self._appends.values():
            for row_id, owner in known.items():
                if owner == ticket_id:
                    known[row_id] = None

    def conflict(self, conflict_id: str) -> SyncConflict | None:
        if conflict_id in self._conflicts:
            return self._conflicts[conflict_id]
        found = self.session.get(SyncConflict, conflict_id, with_for_update=True)
        self._conflicts[conflict_id] = found
        return found

    def article(self, article_id: str) -> SyncArticle | None:
        """The article (row-locked), from the preloaded rows when the batch named it."""
        article = self._articles.get(article_id)
        # A row added by a mutation whose SAVEPOINT was rolled back is no longer in the
        # session (the careful run): look again rather than write to a detached object.
        if article_id not in self._articles or (
            article is not None and article not in self.session
        ):
            article = self.session.get(SyncArticle, article_id, with_for_update=True)
            self._articles[article_id] = article
        return article

    def add_article(self, article: SyncArticle) -> None:
        self._articles[article.id] = article

    def article_row(
        self, model: type[SyncArticleVote | SyncArticleLink], key: tuple[str, str]
    ) -> SyncArticleVote | SyncArticleLink | None:
        """A vote or link row by its primary key (article id, username or ticket id). Read
        under the article's row lock, so no other push changes it meanwhile."""
        cache_key = (model, *key)
        row = self._article_rows.get(cache_key)
        if cache_key not in self._article_rows or (row is not None and row not in self.session):
            found = self.session.get(model, key)
            row = found if isinstance(found, SyncArticleVote | SyncArticleLink) else None
            self._article_rows[cache_key] = row
        return row

    def add_article_row(self, row: SyncArticleVote | SyncArticleLink) -> None:
        key = row.username if isinstance(row, SyncArticleVote) else row.ticket_id
        self._article_rows[(type(row), row.article_id, key)] = row
        self.session.add(row)

    def stored_append(self, entity: str, row_id: str) -> str | None:
        """The ticket id of a stored append row, None when it is not stored."""
        known = self._appends[entity]
        if row_id not in known:
            model = APPEND_MODELS[entity]
            found = self.session.execute(select(model.ticket_id).where(model.id == row_id))
            known[row_id] = found.scalar_one_or_none()
        return known[row_id]

    def add_append(self, entity: str, row: dict[str, Any]) -> None:
        """Queue an append row (all its columns) for ``write_appends``."""
        self._appends[entity][row["id"]] = row["ticket_id"]
        self._pending[entity].append(row)

    def write_appends(self) -> None:
        """Insert the queued append rows, one multi-row insert per table."""
        for entity, queued in self._pending.items():
            if queued:
                rows = list(queued)
                queued.clear()  # a failed insert must not be tried again with the next one
                # The table, not the class: a plain executemany (the ORM's bulk path spent
                # more time collecting the rows than the database took to store them).
                self.session.execute(insert(table_of(APPEND_MODELS[entity])), rows)
