"""An opened input file, and the helpers every format's reader shares.

Readers hand over Arrow batches of text columns. A row that cannot be read (bad bytes, an
unclosed quote, a value over a bound) stays in its place as an *error row*: the reserved
column :data:`JSON_ERROR_FIELD` holds the field and the reason, and the id is kept where it
could be read. Commands turn error rows into row errors, so every input row is accounted for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse.limits import MAX_COLUMN_NAME_CHARS, MAX_COLUMNS, MAX_FIELD_CHARS

JSON_ERROR_FIELD = "__json_error__"
"""The reserved column of error rows (the name is historical: JSON Lines had them first)."""

_FIELD_MARK = "\x1e"  # between the field and the message in an error row's value
ROW = "(row)"  # the field named by an error that concerns the whole row


def row_error(message: str, field_name: str = ROW) -> str:
    """The value of :data:`JSON_ERROR_FIELD` for an error row."""
    return f"{field_name}{_FIELD_MARK}{message}"


def read_row_error(value: Any) -> tuple[str, str]:
    """``(field, message)`` of an error row's :data:`JSON_ERROR_FIELD` value."""
    text = str(value)
    name, mark, message = text.partition(_FIELD_MARK)
    return (name, message) if mark else (ROW, text)


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


def header_problem(names: list[str]) -> str | None:
    """Why a list of column names cannot be a header, or None (a file error if not None)."""
    if not names or not any(names):
        return "no header row"
    if len(names) > MAX_COLUMNS:
        return f"the header has {len(names):,} columns; at most {MAX_COLUMNS:,} are accepted"
    long = next((n for n in names if len(n) > MAX_COLUMN_NAME_CHARS), None)
    if long is not None:
        return (
            f"a column name is {len(long):,} characters long "
            f"(at most {MAX_COLUMN_NAME_CHARS} are accepted): {long[:40]!r}..."
        )
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        return f"duplicate column names in header: {', '.join(dupes)}"
    if JSON_ERROR_FIELD in names:
        return f"the column name {JSON_ERROR_FIELD!r} is reserved"
    return None


def to_text(value: Any) -> str | None:
    """A cell's value as text: numbers as written by Python, nested values as JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8")  # a UnicodeDecodeError is the caller's row error
    try:
        return orjson.dumps(value, default=str).decode()
    except (TypeError, orjson.JSONEncodeError):
        return str(value)


def rows_to_batch(rows: list[dict[str, str | None]], keys: list[str]) -> pa.RecordBatch:
    """Rows of text as one batch with the columns ``keys`` (missing values are null)."""
    if JSON_ERROR_FIELD not in keys and any(JSON_ERROR_FIELD in r for r in rows):
        keys = [*keys, JSON_ERROR_FIELD]
    if not keys:
        keys = [JSON_ERROR_FIELD]
    cols = {k: pa.array([r.get(k) for r in rows], type=pa.string()) for k in keys}
    return pa.RecordBatch.from_pydict(cols)


_LIMIT = pa.scalar(MAX_FIELD_CHARS, pa.int32())


def bound_fields(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Turn rows with a value over :data:`~dualuse.limits.MAX_FIELD_CHARS` into error rows.

    The long value is dropped (so that it costs nothing further); the id is kept unless it is
    the long value. Byte lengths, read from the offsets, settle the common case at once.
    """
    longs: dict[int, str] = {}
    names = batch.schema.names
    for name, col in zip(names, batch.columns, strict=True):
        if name == JSON_ERROR_FIELD or not pa.types.is_string(col.type):
            continue
        if (pc.max(pc.binary_length(col)).as_py() or 0) <= MAX_FIELD_CHARS:
            continue
        for pos in pc.indices_nonzero(pc.greater(pc.utf8_length(col), _LIMIT)).to_pylist():
            longs.setdefault(pos, name)
    if not longs:
        return batch
    columns = dict(zip(names, batch.columns, strict=True))
    errors = columns.get(JSON_ERROR_FIELD, pa.nulls(batch.num_rows, pa.string())).to_pylist()
    for pos, name in longs.items():
        if not errors[pos]:
            chars = len(columns[name][pos].as_py())
            message = f"is {chars:,} characters long; at most {MAX_FIELD_CHARS:,} are accepted"
            errors[pos] = row_error(message, name)
    mask = np.zeros(batch.num_rows, np.bool_)
    mask[list(longs)] = True
    drop = pa.array(mask)
    for name, col in columns.items():
        if name != JSON_ERROR_FIELD and pa.types.is_string(col.type):
            too_long = pc.and_(drop, pc.greater(pc.utf8_length(col), _LIMIT))
            columns[name] = pc.if_else(too_long, pa.scalar(None, pa.string()), col)
    columns[JSON_ERROR_FIELD] = pa.array(errors, pa.string())
    return pa.RecordBatch.from_pydict(columns)
