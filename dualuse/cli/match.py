"""``dualuse match``: compare two party names with the screening scorer."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import StrEnum

import orjson
import typer

from dualuse.errors import UsageError
from dualuse.io import iter_records
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.limits import MAX_NAME_CHARS
from dualuse.screening import match_names


class MatchFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


def register(app: typer.Typer) -> None:
    app.command("match")(match)


def match(
    names: list[str] = typer.Argument(None, metavar="NAME1 NAME2", help="Two names, any script."),
    file: str | None = typer.Option(
        None,
        "--file",
        metavar="FILE",
        help="CSV, JSON Lines, Parquet or Excel with name1, name2 columns.",
    ),
    fmt: MatchFormat = typer.Option(MatchFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Score two names (0..1) and say whether they match at the default threshold, and why."""
    if file:
        if names:
            raise UsageError("give two names or --file, not both")
        pairs: Iterator[tuple[str, str, str | None, dict[str, object] | None]] = _file_pairs(file)
    else:
        if not names or len(names) != 2:
            raise UsageError("give exactly two names (or --file FILE)")
        pairs = iter([(names[0], names[1], None, None)])
    for a, b, rid, error in pairs:
        if error is not None:
            rec: dict[str, object] = {"id": rid, "error": error}
            if fmt is MatchFormat.jsonl:
                sys.stdout.buffer.write(orjson.dumps(rec) + b"\n")
            else:
                typer.echo(f"row {error['row']}, field {error['field']!r}: {error['message']}")
            continue
        res = match_names(a, b).as_dict()
        rec = {"name1": a, "name2": b, **res}
        if rid is not None:
            rec = {"id": rid, **rec}
        if fmt is MatchFormat.jsonl:
            sys.stdout.buffer.write(orjson.dumps(rec) + b"\n")
        else:
            verdict = "match" if res["match"] else "no match"
            typer.echo(
                f"{a}  vs  {b}: {verdict} (score {res['score']:.2f})\n  {res['explanation']}"
            )


__all__ = ["match", "register"]


def _file_pairs(
    path: str,
) -> Iterator[tuple[str, str, str | None, dict[str, object] | None]]:
    """Pairs from a file, streamed; a row that cannot be scored is an error in its place."""
    for row, rec in iter_records(path):
        rid = rec.get("id")
        if rec.get(JSON_ERROR_FIELD):
            fld, message = read_row_error(rec[JSON_ERROR_FIELD])
            yield "", "", rid, {"row": row, "field": fld, "message": message}
            continue
        missing = [k for k in ("name1", "name2") if not (rec.get(k) or "").strip()]
        if missing:
            error = {"row": row, "field": missing[0], "message": "required field is missing"}
            yield "", "", rid, error
            continue
        long = [k for k in ("name1", "name2") if len(rec[k] or "") > MAX_NAME_CHARS]
        if long:
            size = len(rec[long[0]] or "")
            message = f"is {size:,} characters long; at most {MAX_NAME_CHARS:,} are accepted"
            yield "", "", rid, {"row": row, "field": long[0], "message": message}
            continue
        yield rec["name1"] or "", rec["name2"] or "", rid, None
