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

import numpy as np

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
    """Names of entries, indexed by n-gram (built once per regime).

    Each gram's postings are a NumPy array of name numbers; a search adds up the IDF weight
    of every gram the text shares with each name in one ``bincount``, then checks only the
    names that reach the floor.
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._names: list[tuple[str, str]] = []
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
            self._words.append(tuple(grams(w) for w in _LATIN_WORD.findall(folded) if len(w) >= 3))
            gram_sets.append(g)
            for x in g:
                postings[x].append(idx)
        n = max(len(self._names), 1)
        self._idf = {g: math.log(1 + n / len(ids)) for g, ids in postings.items()}
        self._postings = {g: np.asarray(ids, np.int32) for g, ids in postings.items()}
        self._total = np.asarray(
            [sum(self._idf[x] for x in g) for g in gram_sets] or [0.0], np.float64
        )

    def search(self, text: str, floor: float = 0.7) -> list[NameHit]:
        """Best name per entry with containment at least ``floor``, best first."""
        seen = grams(fold(text))
        lists = [(self._postings[g], self._idf[g]) for g in seen if g in self._postings]
        if not lists:
            return []
        ids = np.concatenate([p for p, _ in lists])
        weights = np.concatenate([np.full(len(p), w) for p, w in lists])
        found = np.bincount(ids, weights=weights, minlength=len(self._total))
        with np.errstate(divide="ignore", invalid="ignore"):
            sim = np.where(self._total > 0, found / self._total, 0.0)
        best: dict[str, NameHit] = {}
        for idx in np.flatnonzero(sim >= floor).tolist():
            # every Latin word of the name must be there, if misspelt: a rare word alone
            # ("neodymium") must not carry "neodymium laser" to a text about magnets
            if any(len(w & seen) < 0.5 * len(w) for w in self._words[idx]):
                continue
            item_id, name = self._names[idx]
            value = float(sim[idx])
            old = best.get(item_id)
            if old is None or value > old.similarity:
                best[item_id] = NameHit(item_id, name, value)
        return sorted(best.values(), key=lambda h: -h.similarity)
