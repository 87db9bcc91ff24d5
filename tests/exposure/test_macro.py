"""The national view reproduces NRI's published points and lets inputs change."""

from __future__ import annotations

import pytest

from dualuse.exposure.macro import MacroInputs, estimate, reproduction
from dualuse.exposure.resources import load_macro

from .conftest import run_cli


def test_reproduces_both_nri_points_within_5_percent() -> None:
    macro = load_macro()
    reps = reproduction(macro.model_inputs(), macro.points())
    assert sorted(r.point.months for r in reps) == [3, 12]
    for r in reps:
        assert abs(r.loss_error) < 0.05, r.point.label
        assert abs(r.gdp_share_error) < 0.05, r.point.label
    by = {r.point.months: r.model for r in reps}
    assert by[3].loss == pytest.approx(655e9, rel=0.01)
    assert by[12].loss == pytest.approx(2.62e12, rel=0.01)


def test_every_input_has_a_source_or_a_stated_assumption() -> None:
    macro = load_macro()
    for name, spec in macro.inputs.items():
        assert spec.sources or spec.assumption, name
        assert all(u.startswith("http") for u in spec.sources), name
    for point in macro.published:
        assert point.sources


def test_inputs_scale_the_loss() -> None:
    base = load_macro().model_inputs()
    full = estimate(base, 12)
    half = estimate(base.with_values({"china_share": 0.3}), 12)
    assert half.loss == pytest.approx(full.loss / 2)
    buffered = estimate(base.with_values({"buffer_months": 3}), 3)
    assert buffered.loss == 0 and buffered.effective_months == 0
    mitigated = estimate(base.with_values({"mitigation_share": 0.25}), 12)
    assert mitigated.loss == pytest.approx(full.loss * 0.75)


def test_bad_inputs_are_rejected() -> None:
    base = load_macro().model_inputs()
    with pytest.raises(ValueError, match="unknown input"):
        base.with_values({"gdp": 1})
    with pytest.raises(ValueError):
        base.with_values({"china_share": 1.5})
    with pytest.raises(ValueError):
        MacroInputs(0, 0.004, 0.6, 0.6)
    with pytest.raises(ValueError):
        estimate(base, -1)


def test_cli_macro_jsonl_and_set() -> None:
    import json

    res = run_cli("exposure", "macro", "--format", "jsonl", "--set", "china_share=0.3")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    kinds = {r["kind"] for r in rows}
    assert kinds == {"input", "estimate", "reproduction"}
    share = next(r for r in rows if r["kind"] == "input" and r["name"] == "china_share")
    assert share["value"] == 0.3 and share["changed"] is True
    bad = run_cli("exposure", "macro", "--set", "nonsense=1")
    assert bad.returncode == 2 and "unknown input" in bad.stderr
