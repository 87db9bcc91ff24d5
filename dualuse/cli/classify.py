"""``dualuse classify``: catalogue candidates for an item from its HS code, text and values."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import typer

from dualuse.classify import Query
from dualuse.cli.common import AS_OF, OVERLAY, REGIME, OutputFormat, get_regime, parse_date, today
from dualuse.errors import UsageError
from dualuse.services.classify import RowError, file_queries, parse_params, records


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
    params = parse_params(param)
    if file is None and not (hs or description or control_code):
        raise UsageError("give --hs, --description or --control-code (or --file)")
    regime = get_regime(regime_dir, regime_overlay)
    rows: Iterator[tuple[str | None, Query | RowError]]
    if file is not None:
        rows = ((row_id, q) for row_id, q in file_queries(file, exporter, params))
    else:
        q = Query(description or "", hs or "", control_code or "", params, exporter.upper())
        rows = iter([(None, q)])
    out = records(regime, day, rows)
    if fmt is OutputFormat.jsonl:
        for rec in out:
            sys.stdout.buffer.write(orjson.dumps(rec) + b"\n")
    else:
        _table(list(out))


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
