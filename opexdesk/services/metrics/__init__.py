"""Operations metrics (docs/metrics.md): per-ticket facts replayed from the event history,
window aggregates updated one ticket at a time, and the KPI read-outs."""

from opexdesk.services.metrics.facts import TicketFacts, ticket_facts
from opexdesk.services.metrics.service import (
    KpiStrip,
    MetricsService,
    apply_all,
    kpi_strip,
    strip_of,
)
from opexdesk.services.metrics.snapshot import AGE_BUCKETS, MetricsSnapshot, read_out
from opexdesk.services.metrics.state import MetricsState
from opexdesk.services.metrics.window import (
    Filters,
    Granularity,
    Preset,
    Window,
    custom_window,
    preset_window,
    today_window,
)

__all__ = [
    "AGE_BUCKETS",
    "Filters",
    "Granularity",
    "KpiStrip",
    "MetricsService",
    "MetricsSnapshot",
    "MetricsState",
    "Preset",
    "TicketFacts",
    "Window",
    "apply_all",
    "custom_window",
    "kpi_strip",
    "preset_window",
    "read_out",
    "strip_of",
    "ticket_facts",
    "today_window",
]
