"""National view: what a stop of Chinese rare-earth exports costs Japan (pure arithmetic).

The model restates NRI's published estimate as a rate and scales it, so that a user can ask
"what if the stop lasts 6 months", "what if Japan's dependence falls to 40 %" or "what if two
months of stock absorb the start"::

    loss(T) = GDP x rate x (share / reference_share) x max(0, T - buffer) / 12 x (1 - mitigation)

NRI's own breakdown was not found in public sources, so the rate is its published one-year
result; the two published points (3 and 12 months) are the check that the scaling reproduces
them (:func:`reproduction`). Inputs and their sources live in
``dualuse/resources/exposure/macro/*.yaml``; this module reads none of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

INPUT_NAMES = (
    "gdp_nominal",
    "annual_loss_rate",
    "china_share",
    "reference_china_share",
    "buffer_months",
    "mitigation_share",
)


@dataclass(frozen=True, slots=True)
class MacroInputs:
    """The model's inputs (see the YAML file for each one's source or assumption)."""

    gdp_nominal: float
    annual_loss_rate: float
    china_share: float
    reference_china_share: float
    buffer_months: float = 0.0
    mitigation_share: float = 0.0

    def __post_init__(self) -> None:
        if self.gdp_nominal <= 0:
            raise ValueError("gdp_nominal must be positive")
        if not 0 <= self.annual_loss_rate <= 1:
            raise ValueError("annual_loss_rate must be a share between 0 and 1")
        for name in ("china_share", "mitigation_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must be a share between 0 and 1")
        if not 0 < self.reference_china_share <= 1:
            raise ValueError("reference_china_share must be a share above 0 and at most 1")
        if self.buffer_months < 0:
            raise ValueError("buffer_months cannot be negative")

    def with_values(self, values: Mapping[str, float]) -> MacroInputs:
        """A copy with some inputs changed (unknown names are an error)."""
        unknown = sorted(set(values) - set(INPUT_NAMES))
        if unknown:
            raise ValueError(
                f"unknown input(s): {', '.join(unknown)}; known: {', '.join(INPUT_NAMES)}"
            )
        return replace(self, **dict(values))


@dataclass(frozen=True, slots=True)
class MacroResult:
    """The estimate for one stop length."""

    months: float
    loss: float
    gdp_share: float
    effective_months: float


def estimate(inputs: MacroInputs, months: float) -> MacroResult:
    """Loss and GDP share for a stop of ``months`` months."""
    if months < 0:
        raise ValueError("months cannot be negative")
    effective = max(0.0, months - inputs.buffer_months)
    dependence = inputs.china_share / inputs.reference_china_share
    share = inputs.annual_loss_rate * dependence * effective / 12 * (1 - inputs.mitigation_share)
    return MacroResult(months, inputs.gdp_nominal * share, share, effective)


def curve(inputs: MacroInputs, months: Sequence[float]) -> list[MacroResult]:
    return [estimate(inputs, m) for m in months]


@dataclass(frozen=True, slots=True)
class PublishedPoint:
    """A published estimate to compare with (loss in the model's currency)."""

    label: str
    months: float
    loss: float
    gdp_share: float
    sources: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Reproduction:
    """The model against one published point; errors are relative (0.01 = 1 %)."""

    point: PublishedPoint
    model: MacroResult

    @property
    def loss_error(self) -> float:
        return (self.model.loss - self.point.loss) / self.point.loss

    @property
    def gdp_share_error(self) -> float:
        return (self.model.gdp_share - self.point.gdp_share) / self.point.gdp_share


def reproduction(inputs: MacroInputs, points: Sequence[PublishedPoint]) -> list[Reproduction]:
    """Compare the model with published points at the same stop lengths."""
    return [Reproduction(p, estimate(inputs, p.months)) for p in points]
