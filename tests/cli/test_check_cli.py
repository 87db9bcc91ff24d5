"""``dualuse check`` end to end, through the real console entry point."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "shipments.csv"


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dualuse", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_examples_decide_as_documented() -> None:
    expected = {r["id"]: r["expected_decision"] for r in csv.DictReader(EXAMPLES.open())}
    p = run("check", str(EXAMPLES), "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    got = {r["id"]: r["decision"] for r in jsonl(p.stdout)}
    assert got == expected
    for r in jsonl(p.stdout):
        for reason in r["reasons"]:
            if reason["effect"] != "allowed":
                assert reason["citation"], reason


def test_table_output_is_readable() -> None:
    p = run("check", str(EXAMPLES))
    assert p.returncode == 0
    assert "prohibited" in p.stdout and "MOFCOM Announcement 2026 No. 1" in p.stdout
    assert "line(s)" in p.stderr


def test_row_errors_do_not_stop_the_batch(tmp_path: Path) -> None:
    f = tmp_path / "lines.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps({"id": "A", "destination_country": "JP", "hs_code": "6109100000"}),
                json.dumps({"id": "B", "destination_country": "JP", "date": "2026-13-45"}),
                "{not json",
                json.dumps({"destination_country": "JP"}),
                json.dumps({"id": "E", "destination_country": "JP", "quantity": "ten"}),
                json.dumps(
                    {
                        "id": "F",
                        "destination_country": "US",
                        "hs_code": "8112929010",
                        "date": "2026-03-02",
                    }
                ),
            ]
        )
        + "\n"
    )
    p = run("check", str(f), "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    rows = jsonl(p.stdout)
    assert [r.get("id") for r in rows] == ["A", "B", None, None, "E", "F"]
    errors = {i: r["error"] for i, r in enumerate(rows) if "error" in r}
    assert errors[1] == {"row": 2, "field": "date", "message": errors[1]["message"]}
    assert errors[2]["row"] == 3 and errors[2]["field"] == "(row)"
    assert "JSON" in errors[2]["message"]
    assert errors[3]["field"] == "id" and errors[3]["row"] == 4
    assert errors[4]["field"] == "quantity" and errors[4]["row"] == 5
    assert rows[5]["decision"] in ("licence_required", "review")
    strict = run("check", str(f), "--format", "jsonl", "--strict")
    assert strict.returncode == 2


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage\x00\x01", b""])
def test_unreadable_files_exit_2_without_traceback(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "bad.csv"
    f.write_bytes(content)
    p = run("check", str(f), "--format", "jsonl")
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and str(f) in p.stderr
    assert p.stdout == ""


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    p = run("check", str(tmp_path / "nope.csv"), "--format", "jsonl")
    assert p.returncode == 2 and "file not found" in p.stderr
    other = tmp_path / "lines.txt"
    other.write_text("x")
    p = run("check", str(other), "--format", "jsonl")
    assert p.returncode == 2 and "unknown file format" in p.stderr


def test_bad_as_of_is_a_usage_error() -> None:
    p = run("check", str(EXAMPLES), "--as-of", "2026-02-30", "--format", "jsonl")
    assert p.returncode == 2 and "--as-of" in p.stderr and p.stdout == ""


def test_as_of_overrides_line_dates() -> None:
    p = run("check", str(EXAMPLES), "--as-of", "2026-01-05", "--format", "jsonl")
    rows = {r["id"]: r for r in jsonl(p.stdout)}
    assert rows["EX02"]["decision"] == "licence_required"
    assert rows["EX02"]["as_of"] == "2026-01-05"


def test_stdin_csv_parquet_agree(tmp_path: Path) -> None:
    lines = [dict(r) for r in csv.DictReader(EXAMPLES.open())]
    stdin = "\n".join(json.dumps(r) for r in lines)
    pq.write_table(pa.Table.from_pylist(lines), tmp_path / "in.parquet")
    a = jsonl(run("check", "-", "--format", "jsonl", stdin=stdin).stdout)
    b = jsonl(run("check", str(EXAMPLES), "--format", "jsonl").stdout)
    c = jsonl(run("check", str(tmp_path / "in.parquet"), "--format", "jsonl").stdout)
    assert a == b == c


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_file_outputs(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    p = run("check", str(EXAMPLES), "--format", fmt, "--output", str(out))
    assert p.returncode == 0, p.stderr
    assert out.exists() and not Path(str(out) + ".partial").exists()
    if fmt == "parquet":
        table = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        table = list(csv.DictReader(out.open()))
    else:
        table = jsonl(out.read_text())
    assert [r["id"] for r in table] == [f"EX{i:02d}" for i in range(1, 21)]
    assert table[1]["decision"] == "prohibited"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_file_outputs_with_row_errors_agree(tmp_path: Path, fmt: str) -> None:
    """Error rows sit in place in every format, next to decided rows from the same batch."""
    src = tmp_path / "mixed.csv"
    src.write_text(
        "id,date,destination_country,hs_code,quantity\n"
        "A,2026-03-02,JP,2846901940,1\n"
        "B,2026-13-45,JP,2846901940,1\n"
        "C,2026-03-02,XX,2846901940,1\n"
        "D,2026-03-02,JP,2846901940,ten\n"
        ",2026-03-02,JP,2846901940,1\n"
        "F,2026-03-02,DE,6109100000,2\n"
    )
    out = tmp_path / f"out.{fmt}"
    p = run("check", str(src), "--format", fmt, "--output", str(out))
    assert p.returncode == 0, p.stderr
    if fmt == "parquet":
        rows = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open()))
    else:
        rows = jsonl(out.read_text())
    assert len(rows) == 6

    def error_field(r: dict) -> str | None:
        if fmt == "jsonl":
            return r["error"]["field"] if "error" in r else None
        return r["error_field"] or None

    assert [error_field(r) for r in rows] == [
        None, "date", "destination_country", "quantity", "id", None,
    ]  # fmt: skip
    assert rows[0]["decision"] == "review"  # Japan, end-user type not given
    assert rows[5]["decision"] == "allowed"  # cotton T-shirts
    assert not rows[1]["decision"] if fmt != "jsonl" else "decision" not in rows[1]


def _big_input(path: Path, n: int) -> None:
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "date", "destination_country", "end_user_type", "hs_code", "end_user"])
        for i in range(n):
            # synthetic lines; every 7th with a distinct end user so that keys vary
            w.writerow(
                [
                    f"L{i}",
                    "2026-03-02",
                    ["JP", "US", "DE"][i % 3],
                    ["civilian", "military", ""][i % 3],
                    ["2846901940", "6109100000"][i % 2],
                    f"Customer {i}" if i % 7 == 0 else "IHI Aerospace Co., Ltd.",
                ]
            )


def _crash_after_a_checkpoint(src: Path, out: Path, fmt: str, env: dict[str, str]) -> Path:
    """Start ``check``, kill it once a checkpoint covers 4,000 rows; the checkpoint's path."""
    ckpt = Path(str(out) + ".partial.ckpt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dualuse", "check", str(src), "--format", fmt, "-o", str(out)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        if ckpt.exists() and json.loads(ckpt.read_text() or "{}").get("rows", 0) >= 4000:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if out.exists():
        pytest.skip("the run finished before it could be interrupted")
    assert ckpt.exists()
    return ckpt


def test_resume_after_a_crash_gives_the_same_output(tmp_path: Path) -> None:
    src = tmp_path / "big.csv"
    _big_input(src, 60_000)
    env = {"DUALUSE_BATCH_ROWS": "2000", "DUALUSE_CHECKPOINT_SECONDS": "0"}
    clean = tmp_path / "clean.jsonl"
    assert run("check", str(src), "--format", "jsonl", "-o", str(clean), env=env).returncode == 0
    out = tmp_path / "out.jsonl"
    ckpt = _crash_after_a_checkpoint(src, out, "jsonl", env)
    resumed = run("check", str(src), "--format", "jsonl", "-o", str(out), "--resume", env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == clean.read_bytes()
    assert not ckpt.exists()


def test_parquet_output_resumes_after_a_crash(tmp_path: Path) -> None:
    """Parts closed at checkpoints survive a crash; the unclosed one is redone."""
    src = tmp_path / "big.csv"
    _big_input(src, 60_000)
    env = {"DUALUSE_BATCH_ROWS": "2000", "DUALUSE_CHECKPOINT_SECONDS": "0"}
    clean = tmp_path / "clean.parquet"
    one_part = tmp_path / "one.parquet"
    assert run("check", str(src), "--format", "parquet", "-o", str(clean), env=env).returncode == 0
    p = run("check", str(src), "--format", "parquet", "-o", str(one_part))  # a single part
    assert p.returncode == 0, p.stderr
    assert pq.read_table(one_part).to_pylist() == pq.read_table(clean).to_pylist()
    out = tmp_path / "out.parquet"
    ckpt = _crash_after_a_checkpoint(src, out, "parquet", env)
    resumed = run("check", str(src), "--format", "parquet", "-o", str(out), "--resume", env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert pq.read_table(out).to_pylist() == pq.read_table(clean).to_pylist()
    assert not ckpt.exists()


def test_resume_refuses_another_runs_checkpoint(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    Path(str(out) + ".partial").write_text("")
    Path(str(out) + ".partial.ckpt").write_text(json.dumps({"rows": 1, "bytes": 0, "run_key": "x"}))
    p = run("check", str(EXAMPLES), "--format", "jsonl", "-o", str(out), "--resume")
    assert p.returncode == 2 and "another run" in p.stderr


def test_ragged_csv_rows_are_row_errors_in_place(tmp_path: Path) -> None:
    f = tmp_path / "ragged.csv"
    rows = ["id,destination_country,hs_code"]
    # enough rows that the fast reader has delivered batches before it meets the bad rows
    rows += [f"L{i},JP,6109100000" for i in range(120_000)]
    rows += ["BAD1,JP", "BAD2,JP,6109100000,extra", '"Q1",JP,"6109\n100000"', "LAST,US,8471300000"]
    f.write_text("\n".join(rows) + "\n")
    p = run("check", str(f), "--format", "jsonl", env={"DUALUSE_BATCH_ROWS": "50000"})
    assert p.returncode == 0, p.stderr
    out = jsonl(p.stdout)
    assert len(out) == 120_004
    assert out[119_999]["id"] == "L119999"
    assert out[120_000]["error"]["row"] == 120_001
    assert "2 fields" in out[120_000]["error"]["message"]
    assert out[120_001]["error"]["row"] == 120_002
    assert out[120_002]["id"] == "Q1" and out[120_003]["id"] == "LAST"


def test_a_bad_checkpoint_interval_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    env = {"DUALUSE_CHECKPOINT_SECONDS": "soon"}
    p = run("check", str(EXAMPLES), "--format", "jsonl", "-o", str(out), env=env)
    assert p.returncode == 2
    assert "DUALUSE_CHECKPOINT_SECONDS" in p.stderr and "Traceback" not in p.stderr
    assert list(tmp_path.iterdir()) == []
