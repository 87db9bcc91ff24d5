"""Use case: screen the names of a file's rows, one JSON object per row.

Shared by ``dualuse screen --file`` and ``dualuse spark screen``, so that a name gives the same
line whichever runs it: the row's ``id`` and ``country`` (when given), then the screening
result; a row that cannot be screened (unreadable, no name, a name over the bound) stays in its
place as an error object naming the row (data rows count from 1) and the field.
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
from dualuse.screening import Screener

ROW_ERROR = "__row_error__"
Row = tuple[dict[str, Any], str]  # what the row carries besides the name, and the name


def rows_of(batch: pa.RecordBatch, first_row: int) -> Iterator[Row]:
    """Each row of a batch as ``(meta, name)``; ``meta[ROW_ERROR]`` holds a row's error."""
    row = first_row - 1
    for rec in batch.to_pylist():
        row += 1
        meta: dict[str, Any] = {k: rec[k] for k in ("id", "country") if rec.get(k) is not None}
        name = rec.get("name") or ""
        if rec.get(JSON_ERROR_FIELD):
            fld, message = read_row_error(rec[JSON_ERROR_FIELD])
            meta[ROW_ERROR] = {"row": row, "field": fld, "message": message}
        elif not name.strip():
            meta[ROW_ERROR] = {"row": row, "field": "name", "message": "required field is missing"}
        elif len(name) > MAX_NAME_CHARS:
            meta[ROW_ERROR] = {
                "row": row,
                "field": "name",
                "message": f"is {len(name):,} characters long; at most "
                f"{MAX_NAME_CHARS:,} are accepted",
            }
            name = ""
        yield meta, name


@dataclass(frozen=True)
class ScreenJob:
    """What every row is screened with: the screener, the lists as of a date, the options."""

    screener: Screener
    snap: Snapshot
    threshold: float | None = None
    near_misses: bool = True

    def line(self, meta: dict[str, Any], name: str) -> bytes:
        """The row's JSON object, newline-terminated."""
        if ROW_ERROR in meta:
            return orjson.dumps({"id": meta.get("id"), "error": meta[ROW_ERROR]}) + b"\n"
        result = self.screener.run(name, self.snap, self.threshold)
        return orjson.dumps({**meta, **result.as_dict(self.near_misses)}) + b"\n"

    def lines(self, rows: list[Row]) -> bytes:
        return b"".join(self.line(meta, name) for meta, name in rows)


__all__ = ["ROW_ERROR", "Row", "ScreenJob", "rows_of"]
