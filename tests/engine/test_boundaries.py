"""Each rule at its date boundaries: the day before, the day of, suspension start and end."""

from __future__ import annotations

import pytest

from tests.conftest import Decider, rules_of

SM_OXIDE = {"hs_code": "2846901940", "description": "Samarium oxide"}
GALLIUM = {"hs_code": "8112929010", "description": "Gallium metal"}
GRAPHITE = {"hs_code": "2504101000", "description": "Natural flake graphite"}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-01-05", "licence_required"),  # day before Ann. 2026/1
        ("2026-01-06", "prohibited"),  # the day it was published and took effect
        ("2026-11-23", "prohibited"),
    ],
)
def test_japan_military_end_user(decide_line: Decider, day: str, expected: str) -> None:
    d = decide_line(day, destination_country="JP", end_user_type="military", **SM_OXIDE)
    assert d.decision.value == expected
    if expected == "prohibited":
        assert "cn.mofcom.2026-01.c1" in rules_of(d, "prohibited")
        reason = next(r for r in d.reasons if r.rule == "cn.mofcom.2026-01.c1")
        assert "2026 No. 1" in reason.citation
        assert reason.source and reason.source.startswith("measures/")


def test_japan_civilian_gets_licence_and_the_briefing(decide_line: Decider) -> None:
    d = decide_line("2026-03-02", destination_country="JP", end_user_type="civilian", **SM_OXIDE)
    assert d.decision.value == "licence_required"
    infos = [r for r in d.reasons if r.effect.value == "info"]
    assert any("2026-01-08" in r.citation and "civilian" in r.detail for r in infos)


def test_rare_earth_licence_starts_on_publication(decide_line: Decider) -> None:
    before = decide_line(
        "2025-04-03", destination_country="DE", end_user_type="civilian", **SM_OXIDE
    )
    on = decide_line("2025-04-04", destination_country="DE", end_user_type="civilian", **SM_OXIDE)
    assert before.decision.value == "allowed"
    assert on.decision.value == "licence_required"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2023-07-31", "allowed"),  # announced 2023-07-03, not yet in force
        ("2023-08-01", "licence_required"),
        ("2024-12-02", "licence_required"),  # day before Ann. 2024/46
        ("2024-12-03", "prohibited"),  # clause 2 in force
        ("2025-11-08", "prohibited"),  # day before the suspension
        ("2025-11-09", "licence_required"),  # suspension starts (Ann. 2025/72)
        ("2026-11-27", "licence_required"),  # last day of the suspension
        ("2026-11-28", "prohibited"),  # window over, no source for an extension
    ],
)
def test_us_gallium_across_ann_46_and_its_suspension(
    decide_line: Decider, day: str, expected: str
) -> None:
    d = decide_line(day, destination_country="US", end_user_type="civilian", **GALLIUM)
    assert d.decision.value == expected


def test_after_the_window_the_decision_says_it_is_provisional(decide_line: Decider) -> None:
    d = decide_line("2026-11-28", destination_country="US", end_user_type="civilian", **GALLIUM)
    reason = next(r for r in d.reasons if r.rule == "cn.mofcom.2024-46.c2")
    assert reason.provisional
    assert "status unknown after 2026-11-27" in reason.detail


def test_during_suspension_the_decision_mentions_it(decide_line: Decider) -> None:
    d = decide_line("2026-03-02", destination_country="US", end_user_type="civilian", **GALLIUM)
    info = [r for r in d.reasons if r.rule == "cn.mofcom.2024-46.c2"]
    assert info and info[0].effect.value == "info"
    assert "suspended until 2026-11-27" in info[0].detail


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-12-02", "licence_required"),
        ("2024-12-03", "review"),
        ("2025-11-09", "licence_required"),
    ],
)
def test_us_graphite_stricter_review(decide_line: Decider, day: str, expected: str) -> None:
    d = decide_line(day, destination_country="US", end_user_type="civilian", **GRAPHITE)
    assert d.decision.value == expected


@pytest.mark.parametrize(
    ("day", "expected"), [("2024-12-02", "licence_required"), ("2024-12-03", "prohibited")]
)
def test_us_military_end_user(decide_line: Decider, day: str, expected: str) -> None:
    d = decide_line(
        day,
        destination_country="US",
        end_user_type="military",
        **SM_OXIDE | {"hs_code": "2846901940"},
    )
    # samarium is not under clause 2; only clause 1 (military) can prohibit it
    if day >= "2025-04-04":
        assert d.decision.value == expected
    else:
        assert d.decision.value in ("allowed", "prohibited")


def test_us_military_end_user_with_gallium_before_and_after(decide_line: Decider) -> None:
    before = decide_line(
        "2024-12-02", destination_country="US", end_user_type="military", **GALLIUM
    )
    after = decide_line("2024-12-03", destination_country="US", end_user_type="military", **GALLIUM)
    assert before.decision.value == "licence_required"
    assert after.decision.value == "prohibited"
    assert "cn.mofcom.2024-46.c1" in rules_of(after, "prohibited")


@pytest.mark.parametrize(
    ("day", "expected"), [("2026-02-23", "licence_required"), ("2026-02-24", "prohibited")]
)
def test_control_list_from_the_listing_date(decide_line: Decider, day: str, expected: str) -> None:
    d = decide_line(
        day,
        destination_country="JP",
        end_user="IHI Aerospace Co., Ltd.",
        end_user_type="civilian",
        **GALLIUM,
    )
    assert d.decision.value == expected
    if expected == "prohibited":
        assert d.parties and d.parties[0]["list"] == "control"


@pytest.mark.parametrize(
    ("day", "expected"), [("2026-02-23", "licence_required"), ("2026-02-24", "licence_required")]
)
def test_watch_list_states_its_conditions(decide_line: Decider, day: str, expected: str) -> None:
    d = decide_line(
        day,
        destination_country="JP",
        consignee="SUBARU Corporation",
        end_user_type="civilian",
        **GALLIUM,
    )
    assert d.decision.value == expected
    watch = [r for r in d.reasons if r.rule == "cn.mofcom.2026-12.01"]
    if day == "2026-02-24":
        assert watch, "the watch-list entry must be cited"
        assert "risk-assessment" in watch[0].detail and "general licence" in watch[0].detail
    else:
        assert not watch
