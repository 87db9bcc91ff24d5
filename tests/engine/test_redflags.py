"""Military words in end use or party names send a (possibly) dual-use line to review."""

from __future__ import annotations

import pytest

from dualuse.engine.rules.redflags import military_terms
from tests.conftest import Decider


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("components for missile guidance", "missile"),
        ("用于军事雷达", "军事"),
        ("防衛装備品の製造", "防衛"),
        ("陸上自衛隊向け", "自衛隊"),
        ("Ministry of Defense procurement", "ministry of defense"),
        ("ＭＩＳＳＩＬＥ", "missile"),  # full-width letters fold to ASCII
    ],
)
def test_terms_are_found_in_every_language(text: str, term: str) -> None:
    assert term in military_terms(text)


@pytest.mark.parametrize(
    "text", ["armchair manufacturing", "harmless resin", "household appliances", ""]
)
def test_ordinary_words_do_not_flag(text: str) -> None:
    assert military_terms(text) == ()


def test_flag_on_dual_use_item_means_review(decide_line: Decider) -> None:
    d = decide_line(
        "2026-03-02",
        destination_country="DE",
        end_user_type="civilian",
        end_use="missile seeker windows",
        hs_code="2825600002",
    )
    assert d.decision.value == "review"
    assert any(r.rule == "engine.red_flag.military" for r in d.reasons)


def test_flag_on_plain_item_is_information_only(decide_line: Decider) -> None:
    d = decide_line(
        "2026-03-02",
        destination_country="JP",
        end_user_type="civilian",
        end_use="自衛隊の制服",
        hs_code="6109100000",
        description="Cotton T-shirts",
    )
    assert d.decision.value == "allowed"
    assert [r.effect.value for r in d.reasons if r.rule == "engine.red_flag.military"] == ["info"]
