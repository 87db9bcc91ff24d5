"""The seams of the engine: how items are identified, parties screened, licences looked up.

The engine only sees these protocols. The exact-match implementations ship with the engine;
the fuzzy cross-script screener (``dualuse.screening``) and the text/parameter classifier
(``dualuse.classify``) plug in behind the same interfaces. The licence register is optional:
without one a declared licence is only noted; with one (a store's licences, see
``dualuse.services.licensing``) the engine asks whether it covers the line. Cleared hits
(:class:`ClearedHit`, a store's good-guy list, see ``dualuse.services.clearing``) are facts
passed in with the line, never looked up by the engine.
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


@dataclass(frozen=True, slots=True)
class LicenceCover:
    """What a licence register says about one line and the licence it names.

    ``covered`` only when the licence is valid on the date, lists one of the line's control
    codes, matches its parties and destination, and has the line's quantity and value left
    (or already carries this line's draw-down). ``detail`` says why, in a sentence.
    """

    licence_id: str
    covered: bool
    detail: str
    kind: str = ""  # individual | general | registration
    item: int | None = None  # the register's id of the licence item that covers the line
    quantity: str | None = None  # decimal text to draw, None when the item has no limit
    value: str | None = None
    already_drawn: bool = False  # the line was drawn before (a re-run or a resume)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"licence": self.licence_id, "covered": self.covered}
        if self.kind:
            d["kind"] = self.kind
        if self.covered:
            d.update(item=self.item, quantity=self.quantity, value=self.value)
            if self.already_drawn:
                d["already_drawn"] = True
        return d


class LicenceRegister(Protocol):
    def cover(
        self, licence_id: str, shipment: Shipment, control_codes: tuple[str, ...], snap: Snapshot
    ) -> LicenceCover:
        """Whether the named licence covers the line on the snapshot's date, and why (not).

        The register reads the date, not the rules: a decision that asks it is never reused
        for another date (``dualuse.services.check`` decides such lines one by one).
        """
        ...


@dataclass(frozen=True, slots=True)
class ClearedHit:
    """A party hit a reviewer cleared as a false positive: a case on the good-guy list.

    The caller passes the clearances that hold for the line's parties (the same counterparty,
    the list entry at the version that was cleared, approved when four eyes are on); the
    engine applies one only to the exact name that was cleared and up to its expiry date,
    decides the line as if the hit were not there, and says so in a ``case.cleared`` reason.
    """

    case_id: int
    entity_id: str
    name: str  # the exact name that was cleared (stripped)
    entity_version: str  # the hash of the listed record that was cleared
    reason: str
    cleared_by: str
    cleared_at: str  # when the clearance was recorded (UTC)
    approved_by: str | None = None
    expires: str | None = None  # ISO date: the clearance holds up to and including it

    def as_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "entity_id": self.entity_id,
            "name": self.name,
            "entity_version": self.entity_version,
            "cleared_by": self.cleared_by,
            "approved_by": self.approved_by,
            "cleared_at": self.cleared_at,
            "expires": self.expires,
            "reason": self.reason,
        }
