"""Identify catalogue entries from a declared control code or HS code.

HS reference codes in the announcements are 10-digit China customs codes or 8-digit tariff
lines. A declared code that equals a reference code (at the reference's own length) is a
confident match unless the entry has thresholds the caller did not give; a code that shares
the first 8 digits is possible; a 6-digit heading alone is too broad to flag.
"""

from __future__ import annotations

from collections import defaultdict

from dualuse.classify.parameters import evaluate_parameters
from dualuse.engine.ports import Confidence, ItemMatch
from dualuse.engine.shipment import Shipment
from dualuse.regime.load import Regime
from dualuse.regime.model import Item
from dualuse.regime.snapshot import Snapshot


def normalise_code(code: str) -> str:
    """Control codes compare without spaces and case: ``1c902 .a`` -> ``1C902.A``."""
    return code.replace(" ", "").upper()


class CodeIndex:
    """HS and control-code lookups over every item of a regime (built once per regime)."""

    def __init__(self, regime: Regime) -> None:
        self.by_code: dict[str, list[Item]] = defaultdict(list)
        self.by_hs: dict[str, list[Item]] = defaultdict(list)
        self.by_hs8: dict[str, list[Item]] = defaultdict(list)
        for item in regime.items.values():
            if item.control_code:
                self.by_code[normalise_code(item.control_code)].append(item)
            for ref in item.hs:
                self.by_hs[ref.code].append(item)
                if len(ref.code) >= 8:
                    self.by_hs8[ref.code[:8]].append(item)

    def lookup(self, shipment: Shipment) -> list[ItemMatch]:
        found: dict[str, ItemMatch] = {}

        def add(match: ItemMatch) -> None:
            old = found.get(match.item_id)
            if old is None or (old.confidence is Confidence.POSSIBLE and match.confidence is Confidence.CONFIDENT):
                found[match.item_id] = match

        if shipment.control_code:
            code = normalise_code(shipment.control_code)
            for item in self.by_code.get(code, []):
                add(ItemMatch(item.id, Confidence.CONFIDENT, "control_code", f"declared control code {item.control_code}"))
            # a declared parent code (1C902) covers its sub-items (1C902.a ...)
            for known, items in self.by_code.items():
                if known.startswith(code + "."):
                    for item in items:
                        add(ItemMatch(item.id, Confidence.CONFIDENT, "control_code", f"declared control code {shipment.control_code} covers {item.control_code}"))
        hs = shipment.hs_code
        if hs:
            exact: list[Item] = []
            for length in (10, 8):
                if len(hs) >= length:
                    exact.extend(self.by_hs.get(hs[:length], []))
            for item in exact:
                add(self._hs_match(item, shipment, "hs_exact", f"HS {hs} is a reference code of this entry"))
            # a shared tariff line is worth a look only when the code itself matched nothing
            if len(hs) >= 8 and not exact:
                for item in self.by_hs8.get(hs[:8], []):
                    if item not in exact:
                        add(ItemMatch(item.id, Confidence.POSSIBLE, "hs_prefix", f"HS {hs} shares tariff line {hs[:8]} with this entry; check the description", score=0.5))
        return list(found.values())

    @staticmethod
    def _hs_match(item: Item, shipment: Shipment, basis: str, detail: str) -> ItemMatch:
        verdict = evaluate_parameters(item, shipment.parameters)
        if verdict.excluded:
            return ItemMatch(item.id, Confidence.POSSIBLE, "parameters", f"{detail}; but {verdict.explanation}", score=0.2)
        if verdict.missing:
            return ItemMatch(item.id, Confidence.POSSIBLE, basis, f"{detail}; thresholds decide and were not given: {verdict.explanation}", score=0.7, missing_parameters=tuple(verdict.missing))
        suffix = f"; {verdict.explanation}" if verdict.explanation else ""
        return ItemMatch(item.id, Confidence.CONFIDENT, basis, detail + suffix)


class CodeClassifier:
    """The engine's built-in item identification: control code and HS code only."""

    def __init__(self) -> None:
        self._indexes: dict[int, CodeIndex] = {}

    def index(self, regime: Regime) -> CodeIndex:
        idx = self._indexes.get(id(regime))
        if idx is None:
            idx = self._indexes[id(regime)] = CodeIndex(regime)
        return idx

    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        return self.index(snap.regime).lookup(shipment)
