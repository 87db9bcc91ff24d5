"""Make a failing case small: drop rows, columns, options and long values while the same
failure (its signature) still shows, within a budget of runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .spec import Spec

ROW_KEYED = ("defect_cell", "defect_bytes", "defect")  # options keyed by row number


def shrink(
    spec: Spec, still_fails: Callable[[Spec], bool], budget: int = 150, seconds: float = 60.0
) -> Spec:
    """The smallest case found that ``still_fails``; ``spec`` itself if nothing smaller does."""
    deadline = time.monotonic() + seconds
    runs = 0

    def attempt(candidate: Spec) -> bool:
        nonlocal runs
        if runs >= budget or time.monotonic() > deadline:
            return False
        runs += 1
        return still_fails(candidate)

    best = spec
    best = _rows(best, attempt)
    best = _columns(best, attempt)
    best = _options(best, attempt)
    best = _values(best, attempt)
    return best


def _keep_rows(spec: Spec, keep: list[int]) -> Spec:
    new = spec.copy(rows=[spec.rows[i] for i in keep], flags=[spec.flags[i] for i in keep])
    for key in ROW_KEYED:
        if key in spec.opts:
            old = spec.opts[key]
            new.opts[key] = {n: old[i] for n, i in enumerate(keep) if i in old}
    return new


def _rows(spec: Spec, attempt: Callable[[Spec], bool]) -> Spec:
    chunk = max(len(spec.rows) // 2, 1)
    while chunk >= 1 and spec.rows:
        start = 0
        while start < len(spec.rows):
            keep = [i for i in range(len(spec.rows)) if not start <= i < start + chunk]
            candidate = _keep_rows(spec, keep)
            if attempt(candidate):
                spec = candidate
            else:
                start += chunk
        if chunk == 1:
            break
        chunk //= 2
    return spec


def _columns(spec: Spec, attempt: Callable[[Spec], bool]) -> Spec:
    if spec.fmt == "jsonl":
        objects = [r[0] for r in spec.rows if r and isinstance(r[0], dict)]
        keys = list(dict.fromkeys(k for obj in objects for k in obj))
        for key in keys:
            rows = [[{k: v for k, v in r[0].items() if k != key}] if r and isinstance(r[0], dict)
                    else r for r in spec.rows]  # fmt: skip
            candidate = spec.copy(rows=rows)
            if attempt(candidate):
                spec = candidate
        return spec
    j = len(spec.columns) - 1
    while j >= 0:
        if len(spec.columns) > 1:
            candidate = spec.copy(
                columns=spec.columns[:j] + spec.columns[j + 1 :],
                types=spec.types[:j] + spec.types[j + 1 :],
                rows=[r[:j] + r[j + 1 :] for r in spec.rows],
            )
            if attempt(candidate):
                spec = candidate
        j -= 1
    return spec


def _options(spec: Spec, attempt: Callable[[Spec], bool]) -> Spec:
    if spec.env and attempt(spec.copy(env={})):
        spec = spec.copy(env={})
    i = 0
    while i < len(spec.args):
        width = 2 if i + 1 < len(spec.args) and not spec.args[i + 1].startswith("-") else 1
        candidate = spec.copy(args=spec.args[:i] + spec.args[i + width :])
        if attempt(candidate):
            spec = candidate
        else:
            i += width
    for key, plain in (("bom", False), ("quoting", "minimal"), ("eol", "\n"), ("delim", ",")):
        if key in spec.opts and spec.opts[key] != plain:
            candidate = spec.copy()
            candidate.opts[key] = plain
            if attempt(candidate):
                spec = candidate
    return spec


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 12:
        return value[:8]
    if isinstance(value, bytes) and len(value) > 12:
        return value[:8]
    return None


def _values(spec: Spec, attempt: Callable[[Spec], bool]) -> Spec:
    for i, row in enumerate(spec.rows):
        if spec.fmt == "jsonl":
            item = row[0] if row else None
            if not isinstance(item, dict):
                continue
            for key, value in item.items():
                short = _short(value)
                if short is not None:
                    rows = [list(r) for r in spec.rows]
                    rows[i] = [{**item, key: short}]
                    candidate = spec.copy(rows=rows)
                    if attempt(candidate):
                        spec, item = candidate, rows[i][0]
            continue
        for j, value in enumerate(row):
            short = _short(value)
            if short is not None:
                rows = [list(r) for r in spec.rows]
                rows[i][j] = short
                candidate = spec.copy(rows=rows)
                if attempt(candidate):
                    spec = candidate
    return spec
