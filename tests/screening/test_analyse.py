import pytest

from dualuse.screening import match_names
from dualuse.screening.analyse import analyse


def _tokens(name: str) -> set[tuple[str, ...]]:
    return {f.tokens for f in analyse(name).forms}


@pytest.mark.parametrize(
    ("name", "legal"),
    [
        ("三菱重工航空エンジン株式会社", "jp_kk"),
        ("㈱トーキン", "jp_kk"),
        ("Kabushiki Kaisha SUBARU", "jp_kk"),
        ("Yusoki K.K.", "jp_kk"),
        ("俪达集团控股股份有限公司", "cn_gfyxgs"),
        ("Nissin Electric Co., Ltd.", "co_ltd"),
        ("HENSOLDT AG", "gmbh"),
    ],
)
def test_legal_forms_are_set_aside_and_kept(name: str, legal: str) -> None:
    a = analyse(name)
    assert legal in {f.cls for f in a.legal}
    assert all(legal not in " ".join(f.tokens) for f in a.forms)


def test_a_name_made_only_of_a_legal_word_keeps_it() -> None:
    assert analyse("Company").forms


def test_business_words_meet_across_scripts() -> None:
    ja = _tokens("三菱重工航空エンジン株式会社")
    zh = _tokens("三菱重工航空发动机株式会社")
    en = _tokens("Mitsubishi Heavy Industries Aero Engines, Ltd.")
    romaji = _tokens("Mitsubishi Jūkō Kōkū Enjin K.K.")
    assert ja & zh
    assert en & ja
    assert romaji == en


def test_parent_and_subsidiary_differ() -> None:
    assert not _tokens("三菱重工業株式会社") & _tokens("三菱重工航空エンジン株式会社")


def test_typo_in_a_business_word_is_still_read_as_that_word() -> None:
    assert _tokens("Sumitomo Industries") < _tokens("Sumitomo Indutsries")


def test_word_read_as_a_typo_keeps_its_literal_reading() -> None:
    # Genshi (原子) is one letter from Denshi (電子, electronics) but is a word of its own
    assert ("mitsubishi", "genshi", "nenryo") in _tokens("Mitsubishi Genshi Nenryou")


def test_katakana_loanword_spelt_in_romaji() -> None:
    assert _tokens("Mitsubishi Materiaru") == _tokens("Mitsubishi Materials")


def test_a_possessive_s_stays_with_its_word() -> None:
    # YUKE'S is one word, as YUKES is, and meets the katakana ユークス (one filer's
    # Japanese and English names in EDINET's code list)
    assert analyse("YUKE'S Co.,Ltd.").forms[0].tokens == analyse("YUKES Co.,Ltd.").forms[0].tokens
    assert match_names("株式会社ユークス", "YUKE'S Co.,Ltd.").match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from the EU consolidated list (a name and its Chinese alias): a city with
        # 市 as Chinese registrations write it, HK for Hong Kong
        ("Shenzhen Biguang Trading Co. Ltd", "深圳市比广贸易有限公司"),
        ("Kaili Industrial HK Limited", "香港凱利實業有限公司"),
        ("Mei Xin Electronic (HK) Co., Limited", "美欣電子(香港)有限公司"),
    ],
)
def test_city_and_hong_kong_spellings(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


def test_private_limited_is_also_singaporean() -> None:
    # quoted from the OFAC SDN list (aliases of one entry)
    res = match_names("P.C.C. (SINGAPORE) PRIVATE LIMITED", "PCC SINGAPORE PTE LTD")
    assert res.match, res.explanation
    # synthetic: Pte Ltd and Sdn Bhd are still forms of two jurisdictions
    assert not match_names("Orvaldi Tech Pte Ltd", "Orvaldi Tech Sdn Bhd").match
