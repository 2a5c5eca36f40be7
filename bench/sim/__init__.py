"""Seeded fault-injection simulation of the sync: real server app, real client databases and
engines; only the network and process deaths are simulated (see bench/README.md)."""

from .runner import SeedResult, SimConfig, run_seed, run_seeds, summary
from .variants import BROKEN, VARIANTS

__all__ = ["BROKEN", "VARIANTS", "SeedResult", "SimConfig", "run_seed", "run_seeds", "summary"]
