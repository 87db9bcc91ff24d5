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


def test_match_file_bad_rows_in_place(tmp_path: Path) -> None:
    f = tmp_path / "pairs.csv"
    f.write_text("id,name1,name2\na,IHI Aerospace,IHI宇航\nb,,Sample K.K.\n", "utf-8")
    p = run("match", "--file", str(f), "--format", "jsonl")
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert p.returncode == 0
    assert rows[0]["id"] == "a" and rows[0]["match"] is True
    assert rows[1] == {
        "id": "b",
        "error": {"row": 2, "field": "name1", "message": "required field is missing"},
    }


def test_screen_file_jobs_keep_input_order(tmp_path: Path) -> None:
    from bench.screening.names import customer_names

    f = tmp_path / "names.jsonl"
    names = customer_names(700, extra=["三菱重工航空发动机"])
    f.write_text("".join(json.dumps({"id": i, "name": n}) + "\n" for i, n in enumerate(names)))
    one = run("screen", "--file", str(f), "--as-of", "2026-03-02", "-f", "jsonl", "--jobs", "1")
    two = run("screen", "--file", str(f), "--as-of", "2026-03-02", "-f", "jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    rows = [json.loads(line) for line in two.stdout.splitlines()]
    assert [str(r["id"]) for r in rows] == [str(i) for i in range(700)]
    assert rows[0]["matches"][0]["entity_id"] == "cn.mofcom.2026-11.02"


def test_screen_file_bad_rows_in_place(tmp_path: Path) -> None:
    f = tmp_path / "names.csv"
    f.write_text("id,name\n1,IHI Aerospace\n2,\n3,a,b\n4,SUBARU Corporation\n", "utf-8")
    p = run("screen", "--file", str(f), "--as-of", "2026-03-02", "--format", "jsonl")
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert p.returncode == 0, p.stderr
    assert [r.get("id") for r in rows] == ["1", "2", "3", "4"]  # the ragged row keeps its id
    assert rows[1]["error"] == {"row": 2, "field": "name", "message": "required field is missing"}
    assert rows[2]["error"]["row"] == 3 and "3 fields" in rows[2]["error"]["message"]
    assert rows[3]["matches"][0]["list"].endswith("watch")
