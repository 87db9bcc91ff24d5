"""A check that ``screen`` finds every pair ``match`` accepts, with the same score."""

from __future__ import annotations

from collections.abc import Iterable

from dualuse.screening import ListedParty, ScreeningIndex, analyse, match_names
from dualuse.screening.config import Limits, ScreeningConfig


def accepted_pairs_are_found(listed: list[str], queries: Iterable[str]) -> int:
    """Screen each query against an index of ``listed`` and assert that every listed name
    ``match`` accepts for it is among the hits, with the score ``match`` gives. Returns how
    many pairs ``match`` accepted (a caller may require some)."""
    idx = ScreeningIndex(
        [ListedParty(id=f"P{i}", list="test", names=(n,)) for i, n in enumerate(listed)]
    )
    accepted = 0
    for query in queries:
        hits = {s.entry.name: s.comparison.score for s in idx.search(analyse(query))}
        for name in listed:
            want = match_names(query, name, idx).score
            if want >= idx.config.threshold:
                accepted += 1
                assert hits.get(name) == want, (query, name)
    return accepted


def one_place_index(target: str, other: str) -> ScreeningIndex:
    """An index of two names with room for one candidate only, which ``other`` competes
    for: a pair is found in it only if the candidate search keeps it on its own merits."""
    cfg = ScreeningConfig(limits=Limits(max_candidates=1))
    return ScreeningIndex(
        [ListedParty(f"P{i}", "t", (n,)) for i, n in enumerate((target, other))], cfg
    )


def screen_finds(idx: ScreeningIndex, query: str, target: str) -> None:
    """Assert that ``match`` accepts ``query`` against ``target`` and that ``screen`` finds
    it with the same score."""
    a = analyse(query)
    want = idx.pair(a, target)
    assert want is not None and want.comparison.score >= idx.config.threshold
    found = {s.entry.name: s.comparison.score for s in idx.search(a)}
    assert found.get(target) == want.comparison.score
