"""Run several classifiers and keep, per entry, the strongest evidence."""

from __future__ import annotations

from collections.abc import Sequence

from dualuse.engine.ports import Confidence, ItemClassifier, ItemMatch
from dualuse.engine.shipment import Shipment
from dualuse.regime.snapshot import Snapshot


class CombinedClassifier:
    def __init__(self, parts: Sequence[ItemClassifier]) -> None:
        self.parts = tuple(parts)

    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        best: dict[str, ItemMatch] = {}
        for part in self.parts:
            for m in part.classify(shipment, snap):
                old = best.get(m.item_id)
                if old is None or _stronger(m, old):
                    best[m.item_id] = m
        return sorted(best.values(), key=lambda m: (m.confidence != Confidence.CONFIDENT, -m.score))


def _stronger(a: ItemMatch, b: ItemMatch) -> bool:
    if a.confidence != b.confidence:
        return a.confidence is Confidence.CONFIDENT
    return a.score > b.score
