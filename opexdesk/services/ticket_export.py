"""Exporting tickets to CSV or JSON: all of them or those under the list's filter.

Rows are streamed from one read cursor in batches and written as they come, so a million
tickets never sit in memory at once. The file is written beside the target under a
temporary name and renamed into place only when complete; a cancel or an error removes
the partial file, so the target is either the whole export or untouched.
"""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Select, func, select

from opexdesk.domain.csv_safety import safe_row
from opexdesk.domain.enums import Status
from opexdesk.domain.errors import Templated
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.services.ticket_list import TicketFilter, TicketSort
from opexdesk.storage.database import Database
from opexdesk.storage.models import Ticket
from opexdesk.storage.ticket_list import format_number, page_statement

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

BATCH = 2000  # rows fetched and written at a time

# (key, CSV header) in the order both formats write them.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "Number"),
    ("id", "Id"),
    ("title", "Title"),
    ("description", "Description"),
    ("status", "Status"),
    ("priority", "Priority"),
    ("impact", "Impact"),
    ("urgency", "Urgency"),
    ("requester", "Requester"),
    ("site", "Site"),
    ("category", "Category"),
    ("assignee", "Assignee"),
    ("group_name", "Group"),
    ("created_by", "Created by"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
    ("first_response_at", "First response"),
    ("response_due_at", "Response due"),
    ("resolution_due_at", "Resolution due"),
    ("resolved_at", "Resolved"),
    ("closed_at", "Closed"),
    ("resolution_note", "Resolution note"),
    ("priority_override_reason", "Priority override reason"),
)
_DB_COLUMNS = [
    Ticket.number,
    Ticket.provisional_number,
    *(getattr(Ticket, key) for key, _ in COLUMNS if key != "number"),
]


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


class ExportCancelled(Templated, Exception):
    """The user cancelled; no file was left behind."""


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    format: ExportFormat = ExportFormat.CSV
    flt: TicketFilter | None = None  # None: every ticket
    excel_bom: bool = True  # CSV only: Excel reads UTF-8 only after a byte-order mark


@dataclass(frozen=True)
class ExportResult:
    path: Path
    tickets: int
    bytes: int
    seconds: float


class TicketExporter:
    """Streams tickets from the store into a file; safe to call from a worker thread."""

    def __init__(self, db: Database, matrix: Callable[[], PriorityMatrix]) -> None:
        self._db = db
        self._matrix = matrix

    def count(self, flt: TicketFilter | None) -> int:
        stmt = select(func.count()).select_from(_ids(flt).subquery())
        with self._db.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def export(
        self,
        request: ExportRequest,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult:
        started = time.perf_counter()
        total = self.count(request.flt)
        target = request.path
        temp = target.with_name(f".{target.name}.{os.getpid()}.part")
        matrix = self._matrix()
        written = 0
        try:
            with temp.open("w", encoding=_encoding(request), newline="") as handle:
                write = _csv_writer(handle) if request.format is ExportFormat.CSV else None
                if request.format is ExportFormat.JSON:
                    handle.write("[")
                for batch in self._batches(request.flt):
                    if cancelled is not None and cancelled():
                        raise ExportCancelled("The export was cancelled; no file was written.")
                    for raw in batch:
                        record = _record(raw, matrix)
                        if write is not None:
                            write(record)
                        else:
                            handle.write(",\n" if written else "\n")
                            handle.write(json.dumps(_json(record, raw), ensure_ascii=False))
                        written += 1
                    if progress is not None:
                        progress(written, total)
                if request.format is ExportFormat.JSON:
                    handle.write("\n]\n" if written else "]\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return ExportResult(target, written, target.stat().st_size, time.perf_counter() - started)

    def _batches(self, flt: TicketFilter | None) -> Iterator[Sequence[Any]]:
        """Rows in creation order, fetched BATCH at a time from one streaming cursor."""
        ids = _ids(flt).subquery()
        stmt = (
            select(*_DB_COLUMNS)
            .where(Ticket.local_id.in_(select(ids.c.local_id)))
            .order_by(Ticket.local_id)
        )
        with self._db.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(stmt)
            yield from result.partitions(BATCH)


def _ids(flt: TicketFilter | None) -> Select[Any]:
    """The local ids under ``flt`` (the list's own conditions), or every ticket."""
    if flt is None or flt.is_empty():
        return select(Ticket.local_id)
    stmt = page_statement(flt, TicketSort("number", False), 1, 0)
    return stmt.with_only_columns(Ticket.local_id).limit(None).offset(None).order_by(None)


def _encoding(request: ExportRequest) -> str:
    if request.format is ExportFormat.CSV and request.excel_bom:
        return "utf-8-sig"
    return "utf-8"


def _csv_writer(handle: IO[str]) -> Callable[[dict[str, Any]], None]:
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([header for _key, header in COLUMNS])

    def write(record: dict[str, Any]) -> None:
        # Titles, names and notes are user text: a leading "=" must not become a formula.
        writer.writerow(safe_row("" if record[key] is None else record[key] for key, _ in COLUMNS))

    return write


def _time(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _record(raw: Sequence[Any], matrix: PriorityMatrix) -> dict[str, Any]:
    """Human-readable values: number as shown, labels for status and levels, ISO times."""
    values = dict(zip([key for key, _ in COLUMNS if key != "number"], raw[2:], strict=True))
    out: dict[str, Any] = {"number": format_number(raw[0], raw[1])}
    for key, _header in COLUMNS[1:]:
        value = values[key]
        if key == "status":
            value = Status(value).label
        elif key in ("priority", "impact", "urgency"):
            value = matrix.label(key, value)
        elif isinstance(value, datetime):
            value = _time(value)
        out[key] = value
    return out


def _json(record: dict[str, Any], raw: Sequence[Any]) -> dict[str, Any]:
    """JSON keeps the labels and adds the stored codes, for programs reading it."""
    values = dict(zip([key for key, _ in COLUMNS if key != "number"], raw[2:], strict=True))
    return {
        **record,
        "status_code": values["status"],
        "priority_level": values["priority"],
        "impact_level": values["impact"],
        "urgency_level": values["urgency"],
    }
