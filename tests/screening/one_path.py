"""A check that ``screen`` finds every pair ``match`` accepts, with the same score."""

from __future__ import annotations

from collections.abc import Iterable

from dualuse.screening import ListedParty, ScreeningIndex, analyse, match_names


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
