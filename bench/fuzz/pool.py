"""Worker processes for the long fuzzing profile.

Each worker imports the package once, warms it up (the regime, the indexes), then takes
tasks over a pipe: generate the case of a seed, run it in-process, send back the outcome.
The parent kills a worker that overruns its time limit (a hang the in-process timer could not
break, e.g. inside native code) and starts another; a worker whose run was ended by its own
timer restarts itself, since the interrupted run may have left threads behind.
"""

from __future__ import annotations

import multiprocessing as mp
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

Task = tuple[str, str, str, int]  # (kind: run|save, format, command, seed)


def case_of(fmt: str, command: str, seed: int) -> Any:
    from tests.fuzz.draw import RandomDraw
    from tests.fuzz.generate import generate

    stdin = fmt == "stdin"
    return generate(RandomDraw(seed), "jsonl" if stdin else fmt, command, stdin=stdin)


def worker_main(conn: Connection, timeout: float, failures: str, shrink_seconds: float) -> None:
    from tests.fuzz.invariants import run_spec
    from tests.fuzz.reproduce import minimize, save
    from tests.fuzz.runner import warm_up

    workdir = Path(tempfile.mkdtemp(prefix="dualuse-fuzz-"))
    warm_up(workdir / "warm")
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        kind, fmt, command, seed = task[:4]
        began = time.perf_counter()
        try:
            spec = case_of(fmt, command, seed)
            result = run_spec(spec, workdir / "run", timeout)
        except Exception as exc:  # noqa: BLE001 - a fault of the generator, not of the CLI
            conn.send({
                "task": task,
                "exit": "generator",
                "violations": [("generator", f"generator {type(exc).__name__}: {exc}"[:200])],
                "seconds": 0.0,
                "saved": None,
                "restart": False,
            })  # fmt: skip
            continue
        hang = result.outcome.hang
        # after a run ended by the timer or by the memory cap, start afresh: the interrupted
        # run may have left threads or half-built caches behind
        o = result.outcome
        restart = hang or o.exc_type == "MemoryError" or o.code not in (None, 0, 2)
        if kind == "run":
            label = "hang" if hang else "traceback" if result.outcome.exception else None
            conn.send({
                "task": task,
                "exit": label or str(result.outcome.code),
                "violations": [(v.kind, v.signature) for v in result.violations],
                "seconds": result.outcome.seconds,
                "busy": time.perf_counter() - began,
                "restart": restart,
            })  # fmt: skip
        else:
            signature, stem = task[4], task[5]
            small = minimize(result, signature, workdir / "shrink", seconds=shrink_seconds)
            keep = small if signature in small.signatures else result
            path = None
            if signature in keep.signatures:
                origin = f"bench.fuzz.pool.case_of({fmt!r}, {command!r}, {seed})"
                origin += ", shrunk" if keep is small and small is not result else ""
                path = save(keep, signature, Path(failures), stem, origin)
            conn.send({
                "task": task,
                "saved": str(path) if path else None,
                "rows": len(keep.spec.rows),
                "restart": True,
            })  # fmt: skip
        if restart or kind == "save":
            return


@dataclass
class Worker:
    process: Any
    conn: Connection
    task: Task | tuple[Any, ...] | None = None
    started: float = 0.0
    ready: bool = False
    done: int = 0


@dataclass
class Pool:
    """``jobs`` workers; ``submit`` a task to an idle one, ``events`` waits for answers."""

    jobs: int
    timeout: float
    failures: Path
    recycle: int = 5000
    shrink_seconds: float = 30.0
    workers: list[Worker] = field(default_factory=list)
    killed: list[tuple[Any, ...]] = field(default_factory=list)

    def start(self) -> None:
        for _ in range(self.jobs):
            self.workers.append(self._spawn())

    def _spawn(self) -> Worker:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(
            target=worker_main,
            args=(child, self.timeout, str(self.failures), self.shrink_seconds),
            daemon=True,
        )
        proc.start()
        child.close()
        return Worker(proc, parent, started=time.monotonic())

    def idle(self) -> list[Worker]:
        return [w for w in self.workers if w.ready and w.task is None]

    def busy(self) -> int:
        return sum(1 for w in self.workers if w.task is not None)

    def submit(self, worker: Worker, task: tuple[Any, ...]) -> None:
        worker.task = task
        worker.started = time.monotonic()
        worker.conn.send(task)

    def events(self, wait_s: float = 1.0) -> list[dict[str, Any]]:
        """Answers from workers (and a "hang" answer per worker killed for overrunning)."""
        out: list[dict[str, Any]] = []
        ready = wait([w.conn for w in self.workers], timeout=wait_s)
        for w in list(self.workers):
            if w.conn in ready:
                try:
                    msg = w.conn.recv()
                except (EOFError, OSError):
                    self._replace(w, None)
                    continue
                if msg == "ready":
                    w.ready = True
                    continue
                w.task = None
                w.done += 1
                out.append(msg)
                if msg.get("restart") or w.done >= self.recycle:
                    self._replace(w, None)
            elif w.task is not None and time.monotonic() - w.started > self._limit(w.task):
                task = w.task
                self._replace(w, task)
                out.append({
                    "task": task,
                    "exit": "hang",
                    "violations": [("hang", f"hang ({task[1]}; the worker had to be killed)")],
                    "seconds": self._limit(task),
                    "saved": None,
                })  # fmt: skip
        return out

    def _limit(self, task: tuple[Any, ...]) -> float:
        if task[0] == "run":
            return self.timeout + 80  # the in-process limit grows with the rows (up to +35 s)
        return self.shrink_seconds + self.timeout * 4 + 60

    def _replace(self, w: Worker, task: tuple[Any, ...] | None) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(5)
        w.conn.close()
        self.workers.remove(w)
        if task is not None:
            self.killed.append(task)
        self.workers.append(self._spawn())

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for w in self.workers:
            w.process.join(5)
            if w.process.is_alive():
                w.process.kill()
