"""Precedence when several rules fire: prohibited > review > licence_required > allowed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dualuse.engine.outcome import Outcome, Reason, combine
from tests.conftest import Decider

EFFECTS = [
    Outcome.PROHIBITED,
    Outcome.REVIEW,
    Outcome.LICENCE_REQUIRED,
    Outcome.ALLOWED,
    Outcome.INFO,
]


def _reason(effect: Outcome) -> Reason:
    return Reason(rule="r", effect=effect, citation="c", detail="d")


@given(st.lists(st.sampled_from(EFFECTS)))
def test_combine_takes_the_highest_precedence(effects: list[Outcome]) -> None:
    got = combine([_reason(e) for e in effects])
    binding = [e for e in effects if e is not Outcome.INFO]
    order = [Outcome.PROHIBITED, Outcome.REVIEW, Outcome.LICENCE_REQUIRED, Outcome.ALLOWED]
    expected = next((o for o in order if o in binding), Outcome.ALLOWED)
    assert got is expected


def test_listed_party_and_red_flag_and_licence_resolve_to_prohibited(decide_line: Decider) -> None:
    d = decide_line(
        "2026-03-02",
        destination_country="JP",
        end_user="IHI Aerospace Co., Ltd.",
        end_use="ミサイル部品",
        hs_code="8112929010",
    )
    effects = {r.effect.value for r in d.reasons}
    assert {"prohibited", "review", "licence_required"} <= effects
    assert d.decision.value == "prohibited"
    # reasons are listed strongest first
    ranks = [r.effect.rank for r in d.reasons]
    assert ranks == sorted(ranks, reverse=True)


def test_review_beats_licence(decide_line: Decider) -> None:
    d = decide_line("2026-03-02", destination_country="JP", hs_code="8112929010")
    assert {r.effect.value for r in d.reasons} >= {"review", "licence_required"}
    assert d.decision.value == "review"


def test_allowed_line_explains_itself(decide_line: Decider) -> None:
    d = decide_line(
        "2026-03-02",
        destination_country="JP",
        end_user_type="civilian",
        hs_code="6109100000",
        description="Cotton T-shirts",
    )
    assert d.decision.value == "allowed"
    assert d.reasons[0].rule == "engine.no_control"
    assert "6109100000" in d.reasons[0].detail
