"""``dualuse match``: compare two party names with the screening scorer."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import StrEnum

import orjson
import typer

from dualuse.errors import UsageError
from dualuse.services.match import Pair, file_pairs, pair_results


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
        pairs: Iterator[Pair] = file_pairs(file)
    else:
        if not names or len(names) != 2:
            raise UsageError("give exactly two names (or --file FILE)")
        pairs = iter([(names[0], names[1], None, None)])
    for rec in pair_results(pairs):
        if fmt is MatchFormat.jsonl:
            sys.stdout.buffer.write(orjson.dumps(rec) + b"\n")
        elif "error" in rec:
            error = rec["error"]
            typer.echo(f"row {error['row']}, field {error['field']!r}: {error['message']}")
        else:
            verdict = "match" if rec["match"] else "no match"
            typer.echo(
                f"{rec['name1']}  vs  {rec['name2']}: {verdict} (score {rec['score']:.2f})\n"
                f"  {rec['explanation']}"
            )


__all__ = ["match", "register"]
