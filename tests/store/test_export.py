"""Exports an auditor can check with sha256sum alone."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from dualuse.regime import Regime
from dualuse.store import Store

from .conftest import populate, run_cli


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_with_manifest_and_checksums(
    store: Store, regime: Regime, tmp_path: Path, fmt: str
) -> None:
    populate(store, regime)
    out = tmp_path / "audit"
    p = run_cli("store", "export", "--db", store.url, "-o", str(out), "--format", fmt)
    assert p.returncode == 0, p.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    head = store.head()
    assert head is not None and manifest["head"]["hash"] == head.hash
    rows = {f["table"]: f["rows"] for f in manifest["files"]}
    assert rows["decisions"] == 3 and rows["audit_log"] == head.seq
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    (out / f"decisions.{fmt}").write_bytes(b"tampered")
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True
    )
    assert check.returncode != 0 and "decisions" in check.stdout


def test_export_of_one_run(store: Store, regime: Regime, tmp_path: Path) -> None:
    populate(store, regime)
    out = tmp_path / "run1"
    assert (
        run_cli("store", "export", "--db", store.url, "-o", str(out), "--run", "1").returncode == 0
    )
    runs = [json.loads(x) for x in (out / "runs.jsonl").read_text().splitlines()]
    assert [r["id"] for r in runs] == [1]
    assert len((out / "licence_draws.jsonl").read_text().splitlines()) == 1
    since = run_cli(
        "store", "export", "--db", store.url, "-o", str(tmp_path / "s"), "--since", "2030-01-01"
    )
    assert since.returncode == 0
    assert (tmp_path / "s" / "decisions.jsonl").read_text() == ""
