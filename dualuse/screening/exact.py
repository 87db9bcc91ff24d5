"""Exact party matching: the same name after light normalisation.

This is the engine's built-in screener. It catches a name written exactly as listed (any
case, width, punctuation or spacing); cross-script and fuzzy matching live in the full
screener, behind the same :class:`~dualuse.engine.ports.PartyScreener` interface.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from dualuse.engine.ports import PartyHit
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import Snapshot

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def exact_key(name: str) -> str:
    """NFKC, case-folded, with spaces and punctuation removed."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", name).casefold())


class ExactScreener:
    """Looks names up in a dictionary of every listed name and alias."""

    def __init__(self) -> None:
        self._indexes: dict[int, dict[str, list[tuple[str, str]]]] = {}

    def _index(self, regime: Regime) -> dict[str, list[tuple[str, str]]]:
        idx = self._indexes.get(id(regime))
        if idx is None:
            idx = defaultdict(list)
            for ent in regime.entities.values():
                for name in [*ent.names.all(), *ent.aliases]:
                    key = exact_key(name)
                    if key:
                        idx[key].append((ent.id, name))
            self._indexes[id(regime)] = idx
        return idx

    def screen(self, name: str, snap: Snapshot, country: str | None = None) -> list[PartyHit]:
        key = exact_key(name)
        if not key:
            return []
        hits: dict[str, PartyHit] = {}
        for entity_id, listed in self._index(snap.regime).get(key, []):
            if entity_id in snap.entities and entity_id not in hits:
                hits[entity_id] = PartyHit(
                    entity_id=entity_id,
                    query=name,
                    matched_name=listed,
                    score=1.0,
                    exact=True,
                    explanation=f"same name as listed {listed!r} after normalisation",
                )
        return list(hits.values())
