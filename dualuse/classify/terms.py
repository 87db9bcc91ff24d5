"""Identify entries from the item description by the names the data gives each entry.

A small, exact-phrase matcher over each item's titles and ``terms`` (any language). It finds
"Samarium oxide", "氧化钐" or "酸化サマリウム" when the data lists them; it is the floor the
full classifier builds on, never the last word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dualuse.classify.parameters import evaluate_parameters
from dualuse.engine.ports import Confidence, ItemMatch
from dualuse.engine.shipment import Shipment
from dualuse.regime.load import Regime
from dualuse.regime.model import Item
from dualuse.regime.snapshot import Snapshot


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _is_cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)


class TermIndex:
    def __init__(self, regime: Regime) -> None:
        self.terms: list[tuple[re.Pattern[str], str, Item]] = []
        for item in regime.items.values():
            for term in {*item.terms, item.title_zh or "", item.title_ja or ""}:
                t = fold(term)
                if len(t) < 2:
                    continue
                pat = re.escape(t) if _is_cjk(t) else r"(?<![\w])" + re.escape(t) + r"(?![\w])"
                self.terms.append((re.compile(pat), term, item))
        # longer terms first: "gallium nitride" outranks "gallium"
        self.terms.sort(key=lambda x: -len(x[1]))

    def lookup(self, shipment: Shipment) -> list[ItemMatch]:
        if not shipment.description:
            return []
        text = fold(shipment.description)
        found: dict[str, ItemMatch] = {}
        covered: list[tuple[int, int]] = []
        for pat, term, item in self.terms:
            m = pat.search(text)
            if not m or item.id in found:
                continue
            # a shorter term inside a longer one already matched is not separate evidence
            if any(a <= m.start() and m.end() <= b for a, b in covered):
                continue
            covered.append((m.start(), m.end()))
            verdict = evaluate_parameters(item, shipment.parameters)
            if verdict.excluded:
                continue
            detail = f"description mentions {term!r}"
            missing = tuple(verdict.missing)
            if missing:
                detail += f"; thresholds decide and were not given: {verdict.explanation}"
            found[item.id] = ItemMatch(item.id, Confidence.POSSIBLE, "description", detail,
                                       score=0.6, missing_parameters=missing)
        return list(found.values())


class TermClassifier:
    def __init__(self) -> None:
        self._indexes: dict[int, TermIndex] = {}

    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        idx = self._indexes.get(id(snap.regime))
        if idx is None:
            idx = self._indexes[id(snap.regime)] = TermIndex(snap.regime)
        return idx.lookup(shipment)
