"""SLA clock: replaying synthetic ticket histories, against two naive references.

    python bench/sla_clock.py [--histories 100000] [--sample 100] [--seed 1]

Ours is ``compute_clock`` (opexdesk.domain.sla_clock) on ``--histories`` seeded random
histories (open, status moves with pending/resolved/reopen, first response, priority changes)
under two policies: the default 24x7 one and an office calendar (Europe/Berlin, 09-12 and
13-17 on weekdays, holidays; the histories cross both 2026 DST changes).

References, same data, same run:
- ``calendar_subtraction``: resolution elapsed as plain wall-clock subtraction minus paused
  wall time (what a client without business hours would do; fast but wrong off 24x7);
- ``minute_stepping``: walk every minute from the opening to ``now`` and count the minutes that
  are in working hours and in a running status (obviously right, slow), on ``--sample``
  histories; ``mismatches`` counts histories where it disagrees with ours (must be 0).
Also the time of ``add_business_seconds`` for a 240 h (10 x 24 h) P4 target on the office
calendar, with fresh caches (cold) and reused ones (warm). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from opexdesk.domain.enums import Priority, Status  # noqa: E402
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy  # noqa: E402
from opexdesk.domain.sla_clock import SlaEvent, compute_clock  # noqa: E402

OFFICE = {
    "name": "Berlin office",
    "calendar": {
        "time_zone": "Europe/Berlin",
        "hours": {d: ["09:00-12:00", "13:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": ["2026-04-03", "2026-04-06", "2026-05-01", "2026-10-03", "2026-12-25"],
    },
    "targets": {
        "P1": {"response": "15m", "resolution": "4h"},
        "P2": {"response": "1h", "resolution": "8h"},
        "P3": {"response": "4h", "resolution": "72h"},
        "P4": {"response": "8h", "resolution": "240h"},
    },
}
MOVES = [Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING, Status.RESOLVED, Status.IN_PROGRESS]
BASE = datetime(2026, 1, 5, tzinfo=UTC)
T = TypeVar("T")


def make_history(rng: random.Random) -> tuple[list[SlaEvent], datetime]:
    """One random history on whole minutes, and the ``now`` to evaluate it at."""
    opened = BASE + timedelta(minutes=rng.randrange(0, 340 * 24 * 60))
    events = [SlaEvent.opened(opened, Priority(rng.randint(1, 4)), seq=0)]
    t = opened
    for seq in range(1, rng.randint(0, 8) + 1):
        t += timedelta(minutes=rng.randrange(1, 36 * 60))
        roll = rng.random()
        if roll < 0.65:
            events.append(SlaEvent.status_changed(t, rng.choice(MOVES), seq))
        elif roll < 0.85:
            events.append(SlaEvent.responded(t, seq))
        else:
            events.append(SlaEvent.priority_changed(t, Priority(rng.randint(1, 4)), seq))
    now = t + timedelta(minutes=rng.randrange(0, 48 * 60))
    return events, now


def stopped(status: Status, policy: SlaPolicy) -> bool:
    return status in policy.pausing_statuses or not status.is_open


def calendar_subtraction(events: list[SlaEvent], now: datetime, policy: SlaPolicy) -> float:
    """Resolution elapsed as wall-clock seconds (ignores the business calendar)."""
    status, since, total = Status.NEW, events[0].at, 0.0
    for event in [*events[1:], SlaEvent.status_changed(now, Status.NEW, 10**9)]:
        if event.status is None:
            continue
        if not stopped(status, policy):
            total += (min(event.at, now) - since).total_seconds()
        status, since = event.status, min(event.at, now)
    return total


def minute_stepping(events: list[SlaEvent], now: datetime, policy: SlaPolicy) -> float:
    """Resolution elapsed by walking minute by minute (the obviously right reference)."""
    cal = policy.calendar
    holidays = {
        h.start + timedelta(days=k) for h in cal.holidays for k in range((h.end - h.start).days + 1)
    }
    changes = sorted((e.at, e.seq, e.status) for e in events[1:] if e.status is not None)
    status, i, total, t = Status.NEW, 0, 0.0, events[0].at
    while t < now:
        while i < len(changes) and changes[i][0] <= t:
            status = changes[i][2] or status
            i += 1
        local = t.astimezone(cal.zone)
        sec = local.hour * 3600 + local.minute * 60
        working = local.date() not in holidays and any(
            s <= sec < e for s, e in cal.week[local.weekday()]
        )
        if working and not stopped(status, policy):
            total += 60
        t += timedelta(minutes=1)
    return total


def timed(fn: Callable[..., T], items: Iterable[tuple[Any, ...]]) -> tuple[float, list[T]]:
    """Seconds to call ``fn`` on every item, and the results."""
    start = time.perf_counter()
    out = [fn(*item) for item in items]
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    histories = [make_history(rng) for _ in range(args.histories)]
    office = SlaPolicy.from_dict(OFFICE)
    result: dict[str, object] = {"histories": args.histories, "seed": args.seed}
    for label, policy in (("default_24x7", DEFAULT_POLICY), ("office_berlin", office)):
        ours_s, clocks = timed(lambda e, n, p=policy: compute_clock(e, n, p), histories)
        ref_s, _ = timed(lambda e, n, p=policy: calendar_subtraction(e, n, p), histories)
        sample = histories[: args.sample]
        step_s, stepped = timed(lambda e, n, p=policy: minute_stepping(e, n, p), sample)
        mismatches = sum(
            c.resolution.elapsed_seconds != s for c, s in zip(clocks, stepped, strict=False)
        )
        result[label] = {
            "ours_total_s": round(ours_s, 3),
            "ours_us_per_history": round(ours_s / len(histories) * 1e6, 1),
            "calendar_subtraction_us_per_history": round(ref_s / len(histories) * 1e6, 1),
            "minute_stepping_us_per_history": round(step_s / len(sample) * 1e6, 1),
            "minute_stepping_sample": len(sample),
            "mismatches_vs_minute_stepping": mismatches,
            "breached_resolution_share": round(
                sum(c.resolution.breached for c in clocks) / len(clocks), 3
            ),
        }
    starts = [h[0][0].at for h in histories[:2000]]
    cold_s = 0.0
    for start in starts[:200]:  # a fresh calendar each time: empty caches
        cal = SlaPolicy.from_dict(OFFICE).calendar
        t0 = time.perf_counter()
        cal.add_business_seconds(start, 240 * 3600)
        cold_s += time.perf_counter() - t0
    cal = office.calendar
    warm_s, _ = timed(lambda s: cal.add_business_seconds(s, 240 * 3600), [(s,) for s in starts])
    result["add_240h_office_us"] = {
        "cold": round(cold_s / 200 * 1e6, 1),
        "warm": round(warm_s / len(starts) * 1e6, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
