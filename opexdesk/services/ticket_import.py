"""Importing tickets from another service desk's CSV export, all or nothing.

The steps a user goes through: open the file (encoding and delimiter found or chosen),
map its columns and coded values to ticket fields (suggested from names and values), look
at a preview, validate every row, and import. Validation reads the whole file before
anything is written; the import then writes every ticket in ONE transaction, so a failure
or a cancel at any row leaves the store exactly as it was. No Qt here: the UI runs these
calls on a worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from opexdesk.domain.errors import Templated
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.services.events import ChangeNotifier, Clock, TicketChange
from opexdesk.services.ticket_import_mapping import (
    CODED_FIELDS,
    TARGET_FIELDS,
    ColumnMapping,
    suggest_columns,
    suggest_values,
)
from opexdesk.services.ticket_import_rows import (
    ImportProblem,
    ImportRecord,
    RowChecker,
    column_index,
)
from opexdesk.services.ticket_import_source import CsvReadError, CsvSource, open_csv
from opexdesk.services.ticket_import_write import BatchWriter, WriteContext
from opexdesk.services.tickets import TicketService
from opexdesk.storage import settings_repo
from opexdesk.storage.database import IMMEDIATE_WRITES, Database
from opexdesk.storage.models import Ticket

__all__ = [
    "TARGET_FIELDS",
    "ColumnMapping",
    "CsvReadError",
    "CsvSource",
    "ImportCancelled",
    "ImportProblem",
    "ImportRefused",
    "ImportResult",
    "PreviewRow",
    "TicketImporter",
    "ValidationReport",
]

Progress = Callable[[int, int], None]  # (rows done, rows in all; 0 while unknown)
Cancelled = Callable[[], bool]

BATCH = 1000  # rows per executemany
MAX_PROBLEMS = 1000  # kept for the report; all are counted
DISTINCT_LIMIT = 200  # source values offered for value mapping


class ImportCancelled(Templated, Exception):
    """The user cancelled; nothing was written."""


class ImportRefused(Templated, ValueError):
    """Validation found problems; nothing was written. ``report`` holds them."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(
            "{problems:,} problem(s) in {rows:,} rows; nothing was imported.",
            problems=report.total_problems,
            rows=report.rows,
        )
        self.report = report


@dataclass(frozen=True)
class ValidationReport:
    rows: int  # data rows read
    problems: list[ImportProblem] = field(default_factory=list)  # the first MAX_PROBLEMS
    total_problems: int = 0
    bad_rows: int = 0

    @property
    def ok(self) -> bool:
        return self.total_problems == 0


@dataclass(frozen=True)
class PreviewRow:
    row: int
    values: dict[str, str]  # field -> text as it will be stored ("" when empty), English
    problems: list[ImportProblem]
    record: ImportRecord | None = None  # the cleaned row, for a UI to word in its language


@dataclass(frozen=True)
class ImportResult:
    imported: int
    seconds: float
    first_number: str | None = None
    last_number: str | None = None


class TicketImporter:
    """CSV import under the priority matrix and SLA policy in force, as the acting user."""

    def __init__(
        self,
        db: Database,
        tickets: TicketService,
        notifier: ChangeNotifier,
        clock: Clock | None = None,
    ) -> None:
        # The write lock is taken at BEGIN: the import reads the counters first, and a
        # deferred transaction would fail at its first write if another writer came between.
        self._writer = db.engine.execution_options(**{IMMEDIATE_WRITES: True})
        self._tickets = tickets
        self._notifier = notifier
        self._clock = clock or Clock()

    @property
    def matrix(self) -> PriorityMatrix:
        return self._tickets.matrix

    # ---- reading and mapping -----------------------------------------------------------

    def open(self, path: Path, encoding: str | None = None) -> CsvSource:
        return open_csv(Path(path), encoding or None)

    def distinct_values(self, source: CsvSource, column: str) -> list[str]:
        """Up to DISTINCT_LIMIT different values of ``column`` (stripped), most common first."""
        if column not in source.headers:
            return []
        i = source.headers.index(column)
        counts: dict[str, int] = {}
        for _row, values in source.records():
            value = values[i].strip() if i < len(values) else ""
            if value:
                counts[value] = counts.get(value, 0) + 1
        ranked = sorted(counts, key=lambda v: (-counts[v], v))
        return ranked[:DISTINCT_LIMIT]

    def column_values(
        self, source: CsvSource, cancelled: Cancelled | None = None
    ) -> dict[str, list[str]]:
        """Per column, up to DISTINCT_LIMIT different values, most common first (one pass)."""
        counts: list[dict[str, int]] = [{} for _ in source.headers]
        for n, (_row, values) in enumerate(source.records(), start=1):
            if n % BATCH == 0:
                _check_cancel(cancelled)
            for seen, value in zip(counts, values, strict=False):
                value = value.strip()
                if value and (value in seen or len(seen) < DISTINCT_LIMIT):
                    seen[value] = seen.get(value, 0) + 1
        return {
            header: sorted(seen, key=lambda v, seen=seen: (-seen[v], v))  # type: ignore[misc]
            for header, seen in zip(source.headers, counts, strict=True)
        }

    def suggest(
        self, source: CsvSource, values: dict[str, list[str]] | None = None
    ) -> ColumnMapping:
        """Columns suggested by header names; values of coded columns by their meaning."""
        columns = suggest_columns(source.headers)
        found = values if values is not None else self.column_values(source)
        return ColumnMapping(columns, self.suggest_values_for(columns, found))

    def suggest_values_for(
        self, columns: Mapping[str, str], values: Mapping[str, list[str]]
    ) -> dict[str, dict[str, int | str]]:
        """Per mapped coded field: source value key -> level or status, where clear."""
        return {
            name: suggest_values(name, values.get(columns[name], []), self.matrix)
            for name in CODED_FIELDS
            if name in columns
        }

    def preview(
        self, source: CsvSource, mapping: ColumnMapping, count: int = 20
    ) -> list[PreviewRow]:
        """The first ``count`` rows as they would be imported, each with its problems."""
        checker = RowChecker(source, mapping, self.matrix, self._clock.now())
        index = column_index(source, mapping)
        rows: list[PreviewRow] = []
        for row, values in source.records():
            record, problems = checker.check(row, values)
            shown = (
                _display(record, self.matrix)
                if record is not None
                else {f: values[i].strip() for f, i in index.items()}
            )
            rows.append(PreviewRow(row, shown, problems, record))
            if len(rows) >= count:
                break
        return rows

    # ---- validation and import ---------------------------------------------------------

    def validate(
        self,
        source: CsvSource,
        mapping: ColumnMapping,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ValidationReport:
        """Check every row without writing; raises CsvReadError for an unusable mapping."""
        checker = RowChecker(source, mapping, self.matrix, self._clock.now())
        tally = _Tally()
        for row, values in source.records():
            tally.add(checker.check(row, values)[1])
            if tally.rows % BATCH == 0:
                _check_cancel(cancelled)
                if progress is not None:
                    progress(tally.rows, 0)
        return tally.report()

    def run(
        self,
        source: CsvSource,
        mapping: ColumnMapping,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        expected_rows: int = 0,
    ) -> ImportResult:
        """Check and write every row in ONE transaction (one pass over the file).

        Raises ImportRefused (with the report of every row) when any row is invalid,
        ImportCancelled when ``cancelled()`` turns true, or the storage error; in each case
        the transaction is rolled back and nothing is written. ``progress(done, total)``
        runs on the calling thread after each batch; ``total`` is ``expected_rows`` (e.g.
        from :meth:`validate`), 0 when unknown."""
        started = time.perf_counter()
        now = self._clock.now()
        matrix, policy = self.matrix, self._tickets.sla_policy  # one reading for the import
        checker = RowChecker(source, mapping, matrix, now)  # raises before any row is read
        tally = _Tally()
        with Session(self._writer, expire_on_commit=False) as s, s.begin():
            context = WriteContext(
                self._tickets.actor.username, settings_repo.device_id(s), now, matrix, policy
            )
            writer = BatchWriter(s, context)
            first = settings_repo.get(s, settings_repo.PROVISIONAL_COUNTER)
            batch: list[ImportRecord] = []
            for row, values in source.records():
                record, problems = checker.check(row, values)
                tally.add(problems)
                if record is not None and tally.ok:  # after a problem: only check the rest
                    batch.append(record)
                if tally.rows % BATCH == 0:
                    _check_cancel(cancelled)
                    writer.write(batch)
                    batch.clear()
                    if progress is not None:
                        progress(tally.rows, expected_rows)
            _check_cancel(cancelled)
            if not tally.ok:
                raise ImportRefused(tally.report())
            if tally.rows == 0:
                raise CsvReadError("{name} has a header row but no tickets.", name=source.path.name)
            writer.write(batch)
            writer.finish()
            _check_cancel(cancelled)  # a cancel during the last batch still writes nothing
            last = s.query(Ticket.local_id).filter(Ticket.id == writer.last_id).scalar()
        if progress is not None:
            progress(writer.written, expected_rows or writer.written)
        if writer.last_id is not None and last is not None:
            self._notifier.publish(TicketChange(writer.last_id, int(last), "imported", ()))
        start = int(first or 0) + 1
        return ImportResult(
            writer.written,
            time.perf_counter() - started,
            f"L-{start:06d}",
            f"L-{start + writer.written - 1:06d}",
        )


class _Tally:
    """Rows read and problems found (the first MAX_PROBLEMS kept, all counted)."""

    def __init__(self) -> None:
        self.rows = self.bad = self.total = 0
        self.problems: list[ImportProblem] = []

    @property
    def ok(self) -> bool:
        return self.total == 0

    def add(self, found: list[ImportProblem]) -> None:
        self.rows += 1
        if found:
            self.bad += 1
            self.total += len(found)
            self.problems.extend(found[: max(0, MAX_PROBLEMS - len(self.problems))])

    def report(self) -> ValidationReport:
        return ValidationReport(self.rows, self.problems, self.total, self.bad)


def _check_cancel(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("The import was cancelled; nothing was imported.")


def _display(record: ImportRecord, matrix: PriorityMatrix) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in TARGET_FIELDS:
        value = getattr(record, name)
        if name in ("impact", "urgency"):
            out[name] = f"{value} {matrix.label(name, value)}"
        elif name == "status":
            out[name] = value.label
        elif name == "created_at":
            out[name] = value.isoformat(sep=" ", timespec="minutes") if value else "(now)"
        else:
            out[name] = value or ""
    return out
