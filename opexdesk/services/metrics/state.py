"""The dashboard's aggregate state: per-ticket facts plus the sums and sorted lists built
from them, updated one ticket at a time.

``apply(ticket_id, facts)`` takes the ticket's previous contribution out and puts the new one
in, so after any sequence of changes the state equals one built from scratch over the same
facts (tests/unit/test_metrics_incremental.py checks that with hypothesis). Only tickets that
contribute to the window are kept: created, answered, resolved or breaching in it, or open.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from opexdesk.services.metrics.facts import TicketFacts
from opexdesk.services.metrics.window import Filters, Window


class SortedValues:
    """A sorted multiset with O(log n) search (order statistics and range counts)."""

    __slots__ = ("values", "bulk")

    def __init__(self) -> None:
        self.values: list[float] = []
        self.bulk = False  # while loading: append now, sort once at the end

    def add(self, value: float) -> None:
        if self.bulk:
            self.values.append(value)
        else:
            bisect.insort(self.values, value)

    def remove(self, value: float) -> None:
        i = bisect.bisect_left(self.values, value)
        if i < len(self.values) and self.values[i] == value:
            del self.values[i]
        else:  # a bookkeeping bug must show up in tests, not skew a chart quietly
            raise KeyError(value)

    def count_between(self, low: float, high: float) -> int:
        """How many values v satisfy low <= v < high."""
        return bisect.bisect_left(self.values, high) - bisect.bisect_left(self.values, low)

    def count_below(self, high: float) -> int:
        return bisect.bisect_left(self.values, high)

    def __len__(self) -> int:
        return len(self.values)


class MetricsState:
    """Aggregates of one window and filter set (not thread-safe: one owner applies)."""

    def __init__(self, window: Window, filters: Filters, as_of: datetime) -> None:
        self.window = window
        self.filters = filters
        self.as_of = as_of  # when the full build read the database
        self.facts: dict[str, TicketFacts] = {}
        self.inflow: Counter[tuple[int, int]] = Counter()  # (bucket, priority) -> opened
        self.outflow: Counter[int] = Counter()  # bucket -> resolved
        self.open_created: dict[int, SortedValues] = {}  # priority -> creation instants
        self.open_breach = SortedValues()  # first breach instant of open tickets
        self.open_load: Counter[tuple[str, int]] = Counter()  # (assignee, priority) -> open
        self.resolved_by: Counter[str] = Counter()  # assignee -> resolved in window
        self.response_times = SortedValues()  # business s, answered in window
        self.resolve_times = SortedValues()  # business s, resolved in window
        self.response_breaches = SortedValues()  # breach instants (window's tickets)
        self.resolution_breaches = SortedValues()
        self.counts: Counter[str] = Counter()

    # ---- building ----------------------------------------------------------------------

    def load(self, facts: Iterable[TicketFacts]) -> None:
        """Add many tickets (the full build): sorted lists are sorted once at the end."""
        lists = self._sorted_lists
        for values in lists():
            values.bulk = True
        try:
            for f in facts:
                self.apply(f.ticket_id, f)
        finally:
            for values in lists():
                values.bulk = False
                values.values.sort()

    def _sorted_lists(self) -> list[SortedValues]:
        for p in range(1, 6):  # every priority level, so loading never adds a new list
            self.open_created.setdefault(p, SortedValues())
        return [
            *self.open_created.values(),
            self.open_breach,
            self.response_times,
            self.resolve_times,
            self.response_breaches,
            self.resolution_breaches,
        ]

    def covers(self, window: Window) -> bool:
        """True when every ticket ``window`` needs (under any filters) is among this state's
        facts: this state is unfiltered and its window starts no later and ends no
        earlier. A filter change, or a window inside this one, then needs no query."""
        if self.filters != Filters() or window.start_us < self.window.start_us:
            return False
        mine, theirs = self.window.end_us, window.end_us
        return mine is None or (theirs is not None and theirs <= mine)

    def narrowed(self, window: Window, filters: Filters) -> MetricsState:
        """A new state for ``window`` and ``filters`` from this state's facts (see
        :meth:`covers`); it equals a full build over the same facts."""
        state = MetricsState(window, filters, self.as_of)
        state.load(self.facts.values())
        return state

    def apply(self, ticket_id: str, facts: TicketFacts | None) -> bool:
        """Replace one ticket's contribution (``facts`` None: the ticket is gone or no longer
        matches). Returns True when the state changed."""
        if facts is not None and not self._relevant(facts):
            facts = None
        old = self.facts.get(ticket_id)
        if old == facts:
            return False
        if old is not None:
            self._contribute(old, -1)
            del self.facts[ticket_id]
        if facts is not None:
            self._contribute(facts, +1)
            self.facts[ticket_id] = facts
        return True

    def _relevant(self, f: TicketFacts) -> bool:
        if not self.filters.matches(f):
            return False
        w = self.window
        return (
            f.is_open
            or w.contains(f.created_us)
            or w.contains(f.resolved_us)
            or w.contains(f.responded_us)
            or w.contains(f.response_breach_us)
            or w.contains(f.resolution_breach_us)
        )

    def _contribute(self, f: TicketFacts, sign: int) -> None:
        w, counts = self.window, self.counts
        put = _adder(sign)
        if w.contains(f.created_us):
            _bump(self.inflow, (w.bucket_of(f.created_us), f.priority), sign)
            _bump(counts, "opened", sign)
        if f.is_open:
            put(self.open_created.setdefault(f.priority, SortedValues()), f.created_us)
            _bump(self.open_load, (f.assignee or "", f.priority), sign)
            _bump(counts, "open", sign)
            if f.first_breach_us is not None:
                put(self.open_breach, f.first_breach_us)
        if f.responded_us is not None and f.response_s is not None and w.contains(f.responded_us):
            put(self.response_times, f.response_s)
            _bump(counts, "answered", sign)
            _bump(counts, "answered_in_time", sign * f.response_met)
        if f.resolved_us is not None and w.contains(f.resolved_us):
            _bump(self.outflow, w.bucket_of(f.resolved_us), sign)
            _bump(self.resolved_by, f.assignee or "", sign)
            _bump(counts, "resolved", sign)
            _bump(counts, "reopened", sign * (f.reopens > 0))
            _bump(counts, "first_contact", sign * f.first_contact)
            if f.resolve_s is not None:
                put(self.resolve_times, f.resolve_s)
                _bump(counts, "resolved_timed", sign)
                _bump(counts, "resolved_in_time", sign * f.resolution_met)
        if w.contains(f.response_breach_us):
            put(self.response_breaches, f.response_breach_us)
        if w.contains(f.resolution_breach_us):
            put(self.resolution_breaches, f.resolution_breach_us)

    def signature(self) -> tuple[object, ...]:
        """Everything the read-outs depend on (for comparing two states in tests)."""
        return (
            dict(self.inflow),
            dict(self.outflow),
            {p: list(v.values) for p, v in self.open_created.items() if len(v)},
            list(self.open_breach.values),
            dict(self.open_load),
            dict(self.resolved_by),
            list(self.response_times.values),
            list(self.resolve_times.values),
            list(self.response_breaches.values),
            list(self.resolution_breaches.values),
            dict(self.counts),
            dict(self.facts),
        )


def _adder(sign: int) -> Callable[[SortedValues, float | None], None]:
    def put(values: SortedValues, value: float | None) -> None:
        if value is None:
            return
        if sign > 0:
            values.add(value)
        else:
            values.remove(value)

    return put


def _bump(counter: Counter[Any], key: Any, delta: int) -> None:
    """Add ``delta``; a count that reaches zero is removed, so equal states compare equal."""
    if delta:
        value = counter[key] + delta
        if value:
            counter[key] = value
        else:
            del counter[key]
