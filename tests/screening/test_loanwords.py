"""Loanwords written in katakana or Hangul against the Latin words they come from.

Every name here is synthetic (written for these tests), except 와이즈버즈 / Wise birds and the
generic words quoted from the task that asked for this method.
"""

from __future__ import annotations

import pytest

from dualuse.screening import ListedParty, ScreeningIndex, analyse, match_names
from dualuse.screening.analyse import spelt_initials
from dualuse.screening.english_kana import written_alike
from dualuse.screening.loanwords import hangul_key, katakana_key, reading_key, words_keys
from dualuse.screening.romaji import romaji_words
from tests.screening.one_path import accepted_pairs_are_found


@pytest.mark.parametrize(
    ("chunk", "want"),
    [
        ("エスビーエス", (("sbs",), "")),
        ("ジーエムオーインターネット", (("gmo",), "インターネット")),
        ("ティーアンドケイ", (("t", "k"), "")),  # アンド between letters is the & of T&K
        ("アンドケイ", ((), "アンドケイ")),  # ... but never begins or ends initials
        ("アイデア", ((), "アイデア")),  # one letter name (アイ) is not initials
        ("케이티", (("kt",), "")),
        ("케이비동국", ((), "케이비동국")),  # Hangul: whole chunks only
    ],
)
def test_letter_names_read_as_initials(chunk: str, want: tuple[tuple[str, ...], str]) -> None:
    assert spelt_initials(chunk) == want


@pytest.mark.parametrize(
    ("name", "legal"),
    [
        ("ブルーマウンテンリミテッド", "ltd"),
        ("ブルーマウンテンコーポレーション", "corp"),
        ("블루마운틴리미티드", "ltd"),
    ],
)
def test_legal_forms_written_in_kana_or_hangul(name: str, legal: str) -> None:
    assert legal in {f.cls for f in analyse(name).legal}


def test_spelt_legal_form_is_set_aside_in_the_letters_reading() -> None:
    tokens = {f.tokens for f in analyse("ブルーマウンテン　エルエルシー").forms}
    assert any(t and "llc" not in t for t in tokens)


@pytest.mark.parametrize(
    ("english", "reading"),
    [
        ("holdings", "horudingusu"),
        ("group", "gurupu"),
        ("management", "manejimento"),
        ("digital", "dejitaru"),
    ],
)
def test_katakana_key_of_a_word_and_of_its_katakana_reading(english: str, reading: str) -> None:
    assert katakana_key(english) == katakana_key(reading, english=False)


def test_katakana_key_keeps_voicing() -> None:
    assert katakana_key("takal") != katakana_key("dagaru", english=False)


def test_run_of_words_meets_one_reading() -> None:
    # keys agree; 와이즈버즈 / Wise birds (three consonants) is still too short a key to be
    # compared in Hangul, whose key merges voicing
    assert reading_key("burumaunten", "ブルーマウンテン") in words_keys(("blue", "mountain"))
    assert reading_key("waijeubeojeu", "와이즈버즈") in words_keys(("wise", "birds"))
    assert hangul_key("wise") == hangul_key("waijeu", english=False)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ブルーマウンテン株式会社", "Blue Mountain Co., Ltd."),
        ("ブルーマウンテンリミテッド", "Blue Mountain Limited"),
        ("シルバーメープルホールディングス", "Silver Maple Holdings"),
        ("블루마운틴", "Blue Mountain Co., Ltd."),
    ],
)
def test_loanword_names_match(a: str, b: str) -> None:
    assert match_names(a, b).match
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the generic word alone matches; the proper-name words do not
        ("サクラホールディングス", "Sunrise Holdings"),
        # the coarse sound keys agree (tkr), the katakana keys do not (voicing)
        ("ダガル株式会社", "Takal Inc."),
        # a joining word lends no consonant
        ("スケン株式会社", "The Ken Co., Ltd."),
    ],
)
def test_loanword_near_misses_stay_below_the_threshold(a: str, b: str) -> None:
    assert not match_names(a, b).match


def test_screen_finds_what_match_accepts() -> None:
    listed = ["Blue Mountain Co., Ltd.", "Silver Maple Holdings", "Sunrise Holdings"]
    queries = ("ブルーマウンテン株式会社", "シルバーメープルホールディングス", "블루마운틴")
    accepted_pairs_are_found(listed, queries)


# Short katakana keys (two or three consonants) pair only when the reading is how katakana
# writes the English words (e2k's prediction, vowels and all). Synthetic names, built on
# common English words.


@pytest.mark.parametrize(
    ("reading", "words", "alike"),
    [
        ("opunhausu", ("open", "house"), True),  # オープンハウス: the same romaji
        ("raion", ("lion",), True),
        ("raion", ("ryan",), False),  # ライアン: one letter in five
        ("oruabauto", ("all", "about"), True),  # one letter in nine (アブアウト)
        ("habu", ("hob",), False),
        ("ekomu", ("aerkomm",), False),  # エアコム: one letter in six is too many
        ("gasu", ("gas",), True),  # ガス: too short to lose its final vowel
        ("radd", ("rad",), True),  # ラッド, its final vowel dropped before the ッ is
    ],
)
def test_written_alike_compares_the_katakana_of_english_words(
    reading: str, words: tuple[str, ...], alike: bool
) -> None:
    assert written_alike(reading, words) is alike


def test_a_short_loanword_in_a_chunk_with_kanji_is_checked_by_its_own_reading() -> None:
    # 高圧ガス is one chunk read koatsu + gasu; ガス is Gas whatever the kanji beside it
    assert match_names("高圧ガス工業株式会社", "Koatsu Gas Kogyo Co., Ltd.").match


def test_a_consonant_m_before_b_keys_as_katakana_writes_it() -> None:
    # ドリームベッド writes the m of Dreambed with a vowel (ム), ナンバー that of number as ン
    assert reading_key("dorimubeddo", "ドリームベッド") in words_keys(("dreambed",))
    assert reading_key("nanba", "ナンバー") == words_keys(("number",))[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("株式会社オープンハウス", "Open House Co., Ltd."),  # key pns: three consonants
        ("ライオン株式会社", "Lion Corporation"),  # key rn: two
        ("カーブスホールディングス", "Curves Holdings"),
        # keys of one consonant (EDINET's own pairs): r, b
        ("ロイヤルホールディングス株式会社", "ROYAL HOLDINGS Co., Ltd."),
        ("株式会社ハブ", "HUB CO.,LTD."),
    ],
)
def test_short_loanwords_match_when_written_alike(a: str, b: str) -> None:
    assert match_names(a, b).match
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ライオン株式会社", "Ryan Corporation"),  # the same key (rn), other vowels
        ("株式会社ダイショウ", "Daesh"),  # daisho / daishu: one letter in six
        ("アークス株式会社", "AKSH"),
        ("株式会社ハブ", "Hope Co., Ltd."),  # key b (p and b alike), other vowels
        ("ロイヤル株式会社", "Lorry Ltd."),  # key r, other vowels
    ],
)
def test_short_loanwords_with_other_vowels_stay_apart(a: str, b: str) -> None:
    assert not match_names(a, b).match


def test_screen_finds_short_loanwords_that_match_accepts() -> None:
    listed = [
        "Open House Co., Ltd.",
        "Lion Corporation",
        "Ryan Corporation",
        "Pines Ltd.",
        "HUB CO.,LTD.",
        "Hope Co., Ltd.",
    ]
    idx = ScreeningIndex(
        [ListedParty(id=f"P{i}", list="test", names=(n,)) for i, n in enumerate(listed)]
    )
    for query in ("株式会社オープンハウス", "ライオン株式会社", "株式会社ハブ"):
        hits = {s.entry.name: s.comparison.score for s in idx.search(analyse(query))}
        accepted = {n: match_names(query, n, idx) for n in listed}
        accepted = {n: r.score for n, r in accepted.items() if r.match}
        assert accepted and all(hits.get(n) == score for n, score in accepted.items())
        assert "Ryan Corporation" not in accepted


def test_a_short_loanword_meets_a_plural_by_its_singular() -> None:
    # synthetic: katakana often drops a plural's s (ライオン for Lions)
    assert match_names("ライオン株式会社", "Lions Corporation").match


@pytest.mark.parametrize(
    ("name", "legal", "tokens"),
    [
        # synthetic names: English legal forms written in katakana, glued to the name
        ("オルベルインク", "corp", ("oruberu",)),
        ("オルベルビーブイ", "bv", ("oruberu",)),
        ("オルベルインターナショナルピーエルシー", "plc", ("oruberu", "international")),
    ],
)
def test_kana_legal_forms_and_international_are_read_whole(
    name: str, legal: str, tokens: tuple[str, ...]
) -> None:
    a = analyse(name)
    assert legal in {f.cls for f in a.legal}
    assert tokens in {f.tokens for f in a.forms}


# Letter names at the end of a glued kana chunk, letter names written with dots between
# them, Hepburn's tch, and a kana chunk that a table word cut from a glued name read as a
# business word. Synthetic names.


@pytest.mark.parametrize(
    ("chunk", "want"),
    [
        ("マルベリーディージー", ("マルベリー", ("dg",))),
        ("コーワンアールイー", ("コーワン", ("re",))),
        ("ハワイ", ("ハワイ", ())),  # one letter name (ワイ) is not initials
        ("マルベリーエー", ("マルベリーエー", ())),
        ("エスビー", ("エスビー", ())),  # the head must be two characters or more
    ],
)
def test_letter_names_at_the_end_of_a_chunk(chunk: str, want: tuple[str, tuple[str, ...]]) -> None:
    from dualuse.screening.analyse import spelt_tail

    assert spelt_tail(chunk) == want


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("マルベリー　ディー．ジー．株式会社", "Mulberry DG Corporation"),
        ("株式会社エス・ディー・エス　オルベル", "SDS Orvel K.K."),
        ("株式会社ケイ・ティー・ビー", "KTB, Inc."),
        ("カブシキガイシャティーアンドケイコーワン", "T&K Kowan Co., Ltd."),
        ("マルベリーディージーカブシキガイシャ", "Mulberry DG Corporation"),
        ("エヌケーケースイッチズカブシキガイシャ", "NKK Switches Co., Ltd."),
        ("ミナミオルベルギンコウ", "株式会社南オルベル銀行"),
        ("カブシキガイシャコーワンワークス", "Kowan Works Inc."),
        ("コーワンエナジー株式会社", "Kowan Energy K.K."),
    ],
)
def test_spelt_letters_and_kana_business_words_match(a: str, b: str) -> None:
    assert match_names(a, b).match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ハイ・エス株式会社", "HS Co., Ltd."),  # ハイ is no letter name: no initials
        ("マルベリーディージーカブシキガイシャ", "Mulberry DK Corporation"),
    ],
)
def test_spelt_letters_that_differ_stay_apart(a: str, b: str) -> None:
    assert not match_names(a, b).match


def test_hepburn_tch_keys_as_one_ch() -> None:
    # スイッチ is suitchi in Hepburn: its ッ is written t before ch
    assert katakana_key("suitchizu", english=False) == katakana_key("switches")


def test_screen_finds_spelt_letters_that_match_accepts() -> None:
    listed = ["Mulberry DG Corporation", "SDS Orvel K.K.", "株式会社南オルベル銀行"]
    queries = (
        "マルベリーディージーカブシキガイシャ",
        "株式会社エス・ディー・エス　オルベル",
        "ミナミオルベルギンコウ",
    )
    assert accepted_pairs_are_found(listed, queries) == 3


# A reading two business words share (kagaku: 化学 chemical, 科学 science), romanised or in
# kana, may be either; a word in Han characters or in English is what it says. Synthetic
# names.


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("コーワンカガクコウギョウカブシキガイシャ", "Kowan Chemical Industries Co., Ltd."),
        ("コーワンカガクコウギョウカブシキガイシャ", "Kowan Science Industries Co., Ltd."),
        ("Kowan Kagaku Co., Ltd.", "Kowan Chemical Co., Ltd."),
        ("Kowan Kagaku Co., Ltd.", "Kowan Science Co., Ltd."),
    ],
)
def test_a_shared_reading_may_be_either_word(a: str, b: str) -> None:
    assert match_names(a, b).match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kowan Science Co., Ltd.", "Kowan Chemical Co., Ltd."),
        ("コーワン科学株式会社", "Kowan Chemical Co., Ltd."),
    ],
)
def test_words_written_out_keep_their_own_sense(a: str, b: str) -> None:
    assert not match_names(a, b).match


def test_screen_finds_a_shared_reading_that_match_accepts() -> None:
    listed = ["Kowan Chemical Industries Co., Ltd.", "Kowan Science Co., Ltd."]
    queries = ("コーワンカガクコウギョウカブシキガイシャ", "Kowan Kagaku Co., Ltd.")
    assert accepted_pairs_are_found(listed, queries) >= 3


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from Japan's EDINET code list (a filer's name and its katakana reading):
        # ホンコン is Hong Kong, HK, and アジア Asia, places as their Latin names are
        (
            "ＭＹ．Ａｌｐｈａ　Ｍａｎａｇｅｍｅｎｔ　ＨＫ　Ａｄｖｉｓｏｒｓ　Ｌｉｍｉｔｅｄ",
            "エムワイ　アルファ　マネジメント　ホンコン　アドバイザーズ　リミテッド",
        ),
        ("Ｃａｍｂｒｉｄｇｅ　Ａｓｉａ　ＬＬＣ", "ケンブリッジアジアエルエルシー"),
    ],
)
def test_a_place_in_katakana_is_the_place(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("english", "reading"),
    [
        # katakana writes these English sounds two ways, and the katakana e2k predicts is
        # one of them (ゼネラル, マーチン, ドレーパー): both are written alike
        ("general", "ジェネラル"),
        ("martin", "マーティン"),
        ("martin", "マーチン"),
        ("draper", "ドレイパー"),
    ],
)
def test_katakana_spellings_of_one_sound_are_written_alike(english: str, reading: str) -> None:
    assert written_alike("".join(romaji_words(reading)), (english,))


@pytest.mark.parametrize(
    ("english", "reading"),
    [
        # ture is チャ: venture ベンチャー, manufacturing マニュファクチャリング
        ("venture", "ベンチャー"),
        ("ventures", "ベンチャーズ"),
        ("manufacturing", "マニュファクチャリング"),
        ("future", "フューチャー"),
    ],
)
def test_ture_keys_as_katakana_writes_it(english: str, reading: str) -> None:
    assert reading_key("".join(romaji_words(reading)), reading) == "k:" + katakana_key(english)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the company's own Japanese and English names
        ("ジェネラル・ダイナミクス", "General Dynamics Corporation"),
        # EDINET's names of one filer (a Japanese name and its English name)
        ("フューチャー株式会社", "Future Corporation"),
        # synthetic
        ("アルファ・ベンチャーズ株式会社", "Alpha Ventures Co., Ltd."),
    ],
)
def test_katakana_names_with_those_sounds_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
