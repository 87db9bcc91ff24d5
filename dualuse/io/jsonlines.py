"""JSON Lines files (and standard input): one object per line, each line read on its own.

A line that is not a JSON object, is not UTF-8, is longer than
:data:`~dualuse.limits.MAX_ROW_BYTES`, nests deeper than
:data:`~dualuse.limits.MAX_JSON_DEPTH` or has too many or too long keys becomes an error row
in its place (with its id when the object could be read), and the lines after it are read as
usual. Lines may end in ``\\n``, ``\\r\\n`` or ``\\r``: JSON text never holds a raw line break
inside a string, so splitting on any of them is safe.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pyarrow as pa

from dualuse.io.lines import physical_lines
from dualuse.io.source import JSON_ERROR_FIELD, BatchSource, row_error, rows_to_batch, to_text
from dualuse.limits import MAX_COLUMN_NAME_CHARS, MAX_COLUMNS, MAX_JSON_DEPTH, MAX_ROW_BYTES

_BOM = b"\xef\xbb\xbf"


def too_deep(obj: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels in ``obj``."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def _row(raw: bytes, number: int, keys: dict[str, None]) -> dict[str, str | None]:
    """One line as a row of text, or an error row."""
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            byte = raw[bad.start]
            return _error(f"line {number} is not UTF-8 text (byte 0x{byte:02x} at {bad.start + 1})")
        return _error(f"line {number} is not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return _error(f"line {number} is not a JSON object")
    return object_row(obj, number, keys, bool(raw.count(b"{") + raw.count(b"[") > MAX_JSON_DEPTH))


def object_row(
    obj: dict[str, Any], number: int, keys: dict[str, None], maybe_deep: bool = True
) -> dict[str, str | None]:
    """A parsed JSON object as a row of text, or an error row, exactly as a line of a file is
    read (the HTTP API reads the objects of a request with it). New field names are added to
    ``keys``; ``maybe_deep`` False skips the nesting check when the text showed it shallow."""
    ident = obj.get("id")
    ident_text = ident if isinstance(ident, str | int) and not isinstance(ident, bool) else None
    ident_text = None if ident_text is None else str(ident_text)
    if maybe_deep and too_deep(obj):
        return _error(f"line {number} nests deeper than {MAX_JSON_DEPTH} levels", ident_text)
    if len(obj) > MAX_COLUMNS:
        return _error(f"line {number} has {len(obj):,} fields; at most {MAX_COLUMNS:,}", ident_text)
    long = next((k for k in obj if len(k) > MAX_COLUMN_NAME_CHARS), None)
    if long is not None:
        message = f"line {number} has a field name over {MAX_COLUMN_NAME_CHARS} characters"
        return _error(message, ident_text)
    if JSON_ERROR_FIELD in obj:
        return _error(
            f"line {number} uses the reserved field name {JSON_ERROR_FIELD!r}", ident_text
        )
    new = [k for k in obj if k not in keys]
    if new and len(keys) + len(new) > MAX_COLUMNS:
        message = f"line {number} brings the file's distinct fields over {MAX_COLUMNS:,}"
        return _error(message, ident_text)
    for k in new:
        keys[k] = None
    return {k: to_text(v) for k, v in obj.items()}


def _error(message: str, ident: str | None = None) -> dict[str, str | None]:
    row: dict[str, str | None] = {JSON_ERROR_FIELD: row_error(message)}
    if ident is not None:
        row["id"] = ident
    return row


def open_jsonl(path: str, batch_rows: int) -> BatchSource:
    stream: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    name = "<stdin>" if path == "-" else path
    size = None if path == "-" else Path(path).stat().st_size
    src = BatchSource(name, "jsonl", [], total_bytes=size)

    def gen() -> Iterator[pa.RecordBatch]:
        rows: list[dict[str, str | None]] = []
        keys: dict[str, None] = {}
        try:
            for number, raw in enumerate(physical_lines(stream), 1):
                if raw is None:
                    src.bytes_read += MAX_ROW_BYTES
                    rows.append(_error(f"line {number} is longer than 1 MiB; not read"))
                else:
                    src.bytes_read += len(raw) + 1
                    if number == 1 and raw.startswith(_BOM):
                        raw = raw[3:]
                    if not raw.strip():
                        continue
                    row = _row(raw, number, keys)
                    if "id" in row:
                        keys.setdefault("id", None)  # an error row keeps its id
                    rows.append(row)
                if len(rows) >= batch_rows:
                    yield rows_to_batch(rows, list(keys))
                    rows = []
            if rows:
                yield rows_to_batch(rows, list(keys))
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()

    src._iter = gen()
    return src
