from dualuse.screening.han import fold_han
from dualuse.screening.text import ascii_fold, fold, loose, runs, singular, skeleton


def test_fold_width_case_and_enclosed_forms() -> None:
    assert fold("ＭＨＩ　Ａｅｒｏ") == "mhi aero"
    assert fold("㈱トーキン") == "(株)トーキン"
    assert fold("ｶﾌﾞｼｷｶﾞｲｼｬ") == "カブシキガイシャ"


def test_long_vowel_spellings_share_one_key() -> None:
    keys = {loose(ascii_fold(fold(w))) for w in ["Jūkōgyō", "Juukougyou", "Jukogyo", "Juhkohgyoh"]}
    assert keys == {"jukogyo"}
    assert loose("shimbashi") == loose("shinbashi")


def test_singular_only_for_longer_words() -> None:
    assert singular("engines") == "engine"
    assert singular("industries") == "industry"
    assert singular("ihis") == "ihis"
    assert singular("business") == "business"


def test_runs_split_scripts_and_punctuation() -> None:
    parts = runs(fold("IHI原动机株式会社 (Japan)"))
    assert [(r.script, r.text) for r in parts] == [
        ("latin", "ihi"),
        ("cjk", "原动机株式会社"),
        ("latin", "japan"),
    ]


def test_skeleton_bridges_katakana_spelling() -> None:
    assert skeleton("nakaraitesuku") == skeleton("nacalaitesque")
    assert skeleton("mitsubishi") != skeleton("mitsui")


def test_han_fold_joins_shinjitai_traditional_simplified() -> None:
    forms = {fold_han(s) for s in ["発動機", "發動機", "发动机"]}
    assert forms == {"发动机"}
    assert fold_han("東京") == "东京"
    assert len(fold_han("三菱重工業")) == 5


def test_fold_han_of_a_string_is_the_fold_of_each_character() -> None:
    from dualuse.screening.han import fold_char

    text = "三菱重工業發動機发动机東京ーABc株式会社𠀋"
    assert fold_han(text) == "".join(fold_char(c) for c in text)
    assert fold_han(text) == fold_han(text)  # the table filled on first sight gives the same


def test_the_ye_of_a_russian_surnames_ev_is_e() -> None:
    # synthetic surnames: BGN/PCGN writes е after a vowel ye, other systems e
    assert loose("orlofeyev") == loose("orlofeev")
    assert loose("orlofeyeva") == loose("orlofeeva")
    assert loose("yershov") == "yershov"  # a word-initial ye is another matter
    assert loose("reyes") == "reyes"  # only the surname ending


def test_a_surname_in_two_romanisations_matches() -> None:
    from dualuse.screening import match_names

    # synthetic name
    res = match_names("ORLOFEYEV, Konstantin", "ORLOFEEV, Konstantin Petrovich")
    assert res.match, res.explanation
