"""Personal names written "Surname, Given names", as sanctions lists write them.

Examples marked synthetic were made up for these tests; the others are quoted from the
issue that asked for the method (BATIRASHVILI, QAYYUM).
"""

from __future__ import annotations

import pytest

from dualuse.screening import match_names
from dualuse.screening.analyse import analyse
from dualuse.screening.index import ScreeningIndex
from dualuse.screening.lists.model import ListedParty
from dualuse.screening.score import spoken

from .one_path import one_place_index, screen_finds


@pytest.mark.parametrize(
    ("name", "given", "first"),
    [
        ("BATIRASHVILI, Tarkhan Tayumurazovich", 1, 1),
        ("VOROTNIK, Dr. Pavel Ilyich", 1, 2),  # synthetic: an honorific opens the given names
        ("AL-HADDURI, Samir", 2, 2),  # synthetic
        ("Tarkhan Batirashvili", 0, 0),  # no comma: which word is the surname is not said
        ("ORVALDI TRADING 2004, C.A.", 0, 0),  # synthetic: a company with a number
        ("ORVALDI, S.A.", 0, 0),  # synthetic: a legal form, not given names
        ("ORVALDI TRADING, Pavel", 0, 0),  # synthetic: a business word
    ],
)
def test_person_parts(name: str, given: int, first: int) -> None:
    form = analyse(name).forms[0]
    assert (form.given, form.first) == (given, first)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a patronymic left out (quoted from the issue)
        ("BATIRASHVILI, Tarkhan Tayumurazovich", "BATIRASHVILI, Tarkhan"),
        # synthetic: a middle name and a father's name left out, either side
        ("VOROTNIK, Pavel", "VOROTNIK, Pavel Ilyich Semyonov"),
        ("AL-HADDURI, Samir Khalil", "AL-HADDURI, Samir"),
        # synthetic: an honorific before the given name
        ("VOROTNIK, Dr. Pavel Ilyich", "VOROTNIK, Pavel"),
        # synthetic: the surname spelt two ways (y/i)
        ("VOROTNYK, Pavel Ilyich", "VOROTNIK, Pavel"),
    ],
)
def test_given_names_left_out_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: another given name in place of one: another member of the family
        ("VOROTNIK, Pavel Ilyich", "VOROTNIK, Sergei Ilyich"),
        ("AL-HADDURI, Samir Khalil Ahmad", "AL-HADDURI, Layla Samir Khalil Ahmad"),
        # synthetic: the first given name agrees, the second differs (not an absence)
        ("VOROTNIK, Pavel Ilyich", "VOROTNIK, Pavel Sergeyevich"),
        # synthetic: a short first given name may be one syllable of a longer one
        ("KANG, Ho", "KANG, Ho Sun"),
        # synthetic: the surname differs
        ("VOROTNIKOV, Pavel", "VOROTNIK, Pavel Ilyich"),
    ],
)
def test_different_given_names_stay_apart(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


def test_the_first_given_name_must_agree() -> None:
    # quoted from the issue: the extra given names come first, so the given name of the
    # shorter name is not the first of the longer: not read as left out
    assert not match_names("QAYYUUM, Tabish", "QAYYUM, Muhammad Tabish Abdul").match


def test_screen_finds_a_name_whose_given_names_are_discounted() -> None:
    # synthetic: the target reaches the threshold only with its given names discounted;
    # another name takes the one place for candidates (its bound reaches the threshold), so
    # the index keeps the target only by filing it under its surname and first given name
    target = "VOROTNIK, Pavel Ilyich Semyonovich"
    idx = one_place_index(target, "Pavel Vorotnik")
    # the same words without the comma first: its candidates must not stand for the
    # structured name's (the index caches candidates per reading)
    assert target not in {s.entry.name for s in idx.search(analyse("VOROTNIK PAVEL"))}
    screen_finds(idx, "VOROTNIK, Pavel", target)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("HAJJLU", "HAJLOU"),  # quoted from the issue: a doubled letter, ou for u
        ("QUDDUSI", "KUDDUSI"),  # synthetic: q for k
        ("MANSOOR", "MANSUR"),  # synthetic: oo for u
        ("HICHEMI", "HISHEMI"),  # synthetic: the French ch for sh
    ],
)
def test_transliterated_spellings_share_a_key(a: str, b: str) -> None:
    assert spoken(a.lower()) and spoken(a.lower()) == spoken(b.lower())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("HAJJLU, Jalal", "HAJLOU, Jalal"),  # the surname quoted from the issue
        ("QUDDUSI, Farouk", "KUDDUSI, Faruq"),  # synthetic
        ("AL-MASRURI, Youssef Hicham", "AL-MASRURI, Yusuf Hisham"),  # synthetic
    ],
)
def test_transliterated_spellings_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: the same consonants, one name ending in a vowel (often the feminine)
        ("AL-MASRURI, Nasir", "AL-MASRURI, Nusra"),
        # synthetic: keys of two consonants are shared by too many names
        ("AL-MASRURI, Salim", "AL-MASRURI, Selma"),
    ],
)
def test_names_of_the_same_consonants_stay_apart(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


def test_screen_finds_a_spelling_by_its_key() -> None:
    # synthetic: two spellings of one surname too far apart to be typos of each other,
    # and of other consonant skeletons (ch, sh): only the Metaphone key finds the name
    target = "MECHOUCHI, Karim"
    idx = ScreeningIndex([ListedParty("P0", "t", (target,))])
    a = analyse("MESHUSHI, Karim")
    want = idx.pair(a, target)
    assert want is not None and want.comparison.score >= idx.config.threshold
    found = {s.entry.name: s.comparison.score for s in idx.search(a)}
    assert found.get(target) == want.comparison.score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from the issue
        ("ISIL-LIBYA", "ISLAMIC STATE OF IRAQ AND THE LEVANT-LIBYA"),
        # synthetic: initials with the rest of the name the same, either side
        ("NORTHERN CASPIAN TRAWLING FLEET", "NCT FLEET"),
        ("KVA HOLDINGS", "KORVALD VESTRE ANLEGG HOLDINGS"),
    ],
)
def test_initials_match_the_words_they_spell(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: initials alone never match a name (many names share them)
        ("NCT", "NORTHERN CASPIAN TRAWLING"),
        # synthetic: initials of other words
        ("NCT FLEET", "NORTHERN CASPIAN FISHING FLEET"),
    ],
)
def test_initials_alone_or_of_other_words_do_not_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


def test_screen_finds_a_name_by_its_initials() -> None:
    # synthetic: only the initials relate the two names beyond one shared word
    target = "NORTHERN CASPIAN TRAWLING FLEET"
    idx = ScreeningIndex([ListedParty("P0", "t", (target,))])
    for query in ("NCT FLEET", "NORTHERN CASPIAN TRAWLING FLEET"):
        a = analyse(query)
        want = idx.pair(a, target)
        assert want is not None and want.comparison.score >= idx.config.threshold
        found = {s.entry.name: s.comparison.score for s in idx.search(a)}
        assert found.get(target) == want.comparison.score
    idx = ScreeningIndex([ListedParty("P0", "t", ("NCT FLEET",))])
    a = analyse(target)
    want = idx.pair(a, "NCT FLEET")
    assert want is not None and want.comparison.score >= idx.config.threshold
    assert {s.entry.name for s in idx.search(a)} == {"NCT FLEET"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: a middle initial left out, either side, and by a transcription that
        # never writes one (托马斯·琼斯 is how Chinese writes Thomas Jones)
        ("Thomas H. Jones", "Thomas Jones"),
        ("Thomas Jones", "Thomas H. Jones"),
        ("Thomas H. Jones", "托马斯·琼斯"),
    ],
)
def test_a_middle_initial_left_out_matches(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from MOFCOM's unreliable-entity listings (English and Chinese names of one
        # person): a Chinese transcription writes no middle initial
        ("Wesley D. Kremer", "韦斯利·克雷默"),
        ("Christopher J. Brady", "克里斯托弗·布雷迪"),
    ],
)
def test_a_transcription_leaves_out_middle_initials(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
    assert "not in the listed name" in res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: a middle name one name writes and the other leaves out
        # still counts (John Paul Smith may be the son of John Smith)
        ("John Paul Smith", "John Smith"),
        # synthetic: the transcription has the surname alone
        ("David Keith Sutton", "萨顿"),
    ],
)
def test_a_middle_name_left_out_still_counts(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic: another initial in its place is a difference, not an absence
        ("Thomas H. Jones", "Thomas K. Jones"),
        # synthetic: a letter in a company's name is part of the name
        ("Alpha B Gamma Ltd", "Alpha Gamma Ltd"),
        # synthetic: the initial is at an end, not in the middle
        ("Thomas H. Jones", "H. Jones"),
    ],
)
def test_other_initials_are_not_discounted(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        ("Thomas H. Jones", "Thomas Jones", "Thomas H. Jonesy"),
        ("Thomas Jones", "Thomas H. K. Jones", "Thomas Jones Ltd"),
        ("Wesley D. Kremer", "韦斯利·克雷默", "Wesley D. Kremer Ltd"),
    ],
)
def test_screen_finds_a_name_whose_middle_initials_are_discounted(
    query: str, target: str, other: str
) -> None:
    # synthetic: one place for candidates, which the other name competes for
    screen_finds(one_place_index(target, other), query, target)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from the OFAC SDN list (aliases of one entry): Fares is keyed fare, as an
        # English plural would be; as written it is a typo of Faris
        ("MANA'A, Fares Mohammed", "MANA'A, Faris Mohamed Hassan"),
        ("MANA'A, Fares Mohammed", "MANA'A, Faris"),
        # synthetic: a final s on both sides, and a name without a comma
        ("Thomas Jones", "Tomas Jones"),
        ("DARWIS, Idres Karim", "DARWIS, Idris Karim"),
    ],
)
def test_a_word_ending_in_s_is_compared_as_written(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # synthetic: the words as written meet by typo, the plural-keyed word on the query
        # side, on the listed side, on both
        ("HADDAD, Fares Tawfiq", "HADDAD, Faris Tawfiq", "HADDAD TRADING"),
        ("HADDAD, Faris Tawfiq", "HADDAD, Fares Tawfiq", "HADDAD TRADING"),
        ("Karim Younes", "Karim Youness", "Karim Trading"),
    ],
)
def test_screen_finds_a_word_compared_as_written(query: str, target: str, other: str) -> None:
    screen_finds(one_place_index(target, other), query, target)


def test_a_plural_keyed_word_still_needs_a_near_spelling() -> None:
    # synthetic: as written, Fares and Farouk are not near: the typo rules decide, as for
    # any word
    res = match_names("HADDAD, Fares Tawfiq", "HADDAD, Farouk Tawfiq")
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted from the OFAC SDN list (aliases of one entry): the article written or not
        ("GADDAFI, Muhammad", "AL-GADDAFI, Muhammad", True),
        ("ANSAR AL-DINE", "ANSAR DINE", True),
        # synthetic: the words matched in another order: the article counts for nothing
        ("AL-ALI, Hamid", "HAMMOUD, Ali", False),
        # synthetic: el is also the Spanish article, which is part of a name (El Paso)
        ("EL PASO TRADING", "PASO TRADING", False),
    ],
)
def test_an_arabic_article_left_out(a: str, b: str, same: bool) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation
    assert match_names(b, a).match is same


def test_screen_finds_a_name_without_its_article() -> None:
    # synthetic: one place for candidates, which the other name competes for
    screen_finds(
        one_place_index("AL-HADDURI, Samir Khalil", "HADDURI TRADING"),
        "HADDURI, Samir Khalil",
        "AL-HADDURI, Samir Khalil",
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted from the OFAC SDN list (aliases of one entry): a generational suffix on
        # one alias only
        ("DELOS REYES, Feliciano Semborio, Jr.", "DELOS REYES, Feleciano Semborio", True),
        # synthetic: a son and his father
        ("John Q. Smithers Jr.", "John Q. Smithers Sr.", False),
        ("Smithers, John Junior", "Smithers, John Senior", False),
    ],
)
def test_generational_suffixes(a: str, b: str, same: bool) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation


def test_bros_is_brothers() -> None:
    # quoted from the OFAC SDN list (aliases of one entry)
    res = match_names("AL-OMGY AND BROTHERS MONEY EXCHANGE", "AL-OMGY & BROS. MONEY EXCHANGE")
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted from the EU consolidated list (a name and its Cyrillic alias)
        ("Igor PLOTNITSKY", "Игорь Венедиктович ПЛОТНИЦКИЙ", True),
        # synthetic: the patronymic left out, either side
        ("Ivan Petrov", "Ivan Sergeyevich Petrov", True),
        ("Ivan Sergeyevich Petrov", "Ivan Petrov", True),
        # synthetic: another patronymic is another person (two brothers' sons)
        ("Ivan Sergeyevich Petrov", "Ivan Nikolayevich Petrov", False),
        # synthetic: a company's words are not discounted so
        ("Petrov Ivanovich Trading LLC", "Petrov Trading LLC", False),
    ],
)
def test_a_patronymic_left_out(a: str, b: str, same: bool) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # synthetic: one place for candidates, which the other name competes for
        ("Ivan Petrov", "Ivan Sergeyevich Petrov", "Ivan Petrov Trading"),
        ("Ivan Sergeyevich Petrov", "Ivan Petrov", "Petrov Trading"),
        ("Igor Plotnitsky", "Игорь Венедиктович ПЛОТНИЦКИЙ", "Igor Plotnitsky Trading"),
    ],
)
def test_screen_finds_a_name_whose_patronymic_is_discounted(
    query: str, target: str, other: str
) -> None:
    screen_finds(one_place_index(target, other), query, target)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from the OFAC SDN list (aliases of one entry): a title opens the given
        # names of one alias
        ("AL-AJMI, Shafi Sultan Mohammed", "AL-AJMI, Sheikh Shafi"),
        ("AL-AJMI, Shafi Sultan Mohammed", "AL-AJMI, Doctor Shafi"),
        ("HAMZA, Amir", "HAMZA, Maulana Ameer"),
    ],
)
def test_a_title_before_the_given_names(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


def test_a_title_is_not_the_first_given_name() -> None:
    form = analyse("HADDURI, Sheikh Samir").forms[0]
    assert (form.given, form.first) == (1, 2)
    assert form.weights[1] < form.weights[2]  # the title weighs as a joining word does
    # synthetic: a title alone is the given name as written
    assert analyse("HADDURI, Sheikh").forms[0].first == 1


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted from the OFAC SDN list (aliases of one entry): a first vowel spelt two ways
        ("MEJIA MAGNANI, John Yvan", "MEJIA MAGNANI, John Ivan", True),
        ("ESSA, Agila Saleh", "ISSA, Aguila Saleh", True),
        # synthetic: a first consonant still tells two short names apart
        ("Kwong Shing Trading", "Kwong Hing Trading", False),
        ("Alpha Trading", "Omega Trading", False),
    ],
)
def test_a_first_vowel_spelt_two_ways(a: str, b: str, same: bool) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation


def test_bin_joins_a_name_to_a_fathers() -> None:
    # quoted from the OFAC SDN list (aliases of one entry): bin is "son of"
    res = match_names("BIN ALI, Khodr Taher", "TAHER, Khodr Ali")
    assert res.match, res.explanation
    form = analyse("Usama bin Muhammad").forms[0]
    assert form.weights[1] < form.weights[0]
