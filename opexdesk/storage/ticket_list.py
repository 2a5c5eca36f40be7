"""Paged, sorted, filtered reads of the ticket list, built for a million rows.

Every sort column has an index ``(column, local_id)`` (migration 0002), so a page is an index
walk: ``ORDER BY <col>, local_id LIMIT n OFFSET k``. The list never loads all ids. Text is
matched through the FTS5 trigram index (storage/search_index.py), never passed as SQL.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    SQLColumnExpression,
    and_,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects import sqlite

from opexdesk.domain.enums import OPEN_STATUS_VALUES
from opexdesk.storage.models import Ticket
from opexdesk.storage.search_index import (
    MIN_TERM_CHARS,
    PAIRS_TABLE,
    SEARCH_TABLE,
    match_expression,
    pairs_lookup,
)
from opexdesk.storage.types import parse_sqlite_utc

UNASSIGNED = ""  # TicketFilter.assignee value meaning "nobody"
OPEN_STATUSES = frozenset(OPEN_STATUS_VALUES)

SORT_COLUMNS: dict[str, Any] = {  # column attributes usable in ORDER BY
    "number": Ticket.local_id,  # creation order on this device; server numbers follow it
    "title": Ticket.title,
    "status": Ticket.status,
    "priority": Ticket.priority,
    "assignee": Ticket.assignee,
    "requester": Ticket.requester,
    "site": Ticket.site,
    "category": Ticket.category,
    "created_at": Ticket.created_at,
    "updated_at": Ticket.updated_at,
    "resolution_due_at": Ticket.resolution_due_at,
}

_ROW_COLUMNS = (
    Ticket.local_id,
    Ticket.id,
    Ticket.number,
    Ticket.provisional_number,
    Ticket.title,
    Ticket.status,
    Ticket.priority,
    Ticket.assignee,
    Ticket.group_name,
    Ticket.requester,
    Ticket.site,
    Ticket.category,
    Ticket.created_at,
    Ticket.updated_at,
    Ticket.resolution_due_at,
)


class TicketRow(NamedTuple):
    """What one line of the ticket list shows (a tuple: cheap to build 200 at a time)."""

    local_id: int
    id: str
    number: int | None
    provisional_number: str
    title: str
    status: str
    priority: int
    assignee: str | None
    group_name: str | None
    requester: str | None
    site: str | None
    category: str | None
    created_at: datetime
    updated_at: datetime
    resolution_due_at: datetime | None

    @property
    def display_number(self) -> str:
        return format_number(self.number, self.provisional_number)

    @classmethod
    def from_raw(cls, raw: Sequence[Any]) -> TicketRow:
        """Build from a plain DB-API row (timestamps still as stored text)."""
        return cls._make(
            (
                *raw[:12],
                parse_sqlite_utc(raw[12]),
                parse_sqlite_utc(raw[13]),
                parse_sqlite_utc(raw[14]),
            )
        )


def format_number(number: int | None, provisional: str) -> str:
    """INC-000123 once the server numbered the ticket, else the provisional local number."""
    return f"INC-{number:06d}" if number is not None else provisional


@dataclass(frozen=True)
class TicketFilter:
    """Empty sets / None mean "any"."""

    statuses: frozenset[str] = field(default_factory=frozenset)
    priorities: frozenset[int] = field(default_factory=frozenset)
    assignee: str | None = None  # UNASSIGNED for tickets without an owner
    text: str = ""

    def is_empty(self) -> bool:
        return not (
            self.statuses or self.priorities or self.assignee is not None or self.text.strip()
        )


@dataclass(frozen=True)
class TicketSort:
    column: str = "updated_at"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.column not in SORT_COLUMNS:
            raise ValueError(f"cannot sort tickets by {self.column!r}")


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def clean_query(raw_text: str) -> str:
    """Control characters and lone surrogates become spaces: stored text never holds them,
    and SQLite would read NUL as the end of a string (turning '%\0%' into match-all)."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in raw_text)


def _matching_rows(
    key: SQLColumnExpression[int], table: str, param: str, expression: str
) -> ColumnElement[bool]:
    """``key`` among the rows of FTS ``table`` that ``expression`` (an FTS5 query) finds."""
    return key.in_(
        select(text("rowid"))
        .select_from(text(table))
        .where(text(f"{table} MATCH :{param}"))
        .params(**{param: expression})
    )


class IndexLookup(NamedTuple):
    """One FTS5 query of the text filter: ``table`` MATCH ``expression``."""

    table: str
    param: str
    expression: str


def _index_lookups(terms: list[str]) -> tuple[list[IndexLookup], list[str]]:
    """The FTS5 queries for ``terms``, and the terms left for LIKE."""
    lookups: list[IndexLookup] = []
    long_terms = [t for t in terms if len(t) >= MIN_TERM_CHARS]
    if long_terms:
        lookups.append(IndexLookup(SEARCH_TABLE, "fts_query", match_expression(long_terms)))
    # Two-character words (网络, PC) and single letters outside ASCII (机): the pairs index,
    # not a table scan (storage/search_index.py).
    paired, expression = pairs_lookup(terms)
    if paired:
        lookups.append(IndexLookup(PAIRS_TABLE, "pairs_query", expression))
    indexed = {*long_terms, *paired}
    return lookups, [t for t in terms if t not in indexed]


def _text_condition(raw_text: str, walk_index: bool = False) -> ColumnElement[bool] | None:
    """Match text; ``walk_index`` keeps SQLite walking the sort index (see _conditions)."""
    raw_text = clean_query(raw_text)
    terms = raw_text.split()
    if not terms:
        return None
    # A unary + makes local_id unusable as an index key, so SQLite cannot start from the
    # FTS matches and must walk the ORDER BY index, probing the matches instead.
    key = literal_column("+tickets.local_id") if walk_index else Ticket.local_id
    lookups, like_terms = _index_lookups(terms)
    parts: list[ColumnElement[bool]] = [
        _matching_rows(key, lookup.table, lookup.param, lookup.expression) for lookup in lookups
    ]
    for term in like_terms:
        pattern = f"%{escape_like(term)}%"
        parts.append(
            or_(
                Ticket.title.like(pattern, escape="\\"),
                Ticket.requester.like(pattern, escape="\\"),
            ).self_group()
        )
    words = and_(*parts)
    number = _parse_number(raw_text)
    if number is not None:
        return or_(Ticket.number == number, words)
    if raw_text.strip().upper().startswith("L-"):
        return or_(Ticket.provisional_number == raw_text.strip().upper(), words)
    return words


# Sorts that the open queue's partial indexes serve (models.open_only_index).
OPEN_INDEXED_SORTS = frozenset({"updated_at", "resolution_due_at", "priority"})


def _conditions(
    flt: TicketFilter, sort: TicketSort | None = None, walk_text: bool = False
) -> list[ColumnElement[bool]]:
    """WHERE terms for ``flt``; ``sort`` None means a count (order does not matter).

    Text search inside the open queue walks the small open-ticket index and probes the FTS
    matches, instead of fetching every match in the whole history: "outlook" in the open
    queue at 1M tickets, 480 ms -> 75 ms for a page, 510 ms -> 90 ms for the count.
    ``walk_text``: walk the sort index over all tickets too (``_walk_pays``).
    """
    open_queue = flt.statuses == OPEN_STATUSES
    walk = walk_text or (open_queue and (sort is None or sort.column in OPEN_INDEXED_SORTS))
    conds: list[ColumnElement[bool]] = []
    if open_queue:
        # A constant test, so SQLite can use the small partial indexes of open tickets.
        conds.append(Ticket.is_open == literal_column("1"))
    elif flt.statuses:
        conds.append(Ticket.status.in_(sorted(flt.statuses)))
    if flt.priorities:
        conds.append(Ticket.priority.in_(sorted(flt.priorities)))
    if flt.assignee is not None:
        conds.append(
            Ticket.assignee.is_(None)
            if flt.assignee == UNASSIGNED
            else Ticket.assignee == flt.assignee
        )
    text_cond = _text_condition(flt.text, walk_index=walk)
    if text_cond is not None:
        conds.append(text_cond)
    return conds


def _parse_number(raw_text: str) -> int | None:
    digits = raw_text.strip().upper().removeprefix("INC-").removeprefix("INC")
    # isdigit() alone accepts "²" or "٣", which int() may refuse or read unexpectedly.
    ok = digits.isascii() and digits.isdigit() and len(digits) <= 9
    return int(digits) if ok else None


# Fetching every text match and sorting them costs about 1.5 µs a match; walking the sort
# index and probing the matches, 0.15 µs a row passed plus 0.15 µs a match to collect them
# (1M tickets: "printer", 38,000 matches, 66 -> 15 ms a first page). The walk passes about
# (offset + limit) x rows / matches rows, so it pays when
# matches² > WALK_FACTOR x (offset + limit) x rows, WALK_FACTOR = 0.15 / (1.5 - 0.15).
WALK_FACTOR = 0.11


def matches_for_a_walk(rows: int, offset: int, limit: int) -> int:
    """The fewest text matches for which walking the sort order beats sorting them."""
    return math.isqrt(int(WALK_FACTOR * (offset + limit) * rows)) + 1


def page_statement(
    flt: TicketFilter, sort: TicketSort, limit: int, offset: int, walk_text: bool = False
) -> Select:
    col = SORT_COLUMNS[sort.column]
    if sort.descending:
        order = (col.desc(), Ticket.local_id.desc())
    else:
        order = (col.asc(), Ticket.local_id.asc())
    return (
        select(*_ROW_COLUMNS)
        .where(*_conditions(flt, sort, walk_text))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )


@functools.lru_cache(maxsize=128)
def _page_sql(
    flt: TicketFilter, sort: TicketSort, walk_text: bool = False
) -> tuple[str, tuple[Any, ...]]:
    """SQL text and bound values of a page query, compiled once per filter and sort.

    Scrolling asks for many pages of the same query; compiling it each time cost more than
    running it. LIMIT and OFFSET are the last two positional parameters.
    """
    compiled = page_statement(flt, sort, 1, 0, walk_text).compile(
        dialect=sqlite.dialect(), compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    positions = compiled.positiontup or []
    return str(compiled), tuple(params[name] for name in positions)[:-2]


class TicketListRepository:
    """Read-only queries behind the ticket list; safe to call from worker threads."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def page(
        self, flt: TicketFilter, sort: TicketSort, limit: int, offset: int = 0
    ) -> list[TicketRow]:
        with self._engine.connect() as conn:
            sql, params = _page_sql(flt, sort, self._walk_pays(conn, flt, limit, offset))
            rows = conn.exec_driver_sql(sql, (*params, limit, offset)).all()
        return [TicketRow.from_raw(row) for row in rows]

    def _walk_pays(self, conn: Connection, flt: TicketFilter, limit: int, offset: int) -> bool:
        """Whether a text filter over all tickets finds its page faster by walking the sort
        order (many matches) than by sorting its matches (few): each FTS5 query's matches
        are counted up to the number at which the walk wins (WALK_FACTOR)."""
        if flt.statuses or flt.priorities or flt.assignee is not None:
            return False  # the open queue walks anyway; other filters thin the walk out
        lookups, _like = _index_lookups(clean_query(flt.text).split())
        if not lookups:
            return False
        rows = conn.exec_driver_sql("SELECT max(local_id) FROM tickets").scalar() or 0
        needed = matches_for_a_walk(int(rows), offset, limit)
        for lookup in lookups:
            counted = conn.exec_driver_sql(
                f"SELECT count(*) FROM (SELECT rowid FROM {lookup.table} "
                f"WHERE {lookup.table} MATCH ? LIMIT ?)",
                (lookup.expression, needed),
            ).scalar()
            if (counted or 0) < needed:
                return False
        return True

    def count(self, flt: TicketFilter) -> int:
        stmt = select(func.count()).select_from(Ticket).where(*_conditions(flt))
        with self._engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def rows_by_local_ids(self, local_ids: Sequence[int]) -> dict[int, TicketRow]:
        if not local_ids:
            return {}
        stmt = select(*_ROW_COLUMNS).where(Ticket.local_id.in_(list(local_ids)))
        with self._engine.connect() as conn:
            return {row[0]: TicketRow(*row) for row in conn.execute(stmt)}

    def position_of(self, local_id: int, flt: TicketFilter, sort: TicketSort) -> int | None:
        """Row index of a ticket under the given filter and sort (None if filtered out)."""
        col = SORT_COLUMNS[sort.column]
        with self._engine.connect() as conn:
            target = conn.execute(
                select(col, Ticket.local_id).where(
                    and_(Ticket.local_id == local_id, *_conditions(flt))
                )
            ).first()
            if target is None:
                return None
            before = _before_condition(col, target[0], local_id, sort.descending)
            stmt = select(func.count()).select_from(Ticket).where(before, *_conditions(flt))
            return int(conn.execute(stmt).scalar_one())


def _before_condition(
    col: Any, value: object, local_id: int, descending: bool
) -> ColumnElement[bool]:
    """Rows sorting before (value, local_id). SQLite puts NULLs first ascending and last
    descending; for non-NULL values a row-value comparison lets SQLite use the index."""
    key = tuple_(col, Ticket.local_id)
    if not descending:
        if value is None:
            return and_(col.is_(None), Ticket.local_id < local_id)
        return or_(col.is_(None), key < tuple_(literal(value), literal(local_id))).self_group()
    if value is None:
        return or_(col.is_not(None), and_(col.is_(None), Ticket.local_id > local_id))
    return key > tuple_(literal(value), literal(local_id))
