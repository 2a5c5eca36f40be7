"""ITIL priority: derived from impact x urgency through a matrix, never contradicting it.

The matrix is data an administrator edits: how many impact, urgency and priority levels
there are (MIN_LEVELS..MAX_LEVELS each), their labels, and the priority of every cell.
Level 1 is always the most severe impact, the most urgent urgency and the most urgent
priority. The stored shape is described in docs/sla.md.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from opexdesk.domain.enums import MAX_LEVELS, Impact, Priority, Urgency
from opexdesk.domain.errors import Term, Terms, ValidationError
from opexdesk.domain.ticket import clean_note

MIN_LEVELS = 2  # one level would make the axis meaningless
LABEL_MAX = 40
AXES = ("impact", "urgency", "priority")

# Rows: impact 1..4, columns: urgency 1..4 (the common ITIL 4x4 layout).
_DEFAULT_TABLE: tuple[tuple[int, ...], ...] = (
    (1, 1, 2, 3),
    (1, 2, 3, 3),
    (2, 3, 3, 4),
    (3, 3, 4, 4),
)
DEFAULT_IMPACTS: tuple[str, ...] = tuple(i.label for i in Impact)
DEFAULT_URGENCIES: tuple[str, ...] = tuple(u.label for u in Urgency)
DEFAULT_PRIORITIES: tuple[str, ...] = tuple(Priority(n).label for n in range(1, 5))
_NEW_KEYS = {"impacts", "urgencies", "priorities", "rows"}


def _default_cells() -> dict[tuple[int, int], int]:
    return {(i + 1, u + 1): p for i, row in enumerate(_DEFAULT_TABLE) for u, p in enumerate(row)}


def clean_labels(axis: str, labels: object) -> tuple[str, ...]:
    """The labels of one axis, most severe first: MIN_LEVELS..MAX_LEVELS of them, each
    non-empty, at most LABEL_MAX characters, no control characters, unique (ignoring case)."""
    name = Term(axis.capitalize())
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise ValidationError(
            "priority_matrix", "{name} labels must be a list of names.", name=name
        )
    if not MIN_LEVELS <= len(labels) <= MAX_LEVELS:
        raise ValidationError(
            "priority_matrix",
            "A priority matrix has {least} to {most} {axis} levels; got {count}.",
            least=MIN_LEVELS,
            most=MAX_LEVELS,
            axis=Term(axis),
            count=len(labels),
        )
    cleaned: list[str] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(labels, start=1):
        if not isinstance(raw, str):
            raise ValidationError(
                "priority_matrix",
                "{name} label {number} is {value!r}, not text.",
                name=name,
                number=n,
                value=raw,
            )
        text = raw.strip()
        if not text:
            raise ValidationError(
                "priority_matrix", "{name} label {number} is empty.", name=name, number=n
            )
        if len(text) > LABEL_MAX:
            raise ValidationError(
                "priority_matrix",
                "{name} label {number} ({start!r}...) is {length} characters long; "
                "the limit is {limit}.",
                name=name,
                number=n,
                start=text[:20],  # the start is enough to find it
                length=len(text),
                limit=LABEL_MAX,
            )
        bad = next((ch for ch in text if ord(ch) < 32 or ord(ch) == 127), None)
        if bad is not None:
            raise ValidationError(
                "priority_matrix",
                "{name} label {number} contains a control character (U+{code:04X}).",
                name=name,
                number=n,
                code=ord(bad),
            )
        key = text.casefold()
        if key in seen:
            raise ValidationError(
                "priority_matrix",
                "{name} label {label!r} is used twice (levels {first} and {second}); "
                "each level needs its own name.",
                name=name,
                label=text,
                first=seen[key],
                second=n,
            )
        seen[key] = n
        cleaned.append(text)
    return tuple(cleaned)


def _level(value: object) -> int | None:
    """A whole number given as an int or as digits; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


@dataclass(frozen=True)
class PriorityMatrix:
    """Maps (impact level, urgency level) to a priority level, with each axis's labels.
    Every cell must be filled with a priority of this matrix, and every priority used."""

    cells: Mapping[tuple[int, int], int] = field(default_factory=_default_cells)
    impacts: tuple[str, ...] = DEFAULT_IMPACTS
    urgencies: tuple[str, ...] = DEFAULT_URGENCIES
    priorities: tuple[str, ...] = DEFAULT_PRIORITIES

    def __post_init__(self) -> None:
        object.__setattr__(self, "impacts", clean_labels("impact", self.impacts))
        object.__setattr__(self, "urgencies", clean_labels("urgency", self.urgencies))
        object.__setattr__(self, "priorities", clean_labels("priority", self.priorities))
        object.__setattr__(self, "cells", dict(self.cells))
        for i in self.levels("impact"):
            for u in self.levels("urgency"):
                if (i, u) not in self.cells:
                    raise ValidationError(
                        "priority_matrix",
                        "Priority matrix has no cell for impact {impact} x urgency {urgency}.",
                        impact=Term(self.impacts[i - 1]),
                        urgency=Term(self.urgencies[u - 1]),
                    )
        for key, value in self.cells.items():
            if key[0] not in self.levels("impact") or key[1] not in self.levels("urgency"):
                raise ValidationError(
                    "priority_matrix",
                    "Priority matrix cell {cell} lies outside its {impacts} impact x "
                    "{urgencies} urgency levels.",
                    cell=str(key),
                    impacts=len(self.impacts),
                    urgencies=len(self.urgencies),
                )
            if _level(value) != value or value not in self.levels("priority"):
                raise ValidationError(
                    "priority_matrix",
                    "Priority matrix cell impact {impact} x urgency {urgency} has unknown "
                    "priority {value!r}; use priority 1 ({first}) to {count} ({last}).",
                    impact=Term(self.impacts[key[0] - 1]),
                    urgency=Term(self.urgencies[key[1] - 1]),
                    value=value,
                    first=Term(self.priorities[0]),
                    count=len(self.priorities),
                    last=Term(self.priorities[-1]),
                )
        used = set(self.cells.values())
        unused = [
            f"{p} ({self.priorities[p - 1]})" for p in self.levels("priority") if p not in used
        ]
        if unused:
            # Two whole sentences (not "is"/"are" spliced in) so each translates on its own.
            raise ValidationError(
                "priority_matrix",
                "Priority {levels} is not given by any cell; use each priority in a cell or "
                "remove the level."
                if len(unused) == 1
                else "Priorities {levels} are not given by any cell; use each priority in a "
                "cell or remove the level.",
                levels=Terms(unused),
            )

    # ---- levels and labels ---------------------------------------------------------

    def labels(self, axis: str) -> tuple[str, ...]:
        """The labels of ``axis`` ("impact", "urgency" or "priority"), level 1 first."""
        return {"impact": self.impacts, "urgency": self.urgencies, "priority": self.priorities}[
            axis
        ]

    def levels(self, axis: str) -> range:
        return range(1, len(self.labels(axis)) + 1)

    def label(self, axis: str, level: int) -> str:
        """The label of a level; a level this matrix lacks shows as its number."""
        names = self.labels(axis)
        return names[level - 1] if 1 <= level <= len(names) else str(level)

    def range_text(self, axis: str) -> str:
        names = self.labels(axis)
        return f"use {axis} 1 ({names[0]}) to {len(names)} ({names[-1]})"

    def check_level(self, axis: str, value: object) -> int:
        """``value`` as a level of ``axis`` in this matrix, or a ValidationError naming the
        allowed range."""
        level = _level(value)
        if level is None or level not in self.levels(axis):
            names = self.labels(axis)
            raise ValidationError(
                axis,
                "Unknown {axis} {value!r}; use {axis} 1 ({first}) to {count} ({last}).",
                axis=Term(axis),
                value=value,
                first=Term(names[0]),
                count=len(names),
                last=Term(names[-1]),
            )
        return level

    @property
    def is_default_shape(self) -> bool:
        """Today's 4x4 sizes and labels: stored in the older ``{"rows"}`` form, which
        devices of earlier versions read too."""
        return (self.impacts, self.urgencies, self.priorities) == (
            DEFAULT_IMPACTS,
            DEFAULT_URGENCIES,
            DEFAULT_PRIORITIES,
        )

    # ---- stored form ---------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: object) -> "PriorityMatrix":
        """``{"impacts", "urgencies", "priorities": [labels, level 1 first], "rows": [[P per
        urgency] per impact]}``, or the older ``{"rows": 4x4}`` with today's labels; checked:
        every cell a priority of the matrix, every priority used, and a more severe impact
        or urgency never gives a less urgent priority."""
        if isinstance(data, Mapping) and set(data) == {"rows"}:
            impacts, urgencies, priorities = DEFAULT_IMPACTS, DEFAULT_URGENCIES, DEFAULT_PRIORITIES
        elif isinstance(data, Mapping) and set(data) == _NEW_KEYS:
            impacts = clean_labels("impact", data["impacts"])
            urgencies = clean_labels("urgency", data["urgencies"])
            priorities = clean_labels("priority", data["priorities"])
        else:
            # The shapes are arguments: their braces are not placeholders.
            raise ValidationError(
                "priority_matrix",
                "A priority matrix is {shape} (or the older {older}) and nothing else.",
                shape='{"impacts": [...], "urgencies": [...], "priorities": [...], '
                '"rows": [[...], ...]}',
                older='{"rows": [[...], ...]}',
            )
        rows = data["rows"]
        if not isinstance(rows, list) or len(rows) != len(impacts):
            raise ValidationError(
                "priority_matrix",
                "A priority matrix has {count} rows, one per impact level.",
                count=len(impacts),
            )
        cells: dict[tuple[int, int], int] = {}
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(urgencies):
                raise ValidationError(
                    "priority_matrix",
                    "Row {row} (impact {impact}) needs {count} cells, one per urgency level.",
                    row=i,
                    impact=Term(impacts[i - 1]),
                    count=len(urgencies),
                )
            for u, value in enumerate(row, start=1):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValidationError(
                        "priority_matrix",
                        "Cell impact {impact} x urgency {urgency} is {value!r}, not a "
                        "priority number.",
                        impact=Term(impacts[i - 1]),
                        urgency=Term(urgencies[u - 1]),
                        value=value,
                    )
                cells[(i, u)] = value
        matrix = cls(cells, impacts, urgencies, priorities)
        matrix.check_order()
        return matrix

    def rows(self) -> list[list[int]]:
        return [[self.cells[(i, u)] for u in self.levels("urgency")] for i in self.levels("impact")]

    def to_dict(self) -> dict[str, Any]:
        if self.is_default_shape:
            return {"rows": self.rows()}
        return {
            "impacts": list(self.impacts),
            "urgencies": list(self.urgencies),
            "priorities": list(self.priorities),
            "rows": self.rows(),
        }

    def check_order(self) -> None:
        """Refuse a matrix where a more severe input gives a less urgent priority."""
        for (i, u), value in sorted(self.cells.items()):
            for worse in ((i - 1, u), (i, u - 1)):  # level 1 is the most severe
                if worse in self.cells and self.cells[worse] > value:
                    slower = self.cells[worse]
                    raise ValidationError(
                        "priority_matrix",
                        "Impact {worse_impact} x urgency {worse_urgency} gives priority "
                        "{slower} ({slower_label}), less urgent than {priority} "
                        "({priority_label}) for impact {impact} x urgency {urgency}: a more "
                        "severe case cannot wait longer.",
                        worse_impact=Term(self.impacts[worse[0] - 1]),
                        worse_urgency=Term(self.urgencies[worse[1] - 1]),
                        slower=slower,
                        slower_label=Term(self.priorities[slower - 1]),
                        priority=value,
                        priority_label=Term(self.priorities[value - 1]),
                        impact=Term(self.impacts[i - 1]),
                        urgency=Term(self.urgencies[u - 1]),
                    )

    def priority_for(self, impact: int, urgency: int) -> Priority:
        """Return the priority for the given inputs, validating them against this matrix."""
        i = self.check_level("impact", impact)
        u = self.check_level("urgency", urgency)
        return Priority(self.cells[(i, u)])


MatrixSource = Callable[[], PriorityMatrix]
DEFAULT_MATRIX = PriorityMatrix()


def matrix_source(matrix: PriorityMatrix | MatrixSource | None) -> MatrixSource:
    """Where an operation reads the matrix in force: a fixed one (the default when None),
    or a callable that reads the current shared setting."""
    if callable(matrix):
        return matrix
    fixed = matrix or DEFAULT_MATRIX
    return lambda: fixed


def coerce_impact(value: object, matrix: PriorityMatrix | None = None) -> int:
    """An impact level of ``matrix`` (the matrix in force; the default one when None)."""
    return (matrix or DEFAULT_MATRIX).check_level("impact", value)


def coerce_urgency(value: object, matrix: PriorityMatrix | None = None) -> int:
    """An urgency level of ``matrix`` (the matrix in force; the default one when None)."""
    return (matrix or DEFAULT_MATRIX).check_level("urgency", value)


def coerce_priority(value: object, matrix: PriorityMatrix | None = None) -> Priority:
    """A priority level of ``matrix`` (the matrix in force; the default one when None)."""
    return Priority((matrix or DEFAULT_MATRIX).check_level("priority", value))


def coerce_any_level(axis: str, value: object) -> int:
    """A level any matrix may have (1..MAX_LEVELS): the check before the matrix in force is
    known; deriving the priority then checks it against that matrix."""
    level = _level(value)
    if level is None or not 1 <= level <= MAX_LEVELS:
        raise ValidationError(
            axis,
            "Unknown {axis} {value!r}; use 1 to {limit}.",
            axis=Term(axis),
            value=value,
            limit=MAX_LEVELS,
        )
    return level


OVERRIDE_REASON_MAX = 500


def clean_override_reason(value: str | None) -> str:
    """Why a person set the priority by hand: required, one paragraph at most."""
    reason = " ".join(clean_note("reason", value).split())
    if not reason:
        raise ValidationError(
            "reason", "Say why the priority differs from what impact and urgency give."
        )
    if len(reason) > OVERRIDE_REASON_MAX:
        raise ValidationError(
            "reason",
            "The reason is {length} characters long; the limit is {limit}.",
            length=len(reason),
            limit=OVERRIDE_REASON_MAX,
        )
    return reason
