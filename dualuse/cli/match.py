"""``dualuse match``: compare two party names with the screening scorer."""

from __future__ import annotations

import sys
from enum import StrEnum

import orjson
import typer

from dualuse.errors import InputFileError, UsageError
from dualuse.io import iter_records
from dualuse.screening import match_names


class MatchFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


def register(app: typer.Typer) -> None:
    app.command("match")(match)


def match(
    names: list[str] = typer.Argument(None, metavar="NAME1 NAME2", help="Two names, any script."),
    file: str | None = typer.Option(
        None, "--file", metavar="FILE", help="CSV or JSON Lines with name1, name2 columns."
    ),
    fmt: MatchFormat = typer.Option(MatchFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Score two names (0..1) and say whether they match at the default threshold, and why."""
    if file:
        if names:
            raise UsageError("give two names or --file, not both")
        pairs = []
        for row, rec in iter_records(file, ("csv", "jsonl")):
            if "name1" not in rec or "name2" not in rec:
                raise InputFileError(file, "needs name1 and name2 columns", row=row)
            pairs.append((rec.get("name1") or "", rec.get("name2") or "", rec.get("id")))
    else:
        if not names or len(names) != 2:
            raise UsageError("give exactly two names (or --file FILE)")
        pairs = [(names[0], names[1], None)]
    for a, b, rid in pairs:
        res = match_names(a, b).as_dict()
        rec = (
            {"id": rid, "name1": a, "name2": b, **res}
            if rid is not None
            else {"name1": a, "name2": b, **res}
        )
        if fmt is MatchFormat.jsonl:
            sys.stdout.buffer.write(orjson.dumps(rec) + b"\n")
        else:
            verdict = "match" if res["match"] else "no match"
            typer.echo(
                f"{a}  vs  {b}: {verdict} (score {res['score']:.2f})\n  {res['explanation']}"
            )


__all__ = ["match", "register"]
