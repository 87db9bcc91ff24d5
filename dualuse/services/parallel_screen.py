"""Screen many new names at once on every core, in forked workers that share the index.

A batch that meets hundreds of names not screened before (a customer master, years of
shipments to new customers) spends most of its time screening them, one after another, on
one core. Forked workers inherit the screener with its index already built (the pages are
shared until written), screen a share of the names each, and return the hits; the runner
keeps them in its cache as if it had screened them itself. The hits are the same: the same
screener, the same data, the same inputs.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Sequence
from typing import Any

from dualuse.engine.ports import PartyHit, PartyScreener
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot

#: fewer new names than this are screened in the runner's own process: a fork costs the
#: parent page copies afterwards (its memory is shared copy-on-write with the workers), which
#: a few hundred names do not pay back
MIN_NAMES = 1024
Job = tuple[str, str, Any]  # name, country, day

_WORK: tuple[PartyScreener, Regime] | None = None  # set before the fork, read in workers


def screen_jobs() -> int:
    """Worker processes for screening (``DUALUSE_SCREEN_JOBS``; default: the CPUs)."""
    text = os.environ.get("DUALUSE_SCREEN_JOBS", "")
    if text.isdigit() and int(text) >= 1:
        return int(text)
    return os.cpu_count() or 1


def _screen(jobs: Sequence[Job]) -> list[list[PartyHit]]:
    assert _WORK is not None
    screener, regime = _WORK
    return [screener.screen(name, snapshot(regime, day), country) for name, country, day in jobs]


def screen_many(
    screener: PartyScreener, regime: Regime, jobs: Sequence[Job], workers: int
) -> list[list[PartyHit]] | None:
    """The hits of every job, screened by ``workers`` forked processes; None when that is not
    worth it or not possible here (few jobs, one worker, no fork)."""
    global _WORK
    names = len({name for name, _, _ in jobs})
    if workers < 2 or names < MIN_NAMES or "fork" not in mp.get_all_start_methods():
        return None
    size = -(-len(jobs) // (workers * 4))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    _WORK = (screener, regime)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_screen, chunks)
    finally:
        _WORK = None
    return [hits for part in parts for hits in part]


__all__ = ["MIN_NAMES", "screen_jobs", "screen_many"]
