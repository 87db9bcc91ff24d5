"""The candidate search's shortcuts must not change what it finds."""

from __future__ import annotations

import pytest

from dualuse.regime.load import Regime
from dualuse.screening import Screener
from dualuse.screening.analyse import analyse
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
