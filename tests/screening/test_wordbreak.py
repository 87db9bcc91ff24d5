"""Glued romaji cut back into words, and the readings that meet across scripts."""

from __future__ import annotations

from dualuse.regime.snapshot import Snapshot
from dualuse.screening import Screener, analyse
from dualuse.screening.romaji import loanword
from dualuse.screening.wordbreak import break_word

KNOWN = {"kawasaki", "jukogyo", "koku", "uchu", "oki", "denki", "kogyo"}


def test_break_word_fewest_known_pieces() -> None:
    assert break_word("kawasakijukogyo", KNOWN.__contains__) == ("kawasaki", "jukogyo")
    assert break_word("okidenkikogyo", KNOWN.__contains__) == ("oki", "denki", "kogyo")


def test_break_word_needs_every_piece_known() -> None:
    assert break_word("kawasakixyzzy", KNOWN.__contains__) is None
    assert break_word("kawasaki", KNOWN.__contains__) is None  # one piece is no cut
    assert break_word("koku", KNOWN.__contains__) is None  # too short to be glued


def test_glued_romaji_finds_the_listed_party(screener: Screener, late: Snapshot) -> None:
    for name, entity in [
        ("Kawasakijuukogyou Kokuuuchu Shisutemukampanii K.K.", "cn.mofcom.2026-11.06"),
        ("Okidenkikogyou K.K.", "cn.mofcom.2026-28.11"),
    ]:
        m = screener.run(name, late).matches
        assert m and m[0].party.id == entity, name
        assert not m[0].exact  # a cut reading is never an exact hit


def test_katakana_loanword_ending() -> None:
    assert loanword("eneosu") == "eneos"
    assert loanword("tesuto") == "tesut"
    assert loanword("sasu") == "sasu"  # too short to lose a letter


def test_katakana_brand_meets_its_latin_spelling(screener: Screener, late: Snapshot) -> None:
    ids = [m.party.id for m in screener.run("エネオス", late).matches]
    assert ids[:1] == ["cn.mofcom.2026-12.03"]


def test_japanese_corporation_prefixes_are_legal_forms() -> None:
    a = analyse("国立研究開発法人宇宙航空研究開発機構")
    assert [f.surface for f in a.legal] == ["国立研究開発法人"]
    assert "国立研究開発法人" not in "".join(a.forms[0].surfaces)


def test_places_are_one_word_across_scripts() -> None:
    tokyo_han = analyse("東京科学大学").forms[0].tokens
    tokyo_latin = analyse("Tokyo Kagaku Daigaku").forms[0].tokens
    assert tokyo_han[0] == tokyo_latin[0] == "tokyo"


def test_one_word_name_with_a_transposed_letter(screener: Screener, late: Snapshot) -> None:
    m = screener.run("Liedos", late).matches
    assert m and m[0].party.id == "cn.mofcom.2025-13.01" and not m[0].exact


def test_misspelt_plural_business_word_in_a_phrase() -> None:
    a = analyse("Sumitomo Heavy Indutsries")
    assert a.forms[0].tokens == ("sumitomo", "#heavy_industries")
    assert a.forms[0].corrected == 1


def test_a_kana_reading_ending_in_business_words_is_cut_before_them() -> None:
    # synthetic names: the head is no known word, the business words at the end are
    from dualuse.screening import match_names
    from dualuse.screening.index import _business_tail

    assert _business_tail("orvelkensetsu") == ("orvel", "kensetsu")
    assert _business_tail("orvelshojikogyo") == ("orvel", "shoji", "kogyo")
    assert _business_tail("orvelkorin") is None  # no business word at the end
    assert _business_tail("kensetsu") is None  # no head left
    # the head spelt otherwise in the Latin name (Kunrei syo, si; a typo), so the whole
    # reading is no cut into known words
    assert match_names("ショウエイケンセツカブシキガイシャ", "Syoei Construction Co., Ltd.").match
    assert match_names("ミヨシショウジカブシキガイシャ", "Miyosi Trading Corporation").match
    assert match_names("トピルコウギョウカブシキガイシャ", "Topil Industries Limited").match


def test_the_business_tail_search_is_bounded_on_a_long_reading(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # synthetic: a glued reading of 2,000 letters looks at no more than the last
    # BUSINESS_TAIL_MAX letters for business words (work linear in the reading's length)
    import dualuse.screening.index as index

    calls: list[int] = []
    real = index.break_word

    def counted(word, known, min_piece=2):  # type: ignore[no-untyped-def]
        calls.append(len(word))
        return real(word, known, min_piece=min_piece)

    monkeypatch.setattr(index, "break_word", counted)
    index._business_tail.cache_clear()
    assert index._business_tail("shibu" * 400) is None
    assert len(calls) <= index.BUSINESS_TAIL_MAX
    assert max(calls) <= index.BUSINESS_TAIL_MAX
