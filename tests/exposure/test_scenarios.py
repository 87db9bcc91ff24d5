"""Scenario -> disruption per part, on hand-built mappings (no regime, no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest

from dualuse.exposure.analysis import evaluate
from dualuse.exposure.arithmetic import Disruption
from dualuse.exposure.bom import Part
from dualuse.exposure.mapping import PartExposure
from dualuse.exposure.records import Entry
from dualuse.exposure.resources import Scenario, load_scenario, load_scenarios, scenario_names
from dualuse.exposure.scenarios import impact

AS_OF = dt.date(2026, 3, 1)


def entry(material: str, status: str = "in_force", measure: str = "m.licence") -> Entry:
    return Entry(
        material=material,
        measure_id=measure,
        title=f"{material} items",
        status=status,
        since=dt.date(2025, 4, 4),
        until=dt.date(2026, 11, 10) if status == "suspended" else None,
        provisional=False,
        confidence="confident",
        basis="test",
        detail="synthetic test entry",
        citation="test notice",
        url=None,
    )


def exposure(
    *entries: Entry,
    groups: tuple[str, ...] = (),
    stock: float | None = 30,
    alt: float | None = None,
    end_use: str = "civilian",
    supplier_list: str | None = None,
    materials: tuple[str, ...] = (),
) -> PartExposure:
    part = Part(
        row=1,
        part="P",
        stock_days=stock,
        alt_lead_days=alt,
        product_line="line",
        line_revenue=365e6,
        end_use=end_use,
        currency="JPY",
    )
    mats = materials or tuple(e.material for e in entries)
    return PartExposure(
        part=part,
        materials=mats,
        groups=groups or (("controlled",) if entries else ()),
        entries=tuple(entries),
        measures=(),
        path="direct" if mats else "none",
        china_share=None,
        supplier_list=supplier_list,
    )


def scenario(name: str) -> Scenario:
    return load_scenario(name)


def test_bundled_scenarios_load_and_cite_their_facts() -> None:
    names = scenario_names()
    assert {"licence-delay", "stop-2m-2010", "stop-3m", "stop-12m", "rule-return"} <= set(names)
    for sc in load_scenarios():
        assert sc.facts and all(f.sources for f in sc.facts)
        assert all(u.startswith("http") for f in sc.facts for u in f.sources)


def test_licence_delay_is_45_working_days() -> None:
    imp = impact(scenario("licence-delay"), exposure(entry("gallium")), AS_OF)
    assert imp.disruption == Disruption(0, 63)


def test_licence_delay_is_longer_for_a_watch_list_supplier() -> None:
    exp = exposure(entry("gallium"), supplier_list="watch")
    imp = impact(scenario("licence-delay"), exp, AS_OF)
    assert imp.disruption == Disruption(0, 126)
    assert "watch-list" in imp.reason


def test_control_list_supplier_and_military_use_never_recover_from_china() -> None:
    for exp in (
        exposure(entry("gallium"), supplier_list="control"),
        exposure(entry("gallium"), end_use="military"),
    ):
        for name in ("licence-delay", "stop-3m"):
            imp = impact(scenario(name), exp, AS_OF)
            assert imp.disruption is not None and imp.disruption.duration is None


def test_uncontrolled_rare_earth_is_hit_by_a_stop_but_needs_no_licence() -> None:
    exp = exposure(groups=("rare_earth",), materials=("cerium",))
    assert impact(scenario("licence-delay"), exp, AS_OF).disruption is None
    assert impact(scenario("stop-2m-2010"), exp, AS_OF).disruption == Disruption(0, 61)


def test_stop_of_rare_earths_only_spares_gallium() -> None:
    exp = exposure(entry("gallium"), groups=("controlled", "minor_metal"))
    assert impact(scenario("stop-2m-2010"), exp, AS_OF).disruption is None
    assert impact(scenario("stop-3m"), exp, AS_OF).disruption == Disruption(0, 91)


def test_rule_return_starts_on_the_return_date() -> None:
    sc = scenario("rule-return")
    exp = exposure(entry("graphite_anode", "suspended", "cn.mofcom.2025-58.licence"))
    imp = impact(sc, exp, AS_OF)
    assert imp.disruption == Disruption((dt.date(2026, 11, 11) - AS_OF).days, 63)
    # after the return date the review starts at once
    late = impact(sc, exp, dt.date(2026, 12, 1))
    assert late.disruption == Disruption(0, 63)
    # a part whose only control is in force is not touched by the return
    assert impact(sc, exposure(entry("gallium")), AS_OF).disruption is None


def test_part_with_several_controlled_materials_is_counted_once() -> None:
    exp = exposure(entry("dysprosium"), entry("terbium"), entry("gallium"), stock=0)
    result = evaluate([exp], scenario("stop-3m"), AS_OF)
    (r,) = result.parts
    assert r.outcome.lost_days == 91
    assert r.revenue_at_risk == pytest.approx(91e6)
    assert result.total_revenue_at_risk() == pytest.approx(91e6)


def test_zero_stock_no_alternative_ranks_above_a_covered_part() -> None:
    exposed = exposure(entry("gallium"), stock=0, alt=None)
    covered = exposure(entry("gallium"), stock=200, alt=None)
    result = evaluate([covered, exposed], scenario("stop-3m"), AS_OF)
    assert [r.rank for r in result.parts] == [2, 1]
    assert "add 91 days of stock" in result.parts[1].action
    assert "qualify an alternative" in result.parts[1].action


def test_missing_stock_is_treated_as_zero() -> None:
    result = evaluate([exposure(entry("gallium"), stock=None)], scenario("stop-3m"), AS_OF)
    assert result.parts[0].outcome.time_to_survive == 0


def test_scenario_file_without_sources_is_rejected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dualuse.exposure.resources import ExposureDataError

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\ntitle: x\nkind: stop\nsummary: x\nduration_days: 10\n"
        "facts:\n  - text: a fact\n    sources: []\n",
        encoding="utf-8",
    )
    with pytest.raises(ExposureDataError, match="sources"):
        load_scenario(str(bad))
    with pytest.raises(ExposureDataError, match="unknown scenario"):
        load_scenario("no-such-scenario")
