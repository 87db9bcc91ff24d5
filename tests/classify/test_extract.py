from __future__ import annotations

import pytest

from dualuse.classify.extract import nines, parameters_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("酸化ジスプロシウム 99.9%", {"purity_pct": 99.9}),
        ("gallium 6N ingot", {"purity_pct": 99.9999}),
        ("antimony trioxide 4N5", {"purity_pct": 99.995}),
        ("纯度≥99.99% 氧化铽", {"purity_pct": 99.99}),
        ("NdFeB sintered magnet, Dy 4%", {"content_pct.dy": 4.0}),
        ("烧结钕铁硼 Dy含量3%", {"content_pct.dy": 3.0}),
        ("diamond micropowder, particle size 30 µm", {"particle_size_um": 30.0}),
        ("金刚石微粉 粒径 0.5 mm", {"particle_size_um": 500.0}),
        ("Li-ion cell 320 Wh/kg", {"energy_density_wh_kg": 320.0}),
        (
            "cubic press, cylinder bore 650 mm, 5.5 GPa",
            {"cylinder_bore_mm": 650.0, "working_pressure_gpa": 5.5},
        ),
        ("steel bolts M8x40 mm", {}),
    ],
)
def test_values_read_from_descriptions(text: str, expected: dict[str, float]) -> None:
    assert parameters_from_text(text) == expected


def test_element_content_is_not_read_as_purity() -> None:
    got = parameters_from_text("tungsten alloy W 97%")
    assert got == {"content_pct.w": 97.0}


def test_nines() -> None:
    assert nines("5N") == 99.999
    assert nines("no grade") is None
