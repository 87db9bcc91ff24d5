"""The driver's side of the Spark commands: read, broadcast, map the partitions, write."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pyspark.accumulators import AccumulatorParam

from dualuse.errors import InputFileError, UsageError
from dualuse.regime.load import Regime
from dualuse.spark.executor import (
    CHECK_TABLE,
    LOOKBACK_TABLE,
    SCREEN_TABLE,
    Task,
    check_partition,
    lookback_partition,
    screen_partition,
)
from dualuse.spark.source import Input, read_input

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")


@dataclass(frozen=True)
class SparkRequest:
    """An input, an output (a folder of part files, as Spark writes), and how to run."""

    input: str
    output: str
    input_fmt: str
    out: str = "jsonl"
    partitions: int | None = None
    as_of: dt.date | None = None

    def validate(self) -> None:
        if self.out not in OUTPUT_FORMATS:
            raise UsageError(f"--format must be one of {', '.join(OUTPUT_FORMATS)}")
        if self.partitions is not None and self.partitions < 1:
            raise UsageError("--partitions must be at least 1")


class Sums(AccumulatorParam):  # type: ignore[type-arg]
    """Counts added up across tasks (a dict of sums)."""

    def zero(self, value: dict[str, int]) -> dict[str, int]:
        return {}

    def addInPlace(self, a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
        for k, v in b.items():
            a[k] = a.get(k, 0) + v
        return a


def _accumulator(spark: Any) -> Any:
    return spark.sparkContext.accumulator({}, Sums())


def _task(spark: Any, req: SparkRequest, src: Input, regime: Regime, today: dt.date) -> Task:
    sc = spark.sparkContext
    return Task(
        token=uuid.uuid4().hex,
        fmt=src.fmt,
        out=req.out,
        today=today,
        regime=sc.broadcast(regime),
        offsets=sc.broadcast(src.offsets) if src.offsets else None,
        counts=_accumulator(spark),
        as_of=req.as_of,
    )


def _write(frame: Any, req: SparkRequest) -> None:
    writer = frame.write.mode("errorifexists")
    try:
        if req.out == "jsonl":
            writer.text(req.output)
        elif req.out == "parquet":
            writer.option("compression", "zstd").parquet(req.output)
        else:
            writer.option("header", True).option("escape", '"').csv(req.output)
    except Exception as exc:
        if "already exists" in str(exc) or "PATH_ALREADY_EXISTS" in str(exc):
            raise UsageError(f"--output {req.output}: already exists") from None
        raise


def _run(req: SparkRequest, task: Task, src: Input, fn: Any, table: str) -> dict[str, int]:
    schema = "`value` string" if req.out == "jsonl" else table
    mapped = src.frame.mapInArrow(functools.partial(fn, task), schema)
    _write(mapped, req)
    counts: dict[str, int] = dict(task.counts.value)
    return counts


def spark_check(spark: Any, req: SparkRequest, regime: Regime, today: dt.date) -> dict[str, int]:
    """Decide every row of the input into the output; counts by decision, rows, errors."""
    req.validate()
    src = read_input(spark, req.input, req.input_fmt, req.partitions)
    task = _task(spark, req, src, regime, today)
    return _run(req, task, src, check_partition, CHECK_TABLE)


def spark_screen(
    spark: Any,
    req: SparkRequest,
    regime: Regime,
    today: dt.date,
    lists: Sequence[Any] = (),
    threshold: float | None = None,
    near_misses: bool = True,
) -> dict[str, int]:
    """Screen the ``name`` of every row; counts of rows and errors."""
    req.validate()
    src = read_input(spark, req.input, req.input_fmt, req.partitions)
    if "name" not in src.columns:
        raise InputFileError(req.input, "no 'name' column", field="name")
    task = _task(spark, req, src, regime, today)
    task = replace(
        task,
        lists=spark.sparkContext.broadcast(list(lists)) if lists else None,
        threshold=threshold,
        near_misses=near_misses,
    )
    return _run(req, task, src, screen_partition, SCREEN_TABLE)


def spark_lookback(
    spark: Any,
    req: SparkRequest,
    regime: Regime,
    today: dt.date,
    then: dt.date | None = None,
    since: dt.date | None = None,
) -> dict[str, int]:
    """Report the rows whose decision moves between then and now; counts of the moves."""
    req.validate()
    src = read_input(spark, req.input, req.input_fmt, req.partitions)
    task = replace(_task(spark, req, src, regime, today), then=then, since=since)
    return _run(req, task, src, lookback_partition, LOOKBACK_TABLE)


__all__ = ["OUTPUT_FORMATS", "SparkRequest", "spark_check", "spark_lookback", "spark_screen"]
