"""Time to survive, time to recover, lost days and revenue at risk: pure arithmetic.

The framework is the one of Simchi-Levi et al. (time-to-survive vs time-to-recover): a part
is a risk when the supply disruption lasts longer than the plant can bridge with stock and an
alternative source. All times are calendar days counted from the analysis date (day 0); no
clock is read and nothing is looked up, so every figure can be recomputed by hand
(docs/exposure.md walks through the formulas).

A disruption starts on day ``start`` and lasts ``duration`` days (``None``: supply from China
does not come back within the horizon, e.g. a prohibited end use). For one part with ``stock``
days of cover and an alternative source that takes ``alt_lead`` days to qualify (``None``: none
known):

* supply is restored at ``restore = start + min(duration, alt_lead)`` (whichever comes first;
  qualification of the alternative starts when the disruption starts);
* time to recover ``TTR = restore - start``;
* stock runs out on ``start + stock``;
* the shortfall is ``[start + stock, restore)`` when ``restore > start + stock``, else none;
* time to survive ``TTS = stock``, unless the alternative is qualified before the stock runs
  out, in which case the part survives indefinitely (reported as the horizon, flagged);
* the product line the part feeds stops during the shortfall; a line stops while *any* of its
  parts is short (no substitution between parts), so its lost days are the union of its
  parts' shortfalls;
* revenue at risk is lost days x annual line revenue / 365 (even production over the year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DAYS_PER_YEAR = 365
DEFAULT_HORIZON_DAYS = 730


@dataclass(frozen=True, slots=True)
class Disruption:
    """Supply from China stops on day ``start`` for ``duration`` days (None: no return)."""

    start: int
    duration: int | None

    def __post_init__(self) -> None:
        if self.start < 0:
            raise ValueError("a disruption cannot start before day 0")
        if self.duration is not None and self.duration < 0:
            raise ValueError("a disruption cannot last a negative number of days")

    @property
    def end(self) -> int | None:
        return None if self.duration is None else self.start + self.duration


def merge(disruptions: Iterable[Disruption]) -> Disruption | None:
    """One disruption covering several (a part with several controlled materials).

    The part is short of supply from the first start to the last end: a part that needs two
    materials cannot be made while either is missing. ``None`` when there is nothing to merge.
    """
    items = list(disruptions)
    if not items:
        return None
    start = min(d.start for d in items)
    ends = [d.end for d in items]
    if any(e is None for e in ends):
        return Disruption(start, None)
    return Disruption(start, max(e for e in ends if e is not None) - start)


@dataclass(frozen=True, slots=True)
class PartOutcome:
    """What one disruption does to one part."""

    affected: bool
    time_to_survive: int  # days; the horizon when the part survives indefinitely
    time_to_recover: int  # days from the disruption's start until supply is restored
    survives_indefinitely: bool = False
    recovers_within_horizon: bool = True
    shortfall_start: int | None = None  # day the part runs out (None: no shortfall)
    shortfall_end: int | None = None  # day supply is back (capped at the horizon)
    restored_by: str = "none"  # china | alternative | none (never within the horizon)

    @property
    def lost_days(self) -> int:
        if self.shortfall_start is None or self.shortfall_end is None:
            return 0
        return max(0, self.shortfall_end - self.shortfall_start)

    @property
    def stock_needed(self) -> int:
        """Extra days of stock that would close the gap (0 when the part survives)."""
        if not self.affected or self.survives_indefinitely:
            return 0
        return max(0, self.time_to_recover - self.time_to_survive)


def part_outcome(
    stock: float,
    alt_lead: float | None,
    disruption: Disruption | None,
    horizon: int = DEFAULT_HORIZON_DAYS,
) -> PartOutcome:
    """Apply a disruption to a part with ``stock`` days of cover and an alternative source.

    Fractional days are rounded down for stock (a part of a day of stock does not keep a line
    running) and up for lead times (qualification finishes at the end of a day).
    """
    if stock < 0:
        raise ValueError("stock days cannot be negative")
    if alt_lead is not None and alt_lead < 0:
        raise ValueError("alternative lead time cannot be negative")
    cover = int(stock)
    alt = None if alt_lead is None else int(-(-alt_lead // 1))
    if disruption is None:
        return PartOutcome(affected=False, time_to_survive=min(cover, horizon), time_to_recover=0)

    start = disruption.start
    candidates: list[tuple[int, str]] = []
    if disruption.duration is not None:
        candidates.append((disruption.duration, "china"))
    if alt is not None:
        candidates.append((alt, "alternative"))
    if candidates:
        ttr, by = min(candidates)
        recovers = start + ttr <= horizon
    else:
        ttr, by, recovers = horizon - start, "none", False
    if not recovers:
        ttr, by = max(0, horizon - start), "none"

    survives = alt is not None and alt <= cover
    tts = max(0, horizon - start) if survives else cover
    stock_out = start + cover
    restore = min(start + ttr, horizon)
    if restore > stock_out and stock_out < horizon:
        return PartOutcome(
            affected=True,
            time_to_survive=tts,
            time_to_recover=ttr,
            survives_indefinitely=survives,
            recovers_within_horizon=recovers,
            shortfall_start=stock_out,
            shortfall_end=restore,
            restored_by=by,
        )
    return PartOutcome(
        affected=True,
        time_to_survive=tts,
        time_to_recover=ttr,
        survives_indefinitely=survives,
        recovers_within_horizon=recovers,
        restored_by=by,
    )


Interval = tuple[int, int]


def union_length(intervals: Iterable[Interval]) -> int:
    """Days covered by at least one half-open interval ``[start, end)``."""
    total = 0
    current: Interval | None = None
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += current[1] - current[0]
    return total


def union_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of half-open intervals as a sorted list of disjoint intervals."""
    out: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def daily_revenue(annual_revenue: float) -> float:
    return annual_revenue / DAYS_PER_YEAR


def revenue_at_risk(annual_revenue: float, lost_days: int) -> float:
    """Revenue of a product line lost over ``lost_days`` days of stoppage."""
    return daily_revenue(annual_revenue) * lost_days


@dataclass(frozen=True, slots=True)
class LineOutcome:
    """A product line: when it stops, for how long, and what that costs."""

    line: str
    annual_revenue: float
    stoppages: tuple[Interval, ...]
    parts_short: tuple[str, ...]

    @property
    def lost_days(self) -> int:
        return sum(e - s for s, e in self.stoppages)

    @property
    def revenue_at_risk(self) -> float:
        return revenue_at_risk(self.annual_revenue, self.lost_days)

    @property
    def stops_on(self) -> int | None:
        return self.stoppages[0][0] if self.stoppages else None


def line_outcomes(
    rows: Sequence[tuple[str, str, float, PartOutcome]],
) -> list[LineOutcome]:
    """Group part outcomes ``(part, line, annual line revenue, outcome)`` into product lines.

    A line's revenue is the largest value given on its rows (rows of the same line should
    agree; the larger one is the cautious reading when they do not).
    """
    revenue: dict[str, float] = {}
    spans: dict[str, list[Interval]] = {}
    short: dict[str, list[str]] = {}
    for part, line, annual, outcome in rows:
        revenue[line] = max(revenue.get(line, 0.0), annual)
        spans.setdefault(line, [])
        short.setdefault(line, [])
        if outcome.lost_days and outcome.shortfall_start is not None:
            assert outcome.shortfall_end is not None
            spans[line].append((outcome.shortfall_start, outcome.shortfall_end))
            short[line].append(part)
    return [
        LineOutcome(line, revenue[line], tuple(union_intervals(spans[line])), tuple(short[line]))
        for line in revenue
    ]


def cumulative_loss(lines: Iterable[LineOutcome], horizon: int) -> list[float]:
    """Revenue lost by the end of each day 0..horizon-1, all lines together.

    Used for the "revenue at risk over time" chart: the curve is flat while every line runs
    and rises by the line's daily revenue on every day the line is stopped.
    """
    per_day = [0.0] * horizon
    for line in lines:
        rate = daily_revenue(line.annual_revenue)
        for start, end in line.stoppages:
            for day in range(max(0, start), min(end, horizon)):
                per_day[day] += rate
    out: list[float] = []
    total = 0.0
    for value in per_day:
        total += value
        out.append(total)
    return out


@dataclass(frozen=True, slots=True)
class RankInput:
    """What ranking reads from a part's result."""

    key: str
    controlled: bool
    affected: bool
    revenue_at_risk: float
    lost_days: int
    margin_days: int  # time to survive minus time to recover (negative: a gap)
    annual_spend: float


def rank(items: Sequence[RankInput]) -> Mapping[str, int]:
    """Rank parts for action, 1 = act first.

    Order: revenue at risk (highest first), then days of stoppage, then parts touched by the
    scenario before those that are not, then the tightest margin between survival and
    recovery, then controlled parts before uncontrolled ones, then annual spend. Revenue
    comes first because it is what a stop costs; the margin separates parts that survive
    narrowly from those that survive comfortably.
    """
    order = sorted(
        items,
        key=lambda r: (
            -r.revenue_at_risk,
            -r.lost_days,
            not r.affected,
            r.margin_days if r.affected else 0,
            not r.controlled,
            -r.annual_spend,
            r.key,
        ),
    )
    return {r.key: i for i, r in enumerate(order, 1)}


def working_to_calendar_days(working_days: float, ratio: float = 1.4) -> int:
    """Calendar days spanned by ``working_days`` at ``ratio`` calendar days per working day.

    7/5 = 1.4 for a five-day week; rounded up because a decision arrives at the end of a day.
    """
    if working_days < 0 or ratio <= 0:
        raise ValueError("working days must be >= 0 and the ratio > 0")
    return int(-(-round(working_days * ratio, 6) // 1))
