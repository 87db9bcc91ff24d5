"""Cyrillic and Arabic-script names against their Latin spellings.

Every name here is synthetic (written for these tests), except the words quoted from the
issue that asked for the method (институт / institute, Троицкий / Troitsk, Дзяржаўнае,
АО «НЗ 70-Летия Победы», "mhmd" / Muhammad); none is a row of the outside evaluation.
"""

from __future__ import annotations

import pytest

from dualuse.screening import match_names
from dualuse.screening.analyse import analyse
from dualuse.screening.homoglyphs import unmixed
from dualuse.screening.score import script_alike
from dualuse.screening.translit import (
    arabic_key,
    cognate_key,
    cyrillic_language,
    latin,
    reading_script,
    slavic_key,
    unhomoglyph,
)


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("Дзяржаўнае прадпрыемства", "be"),  # ў (the example)
        ("Ганна Іванаўна", "be"),  # ў
        ("Дзмітрый Іванавіч", "be"),  # і with ы
        ("Олена Петрівна Гриценко", "uk"),  # і with и
        ("Наталія Євгенівна", "uk"),  # є
        ("Елена Петрова", None),
    ],
)
def test_language_of_a_cyrillic_name(name: str, lang: str | None) -> None:
    assert cyrillic_language(name.casefold()) == lang


def test_a_word_is_read_in_the_language_of_its_name() -> None:
    # Г is h in Belarusian: Ганна alone could be Russian, its name says it is not
    words = analyse("Ганна Іванаўна").forms[0].tokens
    assert words[0] == "hana" or words[0].startswith("han")
    assert analyse("Ганна Петрова").forms[0].tokens[0].startswith("gan")


def test_latin_look_alikes_in_a_cyrillic_word_are_read_as_cyrillic() -> None:
    # a Latin C and E typed into СЕРГЕЙ
    mixed = "CEPГEЙ".casefold()
    assert unhomoglyph(mixed) == "сергей"
    assert latin(mixed) == latin("сергей")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mikhaylov", "mihailov"),
        ("artyom", "artem"),
        ("yelena", "elena"),
        ("dmitriy", "dmitry"),
        ("yefimov", "jefimow"),
        ("chornyy", "tchorny"),
        ("ganna", "hanna"),
        ("pawlavich", "paulavich"),
    ],
)
def test_romanisations_of_one_slavic_name_share_a_key(a: str, b: str) -> None:
    assert slavic_key(a) == slavic_key(b)
    assert script_alike(a, b, "cyrl") == "spelling"


@pytest.mark.parametrize(("a", "b"), [("ivanov", "ivanova"), ("petrov", "pavlov")])
def test_other_slavic_names_keep_their_keys(a: str, b: str) -> None:
    assert slavic_key(a) != slavic_key(b)


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("institut", "institute"),  # институт (the example)
        ("troitskiy", "troitsk"),  # Троицкий (the example)
        ("elektromekhanicheskiy", "electromechanical"),
        ("tekhnologii", "technologies"),
        ("federalnyy", "federal"),
        ("natsionalnyy", "national"),
        ("omskiy", "omsk"),
        ("lazernyye", "laser"),  # лазерные: English s between vowels is Russian з
        ("televizionnyy", "television"),
        ("kasselskiy", "kasel"),  # a doubled s between vowels folds as a single one
        ("opticheskiy", "optical"),  # оптический: -ческий after a short stem is -cal
        ("opticheskaya", "optical"),
        ("tsentr", "center"),  # центр: Russian -тр where English writes -ter or -re
        ("tsentra", "centre"),
    ],
)
def test_declined_cognates_share_a_stem(russian: str, english: str) -> None:
    assert cognate_key(russian) == cognate_key(english)


def test_cognate_keys_are_used_only_against_a_reading_of_cyrillic() -> None:
    assert script_alike("elektromekhanicheskiy", "electromechanical", "cyrl") == "cognate"
    assert script_alike("elektromekhanicheskiy", "electromechanical", "") is None


@pytest.mark.parametrize(
    ("latin_name", "cyrillic"),
    [
        ("Artyom Fyodorovich Semyonov", "Артём Фёдорович Семёнов"),
        ("Elena Sergeevna Mikhailova", "Елена Сергеевна Михайлова"),
        ("Hanna Ivanauna Kavaleva", "Ганна Іванаўна Кавалёва"),
        ("Omsk Electromechanical Plant", "Омский электромеханический завод"),
        ("JSC Omsk Electromechanical Plant", "АО «Омский Электромеханический Завод»"),
        ("Sokolov and Partners", "Соколов и партнёры"),
        # synthetic names: оптический against Optical, and имени, "named after", as a joining
        # word on both sides
        ("Ardensk Optical Plant", "Арденский Оптический Завод"),
        ("Ardensk Plant Named After I.I. Orlov", "Арденский завод имени И. И. Орлова"),
    ],
)
def test_cyrillic_names_meet_their_latin_spellings(latin_name: str, cyrillic: str) -> None:
    res = match_names(latin_name, cyrillic)
    assert res.match, res.explanation
    assert not res.exact  # a reading of another script is never exact
    res = match_names(cyrillic, latin_name)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("latin_name", "cyrillic"),
    [
        ("Omsk Electromechanical Plant", "Томский электромеханический завод"),
        ("Elena Sergeevna Mikhailova", "Елена Сергеевна Кузнецова"),
        # a surname declines as a place adjective does: a person's words are no cognates
        ("Ivan Petrovich Sokolov", "Иван Петрович Соколовский"),
    ],
)
def test_other_cyrillic_names_stay_apart(latin_name: str, cyrillic: str) -> None:
    res = match_names(latin_name, cyrillic)
    assert not res.match, res.explanation


def test_the_quoted_core_of_a_name_weighs_more() -> None:
    # АО «НЗ 70-Летия Победы» (the example): the quoted core holds the name
    weights = {f.tokens: f.weights for f in analyse("ООО «Вектор Плюс» Холдинг").forms}
    (tokens, w), *_ = weights.items()
    assert w[tokens.index("vektor")] == 1.0
    outside = [x for t, x in zip(tokens, w, strict=True) if t not in ("vektor", "plyus")]
    assert outside and all(x < 1.0 for x in outside)


@pytest.mark.parametrize(
    ("reading", "spelling"),
    [("mhmd", "muhammad"), ("mhmd", "mohamed"), ("hsyn", "hussein"), ("mqdad", "mekdad")],
)
def test_arabic_skeletons_meet_latin_spellings(reading: str, spelling: str) -> None:
    # "mhmd" vs "Muhammad" is the example
    assert arabic_key(reading) == arabic_key(spelling)
    assert script_alike(reading, spelling, "arab") is not None


def test_an_arabic_skeleton_keeps_the_glides_the_script_writes() -> None:
    # حسين (hsyn) is Hussein, not Hassan, though the skeletons are one
    assert arabic_key("hsyn") == arabic_key("hassan")
    assert script_alike("hsyn", "hassan", "arab") is None
    assert script_alike("hsn", "hassan", "arab") is not None


def test_the_arabic_article_is_left_out_of_the_reading() -> None:
    assert latin("المنصوري") == latin("منصوري")
    assert reading_script("خالد المنصوري") == "arab"
    assert reading_script("Елена") == "cyrl"
    assert reading_script("Elena") == ""


@pytest.mark.parametrize(
    ("latin_name", "arabic"),
    [
        ("Khalid al-Mansouri", "خالد المنصوري"),
        ("Mohamed Hussein Salem", "محمد حسين سالم"),
        ("Abdullah Mostafa", "عبدالله مصطفى"),
    ],
)
def test_arabic_names_meet_their_latin_spellings(latin_name: str, arabic: str) -> None:
    res = match_names(latin_name, arabic)
    assert res.match, res.explanation
    res = match_names(arabic, latin_name)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("latin_name", "arabic"),
    [
        # one word of the name matches by skeleton, the other not at all
        ("Mohamed Karimi", "محمد سليمان"),
        ("Youssef Hussein", "يوسف حسن"),
    ],
)
def test_a_skeleton_alone_does_not_match_another_arabic_name(latin_name: str, arabic: str) -> None:
    res = match_names(latin_name, arabic)
    assert not res.match, res.explanation


def test_a_business_word_meets_its_declined_cognate() -> None:
    # synthetic name; лазерные (lazernyye) against the business word Laser
    assert match_names("Orvelsk Laser Systems", "Орвельские Лазерные Системы").match


@pytest.mark.parametrize(
    ("latin_name", "cyrillic"),
    [
        # synthetic names; the Russian business words of the table, each against the English
        # that translates it (вертолётный helicopter, машиностроительный machine-building,
        # торговый дом trading house, государственный state, всероссийский All-Russian,
        # вычислительный computing, радиозавод radio plant, научно-производственный
        # research and production, особое конструкторское бюро special design bureau)
        ("Orvelsk Helicopter Plant", "Орвельский Вертолетный Завод"),
        ("JSC Orvelsk Machine-Building Plant", "АО «Орвельский Машиностроительный Завод»"),
        ("LLC Trading House Mulberry", "ООО «Торговый Дом «Малберри»"),
        (
            "State Production Association Orvelneft",
            "Государственное производственное объединение «Орвельнефть»",
        ),
        (
            "All-Russian Research Institute Kowan",
            "Всероссийский Научно-Исследовательский Институт «Кован»",
        ),
        ("Orvelsk Computing Systems", "Орвельские Вычислительные Системы"),
        ("Orvelsk Radio Plant Zarya", "Орвельский Радиозавод «Заря»"),
        (
            "Federal Research and Production Center Kowan",
            "Федеральный Научно-Производственный Центр «Кован»",
        ),
        ("Special Design Bureau Zarya", "Особое Конструкторское Бюро «Заря»"),
        ("Orvel Semiconductors", "Орвель-Полупроводники"),
        # ГРУПП is Group, a legal form's designation, on both sides
        ("Limited Liability Company Orvel-Group", "ООО «Орвель-ГРУПП»"),
    ],
)
def test_russian_business_words_meet_their_translations(latin_name: str, cyrillic: str) -> None:
    res = match_names(latin_name, cyrillic)
    assert res.match, res.explanation
    assert match_names(cyrillic, latin_name).match


@pytest.mark.parametrize(
    ("latin_name", "cyrillic"),
    [
        # synthetic names: the business words match, and the one proper-name word of each
        # shares a sound key with the other's (Volna prn, Prima prn) but not its spelling
        ("Scientific Production Enterprise Volna", "Научно-Производственное Предприятие «Прима»"),
        ("Scientific Research Institute Gradient", "Научно-Исследовательский Институт «Гириконд»"),
        # another business word is another company
        ("Orvelsk Helicopter Plant", "Орвельский Машиностроительный Завод"),
    ],
)
def test_a_cyrillic_word_must_be_spelt_near_what_it_sounds_like(
    latin_name: str, cyrillic: str
) -> None:
    res = match_names(latin_name, cyrillic)
    assert not res.match, res.explanation


def test_a_cyrillic_sound_match_stands_when_the_spellings_are_near() -> None:
    # synthetic name: Салют (salyut) and Salute share a sound key and are spelt alike
    res = match_names("Special Design Bureau Salute", "Особое Конструкторское Бюро «Салют»")
    assert res.match, res.explanation


def test_one_business_phrase_of_three_words_gives_its_initials() -> None:
    # synthetic names: ОКБ is Особое Конструкторское Бюро, beside the matched name Заря;
    # against the Cyrillic ОКБ the phrase also meets the abbreviation written out, against
    # a Latin name that keeps the abbreviation (OKB) only its initials do
    res = match_names("АО «Особое Конструкторское Бюро «Заря»", "АО «ОКБ «Заря»")
    assert res.match, res.explanation
    res = match_names("АО «Особое Конструкторское Бюро «Заря»", "JSC OKB Zarya")
    assert res.match, res.explanation
    assert "initials" in res.explanation
    # initials alone never make a match (the Cyrillic ОКБ alone is its phrase written out,
    # as НИИ alone is научно-исследовательский институт)
    assert not match_names("Особое Конструкторское Бюро", "OKB").match


@pytest.mark.parametrize(
    ("latin_name", "cyrillic"),
    [
        # synthetic names: a Russian abbreviation of a business phrase against the English
        # that translates it, or its initials, or the abbreviation as a Latin name keeps it
        ("Scientific Research Institute Kowan", "АО «НИИ «Кован»"),
        ("Zarya Design Bureau", "АО «КБ «Заря»"),
        ("STC Orvel LLC", "ООО НТЦ «Орвель»"),
        ("Joint Stock Company NII Kowan", "АО «НИИ «Кован»"),
        # ОКБ is experimental or special design bureau
        ("Experimental Design Bureau Zarya", "АО «ОКБ «Заря»"),
        ("Special Design Bureau Zarya", "АО «ОКБ «Заря»"),
    ],
)
def test_a_russian_abbreviation_meets_the_phrase_it_abbreviates(
    latin_name: str, cyrillic: str
) -> None:
    res = match_names(latin_name, cyrillic)
    assert res.match, res.explanation


def test_the_joining_word_po_is_no_abbreviation() -> None:
    # по (along, by) is also ПО, производственное объединение: it stays a joining word
    forms = analyse("Завод по ремонту «Орвель»").forms
    assert all("#production_association" not in f.tokens for f in forms)


def test_a_belarusian_apostrophe_is_part_of_its_word() -> None:
    # quoted from the EU consolidated list (a name and its Belarusian alias)
    res = match_names("Dzmitry Iurevich HARA", "Дзмітрый Юр'евіч ГАРА")
    assert res.match, res.explanation
    # the apostrophe joins the word; the name is the one given
    a = analyse("Юр’евіч")
    assert a.name == "Юр’евіч" and all(len(f.tokens) == 1 for f in a.forms)


@pytest.mark.parametrize(
    ("mixed", "one_script"),
    [
        # quoted from the EU's Official Journal: Latin look-alikes in Cyrillic words,
        # Cyrillic ones in Latin words, and Latin words of look-alikes between Cyrillic ones
        ("Дмитрий Алekcандрович", "Дмитрий Александрович"),
        ("Bладимир", "Владимир"),
        ("OАО ‘Машиностроительный завод’", "ОАО ‘Машиностроительный завод’"),
        ("Joint Stock Сompany", "Joint Stock Company"),
        ("JSС ‘Krasmash’", "JSC ‘Krasmash’"),
        ("Oбщество C Ограниченной Ответственностью", "Общество С Ограниченной Ответственностью"),
        ("OOO “Остек-CT", "ООО “Остек-СТ"),
        # synthetic: a Latin word beside a Latin one stays Latin, and so does one with a
        # letter that has no Cyrillic look-alike
        ("PMC Redoubt (ЧВК Редут)", "PMC Redoubt (ЧВК Редут)"),
        ("ООО Lada Групп", "ООО Lada Групп"),
    ],
)
def test_look_alike_letters_are_read_in_the_script_of_their_word(
    mixed: str, one_script: str
) -> None:
    assert unmixed(mixed) == one_script
    assert analyse(mixed).forms == analyse(one_script).forms


def test_a_name_with_look_alike_letters_matches() -> None:
    # quoted from the EU's Official Journal (one entry's Latin name and its Cyrillic one,
    # whose CT is typed in Latin letters)
    res = match_names("OSTEC-ST LTD", "OOO “Остек-CT")
    assert res.match, res.explanation
