"""The scenario arithmetic, checked by hand-computed cases."""

from __future__ import annotations

import pytest

from dualuse.exposure.arithmetic import (
    Disruption,
    PartOutcome,
    RankInput,
    cumulative_loss,
    line_outcomes,
    merge,
    part_outcome,
    rank,
    revenue_at_risk,
    union_length,
    working_to_calendar_days,
)


def test_zero_stock_stops_on_day_one_of_the_disruption() -> None:
    out = part_outcome(stock=0, alt_lead=None, disruption=Disruption(0, 91))
    assert out.affected
    assert out.time_to_survive == 0
    assert out.time_to_recover == 91
    assert (out.shortfall_start, out.shortfall_end) == (0, 91)
    assert out.lost_days == 91
    assert out.stock_needed == 91
    assert out.restored_by == "china"


def test_stock_covers_part_of_the_stop() -> None:
    out = part_outcome(stock=45, alt_lead=None, disruption=Disruption(0, 91))
    assert out.lost_days == 46
    assert (out.shortfall_start, out.shortfall_end) == (45, 91)


def test_stock_longer_than_the_stop_loses_nothing() -> None:
    out = part_outcome(stock=120, alt_lead=None, disruption=Disruption(0, 91))
    assert out.affected and out.lost_days == 0 and out.shortfall_start is None
    assert out.stock_needed == 0


def test_alternative_faster_than_china_ends_the_shortfall() -> None:
    out = part_outcome(stock=30, alt_lead=60, disruption=Disruption(0, 365))
    assert out.time_to_recover == 60
    assert out.restored_by == "alternative"
    assert out.lost_days == 30


def test_alternative_qualified_within_stock_survives_indefinitely() -> None:
    out = part_outcome(stock=90, alt_lead=60, disruption=Disruption(0, 365), horizon=730)
    assert out.survives_indefinitely
    assert out.time_to_survive == 730  # reported as the horizon
    assert out.lost_days == 0


def test_no_alternative_and_no_return_is_capped_at_the_horizon() -> None:
    out = part_outcome(stock=30, alt_lead=None, disruption=Disruption(0, None), horizon=365)
    assert not out.recovers_within_horizon
    assert out.time_to_recover == 365
    assert out.restored_by == "none"
    assert out.lost_days == 335


def test_disruption_that_starts_later_is_counted_from_its_start() -> None:
    out = part_outcome(stock=20, alt_lead=None, disruption=Disruption(255, 63))
    assert (out.shortfall_start, out.shortfall_end) == (275, 318)
    assert out.lost_days == 43


def test_unaffected_part_reports_its_stock_and_no_recovery_time() -> None:
    out = part_outcome(stock=14, alt_lead=None, disruption=None)
    assert not out.affected
    assert (out.time_to_survive, out.time_to_recover, out.lost_days) == (14, 0, 0)


def test_fractional_days_round_against_the_plant() -> None:
    out = part_outcome(stock=9.9, alt_lead=10.1, disruption=Disruption(0, 100))
    assert out.time_to_survive == 9
    assert out.time_to_recover == 11
    assert out.lost_days == 2


@pytest.mark.parametrize(("stock", "alt"), [(-1, None), (1, -1)])
def test_negative_inputs_are_rejected(stock: float, alt: float | None) -> None:
    with pytest.raises(ValueError):
        part_outcome(stock, alt, Disruption(0, 10))


def test_several_materials_merge_into_one_covering_disruption() -> None:
    merged = merge([Disruption(0, 63), Disruption(30, 91)])
    assert merged == Disruption(0, 121)
    assert merge([Disruption(5, 10), Disruption(0, None)]) == Disruption(0, None)
    assert merge([]) is None


def test_union_counts_overlapping_days_once() -> None:
    assert union_length([(0, 10), (5, 15), (20, 25)]) == 20
    assert union_length([(3, 3)]) == 0


def _short(start: int, end: int) -> PartOutcome:
    return PartOutcome(True, start, end, shortfall_start=start, shortfall_end=end)


def test_a_line_stops_while_any_of_its_parts_is_short() -> None:
    lines = line_outcomes(
        [
            ("magnet", "motor", 365e6, _short(30, 91)),
            ("dy-oxide", "motor", 365e6, _short(60, 120)),
            ("wire", "motor", 365e6, PartOutcome(False, 30, 0)),
            ("cell", "battery", 730e6, _short(10, 20)),
        ]
    )
    motor = next(ln for ln in lines if ln.line == "motor")
    assert motor.stoppages == ((30, 120),)
    assert motor.lost_days == 90
    assert motor.revenue_at_risk == pytest.approx(90e6)
    assert set(motor.parts_short) == {"magnet", "dy-oxide"}
    battery = next(ln for ln in lines if ln.line == "battery")
    assert battery.revenue_at_risk == pytest.approx(20e6)
    series = cumulative_loss(lines, 200)
    assert series[-1] == pytest.approx(110e6)
    assert series[9] == 0


def test_revenue_at_risk_is_daily_revenue_times_lost_days() -> None:
    assert revenue_at_risk(365_000, 10) == pytest.approx(10_000)


def test_rank_puts_revenue_first_then_tightest_margin() -> None:
    order = rank(
        [
            RankInput("free", False, False, 0, 0, 0, 1e9),
            RankInput("small", True, True, 10, 5, -5, 0),
            RankInput("big", True, True, 100, 5, -5, 0),
            RankInput("tight", True, True, 0, 0, 1, 0),
            RankInput("loose", True, True, 0, 0, 50, 0),
        ]
    )
    assert [k for k, _ in sorted(order.items(), key=lambda kv: kv[1])] == [
        "big",
        "small",
        "tight",
        "loose",
        "free",
    ]


def test_working_days_to_calendar_days() -> None:
    assert working_to_calendar_days(45) == 63
    assert working_to_calendar_days(90) == 126
    assert working_to_calendar_days(1, 1.4) == 2
    with pytest.raises(ValueError):
        working_to_calendar_days(-1)
