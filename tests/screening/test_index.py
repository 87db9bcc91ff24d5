"""The candidate search's shortcuts must not change what it finds."""

from __future__ import annotations

import pytest

from dualuse.regime.load import Regime
from dualuse.screening import ListedParty, Screener
from dualuse.screening.analyse import Form, analyse
from dualuse.screening.index import ScreeningIndex, _bound

from .one_path import one_place_index, screen_finds

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
    screen_finds(one_place_index(target, other), query, target)


def _every_bound(idx: ScreeningIndex, forms: tuple[Form, ...]) -> list[list[int]]:
    """Candidates with every form found bounded one by one (numpy, over the whole found
    set): no per-word bounds, no split into forms holding one looked-up word and others."""
    idx._by_lookup.clear()
    above = idx._vector_above
    idx._vector_above = -1
    try:
        return [idx.candidates(f) for f in forms]
    finally:
        idx._vector_above = above


def _per_word(idx: ScreeningIndex, forms: tuple[Form, ...]) -> list[list[int]]:
    idx._by_lookup.clear()
    idx._alone.clear()
    first = [idx.candidates(f) for f in forms]
    idx._by_lookup.clear()
    # and again from the per-word bounds kept
    assert [idx.candidates(f) for f in forms] == first
    return first


@pytest.mark.parametrize("query", QUERIES)
def test_per_word_bounds_rank_as_every_bound(index: ScreeningIndex, query: str) -> None:
    forms = analyse(query).forms
    assert _per_word(index, forms) == _every_bound(index, forms)


# synthetic names (made up for this test): one word alone covers some forms, two words
# share others, and a query word has a typo
SYNTHETIC = [
    "Velorin Trading Co., Ltd.",
    "Velorin",
    "Velorin Kasmo Industries",
    "Kasmo Velorin Holdings",
    "Kasmo Dretel",
    "Dretel Velorin Kasmo Marine",
    "Orbanel Kasmo",
]


@pytest.mark.parametrize(
    "query", ["Velorin Kasmo Systems", "Velorim Trading", "Kasmo", "Dretel Kasmo Velorin"]
)
def test_per_word_bounds_rank_as_every_bound_synthetic(query: str) -> None:
    idx = ScreeningIndex([ListedParty(f"S{i}", "t", (n,)) for i, n in enumerate(SYNTHETIC)])
    forms = analyse(query).forms
    got = _per_word(idx, forms)
    assert any(got)
    assert got == _every_bound(idx, forms)


@pytest.mark.parametrize(("a", "b"), [(0.0, 0.0), (0.25, 1.0), (0.9, 0.5), (1.7, 0.4), (0.6, 0.6)])
def test_bound_is_never_above_the_smaller_share(a: float, b: float) -> None:
    bound = _bound(a, b)
    assert bound <= min(a, b, 1.0)
    assert bound == _bound(b, a)
