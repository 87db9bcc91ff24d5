"""The decision engine: pure functions from (shipment, regime as of a date) to a decision."""

from dualuse.engine.decide import decide, gather_evidence
from dualuse.engine.outcome import Decision, Outcome, Reason
from dualuse.engine.ports import (
    ClearedHit,
    Confidence,
    ItemClassifier,
    ItemEvidence,
    ItemMatch,
    ItemStatus,
    LicenceCover,
    LicenceRegister,
    PartyHit,
    PartyScreener,
)
from dualuse.engine.shipment import EndUserType, FieldError, Shipment, ShipmentError, parse_shipment

__all__ = [
    "ClearedHit",
    "Confidence",
    "Decision",
    "EndUserType",
    "FieldError",
    "ItemClassifier",
    "ItemEvidence",
    "ItemMatch",
    "ItemStatus",
    "LicenceCover",
    "LicenceRegister",
    "Outcome",
    "PartyHit",
    "PartyScreener",
    "Reason",
    "Shipment",
    "ShipmentError",
    "decide",
    "gather_evidence",
    "parse_shipment",
]
