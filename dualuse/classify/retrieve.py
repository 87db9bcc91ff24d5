"""A character n-gram retriever: the fallback for names the term tables do not spell out.

Each entry name ("gallium arsenide", "六面顶压机", "酸化ジスプロシウム") is cut into
character n-grams (trigrams inside Latin words, bigrams and single characters for CJK). A
description scores against a name by IDF-weighted containment: the share of the name's
n-gram weight found in the description. Containment, not cosine, because descriptions carry
quantities, packing and grades the names never will. Misspellings ("dysprosium oxid",
"galium arsenide") and word-order changes still score high; a name that merely shares a
material word scores low.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dualuse.classify.text import fold

_LATIN_WORD = re.compile(r"[0-9a-z]+")
_CJK_RUN = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uff66-\uff9f]+")


def grams(text: str) -> frozenset[str]:
    """The n-grams of a folded text."""
    out: set[str] = set()
    for w in _LATIN_WORD.findall(text):
        padded = f" {w} "
        if len(w) <= 2:
            out.add(padded)
        for i in range(len(padded) - 2):
            out.add(padded[i : i + 3])
    for run in _CJK_RUN.findall(text):
        out.update(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(out)


@dataclass(frozen=True)
class NameHit:
    item_id: str
    name: str
    similarity: float


class NgramRetriever:
    """Names of entries, indexed by n-gram (built once per regime)."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._names: list[tuple[str, str]] = []
        self._total: list[float] = []
        self._words: list[tuple[frozenset[str], ...]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        gram_sets: list[frozenset[str]] = []
        for item_id, name in names:
            folded = fold(name)
            g = grams(folded)
            if not g:
                continue
            idx = len(self._names)
            self._names.append((item_id, name))
            self._words.append(
                tuple(grams(w) for w in _LATIN_WORD.findall(folded) if len(w) >= 4)
            )
            gram_sets.append(g)
            for x in g:
                postings[x].append(idx)
        n = max(len(self._names), 1)
        self._idf = {g: math.log(1 + n / len(ids)) for g, ids in postings.items()}
        self._postings = dict(postings)
        self._total = [sum(self._idf[x] for x in g) for g in gram_sets]

    def search(self, text: str, floor: float = 0.7) -> list[NameHit]:
        """Best name per entry with containment at least ``floor``, best first."""
        found: dict[int, float] = defaultdict(float)
        seen = grams(fold(text))
        for g in seen:
            for idx in self._postings.get(g, ()):
                found[idx] += self._idf[g]
        best: dict[str, NameHit] = {}
        for idx, weight in found.items():
            sim = weight / self._total[idx] if self._total[idx] else 0.0
            if sim < floor:
                continue
            # every Latin word of the name must be there, if misspelt: a rare word alone
            # ("neodymium") must not carry "neodymium laser" to a text about magnets
            if any(len(w & seen) < 0.5 * len(w) for w in self._words[idx]):
                continue
            item_id, name = self._names[idx]
            old = best.get(item_id)
            if old is None or sim > old.similarity:
                best[item_id] = NameHit(item_id, name, sim)
        return sorted(best.values(), key=lambda h: -h.similarity)
