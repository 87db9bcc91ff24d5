"""The work of screening a name is bounded, whatever the name's length.

A name is screened (and matched) by its first ``limits.max_name_chars`` characters, and the
lookups that grow with the square of a word's length (deletion neighbourhoods, probe strings,
sound-key neighbourhoods) are not worked out for words too long for any filed key to be
found: they could find nothing. No timings are asserted here (speed targets live in the
benchmark: ``bench/screening_bench.py --long-names``); memory is, with tracemalloc's peak,
and so is the number of keys and candidates a long name gives.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

from bench.screening.names import LONG_NAME_KINDS as KINDS
from bench.screening.names import long_name
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import Snapshot
from dualuse.screening import Screener, analyse, match_names
from dualuse.screening.config import DEFAULT_CONFIG
from dualuse.screening.index import _sound_keys_within
from dualuse.screening.score import joined_sound, same_sound, typo_ok
from dualuse.screening.vocab import corrected

MOST = DEFAULT_CONFIG.limits.max_name_chars
PEAK_MB = 100
MILLION = 1_000_000


def _peak_mb(fn: Callable[[], Any]) -> tuple[Any, float]:
    tracemalloc.start()
    try:
        got = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return got, peak / 1e6


@pytest.fixture(scope="module")
def warm(screener: Screener, snap: Snapshot) -> Screener:
    # the reading libraries load their dictionaries on first use: not the name's memory
    for name in ("Acme Zeta Trading", "山田商事株式会社", "ヤマダショウジ", "Ростех Корп", "한화"):
        screener.run(name, snap)
    match_names("Acme Zeta Trading", "Acme Zeta Trading Co", screener.index(snap.regime))
    return screener


@pytest.mark.parametrize("kind", KINDS)
def test_a_million_characters_screen_in_bounded_memory(
    kind: str, warm: Screener, snap: Snapshot
) -> None:
    name = long_name(kind)
    assert len(name) == MILLION
    res, peak = _peak_mb(lambda: warm.run(name, snap))
    assert peak < PEAK_MB, f"{kind}: peak {peak:.1f} MB"
    assert res.query is name
    assert res.screened_chars == MOST
    assert len(res.matches) <= DEFAULT_CONFIG.limits.max_hits
    assert "screened_chars" in res.as_dict()


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_name_is_screened_by_its_first_characters(
    kind: str, warm: Screener, snap: Snapshot
) -> None:
    name = long_name(kind, 5 * MOST, seed=2)
    whole = warm.run(name, snap).as_dict()
    head = warm.run(name[:MOST], snap).as_dict()
    assert whole.pop("query") == name and head.pop("query") == name[:MOST]
    assert whole.pop("screened_chars") == MOST and "screened_chars" not in head
    assert whole == head


def test_names_within_the_limit_are_screened_whole(warm: Screener, snap: Snapshot) -> None:
    name = long_name("mixed", MOST, seed=3)
    res = warm.run(name, snap)
    assert res.screened_chars is None
    assert "screened_chars" not in res.as_dict()


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_names_keys_and_candidates_are_bounded(
    kind: str, warm: Screener, snap: Snapshot
) -> None:
    """A million characters give no more readings, tokens, cached lookups or candidates
    than the first ``max_name_chars`` of them."""
    idx = warm.index(snap.regime)
    name = long_name(kind, seed=4)
    caches = ("_lookups", "_expansions", "_joined_found", "_ranked", "_by_lookup")
    before = {c: len(getattr(idx, c)) for c in caches}
    _, found = warm._search(idx, name[:MOST])
    forms = idx.query_forms(analyse(name[:MOST]))
    tokens = sum(len(f.tokens) for f in forms)
    assert tokens <= 4 * MOST
    for c in caches:
        assert len(getattr(idx, c)) - before[c] <= 2 * tokens, c
    assert sum(len(idx._candidate_ids(f)) for f in forms) <= len(forms) * (
        DEFAULT_CONFIG.limits.max_candidates + 256
    )
    assert len(found) <= len(idx.parties) + len(idx.groups)


def test_long_pairs_match_in_bounded_memory(warm: Screener, snap: Snapshot) -> None:
    idx = warm.index(snap.regime)
    a, b = long_name("mixed", seed=5), long_name("mixed", seed=6)
    res, peak = _peak_mb(lambda: match_names(a, b, idx))
    assert peak < PEAK_MB
    assert res == match_names(a[:MOST], b[:MOST], idx)


@pytest.mark.parametrize("n", [MOST, MILLION])
def test_long_words_find_no_neighbours_without_working_them_out(
    n: int, warm: Screener, regime: Regime
) -> None:
    """A word longer than every filed word has no typo neighbour, no sound neighbour and no
    joined key; finding that out takes memory in the word's length, not its square (the
    deletion neighbourhood of a 1,000-character word alone is about 1 GB)."""
    idx = warm.index(regime)
    word = ("mitsubishijukogyo" * (n // 17 + 1))[:n]

    def look() -> tuple[Any, ...]:
        return (
            idx.similar_tokens(word),
            idx._expand(word, True),
            idx._expand(word, False),
            idx._sound_words(word, True),
            idx._joined_lookup(word, word, True),
            _sound_keys_within(word, idx._sound_longest),
            corrected(word),
            # against listed words (the other side of a comparison in screening)
            same_sound(word, "mitsubishi"),
            joined_sound(word, "mitsubishijukogyo"),
            typo_ok(word, "mitsubishi"),
        )

    got, peak = _peak_mb(look)
    assert peak < 20 + 40 * n / MILLION, f"peak {peak:.1f} MB"
    similar, exp_lossy, exp_plain, sounds, (sk, sd), keys, fix, *pairs = got
    assert similar == [] and exp_lossy == () and exp_plain == () and sounds == ()
    assert sk == "" and sd == ()
    assert len(keys) <= 1
    assert fix is None
    assert pairs == [False, False, False]


@pytest.mark.parametrize("kind", ["han", "cjk", "mixed"])
def test_a_long_han_run_is_read_in_work_linear_in_its_length(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pykakasi asks for the dictionary word at each character with the rest of the text;
    without variation selectors only the head of the rest is mapped to standard forms (the
    characters mapped grow with the text's length, not its square), and with them the text
    is read as pykakasi reads it."""
    from dualuse.screening import romaji

    itaiji = romaji._kakasi()._kakasi._jconv._itaiji
    mapped: list[int] = []
    convert = itaiji.convert

    def counting(text: str) -> str:
        mapped.append(len(text))
        return str(convert(text))

    monkeypatch.setattr(itaiji, "convert", counting)
    n = 20_000
    text = long_name(kind, n, seed=8)
    words = romaji.romaji_words.__wrapped__(text)
    assert words
    assert sum(mapped) <= (romaji._LONGEST_WORD + 1) * n


def test_variation_selectors_are_read_as_pykakasi_reads_them() -> None:
    from dualuse.screening import romaji

    plain = romaji.romaji_words.__wrapped__("葛城重工業")
    marked = romaji.romaji_words.__wrapped__("葛\U000e0100城重工業")
    assert plain == marked


def test_the_spelt_tail_search_is_bounded_on_a_long_chunk(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # synthetic: a kana chunk of letter names 1,000 characters long that ends in no letter
    # is searched for spelt letters over its last SPELT_TAIL_MOST characters only
    import importlib

    # the module, not the function dualuse.screening exports under the same name
    analyse_mod = importlib.import_module("dualuse.screening.analyse")
    sizes: list[int] = []
    real = analyse_mod._spelt

    def counted(chunk: str) -> list[tuple[str, ...] | None]:
        sizes.append(len(chunk))
        return real(chunk)

    monkeypatch.setattr(analyse_mod, "_spelt", counted)
    chunk = "シブ" + "アイ" * 499 + "ヌ"
    analyse_mod.spelt_tail.cache_clear()
    assert analyse_mod.spelt_tail(chunk) == (chunk, ())
    assert 0 < len(sizes) <= analyse_mod.SPELT_TAIL_MOST
    assert max(sizes) <= analyse_mod.SPELT_TAIL_MOST
