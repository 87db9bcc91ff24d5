"""The screen and match commands, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.screening.conftest import DATA

DU = [sys.executable, "-c", "from dualuse.cli import main; main()"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DU, *args], capture_output=True, text=True, input=stdin, timeout=120)


def test_screen_names_jsonl_shape() -> None:
    p = run(
        "screen",
        "三菱重工航空发动机",
        "三菱電機株式会社",
        "--as-of",
        "2026-03-02",
        "--format",
        "jsonl",
    )
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["三菱重工航空发动机", "三菱電機株式会社"]
    hit = rows[0]["matches"][0]
    assert {"entity_id", "name", "list", "score"} <= hit.keys() and 0 <= hit["score"] <= 1
    assert rows[1]["matches"] == []


def test_screen_file_with_extra_list(tmp_path: Path) -> None:
    f = tmp_path / "names.csv"
    f.write_text("id,name\nA,National Bank of Cuba\nB,Example Trading K.K.\n", "utf-8")
    p = run(
        "screen",
        "--file",
        str(f),
        "--list",
        str(DATA / "ofac-sdn" / "sdn.csv"),
        "--list-format",
        "ofac-sdn",
        "--format",
        "jsonl",
        "--as-of",
        "2026-03-02",
    )
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["A", "B"]
    assert rows[0]["matches"][0]["list"] == "ofac-sdn"


def test_screen_unreadable_file_exits_2_without_traceback(tmp_path: Path) -> None:
    for args in (
        ["--file", str(tmp_path / "missing.csv")],
        ["x", "--list", str(tmp_path / "missing.csv")],
    ):
        p = run("screen", *args, "--format", "jsonl")
        assert p.returncode == 2 and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1


def test_match_pair_and_file(tmp_path: Path) -> None:
    p = run(
        "match", "Mitsubishi Juko Koku Enjin", "三菱重工航空エンジン株式会社", "--format", "jsonl"
    )
    row = json.loads(p.stdout)
    assert p.returncode == 0 and row["match"] is True and row["explanation"]
    f = tmp_path / "pairs.jsonl"
    f.write_text('{"name1": "IHI Corporation", "name2": "IHI Aerospace Co., Ltd."}\n', "utf-8")
    p = run("match", "--file", str(f), "--format", "jsonl")
    assert p.returncode == 0 and json.loads(p.stdout)["match"] is False
