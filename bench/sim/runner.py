"""One seeded run: set up, random edits interleaved with faulty sync rounds, quiet-down, checks."""

from __future__ import annotations

import atexit
import random
import shutil
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opexdesk.services.sync.api import AuthFailed, SyncError

from .faults import FaultRates, FaultyNetwork, Killed
from .invariants import Violations, check
from .variants import VARIANTS
from .workload import Workload
from .world import (
    SimClient,
    SimServer,
    Templates,
    copy_server,
    make_clients,
    scratch_root,
    sign_in_all,
)

QUIET_ATTEMPTS = 10


@dataclass(frozen=True)
class SimConfig:
    clients: int = 10
    edits: int = 200  # per client
    variant: str = "none"
    faults: bool = True
    request_fault_rate: float = 0.25
    kill_rate: float = 0.004
    # After each edit, some client runs a sync round. Rare enough that clients edit the same
    # tickets between syncs (conflicts), and that a ticket's versions collapse in pulls
    # (pulling dominates the run time).
    sync_chance: float = 0.06


@dataclass
class SeedResult:
    seed: int
    violations: Violations
    faults: Counter[str] = field(default_factory=Counter)
    kills: int = 0
    server_restarts: int = 0
    sync_errors: int = 0
    rounds: int = 0
    pushed: int = 0
    pulled: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.violations.failed or bool(self.errors)


class Simulation:
    def __init__(self, seed: int, config: SimConfig, templates: Templates, root: Path) -> None:
        self.seed = seed
        self.config = config
        self.rng = random.Random(seed)
        self.root = root
        rates = (
            FaultRates(config.request_fault_rate, config.kill_rate)
            if config.faults
            else FaultRates.off()
        )
        self.rates = FaultRates.off()  # off while signing in; switched on for the workload
        self.workload_rates = rates
        self.server = SimServer(copy_server(templates, root))
        self.network = FaultyNetwork(self.rng, self.server, self.rates)
        self.network.on_delay = self._delayed
        self.clients = make_clients(
            root,
            templates,
            self.network,
            self.rates,
            config.clients,
            VARIANTS[config.variant],
        )
        self.workload = Workload(self.rng, root)
        self.v = Violations()
        self.result = SeedResult(seed, self.v)
        self._busy: set[int] = set()

    # ---- steps ---------------------------------------------------------------------------

    def _error(self, where: str) -> None:
        self.result.errors.append(f"seed {self.seed} {where}: {traceback.format_exc(limit=6)}")

    def _killed(self, client: SimClient) -> None:
        self.result.kills += 1
        client.reopen()
        self._check_cursor(client)

    def _check_cursor(self, client: SimClient) -> None:
        cursor = client.cursor()
        if cursor < client.last_cursor:
            self.v.cursor_regressions += 1
            self.v.note(f"client {client.index}: cursor {client.last_cursor} -> {cursor}")
        client.last_cursor = max(client.last_cursor, cursor)

    def sync_round(self, client: SimClient, mode: str | None = None) -> None:
        if client.index in self._busy:
            return
        self._busy.add(client.index)
        self.result.rounds += 1
        client.ticket_ids = None
        if mode is None:
            roll = self.rng.random()
            mode = "sync" if roll < 0.7 else "pull" if roll < 0.85 else "push"
        try:
            client.sign_in()
            if mode == "sync":
                report = client.engine.sync_once()
                self.result.pushed += report.pushed
                self.result.pulled += report.pulled
            elif mode == "pull":
                self.result.pulled += client.engine.pull()[0]
            else:
                self.result.pushed += client.engine.push()[0]
        except AuthFailed:
            self.result.sync_errors += 1
            client.signed_out()
        except SyncError:
            self.result.sync_errors += 1
        except Killed:
            self._killed(client)
        except Exception:
            self._error(f"sync round of client {client.index}")
            client.reopen()
        finally:
            self._busy.discard(client.index)
        self._check_cursor(client)

    def _delayed(self, waiting: int) -> None:
        """While one request is on its way, another client gets a whole round in."""
        others = [c for c in self.clients if c.index != waiting and c.index not in self._busy]
        if others:
            self.sync_round(self.rng.choice(others))

    def edit(self, client: SimClient) -> None:
        try:
            self.workload.act(client)
        except Killed:
            self._killed(client)
        except Exception:
            self._error(f"edit on client {client.index}")
            client.reopen()
        client.record_new_mutations()

    # ---- the run -------------------------------------------------------------------------

    def run(self) -> SeedResult:
        started = time.perf_counter()
        try:
            sign_in_all(self.clients)
            self._set_rates(self.workload_rates)
            order = [c for c in self.clients for _ in range(self.config.edits)]
            self.rng.shuffle(order)
            for client in order:
                self.edit(client)
                if self.rng.random() < self.config.sync_chance:
                    self.sync_round(self.rng.choice(self.clients))
            self.quiet_down()
            check(self.server, self.clients, self.v)
        except Exception:
            self._error("run")
        finally:
            self._finish()
        self.result.seconds = time.perf_counter() - started
        return self.result

    def _set_rates(self, rates: FaultRates) -> None:
        # One shared object: the transports and the databases read it on every use.
        self.rates.request = rates.request
        self.rates.kill = rates.kill

    def quiet_down(self) -> None:
        """Faults off, a clean server restart, everyone syncs until nothing is pending, then
        once more (so everyone sees everyone's last changes)."""
        self._set_rates(FaultRates.off())
        self.server.restart()
        for client in self.clients:
            for _ in range(QUIET_ATTEMPTS):
                self.sync_round(client, "sync")
                if client.pending() == 0:
                    break
            else:
                self.v.stuck_outboxes += 1
                self.v.note(f"client {client.index}: outbox still pending after quiet-down")
        for client in self.clients:
            self.sync_round(client, "sync")

    def _finish(self) -> None:
        self.result.faults = self.network.counts
        self.result.server_restarts = self.server.restarts
        self.result.actions = self.workload.done
        self.result.refused = self.workload.refused
        for client in self.clients:
            client.close()
        self.server.stop()


_TEMPLATES: dict[str, Templates] = {}


def _templates() -> Templates:
    if "t" not in _TEMPLATES:
        root = scratch_root()
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _TEMPLATES["t"] = Templates(root)
    return _TEMPLATES["t"]


def run_seed(seed: int, config: SimConfig) -> SeedResult:
    """Run one seed in a scratch directory (removed afterwards)."""
    root = scratch_root()
    try:
        return Simulation(seed, config, _templates(), root).run()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _run_one(args: tuple[int, SimConfig]) -> SeedResult:
    return run_seed(*args)


def run_seeds(
    seeds: Iterable[int],
    config: SimConfig,
    jobs: int = 1,
    progress: Callable[[SeedResult], None] | None = None,
) -> list[SeedResult]:
    """Every seed, in ``jobs`` worker processes (each seed is independent and seeded).
    ``progress`` is told of each seed as it finishes (long runs take hours)."""
    work = [(seed, config) for seed in seeds]
    report = progress or (lambda _r: None)
    results: list[SeedResult] = []
    if jobs <= 1 or len(work) <= 1:
        for w in work:
            results.append(_run_one(w))
            report(results[-1])
        return results
    # Made here, so forked workers share it (they exit without running atexit handlers).
    _templates()
    with ProcessPoolExecutor(min(jobs, len(work))) as pool:
        for result in pool.map(_run_one, work):
            results.append(result)
            report(result)
    return results


def summary(results: list[SeedResult], config: SimConfig, seconds: float) -> dict[str, Any]:
    """The one JSON object the CLI prints."""
    faults: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    fields: Counter[str] = Counter()
    details: list[str] = []
    errors: list[str] = []
    totals: Counter[str] = Counter()
    for r in results:
        faults.update(r.faults)
        actions.update(r.actions)
        fields.update(r.violations.diverged_fields)
        v = r.violations
        for name in (
            "lost",
            "duplicated",
            "diverged",
            "conflicts",
            "rejected",
            "cursor_regressions",
            "invisible_conflicts",
            "stuck_outboxes",
        ):
            totals[name] += getattr(v, name)
        totals["kills"] += r.kills
        totals["server_restarts"] += r.server_restarts
        totals["sync_errors"] += r.sync_errors
        totals["rounds"] += r.rounds
        totals["pushed"] += r.pushed
        totals["pulled"] += r.pulled
        totals["refused"] += r.refused
        if r.failed and len(details) < 10:
            details.extend(f"seed {r.seed}: {d}" for d in v.details[:3])
        errors.extend(r.errors[:1])
    requests = faults.pop("requests", 0)
    return {
        "seeds": len(results),
        "clients": config.clients,
        "edits": config.edits,
        "variant": config.variant,
        "faults_on": config.faults,
        **{k: totals[k] for k in ("lost", "duplicated", "diverged", "conflicts")},
        "rejected": totals["rejected"],
        "cursor_regressions": totals["cursor_regressions"],
        "invisible_conflicts": totals["invisible_conflicts"],
        "stuck_outboxes": totals["stuck_outboxes"],
        "errors": sum(len(r.errors) for r in results),
        "failed_seeds": [r.seed for r in results if r.failed],
        "requests": requests,
        "faults": dict(sorted(faults.items())),
        "client_kills": totals["kills"],
        "server_restarts": totals["server_restarts"],
        "sync_rounds": totals["rounds"],
        "sync_errors": totals["sync_errors"],
        "pushed": totals["pushed"],
        "pulled": totals["pulled"],
        "actions": dict(sorted(actions.items())),
        "refused_by_workflow": totals["refused"],
        "diverged_fields": dict(fields.most_common(10)),
        "examples": details[:10],
        "first_errors": [e[-1500:] for e in errors[:3]],
        "seconds": round(seconds, 2),
        "seconds_per_seed": round(seconds / max(1, len(results)), 3),
    }
