"""Paged, sorted, filtered reads of the ticket list, built for a million rows.

Every sort column has an index ending in ``local_id`` (see models.Ticket), so a page is an
index walk: ``ORDER BY <col>, local_id LIMIT n OFFSET k``. The list never loads all ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, false, func, or_, select

from opexdesk.storage.models import Ticket

UNASSIGNED = ""  # TicketFilter.assignee value meaning "nobody"

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


@dataclass(frozen=True, slots=True)
class TicketRow:
    """What one line of the ticket list shows."""

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


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(flt: TicketFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [Ticket.deleted_at.is_(None)]
    if flt.statuses:
        conds.append(Ticket.status.in_(sorted(flt.statuses)))
    if flt.priorities:
        conds.append(Ticket.priority.in_(sorted(flt.priorities)))
    if flt.assignee is not None:
        conds.append(
            Ticket.assignee.is_(None)
            if flt.assignee == UNASSIGNED
            else Ticket.assignee == flt.assignee
        )
    text = " ".join(flt.text.split())
    if text:
        # User text is only ever a bound LIKE pattern (escaped), never SQL or MATCH syntax.
        pattern = f"%{escape_like(text)}%"
        matches: list[ColumnElement[bool]] = [
            Ticket.title.like(pattern, escape="\\"),
            Ticket.requester.like(pattern, escape="\\"),
            Ticket.provisional_number.like(pattern, escape="\\"),
        ]
        number = _parse_number(text)
        if number is not None:
            matches.append(Ticket.number == number)
        conds.append(or_(*matches) if matches else false())
    return conds


def _parse_number(text: str) -> int | None:
    digits = text.upper().removeprefix("INC-").removeprefix("INC")
    return int(digits) if digits.isdigit() and len(digits) <= 9 else None


def page_statement(flt: TicketFilter, sort: TicketSort, limit: int, offset: int) -> Select:
    col = SORT_COLUMNS[sort.column]
    order = (
        (col.desc(), Ticket.local_id.desc())
        if sort.descending
        else (col.asc(), Ticket.local_id.asc())
    )
    return (
        select(*_ROW_COLUMNS)
        .where(and_(*_conditions(flt)))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )


class TicketListRepository:
    """Read-only queries behind the ticket list; safe to call from worker threads."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def page(
        self, flt: TicketFilter, sort: TicketSort, limit: int, offset: int = 0
    ) -> list[TicketRow]:
        stmt = page_statement(flt, sort, limit, offset)
        with self._engine.connect() as conn:
            return [TicketRow(*row) for row in conn.execute(stmt)]

    def count(self, flt: TicketFilter) -> int:
        stmt = select(func.count()).select_from(Ticket).where(and_(*_conditions(flt)))
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
            value = target[0]
            before = _before_condition(col, value, local_id, sort.descending)
            stmt = select(func.count()).select_from(Ticket).where(and_(before, *_conditions(flt)))
            return int(conn.execute(stmt).scalar_one())


def _before_condition(
    col: ColumnElement, value: object, local_id: int, descending: bool
) -> ColumnElement[bool]:
    """Rows sorting before (value, local_id): SQLite puts NULLs first ascending, last descending."""
    if not descending:
        if value is None:
            return and_(col.is_(None), Ticket.local_id < local_id)
        return or_(col.is_(None), col < value, and_(col == value, Ticket.local_id < local_id))
    if value is None:
        return or_(col.is_not(None), and_(col.is_(None), Ticket.local_id > local_id))
    return or_(col > value, and_(col == value, Ticket.local_id > local_id))
