"""Mapping parts to controlled items with the bundled regime, classifier and screener."""

from __future__ import annotations

import datetime as dt

import pytest

from dualuse.classify import default_classifier
from dualuse.exposure.bom import parse_part
from dualuse.exposure.mapping import PartExposure, declared_materials, map_part, materials_in_text
from dualuse.exposure.resources import load_materials
from dualuse.regime import load_regime, snapshot
from dualuse.screening import default_screener


def mapped(day: str = "2026-03-01", **fields: str) -> PartExposure:
    snap = snapshot(load_regime(), dt.date.fromisoformat(day))
    part = parse_part({"part": "P", **fields}, 1)
    return map_part(part, snap, default_classifier(), default_screener(), load_materials())


def test_vocabulary_reads_symbols_names_and_japanese() -> None:
    mats = load_materials()
    known, unknown = declared_materials(["NdFeB", "Dy", "テルビウム", "unobtainium"], mats)
    assert known == ["neodymium", "dysprosium", "terbium"]
    assert unknown == ["unobtainium"]
    assert materials_in_text("GaN-on-Si wafer with graphite anode", mats) == [
        "graphite_anode",
        "gallium",
    ]
    # a bare symbol in prose is not a material ("In" is not indium)
    assert materials_in_text("In stock", mats) == []


def test_gallium_nitride_by_hs_code_is_controlled_and_cited() -> None:
    exp = mapped(description="GaN epitaxial wafer", hs_code="3818009001", supplier_country="CN")
    assert exp.controlled and "gallium" in exp.materials
    entry = next(e for e in exp.entries if e.material == "gallium")
    assert entry.status == "in_force" and entry.citation and entry.url
    kinds = {m.kind for m in exp.measures}
    assert "licence_required" in kinds
    assert "end_use_condition" in kinds  # Ann. 2026/1, in force from 2026-01-06


def test_declared_heavy_rare_earth_makes_a_magnet_controlled() -> None:
    exp = mapped(description="rotor magnet", materials="NdFeB; Dy", supplier_country="CN")
    assert exp.controlled
    assert {"dysprosium", "neodymium"} <= set(exp.materials)
    assert {"rare_earth", "heavy_rare_earth"} <= set(exp.groups)


def test_before_the_rare_earth_controls_dysprosium_was_not_controlled() -> None:
    exp = mapped("2025-01-01", description="rotor magnet", materials="Dy", supplier_country="CN")
    assert not exp.controlled


def test_plain_copper_wire_is_not_exposed() -> None:
    exp = mapped(
        description="enamelled copper winding wire", hs_code="854411", supplier_country="JP"
    )
    assert not exp.entries and not exp.controlled and exp.path == "none"


def test_foreign_supplier_is_an_indirect_route_with_a_china_share() -> None:
    exp = mapped(description="magnet", materials="Tb", supplier_country="VN", origin_country="VN")
    assert exp.path == "indirect"
    assert exp.china_share == pytest.approx(1.0)


def test_watch_list_supplier_is_flagged() -> None:
    exp = mapped(
        description="bonded magnet",
        materials="Dy",
        supplier="TDK Corporation",
        supplier_country="JP",
    )
    assert exp.supplier_list == "watch"
    assert any(m.kind == "watch_list_party" for m in exp.measures)


def test_suspended_graphite_anode_control_may_return() -> None:
    exp = mapped(
        description="artificial graphite anode material",
        materials="graphite anode",
        supplier_country="CN",
    )
    hit = next(m for m in exp.measures if m.kind == "suspended_may_return")
    assert hit.until == dt.date(2026, 11, 10)
    assert "2026-11-11" in hit.effect


def test_military_end_use_is_prohibited() -> None:
    exp = mapped(
        description="actuator magnet", materials="Dy", supplier_country="CN", end_use="military"
    )
    assert any(m.kind == "prohibited" for m in exp.measures)
