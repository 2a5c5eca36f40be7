"""The ticket list as the UI sees it: pages of rows under a filter and sort, and counts."""

from __future__ import annotations

from collections.abc import Sequence

from opexdesk.storage.database import Database
from opexdesk.storage.ticket_list import (
    SORT_COLUMNS,
    UNASSIGNED,
    TicketFilter,
    TicketListRepository,
    TicketRow,
    TicketSort,
)

__all__ = [
    "SORT_COLUMNS",
    "UNASSIGNED",
    "TicketFilter",
    "TicketListService",
    "TicketRow",
    "TicketSort",
]


class TicketListService:
    """Read-only list queries; each call opens its own connection, so workers may call it."""

    def __init__(self, db: Database) -> None:
        self._repo = TicketListRepository(db.engine)

    def page(
        self, flt: TicketFilter, sort: TicketSort, limit: int, offset: int = 0
    ) -> list[TicketRow]:
        return self._repo.page(flt, sort, limit, offset)

    def count(self, flt: TicketFilter) -> int:
        return self._repo.count(flt)

    def rows(self, local_ids: Sequence[int]) -> dict[int, TicketRow]:
        return self._repo.rows_by_local_ids(local_ids)

    def position_of(self, local_id: int, flt: TicketFilter, sort: TicketSort) -> int | None:
        return self._repo.position_of(local_id, flt, sort)
