"""One number written two ways (2, II, Two, ツー) is the same word; two different numbers make
two names."""

from __future__ import annotations

import pytest

from dualuse.screening import match_names
from dualuse.screening.score import number_of
from tests.screening.one_path import one_place_index, screen_finds


def test_a_number_is_known_however_it_is_written() -> None:
    assert {number_of("2"), number_of("ii"), number_of("two"), number_of("tsu", "ツー")} == {"2"}
    assert number_of("12") == number_of("xii") == number_of("toerub", "トゥエルブ") == "12"
    # a katakana word is known by its source text: the romaji of other text is no number
    assert number_of("ten", "天") is None
    assert number_of("west") is None
    # English words by their tokens (three is keyed thre), ordinals in figures
    assert number_of("thre") == "3" and number_of("nineten") == "19"
    assert number_of("4th") == "4" and number_of("2nd") == "2"
    # four is keyed for, the joining word: not a number
    assert number_of("for") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from Japan's EDINET code list (a filer's name and its katakana reading)
        (
            "Ｃａｙｍａｎ　Ｃａｐｉｔａｌ　Ｍａｎａｇｅｍｅｎｔ　ＩＩ，　Ｉｎｃ．",
            "ケイマン　キャピタル　マネジメント　ツー　インク",
        ),
        (
            "１２　Ｗｅｓｔ　Ｃａｐｉｔａｌ　Ｍａｎａｇｅｍｅｎｔ　ＬＰ",
            "トゥエルブ　ウエスト　キャピタル　マネジメント　エルピー",
        ),
        ("株式会社ベネフィット・ワン", "Benefit One Inc."),
        # quoted from Korea's OpenDART company list
        ("하나금융19호기업인수목적", "Hana Financial Nineteen Special Purpose Acquisition Company"),
        ("동부제4호기업인수목적", "Dongbu 4th Special Purpose Acquisition Co.,Ltd."),
        # synthetic: digits and Roman numerals
        ("Cayman Capital Management 2, Inc.", "Cayman Capital Management II, Inc."),
    ],
)
def test_one_number_written_two_ways_matches(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: another number, however written, is another fund
        ("Cayman Capital Management III, Inc.", "ケイマン　キャピタル　マネジメント　ツー　インク"),
        ("Cayman Capital Management 3, Inc.", "Cayman Capital Management Two, Inc."),
    ],
)
def test_different_numbers_stay_apart(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation
    assert "numbers differ" in res.explanation


def test_a_name_with_one_number_more_is_not_told_apart_by_it() -> None:
    # quoted from Japan's EDINET code list: the i of Seven & i is a letter, not a numeral
    res = match_names("Seven & i Holdings Co., Ltd.", "Seven Holdings")
    assert "numbers differ" not in res.explanation


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # synthetic: the number written another way finds the listed name when the query as
        # written, a sure hit, competes for the one place
        ("Orion Vega 7", "Orion Vega VII", "Orion Vega 7"),
        ("Alpha Beta Twelve", "Alpha Beta 12", "Alpha Beta Twelve"),
    ],
)
def test_screen_finds_a_number_written_another_way(query: str, target: str, other: str) -> None:
    screen_finds(one_place_index(target, other), query, target)
