"""Re-export of China-origin items by parties outside China (Ann. 2026/1 clause 2 and peers)."""

from __future__ import annotations

import pytest

from tests.conftest import Decider, rules_of

SM = {"hs_code": "2846901940", "description": "Samarium oxide"}


def test_china_origin_item_from_singapore_to_japanese_military(decide_line: Decider) -> None:
    d = decide_line(
        "2026-03-02",
        exporter_country="SG",
        origin_country="CN",
        destination_country="JP",
        end_user_type="military",
        **SM,
    )
    assert d.decision.value == "prohibited"
    assert rules_of(d, "prohibited") == ["cn.mofcom.2026-01.c2"]
    # no Chinese licence is needed for a re-export from Singapore
    assert "licence_required" not in {r.effect.value for r in d.reasons}


def test_same_line_before_the_measure(decide_line: Decider) -> None:
    d = decide_line(
        "2026-01-05",
        exporter_country="SG",
        origin_country="CN",
        destination_country="JP",
        end_user_type="military",
        **SM,
    )
    assert d.decision.value == "allowed"


def test_foreign_item_with_china_content_goes_to_review(decide_line: Decider) -> None:
    d = decide_line(
        "2026-03-02",
        exporter_country="SG",
        origin_country="SG",
        destination_country="JP",
        end_user_type="military",
        china_content_pct="30",
        **SM,
    )
    assert d.decision.value == "review"
    assert "cn.mofcom.2026-01.c2" in rules_of(d, "review")


def test_no_china_nexus_is_out_of_scope(decide_line: Decider) -> None:
    d = decide_line(
        "2026-03-02",
        exporter_country="SG",
        origin_country="SG",
        destination_country="JP",
        end_user_type="military",
        **SM,
    )
    assert d.decision.value == "allowed"
    assert "SG" in d.reasons[0].detail


def test_diversion_through_a_third_country_is_caught(decide_line: Decider) -> None:
    # shipped to Singapore, but the end user is in Japan
    d = decide_line(
        "2026-03-02",
        destination_country="SG",
        end_user_country="JP",
        end_user_type="military",
        **SM,
    )
    assert d.decision.value == "prohibited"


@pytest.mark.parametrize("exporter", ["SG", "KR", "DE"])
def test_reexport_to_control_listed_entity(decide_line: Decider, exporter: str) -> None:
    d = decide_line(
        "2026-03-02",
        exporter_country=exporter,
        origin_country="CN",
        destination_country="JP",
        end_user="JAXA",
        end_user_type="civilian",
        hs_code="8112929010",
    )
    assert d.decision.value == "prohibited"
