"""The HTML report: written, self-contained (plotly.js inlined), with the charts' data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import run_cli


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, example: Path) -> tuple[str, list[dict]]:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("report") / "out.html"
    res = run_cli(
        "exposure",
        str(example),
        "--as-of",
        "2026-03-01",
        "--format",
        "jsonl",
        "--report",
        str(out),
    )
    assert res.returncode == 0, res.stderr
    assert out.exists()
    return out.read_text(encoding="utf-8"), [json.loads(x) for x in res.stdout.splitlines()]


def test_report_is_self_contained(report: tuple[str, list[dict]]) -> None:  # type: ignore[type-arg]
    html, _ = report
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]+src=", html), "no external scripts"
    assert not re.search(r"<link[^>]+href=\"http", html), "no external stylesheets"
    assert "plotly.js v" in html or "Plotly" in html[:4_000_000]
    assert len(html) > 1_000_000  # plotly.js itself is inlined


def test_report_has_the_four_charts_with_their_data(report: tuple[str, list[dict]]) -> None:  # type: ignore[type-arg]
    html, rows = report
    for div in ("chart-exposure", "chart-survive-recover", "chart-revenue", "chart-macro"):
        assert f'id="{div}"' in html
    assert html.count("Plotly.newPlot") >= 4
    # the parts and materials are in the chart data, not only in the tables
    top = min(rows, key=lambda r: r["rank"])
    assert f'"{top["part"]}"' in html
    assert '"dysprosium"' in html and '"gallium"' in html
    for name in ("licence-delay", "stop-2m-2010", "stop-3m", "stop-12m", "rule-return"):
        assert f'"name":"{name}"' in html
    assert "NRI published" in html


def test_report_lists_sources_and_assumptions(report: tuple[str, list[dict]]) -> None:  # type: ignore[type-arg]
    html, _ = report
    assert "Art. 17(1)" in html
    assert "j.people.com.cn" in html
    assert "Assumptions" in html
