"""Memoising wrappers for the engine's two ports.

Item identification depends only on what the line says about the item (and the regime), and
screening only on the name, the country and the list entries that exist on the date; a batch
of many lines asks the same questions again and again. The caches are bounded (cleared when
full), so memory stays flat however long the batch.
"""

from __future__ import annotations

from typing import Any

from dualuse.engine.ports import ItemClassifier, ItemMatch, PartyHit, PartyScreener
from dualuse.engine.shipment import Shipment
from dualuse.regime.snapshot import Snapshot


class CachedClassifier:
    def __init__(self, inner: ItemClassifier, size: int = 50_000) -> None:
        self.inner = inner
        self.size = size
        self._cache: dict[tuple[Any, ...], list[ItemMatch]] = {}

    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        key = (
            id(snap.regime),
            shipment.hs_code,
            shipment.control_code,
            shipment.description,
            tuple(sorted(shipment.parameters.items())),
            # the exporter decides how a declared HS code is read (6 digits from outside China)
            shipment.exporter_country,
        )
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) >= self.size:
                self._cache.clear()
            hit = self._cache[key] = self.inner.classify(shipment, snap)
        return hit


class CachedScreener:
    def __init__(self, inner: PartyScreener, size: int = 100_000) -> None:
        self.inner = inner
        self.size = size
        self._cache: dict[tuple[Any, ...], list[PartyHit]] = {}

    def prime(self, name: str, snap: Snapshot, country: str | None, hits: list[PartyHit]) -> None:
        """Keep hits found elsewhere (by the same screener, e.g. in worker processes)."""
        if len(self._cache) >= self.size:
            self._cache.clear()
        self._cache[(name, country, id(snap.regime), snap.entity_set)] = hits

    def screen(self, name: str, snap: Snapshot, country: str | None = None) -> list[PartyHit]:
        # hits depend on which entries exist, not on the day: versions share results
        key = (name, country, id(snap.regime), snap.entity_set)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) >= self.size:
                self._cache.clear()
            hit = self._cache[key] = self.inner.screen(name, snap, country)
        return hit
