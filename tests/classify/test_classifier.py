"""Behaviour of the classifier on the bundled regime (entries found by tag and title)."""

from __future__ import annotations

import datetime as dt

from dualuse.classify import Query, classify_query, default_classifier
from dualuse.engine import decide, parse_shipment
from dualuse.engine.ports import Confidence, ItemClassifier
from dualuse.regime import Regime, snapshot
from dualuse.screening import default_screener
from tests.classify.conftest import entry

DAY = dt.date(2026, 3, 2)


def top(regime: Regime, **kw: object) -> list[str]:
    return [c.item_id for c in classify_query(regime, Query(**kw)).candidates]  # type: ignore[arg-type]


def line(regime: Regime, **fields: str):  # type: ignore[no-untyped-def]
    shipment = parse_shipment({"id": "L1", "destination_country": "DE", **fields}, 1)
    return decide(shipment, snapshot(regime, DAY), default_classifier(), default_screener())


def test_default_classifier_is_an_engine_port() -> None:
    classifier: ItemClassifier = default_classifier()
    assert hasattr(classifier, "classify")


def test_japanese_dysprosium_oxide_with_its_hs_code_needs_a_licence(regime: Regime) -> None:
    dy = entry(regime, "dysprosium", "oxide")
    d = line(regime, description="酸化ジスプロシウム 99.9%", hs_code="2846.90-000")
    assert d.decision.value == "licence_required"
    reasons = [r for r in d.reasons if r.effect.value == "licence_required"]
    assert reasons and dy.measure in {r.rule for r in reasons}
    assert "2025 No. 18" in reasons[0].citation
    assert dy.id in d.items


def test_a_plain_steel_bolt_is_not_flagged(regime: Regime) -> None:
    assert top(regime, description="ordinary steel bolt M10x50, grade 8.8", hs_code="7318.15") == []
    d = line(regime, description="ordinary steel bolt M10x50, grade 8.8", hs_code="731815")
    assert d.decision.value == "allowed"


def test_look_alikes_are_not_flagged(regime: Regime) -> None:
    for text, hs in [
        ("cerium oxide polishing powder", "284610"),
        ("natural graphite pencils HB", "960910"),
        ("gallium-free LED bulbs", ""),
        ("Dy-free NdFeB magnet N35", "850511"),
        ("lanthanum oxide 99.99%", "284690"),
    ]:
        assert top(regime, description=text, hs_code=hs) == [], text


def test_exact_reference_code_alone_is_confident(regime: Regime) -> None:
    ga = entry(regime, "gallium", "gallium metal")
    res = classify_query(regime, Query(hs_code=ga.hs[0].code))
    assert res.candidates[0].item_id == ga.id
    assert res.candidates[0].confidence is Confidence.CONFIDENT


def test_closer_hs_level_takes_precedence(regime: Regime) -> None:
    sm_oxide = entry(regime, "samarium", "oxide")
    ids = top(regime, hs_code=sm_oxide.hs[0].code)
    assert ids[0] == sm_oxide.id


def test_missing_threshold_is_asked_for(regime: Regime) -> None:
    g1 = entry(regime, "graphite", "high-purity")
    res = classify_query(regime, Query(description="isostatic graphite block"))
    cand = next(c for c in res.candidates if c.item_id == g1.id)
    assert cand.confidence is Confidence.POSSIBLE
    assert set(cand.missing_parameters) == {p.name for p in g1.parameters}


def test_failed_threshold_excludes_the_entry(regime: Regime) -> None:
    sb3 = entry(regime, "antimony", "antimony oxides")
    res = classify_query(regime, Query(description="antimony trioxide 99.5%, flame retardant"))
    assert sb3.id not in [c.item_id for c in res.candidates]
    assert sb3.id in [x.item_id for x in res.excluded]
    met = classify_query(
        regime, Query(description="antimony trioxide", parameters={"purity_pct": 99.995})
    )
    assert met.candidates[0].item_id == sb3.id


def test_description_only_match_is_possible_unless_unambiguous(regime: Regime) -> None:
    res = classify_query(regime, Query(description="gallium"))
    assert res.candidates and all(c.confidence is Confidence.POSSIBLE for c in res.candidates)
    exact = classify_query(regime, Query(description="氧化鏑 99.9%"))
    assert exact.candidates[0].item_id == entry(regime, "dysprosium", "oxide").id
    assert exact.candidates[0].confidence is Confidence.CONFIDENT


def test_declared_control_code_is_confident(regime: Regime) -> None:
    dy_codes = {i.control_code for i in regime.items.values() if "dysprosium" in i.tags}
    res = classify_query(regime, Query(control_code="1c905"))
    assert {c.control_code for c in res.candidates} == dy_codes
    assert all(c.confidence is Confidence.CONFIDENT for c in res.candidates)


def test_a_confident_entry_keeps_weaker_ones_away_from_the_engine(regime: Regime) -> None:
    ge = entry(regime, "germanium", "germanium metal")
    d = line(regime, description="Germanium metal", hs_code=ge.hs[0].code)
    assert d.decision.value == "licence_required"


def test_scores_are_bounded_and_sorted(regime: Regime) -> None:
    res = classify_query(regime, Query(description="rare earth oxide", hs_code="284690"))
    scores = [c.score for c in res.candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
