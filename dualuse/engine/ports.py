"""The two seams of the engine: how items are identified and how parties are screened.

The engine only sees these protocols. The exact-match implementations ship with the engine;
the fuzzy cross-script screener (``dualuse.screening``) and the text/parameter classifier
(``dualuse.classify``) plug in behind the same interfaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from dualuse.engine.shipment import Shipment
from dualuse.regime.snapshot import Snapshot


class Confidence(StrEnum):
    CONFIDENT = "confident"  # the item is the entry (code given, or an unambiguous HS code)
    POSSIBLE = "possible"  # the entry may apply: a person or a parameter must decide


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """A catalogue entry the shipped item may fall under, and why."""

    item_id: str
    confidence: Confidence
    basis: str  # control_code | hs_exact | hs_prefix | description | parameters
    detail: str
    score: float = 1.0
    missing_parameters: tuple[str, ...] = ()
    ruled_out: bool = False  # the entry was pointed to, and a stated value or note excludes it


class ItemStatus(StrEnum):
    CONTROLLED = "controlled"  # at least one confident match in force
    POSSIBLE = "possible"  # only possible matches
    NOT_CONTROLLED = "not_controlled"  # identified (HS or text given), nothing matched
    UNKNOWN = "unknown"  # nothing given to identify the item


@dataclass(frozen=True)
class ItemEvidence:
    """Everything known about what is shipped, as of the snapshot date."""

    status: ItemStatus
    matches: tuple[ItemMatch, ...] = ()
    notes: tuple[str, ...] = ()
    ruled_out: tuple[ItemMatch, ...] = ()  # entries the line is shown not to be, and why

    @property
    def dual_use(self) -> bool:
        return self.status is ItemStatus.CONTROLLED

    @property
    def maybe_dual_use(self) -> bool:
        """Controlled, possibly controlled, or not identified at all."""
        return self.status is not ItemStatus.NOT_CONTROLLED


class ItemClassifier(Protocol):
    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        """Candidate entries for the line (in any state; the engine checks the dates), and
        entries it was pointed to but is shown not to be (``ruled_out``)."""
        ...


@dataclass(frozen=True, slots=True)
class PartyHit:
    """A listed entity that a party name may be."""

    entity_id: str
    query: str
    matched_name: str
    score: float
    exact: bool  # the same name after normalisation: a confirmed entry
    explanation: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class PartyScreener(Protocol):
    def screen(self, name: str, snap: Snapshot, country: str | None = None) -> list[PartyHit]:
        """Entities (in any state on the snapshot date) the name may be, best first."""
        ...
