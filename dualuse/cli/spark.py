"""``dualuse spark check|screen|lookback``: the batch commands on Apache Spark.

PySpark is imported only when one of these runs; the other commands never pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from dualuse.cli.common import AS_OF, OVERLAY, REGIME, get_regime, parse_date, today
from dualuse.cli.lookback import SINCE, THEN
from dualuse.errors import UsageError

spark_app = typer.Typer(
    name="spark",
    help="Run check, screen or lookback on Apache Spark (local mode by default; under "
    "spark-submit, the cluster it was given). INPUT and OUTPUT may be local or cluster paths; "
    "OUTPUT is a folder of part files. See docs/spark.md.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(spark_app)


INPUT = typer.Argument(..., metavar="INPUT", help="CSV or Parquet: a file or a folder of files.")
OUTPUT = typer.Argument(..., metavar="OUTPUT", help="Folder to write (must not exist).")
FORMAT = typer.Option("jsonl", "--format", "-f", help="Output: jsonl, csv or parquet.")
INPUT_FORMAT = typer.Option(
    None, "--input-format", help="csv or parquet (default: from INPUT's extension)."
)
PARTITIONS = typer.Option(
    None, "--partitions", min=1, metavar="N", help="About N partitions (default: Spark's split)."
)
MASTER = typer.Option(
    None,
    "--master",
    metavar="URL",
    help="Spark master (default: local[*], or what spark-submit was given).",
)
CONF = typer.Option(None, "--conf", metavar="KEY=VALUE", help="A Spark setting (repeatable).")


def _conf(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--conf {item!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


def _session(master: str | None, conf: list[str] | None) -> Any:
    from dualuse.spark.session import spark_session

    return spark_session(master, _conf(conf))


def _request(
    input: str, output: str, fmt: str, input_fmt: str | None, partitions: int | None, day: Any
) -> Any:
    from dualuse.spark.jobs import SparkRequest
    from dualuse.spark.source import input_format

    req = SparkRequest(input, output, input_format(input, input_fmt), fmt, partitions, day)
    req.validate()
    return req


def _summary(counts: dict[str, int], what: str) -> str:
    rows, errors = counts.pop("rows", 0), counts.pop("errors", 0)
    parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v)
    return f"{rows} {what}: {parts or 'none'}; {errors} row error(s)"


@spark_app.command("check")
def check(
    input: str = INPUT,
    output: str = OUTPUT,
    as_of: str | None = AS_OF,
    fmt: str = FORMAT,
    input_fmt: str | None = INPUT_FORMAT,
    partitions: int | None = PARTITIONS,
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
    master: str | None = MASTER,
    conf: list[str] | None = CONF,
) -> None:
    """Decide every shipment line, as ``dualuse check`` does, on Spark."""
    day = parse_date(as_of, "--as-of")
    req = _request(input, output, fmt, input_fmt, partitions, day)
    regime = get_regime(regime_dir, regime_overlay)
    from dualuse.spark.jobs import spark_check

    counts = spark_check(_session(master, conf), req, regime, today())
    typer.echo(_summary(counts, "line(s)"), err=True)


@spark_app.command("screen")
def screen(
    input: str = INPUT,
    output: str = OUTPUT,
    as_of: str | None = AS_OF,
    fmt: str = FORMAT,
    input_fmt: str | None = INPUT_FORMAT,
    partitions: int | None = PARTITIONS,
    lists: list[str] = typer.Option(
        None, "--list", metavar="LIST", help="Also screen against this list file (repeatable)."
    ),
    list_format: str = typer.Option("auto", "--list-format", help="Format of --list files."),
    threshold: float | None = typer.Option(
        None, "--threshold", metavar="T", min=0.0, max=1.0, help="Report matches from T (0..1)."
    ),
    near_misses: bool = typer.Option(True, "--near-misses/--no-near-misses"),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
    master: str | None = MASTER,
    conf: list[str] | None = CONF,
) -> None:
    """Screen the ``name`` column of every row, as ``dualuse screen --file`` does, on Spark."""
    from dualuse.screening import read_list

    day = parse_date(as_of, "--as-of")
    req = _request(input, output, fmt, input_fmt, partitions, day)
    extra = [read_list(p, list_format) for p in (lists or [])]
    regime = get_regime(regime_dir, regime_overlay)
    from dualuse.spark.jobs import spark_screen

    counts = spark_screen(
        _session(master, conf), req, regime, today(), extra, threshold, near_misses
    )
    typer.echo(_summary(counts, "name(s) screened"), err=True)


@spark_app.command("lookback")
def lookback(
    input: str = INPUT,
    output: str = OUTPUT,
    since: str | None = SINCE,
    then: str | None = THEN,
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Decide the new side as of DATE (default: today)."
    ),
    fmt: str = FORMAT,
    input_fmt: str | None = INPUT_FORMAT,
    partitions: int | None = PARTITIONS,
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
    master: str | None = MASTER,
    conf: list[str] | None = CONF,
) -> None:
    """Report the lines whose decision changes between then and now, as ``dualuse lookback``
    does, on Spark."""
    now = parse_date(as_of, "--as-of")
    since_day, then_day = parse_date(since, "--since"), parse_date(then, "--then")
    req = _request(input, output, fmt, input_fmt, partitions, now)
    regime = get_regime(regime_dir, regime_overlay)
    from dualuse.spark.jobs import spark_lookback

    counts = spark_lookback(_session(master, conf), req, regime, today(), then_day, since_day)
    changed = counts.pop("changed", 0)
    typer.echo(f"{changed} change(s); " + _summary(counts, "line(s) re-decided"), err=True)


__all__ = ["register", "spark_app"]
