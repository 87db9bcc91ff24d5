"""Use case: a check run's JSON Lines results as CSV or Parquet, with the columns that
``dualuse check --format csv|parquet`` writes (the lists as JSON text).

The API's jobs write JSON Lines once and convert on the first download of another format.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from dualuse.io import open_writer
from dualuse.services.results import OUTPUT_SCHEMA

CHUNK = 65_536
_DICT_COLUMNS = ("decision", "provisional", "unknown_after", "reasons", "items", "parties")


def _table(records: list[dict[str, Any]]) -> pa.Table:
    cols: dict[str, list[Any]] = {name: [] for name in OUTPUT_SCHEMA.names}
    for r in records:
        err = r.get("error")
        cols["id"].append(None if r.get("id") is None else str(r.get("id")))
        if err:
            for name in ("decision", "as_of", "provisional", "unknown_after", *_DICT_COLUMNS[3:]):
                cols[name].append(None)
            cols["error_row"].append(err.get("row"))
            cols["error_field"].append(err.get("field"))
            cols["error_message"].append(err.get("message"))
            continue
        cols["decision"].append(r["decision"])
        cols["as_of"].append(r.get("as_of"))
        cols["provisional"].append("true" if r.get("provisional") else "false")
        cols["unknown_after"].append(r.get("unknown_after") or "")
        for name in ("reasons", "items", "parties"):
            cols[name].append(orjson.dumps(r.get(name, [])).decode())
        cols["error_row"].append(None)
        cols["error_field"].append(None)
        cols["error_message"].append(None)
    arrays = []
    for f in OUTPUT_SCHEMA:
        values = cols[f.name]
        if pa.types.is_dictionary(f.type):
            arrays.append(pa.array(values, pa.string()).dictionary_encode().cast(f.type))
        else:
            arrays.append(pa.array(values, f.type))
    return pa.table(arrays, schema=OUTPUT_SCHEMA)


def _chunks(path: Path) -> Iterator[list[dict[str, Any]]]:
    buf: list[dict[str, Any]] = []
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                buf.append(orjson.loads(line))
            if len(buf) >= CHUNK:
                yield buf
                buf = []
    if buf:
        yield buf


def convert(jsonl: Path, fmt: str, out: Path) -> Path:
    """Write ``jsonl``'s results to ``out`` as ``fmt`` (csv or parquet); returns ``out``."""
    writer = open_writer(fmt, str(out))
    wrote = False
    for chunk in _chunks(jsonl):
        writer.write_table(_table(chunk))
        wrote = True
    if not wrote and fmt == "parquet":
        writer.write_table(OUTPUT_SCHEMA.empty_table())
    writer.close()
    return out


__all__ = ["convert"]
