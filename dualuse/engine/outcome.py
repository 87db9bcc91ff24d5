"""Decisions and the reasons behind them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """What may happen to a shipment line. ``INFO`` is for reasons only: context, no effect."""

    PROHIBITED = "prohibited"
    REVIEW = "review"
    LICENCE_REQUIRED = "licence_required"
    ALLOWED = "allowed"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Precedence: prohibited > review > licence_required > allowed (> info)."""
        return _RANK[self]


_RANK = {
    Outcome.PROHIBITED: 4,
    Outcome.REVIEW: 3,
    Outcome.LICENCE_REQUIRED: 2,
    Outcome.ALLOWED: 1,
    Outcome.INFO: 0,
}


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired: the record it applies, the citation, and a human sentence."""

    rule: str
    effect: Outcome
    citation: str
    detail: str
    url: str | None = None
    source: str | None = None  # data file and line of the record
    provisional: bool = False  # relies on a state the sources do not confirm
    unknown_after: dt.date | None = None  # provisional: the last day the sources cover
    local: bool = False  # rests on a local overlay, not on the bundled data
    licence: dict[str, Any] | None = None  # the register's answer on a declared licence
    clearance: dict[str, Any] | None = None  # the cleared case a set-aside hit rests on

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "effect": self.effect.value,
            "citation": self.citation,
            "detail": self.detail,
            "url": self.url,
            "source": self.source,
            "provisional": self.provisional,
        }
        if self.unknown_after is not None:
            out["unknown_after"] = self.unknown_after.isoformat()
        if self.local:
            out["local"] = True
        if self.licence is not None:
            out["licence"] = self.licence
        if self.clearance is not None:
            out["clearance"] = self.clearance
        return out


@dataclass(frozen=True)
class Decision:
    """The decision on one line, as of one date, with every reason."""

    id: str
    as_of: dt.date
    decision: Outcome
    reasons: tuple[Reason, ...]
    items: tuple[str, ...] = ()
    parties: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    @property
    def provisional(self) -> bool:
        """Whether any reason rests on a state the sources do not confirm."""
        return any(r.provisional for r in self.reasons)

    @property
    def unknown_after(self) -> dt.date | None:
        """The earliest date after which a state the decision relies on is unknown."""
        days = [r.unknown_after for r in self.reasons if r.unknown_after is not None]
        return min(days) if days else None

    def to_dict(self) -> dict[str, Any]:
        after = self.unknown_after
        return {
            "id": self.id,
            "decision": self.decision.value,
            "as_of": self.as_of.isoformat(),
            "provisional": self.provisional,
            "unknown_after": after.isoformat() if after else None,
            "reasons": [r.to_dict() for r in self.reasons],
            "items": list(self.items),
            "parties": list(self.parties),
        }


def combine(reasons: list[Reason]) -> Outcome:
    """The outcome with the highest precedence among the reasons; allowed when none bind."""
    best = Outcome.ALLOWED
    for reason in reasons:
        if reason.effect.rank > best.rank:
            best = reason.effect
    return best
