"""Worker processes for the long fuzzing profile.

Each worker imports the package once, warms it up (the regime, the indexes), then takes
tasks over a pipe: generate the case of a seed, run it in-process, send back the outcome.
The parent kills a worker that overruns its time limit (a hang the in-process timer could not
break, e.g. inside native code) and starts another; a worker whose run was ended by its own
timer restarts itself, since the interrupted run may have left threads behind.

The worker says when the case is drawn and written, and the hang limit counts from then: a
case of a thousand columns can take the harness longer to draw than the command takes to
reject it, and a slow generator is not a hang of the product. Drawing has a limit of its own
(``DRAW_LIMIT``); overrunning it is a failure of kind "generator", kept apart from the
product's in the report.
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

#: seconds the harness may take to draw and write one case before its worker is killed
DRAW_LIMIT = 600.0
#: what a worker sends when its case is written and the command starts
RUNNING = "running"


def case_of(fmt: str, command: str, seed: int) -> Any:
    from tests.fuzz.draw import RandomDraw
    from tests.fuzz.generate import generate

    stdin = fmt == "stdin"
    return generate(RandomDraw(seed), "jsonl" if stdin else fmt, command, stdin=stdin)


def worker_main(conn: Connection, timeout: float, failures: str, shrink_seconds: float) -> None:
    from tests.fuzz.invariants import prepare, run_prepared
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
            case = prepare(case_of(fmt, command, seed), workdir / "run")
            conn.send(RUNNING)
            result = run_prepared(case, timeout)
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
    started: float = 0.0  # when the task was sent, then when its command started
    running: bool = False  # the case is written and its command runs
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
        worker.running = False
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
                if msg == RUNNING:
                    w.running, w.started = True, time.monotonic()
                    continue
                w.task = None
                w.done += 1
                out.append(msg)
                if msg.get("restart") or w.done >= self.recycle:
                    self._replace(w, None)
            elif w.task is not None and time.monotonic() - w.started > self._limit(w):
                task, running, limit = w.task, w.running, self._limit(w)
                self._replace(w, task)
                out.append(_killed(task, running, limit))
        return out

    def _limit(self, w: Worker) -> float:
        task = w.task or ()
        if not w.running:
            return DRAW_LIMIT
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


def _killed(task: tuple[Any, ...], running: bool, limit: float) -> dict[str, Any]:
    """The answer for a worker killed over its limit: a hang if its command was running, a
    fault of the harness if the case was still being drawn."""
    if running:
        kind, exit_, sig = "hang", "hang", f"hang ({task[1]}; the worker had to be killed)"
    else:
        kind, exit_ = "generator", "generator"
        sig = f"generator: drawing and writing a {task[1]} case took over {limit:.0f} s"
    return {
        "task": task,
        "exit": exit_,
        "violations": [(kind, sig)],
        "seconds": limit,
        "saved": None,
    }
