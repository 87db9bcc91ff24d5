"""The bundled regime: every record cited, no data-quality problems, and the commodity lines
decided right on both sides of their effective and suspension dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dualuse.classify import default_classifier
from dualuse.engine import Decision, decide, parse_shipment
from dualuse.regime import load_regime, snapshot
from dualuse.regime.report import build_report, render_report
from dualuse.regime.validate import check
from dualuse.screening import default_screener

REGIME = load_regime()
CLASSIFIER = default_classifier()
SCREENER = default_screener()


def line(day: str, **fields: Any) -> Decision:
    raw = {"id": "Q1", "end_user_type": "civilian", **fields}
    return decide(
        parse_shipment(raw, 1), snapshot(REGIME, dt.date.fromisoformat(day)), CLASSIFIER, SCREENER
    )


def outcome(day: str, **fields: Any) -> str:
    return line(day, **fields).decision.value


def provisional(decision: Decision) -> bool:
    return any(r.provisional for r in decision.reasons)


# --- citations and data quality -------------------------------------------------------------


def test_every_record_cites_a_notice_with_a_public_url() -> None:
    for _kind, rec in REGIME.records():
        notice = REGIME.notices[rec.notice]
        assert notice.best_url(), f"{rec.id} cites {notice.id}, which has no URL"
        for start, entry in rec.history.items():
            ref = REGIME.notices[entry.ref or rec.notice]
            assert ref.best_url(), f"{rec.id} history {start} cites {ref.id} without a URL"


def test_every_notice_has_a_url_and_a_status() -> None:
    for notice in REGIME.notices.values():
        assert notice.best_url()
        assert notice.status.value in {"verified", "secondary", "unverified"}


def test_validate_finds_no_problem_in_the_bundled_data() -> None:
    assert check(REGIME) == []


def test_every_japanese_name_has_a_source() -> None:
    for ent in REGIME.entities.values():
        if ent.names.ja:
            assert ent.names.sources.get("ja"), ent.id


def test_unsourced_japanese_names_were_removed() -> None:
    nacalai = REGIME.entities["cn.mofcom.2026-12.20"]
    assert nacalai.names.en == ["Nacalai Tesque, Inc."]
    assert nacalai.names.ja == []


@pytest.mark.parametrize(
    ("notice", "count"), [("mofcom-2026-11", 20), ("mofcom-2026-12", 20), ("mofcom-2026-28", 20)]
)
def test_japanese_listings_are_complete_with_english_names(notice: str, count: int) -> None:
    listed = [e for e in REGIME.entities.values() if e.notice == notice]
    assert len(listed) == count
    assert all(e.country == "JP" and e.names.en for e in listed)
    assert sorted(e.position for e in listed) == list(range(1, count + 1))


def test_report_counts_and_sourcing_split_add_up() -> None:
    report = build_report(REGIME)
    counts = report["counts"]
    assert counts["items"] == sum(report["sourcing"]["items"].values())
    assert counts["entities"] == sum(report["sourcing"]["entities"].values())
    assert counts["notices"] == sum(report["sourcing"]["notices"].values())
    assert report["entities_per_list"]["watch"] == 40
    text = render_report(report)
    assert "verified / secondary / unverified" in text
    assert "status unknown after 2026-11-10" in text
    assert "status unknown after 2026-11-27" in text


# --- gallium and germanium (Ann. 2023/23; US: Ann. 2024/46 c2, suspended by 2025/72) ----------


def test_gallium_before_and_after_it_took_effect() -> None:
    assert outcome("2023-07-31", destination_country="DE", hs_code="8112929010") == "allowed"
    assert (
        outcome("2023-08-01", destination_country="DE", hs_code="8112929010") == "licence_required"
    )


def test_gallium_metal_misprinted_code_is_kept() -> None:
    assert (
        outcome("2024-01-10", destination_country="DE", hs_code="8110929010") == "licence_required"
    )


def test_gallium_to_the_us_across_the_ban_and_its_suspension() -> None:
    kw = {"destination_country": "US", "hs_code": "2850001901"}
    assert outcome("2024-12-02", **kw) == "licence_required"
    assert outcome("2024-12-03", **kw) == "prohibited"
    assert outcome("2025-11-08", **kw) == "prohibited"
    assert outcome("2025-11-09", **kw) == "licence_required"
    assert outcome("2026-11-27", **kw) == "licence_required"
    after = line("2026-11-28", **kw)
    assert after.decision.value == "prohibited"
    assert provisional(after)


def test_germanium_to_japan_civilian_and_military() -> None:
    assert (
        outcome("2026-03-02", destination_country="JP", hs_code="2825600002") == "licence_required"
    )
    assert (
        outcome(
            "2026-01-05", destination_country="JP", hs_code="2825600002", end_user_type="military"
        )
        == "licence_required"
    )
    assert (
        outcome(
            "2026-01-06", destination_country="JP", hs_code="2825600002", end_user_type="military"
        )
        == "prohibited"
    )


# --- graphite (Ann. 2023/39; US stricter review under 2024/46 c2) ---------------------------

GRAPHITE = {
    "hs_code": "3801100030",
    "param_purity_pct": "99.95",
    "param_flexural_strength_mpa": "35",
    "param_density_g_cm3": "1.8",
}


def test_graphite_effective_date_and_thresholds() -> None:
    assert outcome("2023-11-30", destination_country="KR", **GRAPHITE) == "allowed"
    assert outcome("2023-12-01", destination_country="KR", **GRAPHITE) == "licence_required"
    low = {**GRAPHITE, "param_density_g_cm3": "1.6"}
    assert outcome("2024-01-10", destination_country="KR", **low) != "licence_required"


def test_graphite_to_the_us_review_then_suspension() -> None:
    assert outcome("2025-01-10", destination_country="US", **GRAPHITE) == "review"
    assert outcome("2025-12-01", destination_country="US", **GRAPHITE) == "licence_required"


# --- antimony (Ann. 2024/33) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-09-14", "allowed"),
        ("2024-09-15", "licence_required"),
        ("2024-12-03", "prohibited"),
        ("2025-11-09", "licence_required"),
        ("2026-11-27", "licence_required"),
        ("2026-11-28", "prohibited"),
    ],
)
def test_antimony_metal_to_the_us(day: str, expected: str) -> None:
    assert outcome(day, destination_country="US", hs_code="8110101000") == expected


def test_antimony_oxide_purity_threshold() -> None:
    assert (
        outcome(
            "2025-03-01", destination_country="DE", hs_code="2825800010", param_purity_pct="99.995"
        )
        == "licence_required"
    )
    assert (
        outcome(
            "2025-03-01", destination_country="DE", hs_code="2825800010", param_purity_pct="99.5"
        )
        != "licence_required"
    )


# --- tungsten (Ann. 2025/10) ----------------------------------------------------------------


def test_tungsten_in_force_on_publication() -> None:
    assert outcome("2025-02-03", destination_country="DE", hs_code="2841801000") == "allowed"
    assert (
        outcome("2025-02-04", destination_country="DE", hs_code="2841801000") == "licence_required"
    )
    assert (
        outcome("2025-02-04", destination_country="DE", control_code="1C117.d")
        == "licence_required"
    )


# --- rare earths (Ann. 2025/18 in force; 2025/57 and 2025/61 suspended by 2025/70) -----------


def test_samarium_in_force_and_not_suspended() -> None:
    kw = {"destination_country": "DE", "hs_code": "2805301910"}
    assert outcome("2025-04-03", **kw) == "allowed"
    assert outcome("2025-04-04", **kw) == "licence_required"
    assert outcome("2025-11-20", **kw) == "licence_required"


def test_dysprosium_by_control_code() -> None:
    assert (
        outcome("2025-06-01", destination_country="FR", control_code="1C905") == "licence_required"
    )


def test_holmium_never_took_effect_then_provisional() -> None:
    kw = {"destination_country": "DE", "control_code": "1C909.a"}
    assert outcome("2025-10-20", **kw) == "allowed"
    assert outcome("2025-11-08", **kw) == "allowed"
    assert outcome("2026-11-10", **kw) == "allowed"
    after = line("2026-11-11", **kw)
    assert after.decision.value == "licence_required"
    assert provisional(after)


def test_china_origin_rare_earth_reexport_window_of_ann_61() -> None:
    kw = {
        "destination_country": "FR",
        "exporter_country": "DE",
        "origin_country": "CN",
        "control_code": "1C902.a",
    }
    assert outcome("2025-10-08", **kw) == "allowed"
    assert outcome("2025-10-09", **kw) == "licence_required"
    assert outcome("2025-11-07", **kw) == "allowed"


def test_de_minimis_magnet_rule_only_after_the_suspension() -> None:
    kw = {
        "destination_country": "FR",
        "exporter_country": "DE",
        "origin_country": "DE",
        "control_code": "1C905.a",
        "china_content_pct": "0.5",
    }
    assert outcome("2025-10-20", **kw) == "allowed"
    assert outcome("2025-12-02", **kw) == "allowed"
    after = line("2026-11-11", **kw)
    assert after.decision.value == "licence_required"
    assert provisional(after)
    below = {**kw, "china_content_pct": "0.05"}
    assert outcome("2026-11-11", **below) == "allowed"


# --- listed Japanese entities ---------------------------------------------------------------


def test_japanese_control_list_entity_by_japanese_name() -> None:
    d = line(
        "2026-03-02",
        destination_country="JP",
        consignee="三菱重工航空エンジン株式会社",
        hs_code="2825600002",
    )
    assert d.decision.value == "prohibited"


def test_japanese_watch_list_entity() -> None:
    d = line(
        "2026-03-02",
        destination_country="JP",
        consignee="Nitto Denko Corporation",
        hs_code="2825600002",
    )
    assert d.decision.value == "licence_required"
    assert any(r.rule == "cn.mofcom.2026-12.20" or "watch list" in r.detail for r in d.reasons)
