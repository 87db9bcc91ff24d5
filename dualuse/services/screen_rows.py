"""Use case: screen the names of a file's rows, one JSON object per row.

Shared by ``dualuse screen --file``, ``dualuse spark screen`` and the HTTP API, so that a name
gives the same line whichever runs it: the row's ``id`` and ``country`` (when given), then the
screening result; a row that cannot be screened (unreadable, no name, a name over the bound)
stays in its place as an error object naming the row (data rows count from 1) and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
import pyarrow as pa

from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.limits import MAX_NAME_CHARS
from dualuse.regime.snapshot import Snapshot
from dualuse.screening import Result, Screener

ROW_ERROR = "__row_error__"
Row = tuple[dict[str, Any], str]  # what the row carries besides the name, and the name


def name_too_long(name: str) -> str | None:
    """Why a name is refused for its length, or None."""
    if len(name) > MAX_NAME_CHARS:
        return f"is {len(name):,} characters long; at most {MAX_NAME_CHARS:,} are accepted"
    return None


def record_row(rec: dict[str, Any], row: int) -> Row:
    """One input record (a file row or a request item) as a name to screen or a row error."""
    meta: dict[str, Any] = {k: rec[k] for k in ("id", "country") if rec.get(k) is not None}
    name = rec.get("name") or ""
    if rec.get(JSON_ERROR_FIELD):
        fld, message = read_row_error(rec[JSON_ERROR_FIELD])
        meta[ROW_ERROR] = {"row": row, "field": fld, "message": message}
    elif not name.strip():
        meta[ROW_ERROR] = {"row": row, "field": "name", "message": "required field is missing"}
    elif (why := name_too_long(name)) is not None:
        meta[ROW_ERROR] = {"row": row, "field": "name", "message": why}
        name = ""
    return meta, name


def rows_of(batch: pa.RecordBatch, first_row: int) -> Iterator[Row]:
    """Each row of a batch as ``(meta, name)``; ``meta[ROW_ERROR]`` holds a row's error."""
    for offset, rec in enumerate(batch.to_pylist()):
        yield record_row(rec, first_row + offset)


@dataclass(frozen=True)
class ScreenJob:
    """What every row is screened with: the screener, the lists as of a date, the options."""

    screener: Screener
    snap: Snapshot
    threshold: float | None = None
    near_misses: bool = True

    def result(self, name: str) -> Result:
        return self.screener.run(name, self.snap, self.threshold)

    def record(self, meta: dict[str, Any], name: str) -> dict[str, Any]:
        """The output object of one row: the result with the echoed fields, or the error."""
        if ROW_ERROR in meta:
            return {"id": meta.get("id"), "error": meta[ROW_ERROR]}
        return {**meta, **self.result(name).as_dict(self.near_misses)}

    def line(self, meta: dict[str, Any], name: str) -> bytes:
        """The row's JSON object, newline-terminated."""
        return orjson.dumps(self.record(meta, name)) + b"\n"

    def lines(self, rows: list[Row]) -> bytes:
        return b"".join(self.line(meta, name) for meta, name in rows)


__all__ = ["ROW_ERROR", "Row", "ScreenJob", "name_too_long", "record_row", "rows_of"]
