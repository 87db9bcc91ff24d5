"""The long fuzzing profile: many generated files per format and command, run in-process in a
pool of worker processes, against the invariants of ``tests/fuzz/invariants.py``.

    python -m bench.fuzz_bench [--files 100000] [--jobs N] [--seconds S] [--write]
    python -m bench.fuzz_bench --state bench/fuzz/state.json [--resume] ...

With ``--state`` the counts so far are saved to that file every minute and at the end
(atomically); ``--resume`` goes on from it: the same seeds are never run twice, and the table
counts every run of the profile. A profile of 2.5 million files takes many hours, so it is
meant to be run in parts.

Formats: CSV, JSON Lines (a file, and ``-`` on stdin), Parquet and Excel; commands: check,
screen, match, classify, exposure. Per format and command it counts the files run, the
tracebacks, the hangs (a run over ``--timeout`` seconds), the exit codes, the files whose
well-formed rows' ids did not all come back once and in order, and any other broken invariant.
The first ``--keep`` cases of each distinct failure are made small and saved under
``bench/fuzz/failures/`` (the input file and a ``.txt`` saying how to run it and what broke).
``--write`` puts the table into the ``fuzzing`` section of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: python bench/fuzz_bench.py
    sys.path.insert(0, str(ROOT))

from bench.fuzz.pool import Pool  # noqa: E402
from bench.results import update_section  # noqa: E402

FORMATS = ("csv", "jsonl", "stdin", "parquet", "xlsx")
COMMANDS = ("check", "screen", "match", "classify", "exposure")
FAILURES = Path(__file__).with_name("fuzz") / "failures"


@dataclass
class Cell:
    """The counts of one format and command."""

    files: int = 0
    tracebacks: int = 0
    hangs: int = 0
    memory: int = 0
    ids: int = 0
    other: int = 0
    exits: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0  # in the command
    busy: float = 0.0  # in the worker: generating, running and checking


@dataclass
class Failure:
    """One distinct failure (signature) and where it was seen."""

    kind: str
    files: int = 0
    combos: set[tuple[str, str]] = field(default_factory=set)
    saved: list[str] = field(default_factory=list)
    queued: int = 0
    seeds: list[int] = field(default_factory=list)  # the first seeds it was seen on
    unreproduced: int = 0  # saves whose re-run did not fail the same way


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--files", type=int, default=100_000, help="files per format and command")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    p.add_argument("--formats", default=",".join(FORMATS))
    p.add_argument("--commands", default=",".join(COMMANDS))
    p.add_argument("--seed", type=int, default=1, help="first seed (runs are reproducible)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds before a run is a hang")
    p.add_argument("--keep", type=int, default=2, help="reproductions saved per failure")
    p.add_argument("--failures", default=str(FAILURES), help="where reproductions are saved")
    p.add_argument("--shrink-seconds", type=float, default=120.0, help="time to shrink one")
    p.add_argument("--seconds", type=float, default=None, help="stop starting files after S s")
    p.add_argument("--write", action="store_true", help="write bench/RESULTS.md's section")
    p.add_argument("--state", default=None, help="save the counts to this file as it goes")
    p.add_argument("--resume", action="store_true", help="go on from --state's counts")
    args = p.parse_args(argv)
    combos = [(f, c) for f in args.formats.split(",") for c in args.commands.split(",")]
    failures_dir = Path(args.failures)
    state = Path(args.state) if args.state else None
    if args.resume and (state is None or not state.exists()):
        p.error("--resume needs the --state file of an earlier run")
    if args.keep > 0 and failures_dir.exists() and not args.resume:
        shutil.rmtree(failures_dir)  # the reproductions of the last run go
    failures_dir.mkdir(parents=True, exist_ok=True)
    cells: dict[tuple[str, str], Cell] = {k: Cell() for k in combos}
    failures: dict[str, Failure] = {}
    progress = Progress()
    if args.resume and state is not None:
        progress = _load_state(state, args, cells, failures)
    pool = Pool(args.jobs, args.timeout, failures_dir, shrink_seconds=args.shrink_seconds)
    pool.start()
    t0 = time.monotonic()
    while len(pool.idle()) < args.jobs:  # warm-up: imports, the regime, the indexes
        pool.events(0.5)
    started = time.monotonic()
    print(f"{args.jobs} worker(s) ready in {started - t0:.1f} s", file=sys.stderr)
    tasks = _tasks(args.files, combos, args.seed, progress)
    saves: list[tuple[Any, ...]] = []
    runs = 0
    queued = sum(f.queued for f in failures.values())
    last_note = last_save = started
    out_of_time = args.seconds is not None and args.seconds <= 0  # --seconds 0: only report
    pending_runs = True
    while pending_runs or saves or pool.busy():
        for w in pool.idle():
            if saves:
                pool.submit(w, saves.pop(0))
                continue
            if out_of_time or not pending_runs:
                break
            task = next(tasks, None)
            if task is None:
                pending_runs = False
                break
            pool.submit(w, task)
        for msg in pool.events(0.5):
            task = msg["task"]
            if task[0] == "save":
                if msg.get("saved"):
                    failures[task[4]].saved.append(msg["saved"])
                else:  # the re-run did not fail so (a hang of a starved worker, say)
                    failures[task[4]].unreproduced += 1
                continue
            runs += 1
            _count(cells[(task[1], task[2])], failures, msg)
            progress.finished(task[3] - args.seed * SEED_STRIDE)
            for kind, sig in msg["violations"]:
                f = failures[sig]
                if f.queued < args.keep and kind != "generator":
                    f.queued += 1
                    queued += 1
                    stem = f"{queued:03d}-{task[1]}-{task[2]}-{_slug(sig)}"
                    saves.append(("save", task[1], task[2], task[3], sig, stem))
        now = time.monotonic()
        if args.seconds is not None and now - started > args.seconds:
            out_of_time = True
        if now - last_note > 15:
            last_note = now
            rate = runs / (now - started)
            print(f"{runs:,} files, {rate:.1f} files/s, {len(failures)} distinct failure(s)",
                  file=sys.stderr)  # fmt: skip
        if state is not None and now - last_save > 60:
            last_save = now
            _save_state(state, args, cells, failures, progress, now - started, runs > 0)
        if out_of_time and not pool.busy() and not saves:
            break
    elapsed = time.monotonic() - started
    pool.close()
    if state is not None:
        _save_state(state, args, cells, failures, progress, elapsed, runs > 0)
    part_runs, runs = runs, sum(c.files for c in cells.values())
    elapsed += progress.elapsed_before
    busy = sum(c.busy for c in cells.values())
    rate = runs * args.jobs / busy if busy else 0.0
    ran = part_runs > 0  # a part that ran nothing (only --write) is not a part
    commits = tuple(dict.fromkeys([*progress.commits, *([_commit()] if ran else [])]))
    parts = progress.parts + ran
    report = _markdown(cells, failures, args, runs, elapsed, rate, parts, commits)
    print(report)
    if args.write:
        update_section("fuzzing", report)
    return 0


SEED_STRIDE = 1_000_000_007  # the seeds of one --seed are seed * SEED_STRIDE + task number


@dataclass
class Progress:
    """Which task numbers are done: all below ``below``, and those in ``above``. Tasks finish
    out of order in the pool, so the numbers past the first gap are kept one by one."""

    below: int = 0
    above: set[int] = field(default_factory=set)
    elapsed_before: float = 0.0  # wall-clock seconds of the earlier parts
    parts: int = 0  # earlier parts of the profile (runs ended and resumed)
    commits: list[str] = field(default_factory=list)  # the code each earlier part ran

    def finished(self, k: int) -> None:
        self.above.add(k)
        while self.below in self.above:
            self.above.discard(self.below)
            self.below += 1

    def done(self, k: int) -> bool:
        return k < self.below or k in self.above


def _tasks(files: int, combos: list[tuple[str, str]], seed: int, progress: Progress) -> Any:
    """Interleaved over the formats and commands, so a run cut short covers them all; tasks
    an earlier part of the profile ran are skipped."""
    n = len(combos)
    for i in range(progress.below // n, files):
        for c, (fmt, cmd) in enumerate(combos):
            if not progress.done(i * n + c):
                yield ("run", fmt, cmd, seed * SEED_STRIDE + i * n + c)


def _save_state(
    path: Path,
    args: argparse.Namespace,
    cells: dict[tuple[str, str], Cell],
    failures: dict[str, Failure],
    progress: Progress,
    elapsed: float,
    ran: bool = True,
) -> None:
    """Write the counts so far (to a temporary file, then renamed: never half a state);
    ``ran``: this part ran files (else it adds no part and no commit)."""
    data = {
        "seed": args.seed,
        "formats": args.formats,
        "commands": args.commands,
        "timeout": args.timeout,
        "below": progress.below,
        "above": sorted(progress.above),
        "elapsed": progress.elapsed_before + elapsed,
        "parts": progress.parts + ran,
        "commits": [*progress.commits, *([_commit()] if ran else [])],
        "cells": [
            {
                **{k: v for k, v in vars(c).items() if k != "exits"},
                "exits": dict(c.exits),
                "format": fmt,
                "command": cmd,
            }
            for (fmt, cmd), c in cells.items()
        ],  # fmt: skip
        "failures": [
            {
                "signature": sig,
                "kind": f.kind,
                "files": f.files,
                "combos": sorted(f.combos),
                "saved": f.saved,
                "queued": f.queued,
                "seeds": f.seeds,
                "unreproduced": f.unreproduced,
            }
            for sig, f in failures.items()
        ],  # fmt: skip
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    os.replace(tmp, path)


def _load_state(
    path: Path,
    args: argparse.Namespace,
    cells: dict[tuple[str, str], Cell],
    failures: dict[str, Failure],
) -> Progress:
    """The counts of the earlier parts, into ``cells`` and ``failures``; the run must draw
    the same cases (seed, formats, commands) for the counts to add up."""
    data = json.loads(path.read_text("utf-8"))
    for key in ("seed", "formats", "commands"):
        if data[key] != getattr(args, key):
            raise SystemExit(f"{path}: {key} was {data[key]!r}, not {getattr(args, key)!r}")
    for row in data["cells"]:
        cell = cells[(row.pop("format"), row.pop("command"))]
        exits = row.pop("exits")
        for k, v in row.items():
            setattr(cell, k, v)
        cell.exits.update(exits)
    for row in data["failures"]:
        f = Failure(row["kind"], row["files"], {(a, b) for a, b in row["combos"]},
                    row["saved"], row["queued"], row.get("seeds", []),
                    row.get("unreproduced", 0))  # fmt: skip
        failures[row["signature"]] = f
    return Progress(
        data["below"], set(data["above"]), data["elapsed"], data["parts"], data["commits"]
    )


def _commit() -> str:
    """The commit of the code this part runs (``+`` when the work tree has changes)."""
    try:
        head = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "dualuse")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def _git(*args: str) -> str:
    """The output of ``git ARGS`` in the repository, stripped."""
    argv = ["git", "-C", str(ROOT), *args]
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()


def _count(cell: Cell, failures: dict[str, Failure], msg: dict[str, Any]) -> None:
    cell.files += 1
    cell.seconds += msg.get("seconds", 0.0)
    cell.busy += msg.get("busy", msg.get("seconds", 0.0))
    cell.exits[msg["exit"]] += 1
    kinds = {k for k, _ in msg["violations"]}
    cell.tracebacks += "traceback" in kinds
    cell.hangs += "hang" in kinds
    cell.memory += "memory" in kinds
    cell.ids += "ids" in kinds
    cell.other += bool(kinds - {"traceback", "hang", "memory", "ids"})
    task = msg["task"]
    for kind, sig in msg["violations"]:
        f = failures.setdefault(sig, Failure(kind))
        f.files += 1
        f.combos.add((task[1], task[2]))
        if len(f.seeds) < 3:
            f.seeds.append(task[3])


def _shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60].lower()


def _markdown(
    cells: dict[tuple[str, str], Cell],
    failures: dict[str, Failure],
    args: argparse.Namespace,
    runs: int,
    elapsed: float,
    rate: float,
    parts: int = 1,
    commits: tuple[str, ...] = (),
) -> str:
    lines = [
        "## fuzzing",
        "",
        f"`python -m bench.fuzz_bench --files {args.files} --jobs {args.jobs} --seed {args.seed}"
        f"{f' --seconds {args.seconds:g}' if args.seconds else ''}`: generated files (CSV with "
        "any delimiter, line ending, quoting and BOM; JSON Lines from a file and on stdin; "
        "Parquet of every column type; Excel), their columns mostly the command's own, with "
        "defects in headers, rows and containers, each run in-process and checked: no "
        "traceback (nor an exit-70 internal error), no hang (over "
        f"{args.timeout:g} s plus 50 ms a row), no running out of memory (3 GiB more than at "
        "start), exit 0 or 2 as the spec says, one `dualuse: error:` line on exit "
        "2, stdout all JSON objects, every id of a well-formed row back once and in order. "
        f"**{rate:,.1f} files/s** on {args.jobs} worker(s): {runs:,} files (generating, "
        "running and checking them, over the time the workers spent on it; start-up, restarts "
        f"after a hang or running out of memory, and shrinking excluded), {elapsed:,.0f} s in "
        f"all ({runs / elapsed if elapsed else 0:,.1f} files/s with those)"
        + (f", run in {parts} parts (`--state`, `--resume`)" if parts > 1 else "")
        + (f" on commit(s) {', '.join(commits)}." if commits else "."),
        "",
        "| format | command | files | tracebacks | hangs | out of memory | exit codes "
        "| id accounting | other | ms/run |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for (fmt, cmd), c in cells.items():
        if not c.files:
            continue
        exits = ", ".join(f"{k}: {v}" for k, v in sorted(c.exits.items()))
        lines.append(
            f"| {fmt} | {cmd} | {c.files:,} | {c.tracebacks:,} | {c.hangs:,} | {c.memory:,} | "
            f"{exits} | {c.ids:,} | {c.other:,} | {1000 * c.seconds / c.files:.0f} |"
        )
    lines += ["", f"{len(failures)} distinct failure(s), most frequent first:", ""]
    lines += ["| kind | failure | files | formats x commands | reproduction |"]
    lines += ["|---|---|---:|---|---|"]
    for sig, f in sorted(failures.items(), key=lambda kv: -kv[1].files):
        combos = ", ".join(f"{a}/{b}" for a, b in sorted(f.combos))
        repro = ", ".join(f"`{_shown(Path(s))}`" for s in f.saved[:2]) or "-"
        if f.unreproduced:
            seeds = ", ".join(str(x) for x in f.seeds)
            repro += f" ({f.unreproduced} re-run(s) did not fail so; seed(s) {seeds})"
        text = sig.replace("|", "\\|")
        lines.append(f"| {f.kind} | {text} | {f.files:,} | {combos} | {repro} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
