"""The exposure report opens in a real browser (headless Chromium) and draws every chart.

``scripts/test`` installs Chromium (scripts/services/chromium) and exports its path as
``DUALUSE_TEST_CHROMIUM``; under CI a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


def _chromium() -> str:
    path = os.environ.get("DUALUSE_TEST_CHROMIUM") or shutil.which("chromium")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("no Chromium: scripts/test installs it for CI")
        pytest.skip("no Chromium (run scripts/services/chromium)")
    return path


def test_report_renders_all_charts_offline(tmp_path: Path) -> None:
    browser = _chromium()
    report = tmp_path / "report.html"
    bom = ROOT / "examples" / "bom-ev-motor-plant.csv"
    p = subprocess.run(
        [sys.executable, "-m", "dualuse", "exposure", str(bom),
         "--as-of", "2026-03-01", "--report", str(report)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    source = report.read_text("utf-8")
    charts = len(re.findall(r'class="plotly-graph-div"', source))
    assert charts >= 4
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=10000", "--dump-dom", report.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    # plotly marks a chart it has drawn with the class js-plotly-plot and fills it with SVG
    drawn = re.findall(r'<div[^>]*class="[^"]*js-plotly-plot[^"]*"', dom)
    assert len(drawn) == charts, f"{len(drawn)} of {charts} charts drawn"
    assert dom.count('class="main-svg"') >= charts
