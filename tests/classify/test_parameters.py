from __future__ import annotations

from typing import Any

from dualuse.classify.parameters import evaluate_parameters
from dualuse.regime.model import Item

# a SYNTHETIC entry: thresholds shaped like the regime's, not a real catalogue row
BASE: dict[str, Any] = {
    "id": "test.item",
    "notice": "n",
    "measure": "m",
    "title_en": "Test entry",
}


def item(params: list[dict[str, Any]], all_: bool = True) -> Item:
    return Item(**BASE, parameters=params, parameters_all=all_)


PURITY = {"name": "purity_pct", "op": ">=", "value": 99.99, "text": "purity 99.99 % or more"}
BORE = {"name": "cylinder_bore_mm", "op": ">=", "value": 500}
PRESSURE = {"name": "working_pressure_gpa", "op": ">=", "value": 5}


def test_no_thresholds_means_nothing_to_decide() -> None:
    v = evaluate_parameters(item([]), {})
    assert not v.excluded and not v.missing


def test_missing_value_is_named() -> None:
    v = evaluate_parameters(item([PURITY]), {})
    assert v.missing == ["purity_pct"] and "99.99" in v.explanation


def test_met_and_failed() -> None:
    assert evaluate_parameters(item([PURITY]), {"purity_pct": 99.995}).met
    assert evaluate_parameters(item([PURITY]), {"purity_pct": 99.5}).excluded


def test_any_of_thresholds() -> None:
    it = item([BORE, PRESSURE], all_=False)
    assert not evaluate_parameters(it, {"working_pressure_gpa": 5.5}).missing
    assert evaluate_parameters(it, {"working_pressure_gpa": 4, "cylinder_bore_mm": 300}).excluded
    assert evaluate_parameters(it, {}).missing == ["cylinder_bore_mm", "working_pressure_gpa"]


def test_aliases_and_element_contents_resolve() -> None:
    assert evaluate_parameters(item([PURITY]), {"purity": 99.999}).met
    tungsten = item([{"name": "tungsten_wt_pct", "op": ">=", "value": 97}])
    assert evaluate_parameters(tungsten, {"content_pct.w": 97.5}).met
    assert evaluate_parameters(tungsten, {"w_pct": 90}).excluded
