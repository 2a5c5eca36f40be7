"""One source row checked against the ticket rules: a clean record, or the problems found.

Every problem names the row (as a spreadsheet numbers it: the header is row 1), the source
column, the value and the reason, so a user can fix the file and try again. A reason that
came from a templated error (a ticket rule, a date) also keeps its template and arguments,
so the UI can show it in its own language while ``reason`` stays the English text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from opexdesk.domain import ticket as rules
from opexdesk.domain.enums import Status
from opexdesk.domain.errors import Templated, Term, Terms, ValidationError
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.workflow import NEEDS_ASSIGNEE
from opexdesk.services.ticket_import_dates import parse_created
from opexdesk.services.ticket_import_mapping import (
    TARGET_LABELS,
    ColumnMapping,
    suggest_level,
    suggest_status,
    value_key,
)
from opexdesk.services.ticket_import_source import CsvReadError, CsvSource

SHORT_FIELDS = ("requester", "site", "category", "assignee", "group_name")
Report = Callable[[str, Exception], None]  # (field, the error naming the reason)


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str
    value: str
    reason: str  # English, as the CSV report and the server text give it
    # The message template and its arguments when ``reason`` came from one (None and empty
    # otherwise); left out of equality so a problem equals the same row/column/value/reason.
    template: str | None = field(default=None, compare=False)
    params: Mapping[str, object] = field(default_factory=dict, compare=False)

    def as_text(self) -> str:
        return f"Row {self.row}\t{self.column}\t{self.value}\t{self.reason}"


@dataclass(frozen=True)
class ImportRecord:
    """A row ready to become a ticket (values already cleaned by the ticket rules)."""

    row: int
    title: str
    description: str
    requester: str | None
    site: str | None
    category: str | None
    impact: int
    urgency: int
    status: Status
    assignee: str | None
    group_name: str | None
    created_at: datetime | None


def column_index(source: CsvSource, mapping: ColumnMapping) -> dict[str, int]:
    """Field -> position of its column; raises CsvReadError before any row is read when
    a required field is not mapped or a mapped column is not in the file."""
    columns = ", ".join(source.headers)  # the file's own names, in any language
    if not mapping.column("title"):
        raise CsvReadError(
            "No column is mapped to Title; every ticket needs one. "
            "The file's columns are: {columns}.",
            columns=columns,
        )
    missing = [c for c in mapping.columns.values() if c and c not in source.headers]
    if missing:
        raise CsvReadError(
            "{name} has no column named {missing}; its columns are: {columns}.",
            name=source.path.name,
            missing=", ".join(repr(c) for c in missing),
            columns=columns,
        )
    return {f: source.headers.index(c) for f, c in mapping.columns.items() if c}


def default_level(matrix: PriorityMatrix, axis: str) -> int:
    """Level 3 as for a new ticket, or the least severe level of a smaller matrix."""
    return min(3, len(matrix.levels(axis)))


class RowChecker:
    """Turns source rows into records under one mapping and one matrix."""

    def __init__(
        self,
        source: CsvSource,
        mapping: ColumnMapping,
        matrix: PriorityMatrix,
        now: datetime,
    ) -> None:
        self._index = column_index(source, mapping)
        self._mapping = mapping
        self._matrix = matrix
        self._now = now

    def check(
        self, row: int, values: Sequence[str]
    ) -> tuple[ImportRecord | None, list[ImportProblem]]:
        problems: list[ImportProblem] = []
        raw = {f: values[i] if i < len(values) else "" for f, i in self._index.items()}
        cols = self._mapping.columns

        def problem(name: str, error: Exception) -> None:
            where = (row, cols.get(name, name), raw.get(name, ""), str(error))
            if isinstance(error, Templated):  # a rule or a date: worded again by the UI
                made = ImportProblem(*where, template=error.template, params=error.params)
            else:
                made = ImportProblem(*where)
            problems.append(made)

        def clean(name: str, fn: Callable[[], Any]) -> Any:
            try:
                return fn()
            except ValidationError as exc:
                problem(name, exc)
                return None

        description = clean("description", lambda: rules.clean_description(raw.get("description")))
        title_text = raw.get("title", "")
        if not title_text.strip() and self._mapping.title_from_description and description:
            title_text = _title_from(str(description))
        title = clean("title", lambda: rules.clean_title(title_text))
        short: dict[str, Any] = {}
        for name in SHORT_FIELDS:
            short[name] = clean(name, functools.partial(rules.clean_short, name, raw.get(name)))
        impact = self._level("impact", raw, problem)
        urgency = self._level("urgency", raw, problem)
        status = self._status(raw, short.get("assignee"), problem)
        created: datetime | None = None
        if raw.get("created_at", "").strip():
            try:
                created = parse_created(
                    raw["created_at"], self._now, day_first=self._mapping.day_first
                )
            except ValueError as exc:
                problem("created_at", exc)
        if problems:
            return None, problems
        return (
            ImportRecord(
                row=row,
                title=str(title),
                description=str(description or ""),
                impact=impact or 0,
                urgency=urgency or 0,
                status=status or Status.NEW,
                created_at=created,
                **{n: v for n, v in short.items()},  # type: ignore[arg-type]
            ),
            [],
        )

    def _level(self, axis: str, raw: Mapping[str, str], problem: Report) -> int | None:
        text = raw.get(axis, "")
        if axis not in self._index or not text.strip():
            return default_level(self._matrix, axis)
        mapped = self._mapping.values.get(axis, {}).get(value_key(text))
        level = mapped if mapped is not None else suggest_level(axis, text, self._matrix)
        if not isinstance(level, int) or level not in self._matrix.levels(axis):
            names = self._matrix.labels(axis)
            # The same range as PriorityMatrix.range_text, with its parts as arguments.
            error = ValidationError(
                axis,
                "{label} {value!r} is not a level of the priority matrix in force "
                "(use {axis} 1 ({first}) to {count} ({last})); map it under Values.",
                label=Term(TARGET_LABELS[axis]),
                value=text.strip(),
                axis=Term(axis),
                first=Term(names[0]),
                count=len(names),
                last=Term(names[-1]),
            )
            problem(axis, error)
            return None
        return level

    def _status(self, raw: Mapping[str, str], assignee: object, problem: Report) -> Status | None:
        text = raw.get("status", "")
        if "status" not in self._index or not text.strip():
            return rules.initial_status(assignee if isinstance(assignee, str) else None)
        mapped = self._mapping.values.get("status", {}).get(value_key(text))
        status = Status(mapped) if isinstance(mapped, str) else suggest_status(text)
        if status is None:
            unknown = ValidationError(
                "status",
                "Unknown status {value!r}; map it to one of: {options}.",
                value=text.strip(),
                options=Terms(s.label for s in Status),
            )
            problem("status", unknown)
            return None
        if status in NEEDS_ASSIGNEE and not assignee:
            unassigned = ValidationError(
                "status",
                "A ticket that is {status} needs an assignee; none is given.",
                status=Term(status.label),
            )
            problem("status", unassigned)
            return None
        if status is Status.NEW and assignee:
            return Status.ASSIGNED  # as a new ticket with an assignee
        return status


def _title_from(description: str) -> str:
    """The first line of a description, cut at a word before the title limit."""
    line = " ".join(description.split("\n", 1)[0].split())
    if len(line) <= rules.TITLE_MAX:
        return line
    cut = line[: rules.TITLE_MAX - 1].rsplit(" ", 1)[0]
    return cut + "…"
