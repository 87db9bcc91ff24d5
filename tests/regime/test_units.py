"""Units of the list's thresholds: conversions and the unit a parameter name announces."""

from __future__ import annotations

import pytest

from dualuse.regime.units import UNITS, convert, unit, unit_of_name


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        (400, "mm", "m", 0.4),
        (60, "min", "h", 1.0),
        (1, "GHz", "MHz", 1000.0),
        (20, "Ci", "GBq", 740.0),
        (0, "C", "K", 273.15),
        (2, "L/min", "m3/h", 0.12),
        (25, "kn", "km/h", 46.3),
    ],
)
def test_conversions(value: float, src: str, dst: str, expected: float) -> None:
    got = convert(value, UNITS[src], UNITS[dst])
    assert got == pytest.approx(expected, rel=1e-3)


def test_no_conversion_across_dimensions() -> None:
    assert convert(1, UNITS["kg"], UNITS["mm"]) is None


@pytest.mark.parametrize(
    ("spelling", "symbol"),
    [("μm", "um"), ("毫米", "mm"), ("℃", "C"), ("千瓦", "kW"), ("°/h", "deg/h"), ("T", "T")],
)
def test_spellings(spelling: str, symbol: str) -> None:
    found = unit(spelling)
    assert found is not None and found.symbol == symbol


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("payload_kg", "kg"),
        ("chamber_inner_diameter_mm", "mm"),
        ("bias_stability_deg_h", "deg/h"),
        ("tenacity_cn_dtex", "cN/dtex"),
        ("total_impulse_n_s", "Ns"),
        ("purity_pct", "%"),
    ],
)
def test_name_suffix(name: str, symbol: str) -> None:
    found = unit_of_name(name)
    assert found is not None and found.symbol == symbol


def test_a_name_without_a_unit_has_none() -> None:
    assert unit_of_name("axes") is None
