"""The candidate search's shortcuts must not change what it finds."""

from __future__ import annotations

import pytest

from dualuse.regime.load import Regime
from dualuse.screening import ListedParty, Screener
from dualuse.screening.analyse import analyse
from dualuse.screening.config import Limits, ScreeningConfig
from dualuse.screening.index import ScreeningIndex

QUERIES = [
    "Mitsubishi Heavy Industries Aero Engines, Ltd.",
    "三菱重工航空エンジン株式会社",
    "三菱重工業株式会社",
    "Kawasakijukogyo K.K.",
    "Nissin Electric Co., Ltd.",
    "Sakura Trading Systems K.K.",
    "Nakamura Electronics Corporation",
    "Japan Marine United",
    "株式会社山田電機",
    "华中电子贸易有限公司",
    "Tokyo Engineering",
]


@pytest.fixture(scope="module")
def index(screener: Screener, regime: Regime) -> ScreeningIndex:
    return screener.index(regime)


def _uncached(idx: ScreeningIndex, query: str) -> list[list[int]]:
    """Candidates of every reading, with no cache and no listed-share pre-check."""
    out = []
    for form in analyse(query).forms:
        idx._by_lookup.clear()
        idx._may_pass = lambda contrib, need: True  # type: ignore[method-assign]
        try:
            out.append(idx.candidates(form))
        finally:
            del idx._may_pass
    return out


@pytest.mark.parametrize("query", QUERIES)
def test_shortcuts_find_the_same_candidates(index: ScreeningIndex, query: str) -> None:
    expected = _uncached(index, query)
    index._by_lookup.clear()
    assert [index.candidates(f) for f in analyse(query).forms] == expected
    # and again from the cache
    assert [index.candidates(f) for f in analyse(query).forms] == expected


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # a short name against a listed full name with business words and a legal form
        ("Morandi Kelvano", "Kelvano Morandi Technology Co., Ltd.", "Morandi Kelvano and the"),
        # and the other way round
        (
            "Morandi Kelvano Technology Co., Ltd.",
            "Kelvano Morandi",
            "Morandi Kelvano Technology and the",
        ),
    ],
)
def test_bound_counts_business_words_a_short_name_drops(
    query: str, target: str, other: str
) -> None:
    # the target scores above the threshold only with the full name's business words
    # discounted (its words in another order: no joined or skeleton key finds it); with room
    # for one candidate below the threshold, it is kept only if its bound sees the discount
    cfg = ScreeningConfig(limits=Limits(max_candidates=1))
    parties = [ListedParty(f"P{i}", "t", (n,)) for i, n in enumerate((target, other))]
    idx = ScreeningIndex(parties, cfg)
    a = analyse(query)
    want = idx.pair(a, target)
    assert want is not None and want.comparison.score >= cfg.threshold
    found = {s.entry.name: s.comparison.score for s in idx.search(a)}
    assert found.get(target) == want.comparison.score
