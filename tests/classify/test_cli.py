from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dualuse", "classify", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_jsonl_shape() -> None:
    p = run("--description", "Germanium dioxide", "--hs", "2825600002", "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert len(rows) == 1
    cands = rows[0]["candidates"]
    assert cands and {"control_code", "title", "score", "citation"} <= set(cands[0])
    assert 0 <= cands[0]["score"] <= 1


def test_params_and_missing_parameters() -> None:
    p = run("-d", "isostatic graphite block", "--param", "density_g_cm3=1.85", "-f", "jsonl")
    c = json.loads(p.stdout)["candidates"][0]
    assert "density_g_cm3" not in c["missing_parameters"]
    assert "purity_pct" in c["missing_parameters"]


def test_batch_file(tmp_path: Path) -> None:
    f = tmp_path / "items.csv"
    f.write_text(
        "id,hs_code,description,param_purity_pct\n"
        "A,2846.90-000,酸化ジスプロシウム,\n"
        "B,731815,steel bolt,\n"
        "C,,antimony trioxide,99.995\n",
        encoding="utf-8",
    )
    p = run("--file", str(f), "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["A", "B", "C"]
    assert rows[0]["candidates"] and not rows[1]["candidates"]
    assert rows[2]["parameters"]["purity_pct"] == 99.995


def test_usage_errors_exit_2() -> None:
    assert run("--format", "jsonl").returncode == 2
    assert run("-d", "x", "--param", "purity", "-f", "jsonl").returncode == 2


def test_table_and_stdin() -> None:
    p = run("-d", "酸化ジスプロシウム", "--hs", "2846.90-000")
    assert p.returncode == 0 and "1C905.b" in p.stdout
    q = subprocess.run(
        [sys.executable, "-m", "dualuse", "classify", "--file", "-", "-f", "jsonl"],
        input='{"id": "S1", "description": "gallium-free LED lamp"}\n',
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert q.returncode == 0, q.stderr
    assert json.loads(q.stdout)["candidates"] == []
