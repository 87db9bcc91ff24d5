"""Controlled goods of the whole list to a Japanese military user, and to a civilian one.

The lines are the ones a new user tried on 2026-03-01 (issue: "no controlled good passes as
allowed"); the data are the list's entries as printed in the 2026 catalogue.
"""

from __future__ import annotations

import pytest

from dualuse.engine import Decision
from tests.conftest import Decider

DAY = "2026-03-01"
USERS = {"military": "Japan Ground Self-Defense Force", "civilian": "Toyota Motor Corporation"}
SEVEN = [
    (
        "Multirotor UAV, payload 30 kg, endurance 60 min, beyond-visual-line-of-sight operation",
        "8806929010",
    ),
    ("potassium fluoride 99%", ""),
    ("dimethyl methylphosphonate 99%", ""),
    ("anhydrous hydrogen fluoride", ""),
    ("hafnium metal sponge", ""),
    ("hot isostatic press with a 400 mm chamber", ""),
    ("inertial measurement unit for a UAV", ""),
]


def _line(decide_line: Decider, eut: str, desc: str, hs: str) -> Decision:
    return decide_line(
        DAY,
        destination_country="JP",
        end_user=USERS[eut],
        end_user_type=eut,
        description=desc,
        hs_code=hs,
    )


@pytest.mark.parametrize(("desc", "hs"), SEVEN)
def test_military_user_is_never_a_bare_allowed(decide_line: Decider, desc: str, hs: str) -> None:
    d = _line(decide_line, "military", desc, hs)
    assert d.decision.value in ("prohibited", "review"), d.reasons
    if d.decision.value == "review":
        # a review says what is missing: the parameter, or the facts that would identify it
        text = " ".join(r.detail for r in d.reasons if r.effect.value == "review")
        assert "not given" in text or "give " in text or "state " in text, text


@pytest.mark.parametrize(("desc", "hs"), SEVEN[:5])
def test_identified_list_goods_are_prohibited_to_a_military_user(
    decide_line: Decider, desc: str, hs: str
) -> None:
    d = _line(decide_line, "military", desc, hs)
    assert d.decision.value == "prohibited", d.reasons
    assert any(i.startswith("cn.list.") for i in d.items)


@pytest.mark.parametrize(("desc", "hs"), SEVEN)
def test_civilian_user_needs_a_licence_or_a_review(
    decide_line: Decider, desc: str, hs: str
) -> None:
    d = _line(decide_line, "civilian", desc, hs)
    assert d.decision.value in ("licence_required", "review"), d.reasons


def test_a_missing_deciding_parameter_is_named(decide_line: Decider) -> None:
    d = _line(decide_line, "civilian", "hot isostatic press with a 400 mm chamber", "")
    assert d.decision.value == "review"
    text = " ".join(r.detail for r in d.reasons)
    assert "69 MPa" in text  # the working-pressure threshold that the line does not state


def test_stated_values_meeting_thresholds_decide(decide_line: Decider) -> None:
    desc = "hot isostatic press, chamber 400 mm, 200 MPa, 2000 °C"
    assert _line(decide_line, "civilian", desc, "").decision.value == "licence_required"
    assert _line(decide_line, "military", desc, "").decision.value == "prohibited"


def test_near_miss_below_thresholds_is_not_blocked_and_says_why(decide_line: Decider) -> None:
    desc = "hot isostatic press, chamber inner diameter 100 mm, max working pressure 50 MPa"
    d = _line(decide_line, "military", desc, "")
    assert d.decision.value == "allowed", d.reasons
    text = " ".join(r.detail for r in d.reasons)
    assert "not met" in text and "2B104" in text


def test_unidentified_goods_to_a_military_user_go_to_review(decide_line: Decider) -> None:
    d = _line(decide_line, "military", "office chairs, mesh back", "940130")
    assert d.decision.value == "review"
    assert any("confirm it is not dual-use" in r.detail for r in d.reasons)
    # the same chairs to a civilian user are allowed: nothing bars the end user
    assert _line(decide_line, "civilian", "office chairs, mesh back", "940130").decision.value == (
        "allowed"
    )


def test_the_lists_own_exclusion_applies(decide_line: Decider) -> None:
    d = _line(decide_line, "civilian", "gyro-stabilised platform integrated in civil aircraft", "")
    assert "cn.list.7a103.a" not in d.items
