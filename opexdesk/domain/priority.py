"""ITIL priority: derived from impact x urgency through a matrix, never contradicting it."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from opexdesk.domain.enums import Impact, Priority, Urgency
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.ticket import clean_note

# Rows: impact 1..4, columns: urgency 1..4 (the common ITIL 4x4 layout).
_DEFAULT_TABLE: tuple[tuple[int, ...], ...] = (
    (1, 1, 2, 3),
    (1, 2, 3, 3),
    (2, 3, 3, 4),
    (3, 3, 4, 4),
)


@dataclass(frozen=True)
class PriorityMatrix:
    """Maps (impact, urgency) to a priority. Every cell must be filled."""

    cells: Mapping[tuple[int, int], int] = field(
        default_factory=lambda: {
            (i + 1, u + 1): p for i, row in enumerate(_DEFAULT_TABLE) for u, p in enumerate(row)
        }
    )

    def __post_init__(self) -> None:
        for impact in Impact:
            for urgency in Urgency:
                if (int(impact), int(urgency)) not in self.cells:
                    raise ValidationError(
                        "priority_matrix",
                        f"Priority matrix has no cell for impact {impact.label} "
                        f"x urgency {urgency.label}.",
                    )
        for key, value in self.cells.items():
            if value not in {int(p) for p in Priority}:
                raise ValidationError(
                    "priority_matrix", f"Priority matrix cell {key} has unknown priority {value!r}."
                )

    @classmethod
    def from_dict(cls, data: object) -> "PriorityMatrix":
        """``{"rows": [[P for urgency 1..4] for impact 1..4]}`` (as stored and synced),
        checked: every cell a known priority, and a more severe impact or urgency never
        gives a less urgent priority."""
        if not isinstance(data, Mapping) or set(data) != {"rows"}:
            raise ValidationError(
                "priority_matrix", 'A priority matrix is {"rows": [[...], ...]} and nothing else.'
            )
        rows = data["rows"]
        size = len(Impact)
        if not isinstance(rows, list) or len(rows) != size:
            raise ValidationError(
                "priority_matrix", f"A priority matrix has {size} rows, one per impact level."
            )
        cells: dict[tuple[int, int], int] = {}
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(Urgency):
                raise ValidationError(
                    "priority_matrix",
                    f"Row {i} (impact {Impact(i).label}) needs {len(Urgency)} cells, one per "
                    "urgency level.",
                )
            for u, value in enumerate(row, start=1):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValidationError(
                        "priority_matrix",
                        f"Cell impact {Impact(i).label} x urgency {Urgency(u).label} is "
                        f"{value!r}, not a priority number.",
                    )
                cells[(i, u)] = value
        matrix = cls(cells)
        matrix.check_order()
        return matrix

    def to_dict(self) -> dict[str, list[list[int]]]:
        return {"rows": [[self.cells[(int(i), int(u))] for u in Urgency] for i in Impact]}

    def check_order(self) -> None:
        """Refuse a matrix where a more severe input gives a less urgent priority."""
        for (i, u), value in sorted(self.cells.items()):
            for worse in ((i - 1, u), (i, u - 1)):  # level 1 is the most severe
                if worse in self.cells and self.cells[worse] > value:
                    raise ValidationError(
                        "priority_matrix",
                        f"Impact {Impact(worse[0]).label} x urgency {Urgency(worse[1]).label} "
                        f"gives P{self.cells[worse]}, less urgent than P{value} for impact "
                        f"{Impact(i).label} x urgency {Urgency(u).label}: a more severe case "
                        "cannot wait longer.",
                    )

    def priority_for(self, impact: int, urgency: int) -> Priority:
        """Return the priority for the given inputs, validating them."""
        impact_level = coerce_impact(impact)
        urgency_level = coerce_urgency(urgency)
        return Priority(self.cells[(int(impact_level), int(urgency_level))])


MatrixSource = Callable[[], PriorityMatrix]


def matrix_source(matrix: PriorityMatrix | MatrixSource | None) -> MatrixSource:
    """Where an operation reads the matrix in force: a fixed one (the default when None),
    or a callable that reads the current shared setting."""
    if callable(matrix):
        return matrix
    fixed = matrix or PriorityMatrix()
    return lambda: fixed


def coerce_impact(value: int) -> Impact:
    try:
        return Impact(int(value))
    except (ValueError, TypeError):
        raise ValidationError(
            "impact", f"Unknown impact {value!r}; use 1 (extensive) to 4 (minor)."
        ) from None


def coerce_urgency(value: int) -> Urgency:
    try:
        return Urgency(int(value))
    except (ValueError, TypeError):
        raise ValidationError(
            "urgency", f"Unknown urgency {value!r}; use 1 (critical) to 4 (low)."
        ) from None


OVERRIDE_REASON_MAX = 500


def coerce_priority(value: object) -> Priority:
    try:
        return Priority(int(value))  # type: ignore[call-overload]
    except (ValueError, TypeError):
        raise ValidationError(
            "priority", f"Unknown priority {value!r}; use 1 (P1, most urgent) to 4 (P4)."
        ) from None


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
            f"The reason is {len(reason)} characters long; the limit is {OVERRIDE_REASON_MAX}.",
        )
    return reason
