"""Local amendments laid over the bundled regime (``--regime-overlay`` / DUALUSE_REGIME_OVERLAY).

The overlay notices below are SYNTHETIC (a team's own reading of a fictitious notice).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dualuse.errors import RegimeDataError
from dualuse.regime import load_regime, snapshot
from dualuse.regime.validate import check

NOTICE = """\
notices:
  - id: local-counsel-2026-11
    issuer: Example Co. legal department
    kind: report
    title_en: Counsel's position on the lapsed suspension of Ann. 2024/46 clause 2 (SYNTHETIC)
    date: "2026-11-28"
    url: https://intranet.example.com/export-control/memo-2026-11
    status: unverified
"""
AMEND = """\
amendments:
  - id: cn.mofcom.2024-46.c2
    history:
      "2026-11-28": {status: suspended, ref: local-counsel-2026-11, until: "2027-11-27",
                     note: treated as still suspended on counsel's advice}
"""


def _overlay(tmp_path: Path, amend: str = AMEND) -> Path:
    root = tmp_path / "overlay"
    (root / "notices").mkdir(parents=True)
    (root / "amendments").mkdir()
    (root / "notices" / "local.yaml").write_text(NOTICE, encoding="utf-8")
    (root / "amendments" / "counsel.yaml").write_text(amend, encoding="utf-8")
    return root


def test_amendment_appends_a_state_and_is_marked_local(tmp_path: Path) -> None:
    regime = load_regime(overlays=[_overlay(tmp_path)], cache=False)
    assert "cn.mofcom.2024-46.c2" in regime.local
    assert regime.notices["local-counsel-2026-11"].local
    state = snapshot(regime, dt.date(2026, 12, 1)).measures["cn.mofcom.2024-46.c2"].state
    assert state.status.value == "suspended" and not state.provisional
    assert check(regime) == []
    # the bundled regime is untouched
    bundled = snapshot(load_regime(), dt.date(2026, 12, 1)).measures["cn.mofcom.2024-46.c2"]
    assert bundled.state.provisional


def test_an_overlay_never_replaces_history(tmp_path: Path) -> None:
    clash = AMEND.replace('"2026-11-28"', '"2024-12-03"')
    with pytest.raises(RegimeDataError) as err:
        load_regime(overlays=[_overlay(tmp_path, clash)], cache=False)
    assert "appended, never replaced" in str(err.value.problems)


def test_an_overlay_is_validated_like_the_bundled_data(tmp_path: Path) -> None:
    bad = AMEND.replace("cn.mofcom.2024-46.c2", "cn.no.such.record")
    with pytest.raises(RegimeDataError) as err:
        load_regime(overlays=[_overlay(tmp_path, bad)], cache=False)
    (problem,) = err.value.problems
    assert problem[0].startswith("overlay overlay/amendments/") and "no such" in problem[3]


def _check(args: list[str], env: dict[str, str], csv: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "dualuse", "check", str(csv), "--format", "jsonl", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_decisions_cite_the_overlay_as_local(tmp_path: Path) -> None:
    csv = tmp_path / "lines.csv"
    csv.write_text(
        "id,date,destination_country,end_user_type,description,hs_code\n"
        "G1,2026-12-01,US,civilian,gallium metal 99.99%,8112929010\n",
        encoding="utf-8",
    )
    env = {**os.environ, "DUALUSE_CACHE": "off"}
    (plain,) = _check([], env, csv)
    assert plain["provisional"] is True and plain["unknown_after"] == "2026-11-27"
    overlay = _overlay(tmp_path)
    (local,) = _check(["--regime-overlay", str(overlay)], env, csv)
    assert local["provisional"] is False
    cited = [r for r in local["reasons"] if r.get("local")]
    assert cited and "[local]" in cited[0]["citation"]
    (from_env,) = _check([], {**env, "DUALUSE_REGIME_OVERLAY": str(overlay)}, csv)
    assert from_env == local
