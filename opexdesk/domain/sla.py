"""Service-level targets per priority (calendar time for now; business hours come later)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from opexdesk.domain.enums import Priority


@dataclass(frozen=True)
class SlaTarget:
    response: timedelta
    resolution: timedelta


DEFAULT_TARGETS: dict[Priority, SlaTarget] = {
    Priority.P1: SlaTarget(timedelta(minutes=15), timedelta(hours=4)),
    Priority.P2: SlaTarget(timedelta(hours=1), timedelta(hours=8)),
    Priority.P3: SlaTarget(timedelta(hours=4), timedelta(days=3)),
    Priority.P4: SlaTarget(timedelta(hours=8), timedelta(days=10)),
}


def due_times(priority: Priority, opened_at: datetime) -> tuple[datetime, datetime]:
    """Return (response due, resolution due) for a ticket opened at ``opened_at``."""
    target = DEFAULT_TARGETS[priority]
    return opened_at + target.response, opened_at + target.resolution
