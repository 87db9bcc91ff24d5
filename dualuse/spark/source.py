"""Read an input (CSV or Parquet; a file or a folder of files; local or cluster paths) on the
driver's Spark session, every column as text as ``dualuse check`` reads it, with what each
row needs to find its row number in its file.

* CSV: the delimiter and the column names come from the first line (the same rule as
  :mod:`dualuse.io.csvfile`: comma, tab, semicolon or pipe, the most frequent); quotes follow
  RFC 4180; a row with the wrong number of fields becomes an error row. Spark reads CSV one
  record per line so that a file can be split: a value holding a line break needs Parquet.
  A row's number is its file's count of rows in the blocks before its own, counted in a
  first pass, plus its place in its block.
* Parquet: a row's number is its index in its file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from dualuse.errors import InputFileError, UsageError
from dualuse.io.csvfile import DELIMITERS
from dualuse.io.readers import FORMATS
from dualuse.io.source import JSON_ERROR_FIELD, header_problem

FILE, BLOCK, INDEX, CORRUPT = "__file", "__block", "__index", "__corrupt"
META = (FILE, BLOCK, INDEX, CORRUPT)
INPUT_FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class Input:
    """A read input: the rows (data columns, then the meta columns), and how to number them."""

    frame: Any  # pyspark DataFrame
    fmt: str  # csv | parquet
    columns: tuple[str, ...]  # the data columns, as named in the file
    offsets: dict[tuple[str, int], int]  # CSV: rows of a file before each block


def input_format(path: str, given: str | None) -> str:
    if given:
        if given not in INPUT_FORMATS:
            raise UsageError(f"--input-format must be one of {', '.join(INPUT_FORMATS)}")
        return given
    fmt = FORMATS.get(PurePosixPath(path.rstrip("/")).suffix.lower())
    if fmt not in INPUT_FORMATS:
        raise UsageError(
            f"{path}: cannot tell the format from the name; give --input-format csv or parquet"
        )
    return fmt


def read_input(spark: Any, path: str, fmt: str, partitions: int | None = None) -> Input:
    """The rows of ``path``; about ``partitions`` partitions if given (without a shuffle)."""
    if partitions is not None:
        _split_for(spark, path, partitions)
    frame, columns = (_read_csv if fmt == "csv" else _read_parquet)(spark, path)
    if partitions is not None and frame.rdd.getNumPartitions() > partitions:
        frame = frame.coalesce(partitions)
    offsets = _block_offsets(frame) if fmt == "csv" else {}
    return Input(frame, fmt, columns, offsets)


def _split_for(spark: Any, path: str, partitions: int) -> None:
    """Size the input splits so that the files make about ``partitions`` partitions."""
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    total = int(fs.getContentSummary(p).getLength())
    size = max(1024, -(-total // partitions))
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(size))
    spark.conf.set("spark.sql.files.openCostInBytes", str(min(size, 4 << 20)))


def _analysis_error(exc: Exception, path: str) -> InputFileError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputFileError(path, f"cannot be read: {text}")


def _read_csv(spark: Any, path: str) -> tuple[Any, tuple[str, ...]]:
    from pyspark.sql.types import StringType, StructField, StructType

    try:
        first = spark.read.text(path).limit(1).collect()
    except Exception as exc:  # noqa: BLE001 - Spark reports a missing path as an analysis error
        raise _analysis_error(exc, path) from None
    if not first:
        raise InputFileError(path, "no header row")
    line = str(first[0][0]).lstrip("\ufeff")
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the earlier one
    delimiter = best if counts[best] else ","
    names = [h.strip() for h in next(csv.reader([line], delimiter=delimiter), [])]
    problem = header_problem(names)
    if problem is not None:
        raise InputFileError(path, problem, row=0)
    schema = StructType(
        [StructField(n, StringType()) for n in names] + [StructField(CORRUPT, StringType())]
    )
    frame = (
        spark.read.schema(schema)
        .option("header", True)
        .option("sep", delimiter)
        .option("quote", '"')
        .option("escape", '"')
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("enforceSchema", True)
        .option("encoding", "UTF-8")
        .csv(path)
    )
    frame = frame.select(
        *[frame[n] for n in names],
        frame[CORRUPT],
        frame["_metadata.file_path"].alias(FILE),
        frame["_metadata.file_block_start"].alias(BLOCK),
    )
    return frame, tuple(names)


def _read_parquet(spark: Any, path: str) -> tuple[Any, tuple[str, ...]]:
    try:
        frame = spark.read.parquet(path)
    except Exception as exc:  # noqa: BLE001 - as above
        raise _analysis_error(exc, path) from None
    names = tuple(frame.columns)
    problem = header_problem(list(names))
    if problem is not None:
        raise InputFileError(path, problem, row=0)
    frame = frame.select(
        *[frame[f"`{n}`"] for n in names],
        frame["_metadata.file_path"].alias(FILE),
        frame["_metadata.row_index"].alias(INDEX),
    )
    return frame, names


def _block_offsets(frame: Any) -> dict[tuple[str, int], int]:
    """For each CSV block: how many rows of its file come before it (a counting pass)."""
    counts = frame.groupBy(FILE, BLOCK).count().collect()
    by_file: dict[str, list[tuple[int, int]]] = {}
    for row in counts:
        by_file.setdefault(row[0], []).append((int(row[1]), int(row[2])))
    offsets: dict[tuple[str, int], int] = {}
    for name, blocks in by_file.items():
        before = 0
        for start, n in sorted(blocks):
            offsets[(name, start)] = before
            before += n
    return offsets


__all__ = [
    "BLOCK",
    "CORRUPT",
    "FILE",
    "INDEX",
    "INPUT_FORMATS",
    "JSON_ERROR_FIELD",
    "META",
    "Input",
    "input_format",
    "read_input",
]
