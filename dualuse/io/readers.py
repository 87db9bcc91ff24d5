"""Stream rows from CSV, JSON Lines, Parquet or Excel files, as Arrow batches of strings.

Every column is read as text: validation (and its error messages naming row and field)
belongs to the code that knows what a field means. Memory stays flat in the file size: files
are read in batches, and every row and value is bounded (:mod:`dualuse.limits`). A file that
cannot be read at all raises :class:`InputFileError` with one clear sentence; a row that
cannot be read becomes an error row in its place (:mod:`dualuse.io.source`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from dualuse.errors import InputFileError
from dualuse.io.columnar import open_excel, open_parquet
from dualuse.io.csvfile import open_csv
from dualuse.io.jsonlines import open_jsonl
from dualuse.io.source import (
    JSON_ERROR_FIELD,
    BatchSource,
    bound_fields,
    read_row_error,
    row_error,
)

FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "excel",
}
BATCH_ROWS = 65536
#: every command reads every format: shipment files and customer masters are often Excel
ALL_FORMATS = ("csv", "jsonl", "parquet", "excel")


def detect_format(path: str, allowed: tuple[str, ...] = ALL_FORMATS) -> str:
    """The format named by the file's extension (``-`` is JSON Lines on stdin)."""
    if path == "-":
        return "jsonl"
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None or fmt not in allowed:
        kinds = ", ".join(sorted({k for k, v in FORMATS.items() if v in allowed}))
        raise InputFileError(path, f"unknown file format; expected one of {kinds} (or - for stdin)")
    return fmt


def prefetched(batches: Iterator[pa.RecordBatch], depth: int = 2) -> Iterator[pa.RecordBatch]:
    """Read ahead on a second thread, at most ``depth`` batches.

    Parsing a batch (Arrow's CSV and Parquet readers, which release the GIL) then overlaps
    the caller's work on the previous one. The batches come in order; an error raised while
    reading is raised in the caller, after the batches read before it.
    """
    import queue
    import threading

    done = object()
    slots: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                slots.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for batch in batches:
                if not put(batch):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            put(_Raised(exc))
            return
        put(done)

    thread = threading.Thread(target=read, name="dualuse-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = slots.get()
            if item is done:
                return
            if isinstance(item, _Raised):
                raise item.exc
            yield item
    finally:
        stop.set()


@dataclass(frozen=True)
class _Raised:
    exc: BaseException


def open_batches(
    path: str,
    allowed: tuple[str, ...] = ALL_FORMATS,
    batch_rows: int = BATCH_ROWS,
) -> BatchSource:
    """Open ``path`` for streaming. Raises InputFileError if it cannot be read at all."""
    fmt = detect_format(path, allowed)
    if path != "-":
        p = Path(path)
        if not p.exists():
            raise InputFileError(path, "file not found")
        if p.is_dir():
            raise InputFileError(path, "is a directory, not a file")
    opener = {"csv": open_csv, "jsonl": open_jsonl, "parquet": open_parquet}.get(fmt, open_excel)
    try:
        src = opener(path, batch_rows)
    except PermissionError:
        raise InputFileError(path, "cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    inner = src._iter
    assert inner is not None
    src._iter = _checked(_rebatch(inner, batch_rows), src.name)
    return src


def _checked(batches: Iterator[pa.RecordBatch], name: str) -> Iterator[pa.RecordBatch]:
    """Batches with every value bounded; an I/O failure while reading is a file error."""
    try:
        for batch in batches:
            yield bound_fields(batch)
    except OSError as exc:
        raise InputFileError(name, f"cannot be read ({exc.strerror or exc})") from None


def _rebatch(batches: Iterator[pa.RecordBatch], size: int) -> Iterator[pa.RecordBatch]:
    """Cut or gather batches to ``size`` rows, so callers see predictable chunks."""
    pending: list[pa.RecordBatch] = []
    count = 0
    for b in batches:
        if pending and b.schema != pending[0].schema:
            # the columns changed (slow path): hand over what is pending first
            yield from (
                pa.Table.from_batches(pending).combine_chunks().to_batches(max_chunksize=size)
            )
            pending, count = [], 0
        pending.append(b)
        count += b.num_rows
        while count >= size:
            table = pa.Table.from_batches(pending)
            head, tail = table.slice(0, size), table.slice(size)
            yield from head.combine_chunks().to_batches(max_chunksize=size)
            pending = tail.to_batches() if tail.num_rows else []
            count = tail.num_rows
    if count:
        yield from pa.Table.from_batches(pending).combine_chunks().to_batches(max_chunksize=size)


def iter_records(
    path: str, allowed: tuple[str, ...] = ALL_FORMATS
) -> Iterator[tuple[int, dict[str, str | None]]]:
    """Rows as ``(row_number, {column: text or None})``; row numbers count data rows from 1."""
    src = open_batches(path, allowed)
    row = 0
    for batch in src.batches():
        for rec in batch.to_pylist():
            row += 1
            yield row, rec


__all__ = [
    "BATCH_ROWS",
    "JSON_ERROR_FIELD",
    "BatchSource",
    "detect_format",
    "iter_records",
    "open_batches",
    "prefetched",
    "read_row_error",
    "row_error",
]
