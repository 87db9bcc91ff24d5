"""bench/RESULTS.md keeps the http section of bench/http_bench.py, and what it reports meets
the target: at 500 req/s the p99 of a single check is within 2x the trivial endpoint's."""

from __future__ import annotations

from tests.api.conftest import ROOT


def _p99(rows: list[list[str]], endpoint: str, rate: str) -> float:
    for cells in rows:
        if cells[0] == endpoint and cells[1] == rate:
            return float(cells[4])
    raise AssertionError(f"no row for {endpoint} at {rate} req/s")


def test_http_section_meets_the_latency_target() -> None:
    text = (ROOT / "bench" / "RESULTS.md").read_text("utf-8")
    assert "<!-- BEGIN http -->" in text and "<!-- END http -->" in text
    section = text.split("<!-- BEGIN http -->", 1)[1].split("<!-- END http -->", 1)[0]
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| endpoint")
    ]
    check = _p99(rows, "check (one line)", "500")
    trivial = _p99(rows, "trivial: GET /v1/ping", "500")
    assert check <= 2 * trivial, (check, trivial)
    assert "within the 2x target" in section
