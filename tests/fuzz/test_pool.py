"""The long profile's pool tells a hang of the product from a slow harness: the hang limit
counts from the moment the worker says its case is written, and a worker killed while still
drawing its case is reported as a fault of the generator, not as a hang."""

from __future__ import annotations

import multiprocessing as mp
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.fuzz.pool import DRAW_LIMIT, RUNNING, Pool, Worker


@dataclass
class StillProcess:
    """Stands in for a worker process that never answers (its pipe end is held by the test)."""

    alive: bool = True

    def is_alive(self) -> bool:
        return self.alive

    def kill(self) -> None:
        self.alive = False

    def join(self, timeout: float | None = None) -> None:
        return None


class QuietPool(Pool):
    """A pool whose workers are pipes the test writes to, so no process is started."""

    ends: list[Any]

    def _spawn(self) -> Worker:
        parent, child = mp.Pipe()
        self.ends = [*getattr(self, "ends", []), child]
        return Worker(StillProcess(), parent, ready=True)


def _pool(tmp_path: Path) -> tuple[QuietPool, Worker]:
    pool = QuietPool(jobs=1, timeout=20.0, failures=tmp_path)
    pool.start()
    worker = pool.workers[0]
    pool.submit(worker, ("run", "parquet", "screen", 7))
    return pool, worker


def test_a_case_still_being_drawn_is_not_killed_at_the_hang_limit(tmp_path: Path) -> None:
    pool, worker = _pool(tmp_path)
    worker.started -= pool.timeout + 81  # past the hang limit of a running command
    assert pool.events(0.01) == []
    assert pool.workers == [worker]


def test_the_hang_limit_counts_from_the_start_of_the_command(tmp_path: Path) -> None:
    pool, worker = _pool(tmp_path)
    worker.started -= DRAW_LIMIT - 5  # drawing took long, but within its own limit
    pool.ends[0].send(RUNNING)
    assert pool.events(0.5) == []
    assert worker.running and pool.workers == [worker]
    worker.started -= pool.timeout + 81
    (answer,) = pool.events(0.01)
    assert answer["exit"] == "hang"
    assert answer["violations"] == [("hang", "hang (parquet; the worker had to be killed)")]
    assert worker not in pool.workers


def test_a_worker_killed_while_drawing_is_a_fault_of_the_generator(tmp_path: Path) -> None:
    pool, worker = _pool(tmp_path)
    worker.started -= DRAW_LIMIT + 1
    (answer,) = pool.events(0.01)
    assert answer["exit"] == "generator"
    ((kind, signature),) = answer["violations"]
    assert kind == "generator" and "parquet case took over 600 s" in signature
    assert pool.killed == [("run", "parquet", "screen", 7)]
