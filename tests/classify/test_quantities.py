"""Quantities read from descriptions, and how they are bound to an entry's thresholds.

The entries here are SYNTHETIC (shaped like the list's, not real catalogue rows).
"""

from __future__ import annotations

from typing import Any

import pytest

from dualuse.classify.parameters import evaluate_parameters
from dualuse.classify.quantities import quantities
from dualuse.regime.model import Item

BASE: dict[str, Any] = {"id": "test.item", "notice": "n", "measure": "m", "title_en": "Test"}


def entry(controls: dict[str, Any]) -> Item:
    return Item(**BASE, controls=controls)


PAYLOAD = {"name": "payload_kg", "op": ">", "value": 25, "unit": "kg", "text": "payload > 25 kg"}
ENDURANCE = {"name": "endurance_min", "op": ">=", "value": 30, "unit": "min"}
CHAMBER = {"name": "chamber_inner_diameter_mm", "op": ">=", "value": 152, "unit": "mm"}
PRESSURE = {"name": "working_pressure_mpa", "op": ">=", "value": 69, "unit": "MPa"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("payload 30 kg, endurance 60 min", [(30, "kg"), (60, "min")]),
        ("载荷30千克，续航时间≥60分钟", [(30, "kg"), (60, "min")]),
        ("工作腔直径Ø400mm 最高压力200MPa 温度2000℃", [(400, "mm"), (200, "MPa"), (2000, "C")]),
        ("range 10-20 km, 1,500 kg", [(20, "km"), (1500, "kg")]),
        ("5G module, 1 GSa/s", [(1, "GSa/s")]),
    ],
)
def test_quantities_with_units(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.unit.symbol) for q in quantities(text)] == expected


def test_quantities_bind_by_words_and_convert() -> None:
    item = entry({"all": [PAYLOAD, ENDURANCE]})
    v = evaluate_parameters(item, {}, quantities("UAV, endurance 2 h, payload 30 kg"))
    assert not v.excluded and not v.missing and len(v.met) == 2


def test_only_quantity_of_a_dimension_binds_without_words() -> None:
    v = evaluate_parameters(entry(CHAMBER), {}, quantities("hot isostatic press 400 mm"))
    assert v.met and not v.missing


def test_below_threshold_excludes_and_says_which() -> None:
    item = entry({"all": [CHAMBER, PRESSURE]})
    v = evaluate_parameters(item, {}, quantities("isostatic press, chamber 100 mm, 200 MPa"))
    assert v.excluded and "152" in v.explanation.replace("chamber_inner_diameter_mm >= ", "")


def test_missing_value_is_named_in_an_all_of() -> None:
    item = entry({"all": [CHAMBER, PRESSURE]})
    v = evaluate_parameters(item, {}, quantities("isostatic press, chamber 400 mm"))
    assert v.missing == ["working_pressure_mpa"]


def test_any_of_is_met_by_one_and_excluded_only_by_all() -> None:
    item = entry({"any": [PAYLOAD, ENDURANCE]})
    assert evaluate_parameters(item, {"payload_kg": 30}).met
    assert evaluate_parameters(item, {"payload_kg": 10, "endurance_min": 10}).excluded
    assert evaluate_parameters(item, {"payload_kg": 10}).missing == ["endurance_min"]


def test_nested_tree() -> None:
    item = entry({"all": [PRESSURE, {"any": [CHAMBER, PAYLOAD]}]})
    assert evaluate_parameters(item, {"working_pressure_mpa": 100, "payload_kg": 30}).met
    assert evaluate_parameters(item, {"working_pressure_mpa": 50, "payload_kg": 30}).excluded


def test_caller_names_with_other_units_convert() -> None:
    # a caller's name ending in a unit is read in that unit
    item = entry(ENDURANCE)
    assert evaluate_parameters(item, {"endurance_h": 1}).met
    assert evaluate_parameters(item, {"max_endurance_min": 10}).excluded
