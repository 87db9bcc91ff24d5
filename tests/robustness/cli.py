"""Run the console script in a subprocess and read what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: what every output record of a command holds when it is a result (not a row error)
RESULT_KEY = {
    "check": "decision",
    "screen": "matches",
    "match": "score",
    "classify": "candidates",
    "exposure": "controlled",
}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def records(self) -> list[dict[str, Any]]:
        """Every stdout line as a JSON object (fails the test on anything else)."""
        out = []
        for line in self.stdout.splitlines():
            if line.strip():
                rec = json.loads(line)
                assert isinstance(rec, dict), line
                out.append(rec)
        return out

    def by_id(self, key: str = "id") -> dict[str, dict[str, Any]]:
        recs = self.records
        ids = [r.get(key) for r in recs]
        assert len(ids) == len(set(ids)), f"an id came back twice: {ids}"
        return {str(r.get(key)): r for r in recs}


def dualuse(
    *args: str | Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> Run:
    """``python -m dualuse ARGS``; a run over ``timeout`` seconds fails the test."""
    start = time.perf_counter()
    try:
        p = subprocess.run(
            [sys.executable, "-m", "dualuse", *map(str, args)],
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"dualuse {' '.join(map(str, args))}: no end in {timeout} s") from None
    run = Run(
        p.returncode,
        p.stdout.decode("utf-8", "replace"),
        p.stderr.decode("utf-8", "replace"),
        time.perf_counter() - start,
    )
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.code in (0, 2), f"exit {run.code}: {run.stderr[-2000:]}"
    return run


def assert_file_error(run: Run, name: str) -> None:
    """Exit 2 with one ``dualuse: error:`` line on stderr naming ``name``."""
    assert run.code == 2, f"exit {run.code}; stderr: {run.stderr[-1000:]}"
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("dualuse: error:"), run.stderr[-2000:]
    assert name in lines[0], lines[0]


def assert_results(run: Run, command: str, ids: list[str], key: str = "id") -> None:
    """Exit 0, and every id back once, in order, each decided (no row error)."""
    assert run.code == 0, run.stderr[-2000:]
    recs = run.records
    assert [str(r.get(key)) for r in recs] == ids, recs
    for r in recs:
        assert "error" not in r and RESULT_KEY[command] in r, r
