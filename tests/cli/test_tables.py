"""The readable tables: provisional decisions are visible, data is never read as markup."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq

from tests.cli.test_check_cli import jsonl, run

LAPSED = (
    "id,date,destination_country,end_user_type,description,hs_code\n"
    "[b]G1[/b],2026-12-01,US,military,gallium metal 99.99%,8112929010\n"
)


def test_table_shows_a_provisional_decision_and_the_date(tmp_path: Path) -> None:
    path = tmp_path / "lapsed.csv"
    path.write_text(LAPSED, encoding="utf-8")
    res = run("check", str(path), env={"COLUMNS": "200"})
    assert res.returncode == 0, res.stderr
    assert "PROVISIONAL" in res.stdout and "2026-11-27" in res.stdout
    assert "[b]G1[/b]" in res.stdout  # the id as given, not read as bold markup
    assert "[provisional:" in res.stdout  # bracketed text in reasons survives too


def test_every_output_format_carries_the_provisional_flag(tmp_path: Path) -> None:
    path = tmp_path / "lapsed.csv"
    path.write_text(LAPSED, encoding="utf-8")
    (line,) = jsonl(run("check", str(path), "--format", "jsonl").stdout)
    assert line["provisional"] is True and line["unknown_after"] == "2026-11-27"
    out = tmp_path / "out.csv"
    assert run("check", str(path), "--format", "csv", "-o", str(out)).returncode == 0
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert row["provisional"] == "true" and row["unknown_after"] == "2026-11-27"
    pqo = tmp_path / "out.parquet"
    assert run("check", str(path), "--format", "parquet", "-o", str(pqo)).returncode == 0
    rec = pq.read_table(pqo).to_pylist()[0]
    assert rec["provisional"] == "true" and rec["unknown_after"] == "2026-11-27"


def test_a_confirmed_state_is_not_provisional(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text(LAPSED.replace("2026-12-01", "2026-03-02"), encoding="utf-8")
    (line,) = jsonl(run("check", str(path), "--format", "jsonl").stdout)
    assert line["provisional"] is False and line["unknown_after"] is None


def test_screen_table_keeps_bracketed_input() -> None:
    res = run(
        "screen", "[abc] Example Trading K.K.", "--as-of", "2026-03-02", env={"COLUMNS": "200"}
    )
    assert res.returncode == 0 and "[abc]" in res.stdout


def test_regime_diff_names_a_lapsed_suspension() -> None:
    res = run("regime", "diff", "2026-11-26", "2026-11-30", "--format", "jsonl")
    rows = [r for r in jsonl(res.stdout) if r["record_id"] == "cn.mofcom.2024-46.c2"]
    assert rows and rows[0]["change"] == "suspension_lapsed" and rows[0]["provisional"]
    table = run("regime", "diff", "2026-11-26", "2026-11-30", env={"COLUMNS": "200"}).stdout
    assert "PROVISIONAL" in table and "resumed" not in table
