"""What runs on the executors: one function per command over a partition's Arrow batches.

A :class:`Task` is pickled with the function; the regime (and imported lists) arrive as
broadcast variables. Each Python worker keeps, per task token, the runner it built (the
regime unpickled once, the classifier and screening index built once, the runner's caches of
decided keys), so that its later partitions reuse them.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse.io.columnar import as_text
from dualuse.io.source import JSON_ERROR_FIELD, bound_fields, row_error
from dualuse.services.check import OUTPUT_SCHEMA, CheckRunner, Counts, IntArray
from dualuse.spark.source import BLOCK, CORRUPT, FILE, INDEX, META

T = TypeVar("T")
_EMPTY = pa.scalar("", pa.string())
_STATE: dict[str, Any] = {}  # per task token, in each Python worker


@dataclass(frozen=True)
class Task:
    """Everything a partition needs besides its rows (pickled to the executors)."""

    token: str
    fmt: str  # input: csv | parquet
    out: str  # jsonl | csv | parquet
    today: dt.date
    regime: Any  # Broadcast[Regime]
    offsets: Any = None  # Broadcast[dict[(file, block), rows before]] for CSV
    counts: Any = None  # Accumulator[dict[str, int]]
    as_of: dt.date | None = None
    # screen
    lists: Any = None  # Broadcast[list[PartyList]]
    threshold: float | None = None
    near_misses: bool = True
    # lookback
    then: dt.date | None = None
    since: dt.date | None = None


def _kept(token: str, build: Callable[[], T]) -> T:
    found = _STATE.get(token)
    if found is None:
        # each task has its core: runners screen new names in this process
        os.environ["DUALUSE_SCREEN_JOBS"] = "1"
        found = _STATE[token] = build()
    return found


class Numbering:
    """The input row number of each row (data rows from 1, per file)."""

    def __init__(self, task: Task) -> None:
        self.fmt = task.fmt
        self.offsets: dict[tuple[str, int], int] = task.offsets.value if task.offsets else {}
        self.seen: dict[tuple[str, int], int] = {}  # rows of a block met so far

    def rows(self, batch: pa.RecordBatch) -> IntArray:
        if self.fmt == "parquet":
            index: IntArray = batch.column(INDEX).to_numpy(zero_copy_only=False)
            return index.astype(np.int64) + 1
        files = batch.column(FILE).to_pylist()
        blocks = batch.column(BLOCK).to_numpy(zero_copy_only=False)
        out = np.empty(batch.num_rows, np.int64)
        start = 0
        while start < batch.num_rows:  # runs of one block (almost always the whole batch)
            key = (files[start], int(blocks[start]))
            end = start + 1
            while end < batch.num_rows and files[end] == key[0] and blocks[end] == key[1]:
                end += 1
            done = self.seen.get(key, 0)
            first = self.offsets.get(key, 0) + done + 1
            out[start:end] = np.arange(first, first + end - start, dtype=np.int64)
            self.seen[key] = done + end - start
            start = end
        return out


def data_of(batch: pa.RecordBatch, fmt: str) -> pa.RecordBatch:
    """The data columns as ``dualuse.io`` delivers them: text, bounded, errors marked."""
    names = [n for n in batch.schema.names if n not in META]
    cols = [batch.column(n) for n in names]
    if fmt == "csv":
        cols = [pc.fill_null(c, _EMPTY) for c in cols]  # the CSV reader never gives nulls
        corrupt = batch.column(CORRUPT)
        if corrupt.null_count < len(corrupt):
            cols, names = _corrupt_rows(cols, names, corrupt)
    data = pa.RecordBatch.from_arrays(cols, names=names)
    if fmt == "parquet":
        data = as_text(data, "")
    return bound_fields(data)


def _corrupt_rows(
    cols: list[pa.Array], names: list[str], corrupt: pa.Array
) -> tuple[list[pa.Array], list[str]]:
    """Rows Spark could not split into the header's fields become error rows (id kept)."""
    marks: list[str | None] = [None] * len(corrupt)
    ids = cols[names.index("id")].to_pylist() if "id" in names else None
    for pos, text in enumerate(corrupt.to_pylist()):
        if text is None:
            continue
        fields = next(csv.reader([text], strict=False), [])
        marks[pos] = row_error(f"the row has {len(fields)} fields, the header has {len(names)}")
        if ids is not None:
            at = names.index("id")
            ids[pos] = fields[at] if at < len(fields) and len(fields[at]) <= 1_000 else ""
    out = [pa.array([None if m else v for m, v in zip(marks, c.to_pylist(), strict=True)],
                    pa.string()) for c in cols]  # fmt: skip
    if ids is not None:
        out[names.index("id")] = pa.array(ids, pa.string())
    return [*out, pa.array(marks, pa.string())], [*names, JSON_ERROR_FIELD]


def _text_batch(lines: pa.Array) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([lines.cast(pa.string())], names=["value"])


def _plain_batches(table: pa.Table) -> Iterator[pa.RecordBatch]:
    cols = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c
            for c in table.columns]  # fmt: skip
    yield from pa.table(cols, names=table.column_names).to_batches()


def _counts_delta(before: Counts, after: Counts) -> dict[str, int]:
    delta = {"rows": after.rows - before.rows, "errors": after.errors - before.errors}
    for k, v in after.by_decision.items():
        delta[k] = v - before.by_decision.get(k, 0)
    return delta


def _copy(c: Counts) -> Counts:
    return Counts(c.rows, c.errors, dict(c.by_decision))


# ---------------------------------------------------------------------------------- check
def _check_runner(task: Task) -> CheckRunner:
    from dualuse.classify import default_classifier
    from dualuse.screening import default_screener

    regime = task.regime.value
    return CheckRunner(
        regime, default_classifier(), default_screener(), today=task.today, as_of=task.as_of
    )


def check_partition(task: Task, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    runner = _kept(task.token, lambda: _check_runner(task))
    before = _copy(runner.counts)
    numbering = Numbering(task)
    for batch in batches:
        rows = numbering.rows(batch)
        kb = runner.key_batch(data_of(batch, task.fmt), 1, rows)
        if task.out == "jsonl":
            yield _text_batch(runner.line_array(kb, 1))
        else:
            yield from _plain_batches(runner.table_of(kb, 1))
    if task.counts is not None:
        task.counts.add(_counts_delta(before, runner.counts))


CHECK_TABLE = ", ".join(
    f"`{f.name}` {'bigint' if pa.types.is_integer(f.type) else 'string'}" for f in OUTPUT_SCHEMA
)


# ---------------------------------------------------------------------------------- screen
def _screen_job(task: Task) -> Any:
    from dualuse.regime.snapshot import snapshot
    from dualuse.screening import Screener
    from dualuse.services.screen_rows import ScreenJob

    regime = task.regime.value
    lists = task.lists.value if task.lists is not None else []
    snap = snapshot(regime, task.as_of or task.today)
    return ScreenJob(Screener(lists), snap, task.threshold, task.near_misses)


SCREEN_TABLE = "`id` string, `name` string, `matched` boolean, `result` string"


def screen_partition(task: Task, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from dualuse.services.screen_rows import ROW_ERROR, rows_of

    job = _kept(task.token, lambda: _screen_job(task))
    numbering = Numbering(task)
    screened = errors = matched = 0
    for batch in batches:
        rows = numbering.rows(batch)
        data = data_of(batch, task.fmt)
        items: list[tuple[dict[str, Any], str]] = []
        for pos, (meta, name) in enumerate(rows_of(data, 1)):
            if ROW_ERROR in meta:
                meta[ROW_ERROR]["row"] = int(rows[pos])
            items.append((meta, name))
        lines = [job.line(meta, name)[:-1] for meta, name in items]
        screened += len(lines)
        if task.out == "jsonl":
            yield _text_batch(pa.array([x.decode() for x in lines], pa.string()))
            errors += sum(ROW_ERROR in meta for meta, _ in items)
            continue
        ids, names, hits, texts = [], [], [], []
        for (meta, name), line in zip(items, lines, strict=True):
            parsed = orjson.loads(line)
            ids.append(meta.get("id"))
            names.append(name if ROW_ERROR not in meta else None)
            hits.append(bool(parsed.get("matches")) if ROW_ERROR not in meta else None)
            texts.append(line.decode())
            errors += ROW_ERROR in meta
        matched += sum(bool(h) for h in hits)
        yield pa.RecordBatch.from_arrays(
            [pa.array(ids, pa.string()), pa.array(names, pa.string()),
             pa.array(hits, pa.bool_()), pa.array(texts, pa.string())],
            names=["id", "name", "matched", "result"],
        )  # fmt: skip
    if task.counts is not None:
        task.counts.add({"rows": screened, "errors": errors})


# -------------------------------------------------------------------------------- lookback
def _lookback(task: Task) -> Any:
    from dualuse.classify import default_classifier
    from dualuse.screening import default_screener
    from dualuse.services.lookback import Lookback

    return Lookback(
        task.regime.value,
        default_classifier(),
        default_screener(),
        task.today,
        then=task.then,
        now=task.as_of,
        since=task.since,
    )


LOOKBACK_TABLE = "`id` string, `row` bigint, `then` string, `now` string, `result` string"


def lookback_partition(task: Task, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    job = _kept(task.token, lambda: _lookback(task))
    c = job.counts
    before = (c.rows, c.changed, c.errors, dict(c.moves))
    numbering = Numbering(task)
    for batch in batches:
        rows = numbering.rows(batch)
        lines = job.batch(data_of(batch, task.fmt), 1, rows)
        if task.out == "jsonl":
            yield _text_batch(pa.array([x.decode() for x in lines], pa.string()))
            continue
        ids, nums, thens, nows, texts = [], [], [], [], []
        for line in lines:
            parsed = orjson.loads(line)
            ids.append(parsed.get("id"))
            nums.append(parsed["row"] if "row" in parsed else parsed["error"]["row"])
            thens.append(parsed["then"]["decision"] if "then" in parsed else None)
            nows.append(parsed["now"]["decision"] if "now" in parsed else None)
            texts.append(line.decode())
        yield pa.RecordBatch.from_arrays(
            [pa.array(ids, pa.string()), pa.array(nums, pa.int64()), pa.array(thens, pa.string()),
             pa.array(nows, pa.string()), pa.array(texts, pa.string())],
            names=["id", "row", "then", "now", "result"],
        )  # fmt: skip
    if task.counts is not None:
        delta = {"rows": c.rows - before[0], "changed": c.changed - before[1]}
        delta["errors"] = c.errors - before[2]
        for (a, b), n in c.moves.items():
            delta[f"{a} -> {b}"] = n - before[3].get((a, b), 0)
        task.counts.add(delta)


__all__ = [
    "CHECK_TABLE",
    "LOOKBACK_TABLE",
    "SCREEN_TABLE",
    "Numbering",
    "Task",
    "check_partition",
    "data_of",
    "lookback_partition",
    "screen_partition",
]
