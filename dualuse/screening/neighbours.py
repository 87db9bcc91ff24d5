"""Which spellings count as neighbours: one rule for the scorer and for the index.

The index finds a listed word for a query word only through keys it has filed: the word's
single deletions (a substitution, an insertion or a deletion, or one of each on either
side), after the query word's adjacent transpositions. The scorer accepts a typo, a close
sound key or a close joined spelling only when the same keys would find it
(:func:`reachable`), so that the candidate search never misses a pair that full scoring
would accept.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=131072)
def deletions(word: str) -> frozenset[str]:
    """The word and every string one deletion away from it."""
    return frozenset({word[:i] + word[i + 1 :] for i in range(len(word))} | {word})


def transpositions(word: str) -> frozenset[str]:
    """Every string one adjacent transposition away from the word."""
    return frozenset(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))


@lru_cache(maxsize=16384)
def probes(word: str) -> frozenset[str]:
    """The keys a query word is looked up under: its deletions and its transpositions'."""
    out = set(deletions(word))
    for t in transpositions(word):
        out.update(deletions(t))
    return frozenset(out)


def probe_strings(word: str) -> list[str]:
    """The strings of :func:`probes`, each at least once (some twice), without building the
    set: the word, its single deletions, its adjacent transpositions and their single
    deletions (those at either swapped position are single deletions of the word)."""
    n = len(word)
    out = [word]
    out += [word[:k] + word[k + 1 :] for k in range(n)]
    for i in range(n - 1):
        t = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        out.append(t)
        out += [t[:k] + t[k + 1 :] for k in range(i)]
        out += [t[:k] + t[k + 1 :] for k in range(i + 2, n)]
    return out


def reachable(a: str, b: str) -> bool:
    """Whether the index would find ``b`` (filed under its deletions) from ``a``'s probes."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    return not probes(a).isdisjoint(deletions(b))


__all__ = ["deletions", "probe_strings", "probes", "reachable", "transpositions"]
