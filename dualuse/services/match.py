"""Use case: score pairs of party names with the screening scorer, one pair or a file of them.

Shared by ``dualuse match`` and the HTTP API: each pair's output object, and a file's rows
(``name1``, ``name2``, optional ``id``), each a pair to score or a row error in its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dualuse.io import iter_records
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.limits import MAX_NAME_CHARS
from dualuse.screening import match_names

Pair = tuple[str, str, Any, dict[str, Any] | None]
"""``(name1, name2, id, error)``: a pair to score, or (with ``error``) a row that cannot be."""


def pair_record(name1: str, name2: str, row_id: Any = None) -> dict[str, Any]:
    """The output object for one pair: the names, score, verdict and explanation."""
    rec: dict[str, Any] = {"name1": name1, "name2": name2, **match_names(name1, name2).as_dict()}
    return rec if row_id is None else {"id": row_id, **rec}


def check_pair(rec: dict[str, Any], row: int) -> Pair:
    """One input record as a pair to score, or a row error naming the field."""
    rid = rec.get("id")
    if rec.get(JSON_ERROR_FIELD):
        fld, message = read_row_error(rec[JSON_ERROR_FIELD])
        return "", "", rid, {"row": row, "field": fld, "message": message}
    missing = [k for k in ("name1", "name2") if not (rec.get(k) or "").strip()]
    if missing:
        return (
            "",
            "",
            rid,
            {"row": row, "field": missing[0], "message": "required field is missing"},
        )
    long = [k for k in ("name1", "name2") if len(rec[k] or "") > MAX_NAME_CHARS]
    if long:
        size = len(rec[long[0]] or "")
        message = f"is {size:,} characters long; at most {MAX_NAME_CHARS:,} are accepted"
        return "", "", rid, {"row": row, "field": long[0], "message": message}
    return rec["name1"] or "", rec["name2"] or "", rid, None


def file_pairs(path: str) -> Iterator[Pair]:
    """Pairs from a CSV, JSON Lines, Parquet or Excel file, streamed."""
    for row, rec in iter_records(path):
        yield check_pair(rec, row)


def pair_results(pairs: Iterator[Pair]) -> Iterator[dict[str, Any]]:
    """One output object per pair, in order; a row error is ``{"id", "error"}``."""
    for a, b, rid, error in pairs:
        if error is not None:
            yield {"id": rid, "error": error}
        else:
            yield pair_record(a, b, rid)


__all__ = ["Pair", "check_pair", "file_pairs", "pair_record", "pair_results"]
