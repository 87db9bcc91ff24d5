"""``dualuse spark check|screen|lookback`` give what the single-machine commands give."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from bench.distinct_lines import make_lines
from dualuse.classify import default_classifier
from dualuse.regime import load_regime
from dualuse.screening import default_screener
from dualuse.services.check_file import CheckFile, CheckFileRequest
from dualuse.services.lookback import FileHistory, Lookback
from dualuse.spark.jobs import SparkRequest, spark_check, spark_lookback, spark_screen

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "shipments.csv"
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A generated file with row errors, as CSV and as Parquet (two row groups)."""
    d = tmp_path_factory.mktemp("lines")
    table = make_lines(3000, seed=4, errors=True)
    csv_path, pq_path = d / "lines.csv", d / "lines.parquet"
    pacsv.write_csv(table, csv_path)
    pq.write_table(table, pq_path, row_group_size=1000)
    return {"csv": csv_path, "parquet": pq_path}


def single(path: Path, fmt: str, out: Path, as_of: dt.date | None = None) -> Path:
    req = CheckFileRequest(str(path), fmt=fmt, output=str(out), as_of=as_of)
    job = CheckFile(req, load_regime(), default_classifier(), default_screener(), TODAY)
    job.write()
    return out


def parts(folder: Path, suffix: str) -> list[Path]:
    return sorted(folder.glob(f"part-*{suffix}"))


def text_lines(folder: Path) -> list[str]:
    return [line for p in parts(folder, ".txt") for line in p.read_text("utf-8").splitlines()]


@pytest.mark.parametrize("source", ["examples", "csv", "parquet"])
def test_check_jsonl_is_byte_identical(
    spark: Any, lines: dict[str, Path], source: str, tmp_path: Path
) -> None:
    path = EXAMPLES if source == "examples" else lines[source]
    want = single(path, "jsonl", tmp_path / "single.jsonl").read_text("utf-8").splitlines()
    fmt = "parquet" if source == "parquet" else "csv"
    req = SparkRequest(str(path), str(tmp_path / "spark"), fmt, "jsonl", partitions=3)
    counts = spark_check(spark, req, load_regime(), TODAY)
    got = text_lines(tmp_path / "spark")
    assert len(parts(tmp_path / "spark", ".txt")) >= 2 or source == "examples"
    assert got == want  # every line, in order, byte for byte
    assert counts["rows"] == len(want)
    assert counts["errors"] == sum('"error":' in line for line in want)
    if source != "examples":
        assert counts["errors"] > 20  # the file has row errors, and they match too


def test_check_with_as_of_and_table_outputs(
    spark: Any, lines: dict[str, Path], tmp_path: Path
) -> None:
    day = dt.date(2026, 3, 2)
    for fmt in ("parquet", "csv"):
        want_path = single(lines["csv"], fmt, tmp_path / f"single.{fmt}", as_of=day)
        req = SparkRequest(
            str(lines["csv"]), str(tmp_path / f"spark-{fmt}"), "csv", fmt, partitions=2, as_of=day
        )
        spark_check(spark, req, load_regime(), TODAY)
        if fmt == "parquet":
            want = pq.read_table(want_path).to_pylist()
            got = [r for p in parts(tmp_path / "spark-parquet", ".parquet")
                   for r in pq.read_table(p).to_pylist()]  # fmt: skip
        else:
            opts = pacsv.ConvertOptions(strings_can_be_null=True)
            want = pacsv.read_csv(want_path, convert_options=opts).to_pylist()
            got = [r for p in parts(tmp_path / "spark-csv", ".csv")
                   for r in pacsv.read_csv(p, convert_options=opts).to_pylist()]  # fmt: skip
        assert got == want


def test_screen_is_identical(spark: Any, tmp_path: Path) -> None:
    from bench.distinct_lines import customers
    from dualuse.regime import snapshot
    from dualuse.screening import Screener
    from dualuse.services.screen_rows import ScreenJob, rows_of

    names = customers()[:150] + ["三菱重工航空发动机", "", "X" * 1100]
    table = pa.table({
        "id": [f"C{i}" for i in range(len(names))],
        "name": names,
        "country": ["JP"] * len(names),
    })  # fmt: skip
    path = tmp_path / "names.parquet"
    pq.write_table(table, path)
    regime = load_regime()
    job = ScreenJob(Screener(), snapshot(regime, TODAY))
    want = [job.lines(list(rows_of(b, 1))) for b in table.to_batches()]
    want_lines = b"".join(want).decode().splitlines()
    req = SparkRequest(str(path), str(tmp_path / "out"), "parquet", "jsonl", partitions=2)
    counts = spark_screen(spark, req, regime, TODAY)
    assert text_lines(tmp_path / "out") == want_lines
    assert counts == {"rows": len(names), "errors": 2}
    assert any('"exact":true' in line for line in want_lines)


def test_screen_cli_matches_spark(spark: Any, tmp_path: Path) -> None:
    """The command line's ``screen --file`` (one process) gives the Spark lines."""
    import subprocess
    import sys

    path = tmp_path / "names.csv"
    path.write_text("id,name,country\n1,IHI Aerospace Co.,JP\n2,Plain Trading Ltd,SG\n3,,JP\n")
    p = subprocess.run(
        [sys.executable, "-m", "dualuse", "screen", "--file", str(path), "--format", "jsonl",
         "--as-of", "2026-11-30", "-j", "1"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    req = SparkRequest(str(path), str(tmp_path / "out"), "csv", as_of=dt.date(2026, 11, 30))
    spark_screen(spark, req, load_regime(), TODAY)
    assert text_lines(tmp_path / "out") == p.stdout.splitlines()


def test_lookback_on_spark_is_the_single_machine_report(spark: Any, tmp_path: Path) -> None:
    table = make_lines(1500, seed=9, errors=True)
    path = tmp_path / "history.parquet"
    pq.write_table(table, path, row_group_size=500)
    regime = load_regime()
    then, now = dt.date(2026, 2, 23), dt.date(2026, 2, 24)
    job = Lookback(regime, default_classifier(), default_screener(), TODAY, then=then, now=now)
    want = [line.decode() for line in job.lines(FileHistory(str(path)))]
    req = SparkRequest(str(path), str(tmp_path / "out"), "parquet", partitions=3, as_of=now)
    counts = spark_lookback(spark, req, regime, TODAY, then=then)
    assert text_lines(tmp_path / "out") == want
    assert counts["changed"] == job.counts.changed > 0
    assert all(json.loads(x)["then"]["decision"] != json.loads(x)["now"]["decision"]
               for x in want if '"then"' in x)  # fmt: skip


def test_output_that_exists_is_refused(spark: Any, tmp_path: Path) -> None:
    from dualuse.errors import UsageError

    (tmp_path / "out").mkdir()
    req = SparkRequest(str(EXAMPLES), str(tmp_path / "out"), "csv")
    with pytest.raises(UsageError, match="already exists"):
        spark_check(spark, req, load_regime(), TODAY)


def test_the_command_line_doors(spark: Any, tmp_path: Path) -> None:
    """``dualuse spark check|lookback`` through the command line, on the running session."""
    from typer.testing import CliRunner

    from dualuse.cli import app

    cli = CliRunner()
    out = tmp_path / "checked"
    got = cli.invoke(app, ["spark", "check", str(EXAMPLES), str(out), "--as-of", "2026-03-02"])
    assert got.exit_code == 0, got.output
    want = single(EXAMPLES, "jsonl", tmp_path / "single.jsonl", as_of=dt.date(2026, 3, 2))
    assert text_lines(out) == want.read_text("utf-8").splitlines()
    changes = tmp_path / "changes"
    got = cli.invoke(
        app,
        ["spark", "lookback", str(EXAMPLES), str(changes), "--then", "2026-02-23",
         "--as-of", "2026-02-24", "--format", "parquet"],
    )  # fmt: skip
    assert got.exit_code == 0, got.output
    rows = [r for p in parts(changes, ".parquet") for r in pq.read_table(p).to_pylist()]
    assert rows and all(r["then"] != r["now"] for r in rows)
    bad = cli.invoke(app, ["spark", "check", str(tmp_path / "lines.txt"), str(tmp_path / "x")])
    assert bad.exit_code != 0
