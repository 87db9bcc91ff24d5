"""Stream rows from CSV, JSON Lines, Parquet or Excel files, as Arrow batches of strings.

Every column is read as text: validation (and its error messages naming row and field)
belongs to the code that knows what a field means. Memory stays flat in the file size: files
are read in batches. A file that cannot be read at all raises :class:`InputFileError` with
one clear sentence.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pyarrow as pa

from dualuse.errors import InputFileError

FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "excel",
}
BATCH_ROWS = 65536
JSON_ERROR_FIELD = "__json_error__"


def detect_format(path: str, allowed: tuple[str, ...] = ("csv", "jsonl", "parquet")) -> str:
    """The format named by the file's extension (``-`` is JSON Lines on stdin)."""
    if path == "-":
        return "jsonl"
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None or fmt not in allowed:
        kinds = ", ".join(sorted({k for k, v in FORMATS.items() if v in allowed}))
        raise InputFileError(path, f"unknown file format; expected one of {kinds} (or - for stdin)")
    return fmt


@dataclass
class BatchSource:
    """An opened input: its format, columns, size, and an iterator of string batches."""

    name: str
    fmt: str
    columns: list[str]
    total_rows: int | None = None
    total_bytes: int | None = None
    _iter: Iterator[pa.RecordBatch] | None = field(default=None, repr=False)
    bytes_read: int = 0

    def batches(self) -> Iterator[pa.RecordBatch]:
        assert self._iter is not None
        yield from self._iter


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
    allowed: tuple[str, ...] = ("csv", "jsonl", "parquet"),
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
    if fmt == "csv":
        return _open_csv(path, batch_rows)
    if fmt == "jsonl":
        return _open_jsonl(path, batch_rows)
    if fmt == "parquet":
        return _open_parquet(path, batch_rows)
    return _open_excel(path, batch_rows)


def _open_csv(path: str, batch_rows: int) -> BatchSource:
    import pyarrow.csv as pacsv

    with open(path, "rb") as fh:
        first = fh.readline(1 << 20)
    try:
        header_text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(path, "not UTF-8 text (re-save the file as UTF-8)") from None
    if "\x00" in header_text:
        raise InputFileError(path, "not a text file (contains NUL bytes)")
    header = next(csv.reader(io.StringIO(header_text)), [])
    header = [h.strip() for h in header]
    if not header or not any(header):
        raise InputFileError(path, "no header row")
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        raise InputFileError(path, f"duplicate column names in header: {', '.join(dupes)}", row=0)
    size = Path(path).stat().st_size
    read_opts = pacsv.ReadOptions(
        column_names=header, skip_rows=1, block_size=1 << 22, use_threads=True
    )
    conv = pacsv.ConvertOptions(
        column_types={h: pa.string() for h in header},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    parse = pacsv.ParseOptions(newlines_in_values=True)
    src = BatchSource(path, "csv", header, total_bytes=size)

    def gen() -> Iterator[pa.RecordBatch]:
        done = 0
        try:
            reader = pacsv.open_csv(
                path, read_options=read_opts, convert_options=conv, parse_options=parse
            )
            while True:
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    return
                done += batch.num_rows
                yield batch
        except (pa.ArrowInvalid, OSError) as exc:
            if not _RAGGED.search(str(exc)):
                raise InputFileError(path, _arrow_message(exc)) from None
        # a row with the wrong number of fields: go on row by row, reporting such rows
        yield from _csv_rows(path, header, done, batch_rows)

    src._iter = _rebatch(gen(), batch_rows)
    return src


_RAGGED = re.compile(r"Expected \d+ columns, got \d+")


def _csv_rows(path: str, header: list[str], skip: int, batch_rows: int) -> Iterator[pa.RecordBatch]:
    """The slow path for files with ragged rows: Python's csv reader, one row at a time.

    Rows already delivered by the fast path are skipped; a row whose field count differs from
    the header's becomes an error row in its place, so the run goes on in input order.
    """
    keys = [*header, JSON_ERROR_FIELD]
    rows: list[dict[str, str | None]] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = csv.reader(fh)
        next(records, None)
        seen = 0
        for rec in records:
            if not rec:
                continue
            seen += 1
            if seen <= skip:
                continue
            if len(rec) != len(header):
                message = f"the row has {len(rec)} fields, the header has {len(header)}"
                rows.append({JSON_ERROR_FIELD: message})
            else:
                rows.append(dict(zip(header, rec, strict=True)))
            if len(rows) >= batch_rows:
                yield _rows_to_batch(rows, keys)
                rows = []
    if rows:
        yield _rows_to_batch(rows, keys)


def _arrow_message(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "UTF8" in text or "UTF-8" in text:
        return f"not UTF-8 text ({text})"
    return f"cannot parse as CSV: {text}"


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


def _to_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return orjson.dumps(value).decode()


def _open_jsonl(path: str, batch_rows: int) -> BatchSource:
    stream: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    name = "<stdin>" if path == "-" else path
    size = None if path == "-" else Path(path).stat().st_size
    src = BatchSource(name, "jsonl", [], total_bytes=size)

    def gen() -> Iterator[pa.RecordBatch]:
        rows: list[dict[str, str | None]] = []
        keys: dict[str, None] = {}
        try:
            for lineno, raw in enumerate(stream, 1):
                src.bytes_read += len(raw)
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                try:
                    obj = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError:
                        raise InputFileError(name, "not UTF-8 text", row=lineno) from None
                    obj = {JSON_ERROR_FIELD: f"line {lineno} is not valid JSON: {exc}"}
                if not isinstance(obj, dict):
                    obj = {JSON_ERROR_FIELD: f"line {lineno} is not a JSON object"}
                row = {str(k): _to_text(v) for k, v in obj.items()}
                for k in row:
                    keys.setdefault(k, None)
                rows.append(row)
                if len(rows) >= batch_rows:
                    yield _rows_to_batch(rows, list(keys))
                    rows = []
            if rows:
                yield _rows_to_batch(rows, list(keys))
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()

    src._iter = gen()
    return src


def _rows_to_batch(rows: list[dict[str, str | None]], keys: list[str]) -> pa.RecordBatch:
    cols = {k: pa.array([r.get(k) for r in rows], type=pa.string()) for k in keys}
    if not cols:
        return pa.RecordBatch.from_pydict(
            {JSON_ERROR_FIELD: pa.array([None] * len(rows), pa.string())}
        )
    return pa.RecordBatch.from_pydict(cols)


def _open_parquet(path: str, batch_rows: int) -> BatchSource:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputFileError(path, f"cannot read as Parquet: {str(exc).splitlines()[0]}") from None
    names = pf.schema_arrow.names
    src = BatchSource(path, "parquet", list(names), total_rows=pf.metadata.num_rows)

    def gen() -> Iterator[pa.RecordBatch]:
        try:
            for batch in pf.iter_batches(batch_size=batch_rows):
                yield _stringify(batch)
        except (pa.ArrowInvalid, OSError) as exc:
            raise InputFileError(
                path, f"cannot read as Parquet: {str(exc).splitlines()[0]}"
            ) from None

    src._iter = gen()
    return src


def _stringify(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Cast every column to text; nested values become JSON."""
    import pyarrow.compute as pc

    cols = []
    for col in batch.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            cols.append(col.cast(pa.string()))
        elif pa.types.is_dictionary(col.type):
            cols.append(col.cast(pa.string()))
        elif pa.types.is_nested(col.type):
            cols.append(pa.array([_to_text(v) for v in col.to_pylist()], pa.string()))
        elif pa.types.is_date(col.type) or pa.types.is_timestamp(col.type):
            cols.append(pc.strftime(col, format="%Y-%m-%d"))
        else:
            cols.append(col.cast(pa.string()))
    return pa.RecordBatch.from_arrays(cols, names=batch.schema.names)


def _open_excel(path: str, batch_rows: int) -> BatchSource:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad workbook
        raise InputFileError(path, f"cannot read as Excel: {exc}") from None
    ws = wb.worksheets[0]
    rows_iter = ws.iter_rows(values_only=True)
    header_row = next(rows_iter, None)
    if not header_row or not any(h is not None for h in header_row):
        raise InputFileError(path, "no header row")
    header = [
        str(h).strip() if h is not None else f"column_{i + 1}" for i, h in enumerate(header_row)
    ]
    src = BatchSource(path, "excel", header, total_rows=(ws.max_row or 1) - 1)

    def gen() -> Iterator[pa.RecordBatch]:
        rows: list[dict[str, str | None]] = []
        for values in rows_iter:
            if values is None or all(v is None for v in values):
                continue
            rows.append({h: _excel_text(v) for h, v in zip(header, values, strict=False)})
            if len(rows) >= batch_rows:
                yield _rows_to_batch(rows, header)
                rows = []
        if rows:
            yield _rows_to_batch(rows, header)
        wb.close()

    src._iter = gen()
    return src


def _excel_text(value: Any) -> str | None:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _to_text(value)


def iter_records(
    path: str, allowed: tuple[str, ...] = ("csv", "jsonl", "parquet")
) -> Iterator[tuple[int, dict[str, str | None]]]:
    """Rows as ``(row_number, {column: text or None})``; row numbers count data rows from 1."""
    src = open_batches(path, allowed)
    row = 0
    for batch in src.batches():
        for rec in batch.to_pylist():
            row += 1
            yield row, rec
