"""Han words read in translation (``dualuse.screening.glosses``, CC-CEDICT).

The pairs below are real names: EDINET's Japanese and English names of one filer (関西電力 /
The Kansai Electric Power Company; 東武鉄道 / Tobu Railway) and the Chinese and English names
MOFCOM's countermeasure listings give (地层水库公司 / Stratum Reservoir). The negatives are
names of other entries of the same sources.
"""

from __future__ import annotations

import pytest

from dualuse.screening import analyse, match_names
from dualuse.screening.glosses import (
    clean_gloss,
    gerund,
    gloss_segments,
    sense_bases,
    sense_forms,
    senses,
    single_senses,
)
from dualuse.screening.index import comparable
from tests.screening.one_path import accepted_pairs_are_found, one_place_index, screen_finds


@pytest.mark.parametrize(
    ("sense", "gloss"),
    [
        ("railway line", "railway line"),
        ("Kansai region, Japan", "Kansai"),  # the place, not what kind of place
        # ... nor where it is (CC-CEDICT's 黑龙江, whose first sense was otherwise too long
        # to be taken, and the next, Amur river, taken instead)
        ("Heilongjiang province (Heilungkiang) in northeast China, abbr. 黑", "Heilongjiang"),
        ("to live in peace", "live in peace"),  # not a proper name: not cut
        ("Yamazaki or Yamasaki (Japanese surname)", "Yamazaki"),
        # a verb of one word is taken as its gerund, the form a company's name gives it
        ("to apply", "applying"),
        ("to print", "printing"),
        ("Toshiba, Japanese electronics company", "Toshiba"),
        ("Itō or Itoh, Japanese surname", "Ito"),
        ("to own a controlling number of shares in a company", None),  # not a word
        ("surname Wang", None),
        ("variant of 鐵|铁[tie3]", None),
        ("CL:個|个[ge4]", None),
        ("abbr. for 北京大學|北京大学", None),
    ],
)
def test_a_sense_is_taken_as_a_plain_english_word_or_phrase(sense: str, gloss: str | None) -> None:
    assert clean_gloss(sense) == gloss


@pytest.mark.parametrize(
    ("verb", "ing"),
    [("print", "printing"), ("make", "making"), ("ship", "shipping"), ("see", "seeing"),
     ("develop", "developing"), ("open", "opening"), ("tie", "tying")],
)  # fmt: skip
def test_a_gerund_is_spelt_by_the_english_rules(verb: str, ing: str) -> None:
    assert gerund(verb) == ing


def test_a_chunk_is_cut_into_dictionary_words_and_the_text_between() -> None:
    assert gloss_segments("東武鉄道") == (("東武", None), ("鉄道", "railway line"))
    # shinjitai, traditional and simplified spellings meet one entry
    assert gloss_segments("東武鐵道") == (("東武", None), ("鐵道", "railway line"))
    # a single character is never glossed: no word, no segments
    assert gloss_segments("鉄") == ()


@pytest.mark.parametrize(
    ("chunk", "words"),
    [
        # the cut from the right leaves fewer characters outside words: 水泥 cement, not 大水
        # flood; 合成纤维 synthetic fiber, not 光合 photosynthesis
        ("信大水泥", ("cement",)),
        ("新光合成纖維", ("synthetic fiber",)),
        # the cut from the left, when it leaves fewer outside
        ("香港民主委员会", ("Hong Kong", "democracy", "committee")),
    ],
)
def test_a_chunk_is_cut_where_more_of_it_is_dictionary_words(
    chunk: str, words: tuple[str, ...]
) -> None:
    assert tuple(g for _, g in gloss_segments(chunk) if g) == words


def test_a_translated_name_matches_its_english_name_but_not_exactly() -> None:
    # 電力 is in the business-word table too (electric power), so 関西電力 no longer needs
    # its gloss; 地层水库 has no business word and is met by its translation only
    got = match_names("関西電力株式会社", "The Kansai Electric Power Company, Incorporated")
    assert got.match and not got.exact
    got = match_names("地层水库公司", "Stratum Reservoir")
    assert got.match and not got.exact
    assert "gloss reading" in got.explanation
    assert match_names("Stratum Reservoir", "地层水库公司").match
    assert match_names("人权观察", "Human Rights Watch").match
    # EDINET's names of two filers: 印刷 "to print" is Printing; 鉄道 "railway line" is
    # one word of the name, whose first word the English name keeps (Tobu Railway)
    assert match_names("大日本印刷株式会社", "Dai Nippon Printing Co.,Ltd.").match
    assert match_names("東武鉄道株式会社", "TOBU RAILWAY CO.,LTD.").match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # other entries of the same sources
        ("関西電力株式会社", "Kansai Paint Co., Ltd."),
        ("人权观察", "Human Rights Foundation"),
        # the words between glossed words are readings, never joined up and compared as
        # one sound with a Latin name (吉布斯和 is "Gibbs and", read kichi nuno shi wa)
        ("CHOE Chun-Sik", "吉布斯和考克斯公司"),
        # a Han name of business words alone has a "latin" reading (tokyo #science
        # #university), but it is not a Latin name: 理科 glossed "science" never meets it
        ("東京理科大学", "东京科学大学"),
        ("东京科学大学", "東京理科大学"),
    ],
)
def test_translations_of_other_names_stay_apart(a: str, b: str) -> None:
    assert not match_names(a, b).match


def test_a_translation_is_compared_with_latin_names_only() -> None:
    gloss = next(f for f in analyse("地层水库公司").forms if f.kind == "gloss")
    other = analyse("地层储水公司").forms
    latin = analyse("Stratum Reservoir").forms[0]
    assert comparable(gloss, latin, True, False) and comparable(latin, gloss, False, True)
    for f in [*other, gloss]:
        assert not comparable(gloss, f, True, True)
        assert not comparable(f, gloss, True, True)


def test_screen_finds_what_match_accepts() -> None:
    listed = ["関西電力株式会社", "地层水库公司", "Human Rights Watch"]
    queries = ("The Kansai Electric Power Company", "Stratum Reservoir, LLC.", "人权观察")
    for query in queries:
        assert accepted_pairs_are_found(listed, [query]), query


def test_one_word_senses_of_an_entry() -> None:
    # a CC-CEDICT entry's senses as the dictionary writes them (应用)
    field = (
        "to put to use/to apply/practical/applied (science, linguistics etc)/application/"
        "practical use/(computing) app"
    )
    assert single_senses(field) == {
        "apply", "applying", "practical", "applied", "application", "app"
    }  # fmt: skip
    assert single_senses("surname Wang/variant of 王") == set()


def test_a_word_has_all_its_senses() -> None:
    assert {"peak", "summit"} <= senses("顶峰")  # the first sense and the others
    assert senses("顶") == frozenset()  # one character: too many senses
    assert senses("Summit") == frozenset()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from MOFCOM's countermeasure notices (OpenSanctions' China sanctions data)
        ("Summit Technologies Inc.", "顶峰科技公司"),
        ("Applied Technologies Group", "应用技术集团"),
        # quoted from Japan's EDINET code list
        ("応用技術株式会社", "APPLIED TECHNOLOGY CO., LTD"),
    ],
)
def test_a_translated_word_by_any_of_its_senses(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # synthetic: a Latin query against a listed translation, and the other way round
        ("Summit Electronics Inc.", "顶峰电子公司", "Summit Trading"),
        ("顶峰电子公司", "Summit Electronics Inc.", "顶峰贸易"),
    ],
)
def test_screen_finds_a_word_by_its_senses(query: str, target: str, other: str) -> None:
    screen_finds(one_place_index(target, other), query, target)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from MOFCOM's unreliable-entity listings (OpenSanctions' China sanctions
        # data): 运营 is glossed "be in operation", 导弹 "guided missile"; the phrase's last
        # word is the word of the English name
        ("Edge Autonomy Operations LLC", "边缘自治运营公司"),
        ("Lockheed Martin Missiles and Fire Control", "洛克希德·马丁导弹与火控公司"),
        # quoted from the EU's Official Journal (a name and its Chinese alias): a province
        # in brackets is the province, not the river the dictionary also names
        (
            "Furuida Heilongjiang Supply Chain Management Co., Ltd.",
            "福瑞达（黑龙江）供应链管理有限公司",
        ),
    ],
)
def test_a_gloss_phrase_is_matched_by_its_last_word(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # 人权观察 is glossed "Human Rights Watch" (CC-CEDICT): Human Rights is another name
        ("Human Rights in China", "人权观察"),
        # a place word before a place makes another place: 華東 "East China", 南亞
        # "southern Asia" (quoted from Taiwan's listed companies: Nan Ya Plastics is not
        # Asia Plastic, which the same list holds)
        ("China Research Group", "華東"),
        ("南亞塑膠工業股份有限公司", "Asia Plastic"),
    ],
)
def test_a_gloss_phrase_is_not_matched_by_its_first_words_or_a_place(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # synthetic: a Latin query against a listed translation whose phrase is matched by
        # its last word, and the other way round; the other name, the query as written, is
        # a sure hit, and the target must be sure too to be kept
        ("Edge Autonomy Operations", "边缘自治运营公司", "Edge Autonomy Operations"),
        ("边缘自治运营公司", "Edge Autonomy Operations", "边缘自治运营公司"),
    ],
)
def test_screen_finds_a_gloss_phrase_by_its_last_word(query: str, target: str, other: str) -> None:
    screen_finds(one_place_index(target, other), query, target)


def test_the_adjectives_of_a_sense_undo_to_it() -> None:
    for sense in ("tactic", "cube", "atom", "nation"):
        for form in sense_forms(sense):
            assert sense in sense_bases(form)
    assert sense_bases("tactical") == ("tactical", "tactic")
    assert "cube" in sense_bases("cubic")
    # a short word is not cut (the -al of "metal" is no ending)
    assert sense_bases("oral") == ("oral",)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from MOFCOM's unreliable-entity listings (OpenSanctions' China sanctions
        # data): 战术 is "tactics" and 立方 "cube" in CC-CEDICT; the names use the adjectives
        ("Domo Tactical Communications", "多莫战术通信公司"),
        ("Cubic Global Defense", "立方全球防务公司"),
        ("Maritime Tactical Systems", "海上战术系统公司"),
    ],
)
def test_a_sense_is_matched_by_its_adjective(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # synthetic: the adjective finds the listed Han word, and the Han word the listed
        # adjective
        ("Domo Tactical Trading", "多莫战术贸易公司", "Domo Tactical Trading"),
        ("多莫战术贸易公司", "Domo Tactical Trading", "多莫战术贸易公司"),
    ],
)
def test_screen_finds_a_sense_by_its_adjective(query: str, target: str, other: str) -> None:
    screen_finds(one_place_index(target, other), query, target)
