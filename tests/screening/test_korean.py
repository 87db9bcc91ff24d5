"""Korean personal names read syllable by syllable (``dualuse.screening.korean``).

The personal names here are synthetic (written for these tests, in the forms sanctions lists
give Korean names); 두산밥캣 (Doosan Bobcat), 대신증권 (Daishin Securities) and the
OFAC SDN name SMART PEGASUS are real names, quoted because an early version of the reading
matched them.
"""

from __future__ import annotations

import pytest

from dualuse.screening import analyse, match_names
from dualuse.screening.analyse import HANGUL_SYLLABLES, spelt_initials, spelt_tail
from dualuse.screening.korean import person_syllables, syllable_key
from tests.screening.one_path import accepted_pairs_are_found, one_place_index, screen_finds


@pytest.mark.parametrize(
    "spellings",
    [
        ("cheol", "chol", "tcheul", "ch'ol"),  # 철: RR, McCune-Reischauer, French-style
        ("seo", "so"),  # 서
        ("guk", "gug", "kuk"),  # 국 (gug: ICU's letter-by-letter transliteration)
        ("hyeok", "hyeog", "hyok", "hyuk"),  # 혁
        ("choe", "choi"),  # 최
        ("jang", "djang", "chang"),  # 장
        ("hui", "hy"),  # 희
        ("bae", "pae"),  # 배
        ("gyu", "kyu"),  # 규
    ],
)
def test_the_romanisations_of_one_syllable_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({syllable_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("a", "b"), [("kim", "pak"), ("chol", "chan"), ("il", "in"), ("su", "sung")]
)
def test_other_syllables_keep_their_keys(a: str, b: str) -> None:
    assert syllable_key(a) != syllable_key(b)


def test_a_short_hangul_name_is_read_as_its_syllables() -> None:
    assert person_syllables("박민철") == (("박", "민", "철"), ("bag", "min", "cheol"))
    assert person_syllables("박 민철") == person_syllables("박민철")
    assert person_syllables("박") is None  # one syllable: no person's name
    assert person_syllables("박민철박민철") is None  # more than four
    assert person_syllables("Park 민철") is None  # not Hangul only
    forms = [f for f in analyse("박민철").forms if f.script == HANGUL_SYLLABLES]
    assert [f.tokens for f in forms] == [("bag", "min", "cheol")]


def test_a_name_with_a_business_word_is_no_persons() -> None:
    # 증권 is the business word "securities": a company's name, not read syllable by syllable
    assert all(f.script != HANGUL_SYLLABLES for f in analyse("대신증권").forms)


@pytest.mark.parametrize(
    ("latin_name", "hangul"),
    [
        ("PAK Min Chol", "박민철"),
        ("PAK Min-chol", "박민철"),
        ("BAK Min Cheol", "박민철"),
        ("SO Hyok Kuk", "서혁국"),
        ("CHOE Kwang Sik", "최광식"),
        ("Min Chol PAK", "박민철"),  # the surname last
    ],
)
def test_a_korean_name_meets_its_romanisations(latin_name: str, hangul: str) -> None:
    res = match_names(latin_name, hangul)
    assert res.match, res.explanation
    assert not res.exact
    assert match_names(hangul, latin_name).match


@pytest.mark.parametrize(
    ("latin_name", "hangul"),
    [
        ("PAK Chol Min", "박민철"),  # the given name's syllables in another order
        ("PAK Min Su", "박민철"),  # another given name
        ("KIM Min Chol", "박민철"),  # another surname
    ],
)
def test_other_korean_names_stay_apart(latin_name: str, hangul: str) -> None:
    res = match_names(latin_name, hangul)
    assert not res.match, res.explanation


def test_the_syllables_are_never_joined_up() -> None:
    # the syllables joined are the name's reading as written, which has its own rules
    res = match_names("두산밥캣", "SMART PEGASUS")
    assert not res.match, res.explanation


def test_screen_finds_what_match_accepts() -> None:
    listed = ["박민철", "서혁국", "최광식", "PAK Min Chol", "CHOE Kwang Sik"]
    queries = ["PAK Min Chol", "SO Hyok Kuk", "Choe Kwang-sik", "박민철", "최광식"]
    assert accepted_pairs_are_found(listed, queries) >= 6


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted from OpenDART's company list (a company's Korean and English names):
        # Latin letters spelt in Hangul beside a Korean word, sure to be letters
        ("윤성에프앤씨", "YUNSUNG F&C Co.,Ltd", True),  # two letters joined by 앤 (and)
        ("에스제이그룹", "SJ Group Co., Ltd.", True),  # letter names of two syllables
        # quoted from the same list: two companies labelled distinct there
        ("에스제이그룹", "에스제이켐", False),
    ],
)
def test_hangul_letters_beside_a_korean_word(a: str, b: str, same: bool) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation


@pytest.mark.parametrize(
    ("chunk", "words", "rest"),
    [
        ("에스제이그룹", ("sj",), "그룹"),
        ("씨앤에스자산관리", ("c", "s"), "자산관리"),
        # synthetic: letter names of one syllable are as often a Korean word (비지 is not
        # read BG before another word)
        ("비지상사", (), "비지상사"),
    ],
)
def test_a_head_of_hangul_letters(chunk: str, words: tuple[str, ...], rest: str) -> None:
    assert spelt_initials(chunk) == (words, rest)


def test_a_tail_of_hangul_letters() -> None:
    # quoted from OpenDART's company list
    assert spelt_tail("윤성에프앤씨") == ("윤성", ("f", "c"))
    # synthetic: a tail of one-syllable letter names is not read (넥슨지티: GT, or a word)
    assert spelt_tail("넥슨지티") == ("넥슨지티", ())


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted from the OFAC SDN list (aliases of one entry): one Korean name in Latin
        # letters, its syllables in two romanisations
        ("KIM, Kang Jin", "KIM, Kang-chin", True),
        ("CHO, Yon Chun", "JO, Yon Jun", True),
        ("RI, Jae Il", "RI, Chae-Il", True),
        # synthetic: another syllable is another name
        ("KIM, Ho Kyu", "KIM, Ho Gil", False),
        ("KIM, Su Il", "KIM, Sung Il", False),
        # synthetic: a name of longer words is not read syllable by syllable
        ("KIMURA, Kenji", "KIMURA, Genji", False),
    ],
)
def test_a_korean_name_in_two_latin_romanisations(a: str, b: str, same: bool) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation


def test_screen_finds_a_korean_name_in_another_romanisation() -> None:
    # synthetic: one place for candidates, which the other name competes for
    screen_finds(one_place_index("KIM, Ho Gyu", "KIM HO TRADING"), "KIM, Ho Kyu", "KIM, Ho Gyu")


def test_hoesa_is_the_company_designation() -> None:
    # quoted from the EU's Official Journal (a DPRK entity's Latin name and its Hangul
    # alias): 회사 ends the name as 会社 and 公司 do
    assert [f.surface for f in analyse("합장강무역회사").legal] == ["회사"]
    res = match_names("Hapjanggang Trading Corporation", "합장강무역회사")
    assert res.match, res.explanation


def test_joseon_is_korea_and_shipbuilding() -> None:
    # quoted from the EU's Official Journal: 조선 is 朝鮮, Korea, in the DPRK's names, and
    # 造船, shipbuilding, in others (대우조선해양, Daewoo Shipbuilding & Marine Engineering)
    res = match_names("Korea Paekho Trading Corporation", "조선백호무역회사")
    assert res.match, res.explanation
    tokens = {f.tokens for f in analyse("조선백호무역회사").forms}
    assert ("#shipbuilding", "백호", "#trading") in tokens
    assert ("korea", "백호", "#trading") in tokens


def test_a_korean_name_matches_whatever_was_compared_before() -> None:
    # synthetic: the same two syllables compared first as plain Latin words, where they
    # are no typo of each other, must not decide how they compare in Korean names
    assert not match_names("Kyu Trading", "Gyu Trading").match
    res = match_names("KIM, Ho Kyu", "KIM, Ho Gyu")
    assert res.match, res.explanation
