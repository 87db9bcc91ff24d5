"""Use case: catalogue candidates for items, one query or every row of a file.

Shared by ``dualuse classify`` and the HTTP API: technical values given as ``NAME=VALUE``, a
file's rows read into queries (or row errors in their place), and each query's output object
with the status of every candidate on the date and the notice to cite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from dualuse import values
from dualuse.classify import Query, Result, classify_query
from dualuse.errors import UsageError
from dualuse.io import iter_records
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.limits import MAX_AMOUNT
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot


@dataclass(frozen=True)
class RowError:
    """A file row that cannot be classified: reported in its place, the run goes on."""

    row: int
    field: str
    message: str

    def to_dict(self, row_id: str | None) -> dict[str, Any]:
        return {
            "id": row_id,
            "error": {"row": self.row, "field": self.field, "message": self.message},
        }


def parse_params(pairs: list[str], option: str = "--param") -> dict[str, float]:
    """``NAME=VALUE`` technical values (a trailing ``%`` is allowed) as numbers."""
    out: dict[str, float] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{option} {pair!r}: expected NAME=VALUE")
        try:
            out[name.strip()] = float(value.strip().rstrip("%"))
        except ValueError:
            raise UsageError(f"{option} {pair!r}: {value!r} is not a number") from None
    return out


def query_of(
    rec: Mapping[str, Any], row: int, exporter: str = "CN", base: Mapping[str, float] | None = None
) -> Query | RowError:
    """One input record (``hs_code``, ``description``, ``control_code``, ``param_<name>``)."""
    if rec.get(JSON_ERROR_FIELD):
        return RowError(row, *read_row_error(rec[JSON_ERROR_FIELD]))
    params = dict(base or {})
    for key, value in rec.items():
        if key.startswith("param_") and value not in (None, ""):
            try:
                params[key[6:]] = values.number(str(value).rstrip("%"), lo=-MAX_AMOUNT)
            except ValueError as exc:
                return RowError(row, key, str(exc))
    return Query(
        description=rec.get("description") or "",
        hs_code=rec.get("hs_code") or rec.get("hs") or "",
        control_code=rec.get("control_code") or "",
        parameters=params,
        exporter_country=(rec.get("exporter_country") or exporter).upper(),
    )


def file_queries(
    path: str, exporter: str, base: Mapping[str, float]
) -> Iterator[tuple[str, Query | RowError]]:
    """A file's rows as ``(id, query or row error)``; the id defaults to the row number."""
    for row, rec in iter_records(path):
        yield rec.get("id") or str(row), query_of(rec, row, exporter, base)


def record(regime: Regime, day: dt.date, row_id: str | None, q: Query) -> dict[str, Any]:
    """The output object for one query: candidates best first, exclusions, parameters read."""
    result: Result = classify_query(regime, q)
    snap = snapshot(regime, day)
    cands = []
    for c in result.candidates:
        item = regime.items[c.item_id]
        notice = regime.notices[item.notice]
        citation = notice.cite()
        eff = snap.items.get(c.item_id)
        status = "not_yet_announced"
        if eff is not None:
            status = eff.state.status.value
            if eff.state.ref and eff.state.ref != item.notice and eff.state.ref in regime.notices:
                citation += "; " + regime.notices[eff.state.ref].cite()
        origin = regime.origins.get(c.item_id)
        cands.append(
            {
                "control_code": c.control_code,
                "title": c.title,
                "score": c.score,
                "citation": citation,
                "item_id": c.item_id,
                "confidence": c.confidence.value,
                "basis": c.basis,
                "reasons": list(c.reasons),
                "missing_parameters": list(c.missing_parameters),
                "status": status,
                "url": notice.best_url(),
                "source": str(origin) if origin else None,
            }
        )
    rec: dict[str, Any] = {} if row_id is None else {"id": row_id}
    rec["as_of"] = day.isoformat()
    rec["candidates"] = cands
    rec["excluded"] = [
        {"control_code": x.control_code, "title": x.title, "item_id": x.item_id, "reason": x.reason}
        for x in result.excluded
    ]
    rec["parameters"] = dict(result.parameters)
    if result.notes:
        rec["notes"] = list(result.notes)
    return rec


def records(
    regime: Regime, day: dt.date, rows: Iterator[tuple[str | None, Query | RowError]]
) -> Iterator[dict[str, Any]]:
    """One output object per row, in order."""
    for row_id, q in rows:
        yield q.to_dict(row_id) if isinstance(q, RowError) else record(regime, day, row_id, q)


__all__ = ["RowError", "file_queries", "parse_params", "query_of", "record", "records"]
