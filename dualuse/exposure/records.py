"""The two record types of a part's mapping: the entries it contains, the measures on it.

Kept apart so that the item mapping and the measure reading can share them without importing
each other; both serialise to the contract's ``entries`` and ``measures`` lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dualuse.regime import Status


@dataclass(frozen=True, slots=True)
class Entry:
    """A controlled item (or, without one, the controlling measure) the part may contain."""

    material: str
    measure_id: str
    title: str
    status: str  # in_force | suspended | announced | ended
    since: dt.date | None
    until: dt.date | None
    provisional: bool
    confidence: str  # confident | possible
    basis: str  # classifier basis, declared_material, description_material
    detail: str
    citation: str
    url: str | None
    item_id: str | None = None
    control_code: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def in_force(self) -> bool:
        return self.status == Status.IN_FORCE.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "material": self.material,
            "item_id": self.item_id,
            "control_code": self.control_code,
            "title": self.title,
            "measure": self.measure_id,
            "status": self.status,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "provisional": self.provisional,
            "confidence": self.confidence,
            "basis": self.basis,
            "detail": self.detail,
            "citation": self.citation,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class MeasureHit:
    """A measure that touches the part on the date, and what it does to it."""

    kind: str
    measure_id: str
    status: str
    effect: str
    citation: str
    url: str | None
    until: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "measure": self.measure_id,
            "status": self.status,
            "effect": self.effect,
            "until": self.until.isoformat() if self.until else None,
            "citation": self.citation,
            "url": self.url,
        }
