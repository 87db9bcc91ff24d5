"""``dualuse exposure`` on the example parts list: ranking and the contract's fields."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

CONTRACT = {
    "part",
    "controlled",
    "entries",
    "measures",
    "time_to_survive_days",
    "time_to_recover_days",
    "revenue_at_risk",
    "rank",
}


def rows(example: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    res = run_cli("exposure", str(example), "--as-of", "2026-03-01", "--format", "jsonl", *args)
    assert res.returncode == 0, res.stderr
    return [json.loads(x) for x in res.stdout.splitlines()]


def test_example_is_ranked_and_follows_the_contract(example: Path) -> None:
    out = rows(example)
    assert 20 <= len(out) <= 40
    assert all(CONTRACT <= set(r) for r in out)
    assert sorted(r["rank"] for r in out) == list(range(1, len(out) + 1))
    ranked = sorted(out, key=lambda r: r["rank"])
    risks = [r["revenue_at_risk"] for r in ranked]
    assert risks == sorted(risks, reverse=True)
    assert ranked[0]["controlled"] and ranked[0]["revenue_at_risk"] > 0
    assert not ranked[-1]["controlled"] and ranked[-1]["revenue_at_risk"] == 0
    by = {r["part"]: r for r in out}
    assert by["ADAS-GAAS"]["time_to_survive_days"] == 0  # zero stock
    assert by["MTR-MAG-01"]["controlled"] and "dysprosium" in by["MTR-MAG-01"]["materials"]
    assert by["MTR-CU"]["controlled"] is False and by["MTR-CU"]["entries"] == []


def test_scenarios_change_the_picture(example: Path) -> None:
    delay = {r["part"]: r for r in rows(example, "--scenario", "licence-delay")}
    back = {r["part"]: r for r in rows(example, "--scenario", "rule-return")}
    # graphite anode is suspended: no licence delay now, but hit when the rule comes back
    assert delay["BAT-ANODE"]["affected"] is False
    assert back["BAT-ANODE"]["affected"] is True
    assert back["BAT-ANODE"]["disruption_start"] == "2026-11-11"
    # a watch-list supplier waits longer than the 45 working days
    assert delay["EPS-MAG"]["time_to_recover_days"] == 126
    assert delay["MTR-MAG-01"]["time_to_recover_days"] == 63


def test_table_output_and_unknown_scenario(example: Path) -> None:
    res = run_cli("exposure", str(example), "--as-of", "2026-03-01")
    assert res.returncode == 0, res.stderr
    assert "revenue at risk" in res.stdout and "MTR-MAG-01" in res.stdout
    bad = run_cli("exposure", str(example), "--scenario", "nope")
    assert bad.returncode == 2 and "unknown scenario" in bad.stderr
