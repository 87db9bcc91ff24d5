"""``dualuse classify``: catalogue candidates for an item from its HS code, text and values."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import typer

from dualuse import values
from dualuse.classify import Query, Result, classify_query
from dualuse.cli.common import AS_OF, OVERLAY, REGIME, OutputFormat, get_regime, parse_date, today
from dualuse.errors import UsageError
from dualuse.io import iter_records
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.limits import MAX_AMOUNT
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot


def register(app: typer.Typer) -> None:
    app.command("classify")(classify)


def classify(
    hs: str | None = typer.Option(
        None,
        "--hs",
        metavar="CODE",
        help="HS code (6-10 digits; dots and spaces allowed; a 9-digit Japanese code "
        "is read to 6).",
    ),
    description: str | None = typer.Option(
        None, "--description", "-d", metavar="TEXT", help="Item description, any language."
    ),
    control_code: str | None = typer.Option(
        None, "--control-code", metavar="CODE", help="Control-list code, if known (1C905.b)."
    ),
    param: list[str] = typer.Option(
        [],
        "--param",
        "-p",
        metavar="NAME=VALUE",
        help="A technical value, e.g. purity_pct=99.99 (repeatable).",
    ),
    file: str | None = typer.Option(
        None,
        "--file",
        metavar="FILE",
        help="Classify every row of a CSV, JSON Lines, Parquet or Excel (.xlsx) file (columns id, "
        "hs_code, description, control_code, param_<name>).",
    ),
    exporter: str = typer.Option(
        "CN",
        "--exporter-country",
        metavar="CC",
        help="Country the goods ship from; outside CN only the first 6 HS digits are compared.",
    ),
    as_of: str | None = AS_OF,
    fmt: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="Output format: jsonl or table."
    ),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
) -> None:
    """List the control-list entries an item may fall under, best first, each with a score
    (0..1), the reasons, the notice to cite and any threshold that was not given."""
    if fmt not in (OutputFormat.jsonl, OutputFormat.table):
        raise UsageError("--format must be jsonl or table")
    day = parse_date(as_of, "--as-of") or today()
    params = _params(param)
    if file is None and not (hs or description or control_code):
        raise UsageError("give --hs, --description or --control-code (or --file)")
    regime = get_regime(regime_dir, regime_overlay)
    rows: Iterator[tuple[str | None, Query | RowError]]
    if file is not None:
        rows = ((row_id, q) for row_id, q in _file_queries(file, exporter, params))
    else:
        q = Query(description or "", hs or "", control_code or "", params, exporter.upper())
        rows = iter([(None, q)])
    out = (
        q.to_dict(row_id) if isinstance(q, RowError) else _record(regime, day, row_id, q)
        for row_id, q in rows
    )
    if fmt is OutputFormat.jsonl:
        for rec in out:
            sys.stdout.buffer.write(orjson.dumps(rec) + b"\n")
    else:
        _table(list(out))


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


def _params(pairs: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE")
        try:
            out[name.strip()] = float(value.strip().rstrip("%"))
        except ValueError:
            raise UsageError(f"--param {pair!r}: {value!r} is not a number") from None
    return out


def _file_queries(
    path: str, exporter: str, base: Mapping[str, float]
) -> Iterator[tuple[str, Query | RowError]]:
    for row, rec in iter_records(path):
        rid = rec.get("id") or str(row)
        if rec.get(JSON_ERROR_FIELD):
            yield rid, RowError(row, *read_row_error(rec[JSON_ERROR_FIELD]))
            continue
        params = dict(base)
        bad: RowError | None = None
        for key, value in rec.items():
            if key.startswith("param_") and value not in (None, ""):
                try:
                    params[key[6:]] = values.number(str(value).rstrip("%"), lo=-MAX_AMOUNT)
                except ValueError as exc:
                    bad = RowError(row, key, str(exc))
                    break
        if bad is not None:
            yield rid, bad
            continue
        q = Query(
            description=rec.get("description") or "",
            hs_code=rec.get("hs_code") or rec.get("hs") or "",
            control_code=rec.get("control_code") or "",
            parameters=params,
            exporter_country=(rec.get("exporter_country") or exporter).upper(),
        )
        yield rid, q


def _record(regime: Regime, day: dt.date, row_id: str | None, q: Query) -> dict[str, Any]:
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


def _table(records: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # descriptions, titles and reasons are data, never markup: cells are Text
    console = Console(soft_wrap=False)
    for rec in records:
        if "error" in rec:
            e = rec["error"]
            msg = f"row {e['row']}, field {e['field']!r}: {e['message']}"
            console.print(Text(msg, style="red"))
            continue
        title = f"dualuse classify {rec.get('id', '')}".strip() + f" (as of {rec['as_of']})"
        table = Table(show_lines=True, title=Text(title))
        for col in ("score", "code", "entry", "status", "why", "citation"):
            table.add_column(col)
        for c in rec["candidates"]:
            why = "\n".join(c["reasons"])
            if c["missing_parameters"]:
                why += "\nask for: " + ", ".join(c["missing_parameters"])
            table.add_row(
                f"{c['score']:.2f}\n{c['confidence']}",
                Text(c["control_code"] or "-"),
                Text(c["title"]),
                c["status"],
                Text(why),
                Text(c["citation"]),
            )
        for x in rec["excluded"]:
            table.add_row(
                "-", Text(x["control_code"] or "-"), Text(x["title"]), "excluded",
                Text(x["reason"]), "",
            )  # fmt: skip
        console.print(table)
        if not rec["candidates"]:
            console.print("no catalogue entry matches")
        for note in rec.get("notes", []):
            console.print(Text(f"note: {note}"))
