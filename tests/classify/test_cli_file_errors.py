"""``dualuse classify --file``: a bad row is reported in its place and the run goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_bad_rows_are_reported_in_place(tmp_path: Path) -> None:
    f = tmp_path / "items.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "description": "gallium metal"}),
                "{not json",
                json.dumps(
                    {"id": "c", "description": "antimony oxide", "param_purity_pct": "high"}
                ),
                json.dumps({"id": "d", "hs_code": "2846901940"}),
            ]
        )
        + "\n"
    )
    p = subprocess.run(
        [sys.executable, "-m", "dualuse", "classify", "--file", str(f), "--format", "jsonl"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["a", "2", "c", "d"]
    assert rows[1]["error"]["row"] == 2 and "JSON" in rows[1]["error"]["message"]
    assert rows[2]["error"] == {
        "row": 3,
        "field": "param_purity_pct",
        "message": "'high' is not a number",
    }
    assert rows[3]["candidates"][0]["control_code"] == "1C902.b"
