"""Japanese business words by their English translations, in kanji and in kana.

The names are EDINET's (the Japanese name, its kana reading and the English name one filer
gives): 日鉄鉱業 / Nittetsu Mining, 東武鉄道 / Tobu Railway, 明和地所 / Meiwa Estate,
日東富士製粉 / Nitto Fuji Flour Milling, 関西電力 / The Kansai Electric Power Company; and the
Chinese names MOFCOM printed for two Japanese companies it listed (住友重机械工业 / Sumitomo
Heavy Industries, 富士通网络解决方案 / Fujitsu Network Solutions).
"""

from __future__ import annotations

import pytest

from dualuse.screening import ListedParty, ScreeningIndex, analyse, match_names
from dualuse.screening.config import Limits, ScreeningConfig
from dualuse.screening.index import _business_tail
from dualuse.screening.romaji import with_final_vowel


@pytest.mark.parametrize(
    ("japanese", "english"),
    [
        ("日鉄鉱業株式会社", "Nittetsu Mining CO.,Ltd."),
        # kogyo is 工業 (industry) and 鉱業 (mining): the kana reading may be either
        ("ニッテツコウギョウカブシキガイシャ", "Nittetsu Mining CO.,Ltd."),
        ("トウブテツドウカブシキカイシャ", "TOBU RAILWAY CO.,LTD."),
        ("明和地所株式会社", "Meiwa Estate Company Limited"),
        ("ニットウフジセイフンカブシキガイシャ", "NITTO FUJI FLOUR MILLING CO.,LTD."),
        ("カンサイデンリョクカブシキガイシャ", "The Kansai Electric Power Company, Incorporated"),
        # 重機械工業 is "heavy industries" as a whole; 解决方案 is "solution"
        ("住友重机械工业株式会社", "Sumitomo Heavy Industries, Ltd."),
        ("富士通网络解决方案株式会社", "Fujitsu Network Solutions Limited"),
        ("ソリューション", "Solution"),
    ],
)
def test_a_business_word_meets_its_translation(japanese: str, english: str) -> None:
    res = match_names(japanese, english)
    assert res.match, res.explanation


def test_the_kana_reading_and_the_kanji_still_meet() -> None:
    res = match_names("トウブテツドウカブシキカイシャ", "東武鉄道株式会社")
    assert res.match, res.explanation


def test_a_glued_kana_reading_is_cut_before_a_business_word_that_lost_its_vowel() -> None:
    # テツドウ reads tetsudo, and the kana reading drops the final o as it does for
    # loanwords (tobutetsud)
    assert with_final_vowel("tetsud") == "tetsudo"
    assert with_final_vowel("kensets") == "kensetsu"
    assert with_final_vowel("tobu") == ""
    assert _business_tail("tobutetsud") == ("tobu", "tetsud")


def test_another_business_word_is_another_company() -> None:
    res = match_names("日鉄鉱業株式会社", "Nittetsu Railway CO.,Ltd.")
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    ("japanese", "english"),
    [
        # the trading houses' own Japanese and English names: their English names leave
        # 商事 (a trading company) out and keep the legal form
        ("三菱商事株式会社", "Mitsubishi Corporation"),
        ("住友商事株式会社", "Sumitomo Corporation"),
        ("伊藤忠商事株式会社", "ITOCHU Corporation"),
        ("ミツビシショウジカブシキガイシャ", "Mitsubishi Corporation"),
        ("Mitsubishi Corporation", "三菱商事株式会社"),
    ],
)
def test_shoji_is_left_out_of_an_english_name(japanese: str, english: str) -> None:
    res = match_names(japanese, english)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: "Trading" as written is what it says
        ("Alpha Trading Co., Ltd.", "Alpha Co., Ltd."),
        # synthetic: another business word is another company
        ("アルファ電機株式会社", "Alpha Corporation"),
        # synthetic: the rest of the name must match word for word, not by sound
        ("清井商事株式会社", "CHANG, Chang-ha"),
    ],
)
def test_only_shoji_is_left_out_and_only_beside_a_whole_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


def test_screen_finds_shoji_left_out_without_room_for_near_misses() -> None:
    # the companies' own names; no near miss is scored, so the pair is found only if its
    # bound reaches the threshold
    cfg = ScreeningConfig(limits=Limits(max_candidates=0))
    idx = ScreeningIndex(
        [
            ListedParty("P0", "t", ("Mitsubishi Corporation",)),
            ListedParty("P1", "t", ("三菱商事株式会社",)),
        ],
        cfg,
    )
    for query, other in (
        ("三菱商事株式会社", "Mitsubishi Corporation"),
        ("Mitsubishi Corporation", "三菱商事株式会社"),
    ):
        found = {s.entry.name: s.comparison.score for s in idx.search(analyse(query))}
        assert found.get(other) == match_names(query, other, idx).score >= cfg.threshold
