"""The names a written name stands for: annotations and bracketed acronyms.

Names marked synthetic were made up for these tests; the others are quoted from the EU and
OFAC lists' own entries (Rosoboronexport, IRGC, VGTRK).
"""

from __future__ import annotations

import pytest

from dualuse.screening import match_names
from dualuse.screening.annotations import names_of


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Rosoboronexport OJSC (ROE)",
            ("Rosoboronexport OJSC (ROE)", "Rosoboronexport OJSC", "ROE"),
        ),
        (
            "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE",
            (
                "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE",
                "ISLAMIC REVOLUTIONARY GUARD CORPS -QODS FORCE",
                "IRGC",
            ),
        ),
        (
            "Acme Ltd (formerly Beta K.K.)",
            ("Acme Ltd (formerly Beta K.K.)", "Acme Ltd", "Beta K.K."),
        ),
    ],
)
def test_bracketed_acronyms_and_annotations_give_names(text: str, want: tuple[str, ...]) -> None:
    assert names_of(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "AERO ORVANTE (USA) INC.",  # synthetic: a place
        "ORVEL BIO-TECH (ASIA) LIMITED",  # synthetic: a place
        "Orvel Electronic (HK) Co., Limited",  # synthetic: too short, and a place
        "ORVEL SHIPPING (DALIAN) CO., LTD.",  # synthetic: all capitals, not the initials
        "Orvel Trading (Tokyo)",  # synthetic: a place, not capitals
        "Orvel General Trading LLC (UAE)",  # synthetic: a country rigour knows
        "Orvel Trading (A-B)",  # synthetic: two letters
    ],
)
def test_places_and_words_in_brackets_are_no_acronym(text: str) -> None:
    # the bracketed word is never a name of its own; a bracketed part that ends a name of
    # two words or more leaves the name without it as another
    inner = text[text.index("(") + 1 : text.index(")")]
    got = names_of(text)
    assert got[0] == text and inner not in got
    without = " ".join(text.replace(f"({inner})", " ").split())
    assert set(got) <= {text, without}
    assert (without in got) == text.endswith(")")


def test_a_name_with_its_acronym_matches_the_name_without_it() -> None:
    assert match_names("Rosoboronexport OJSC (ROE)", "АО «Рособоронэкспорт»").match
    assert match_names("All-Russia State Broadcasting Company (VGTRK)", "ВГТРК").match


def test_a_bracketed_part_that_ends_a_name() -> None:
    # quoted from the EU consolidated list: another spelling in brackets
    assert "Lev Anatolyevich Yershov" in names_of("Lev Anatolyevich Yershov (Ershov)")
    res = match_names("Lev Anatolyevich Yershov (Ershov)", "Лев Анатольевич Ершов")
    assert res.match, res.explanation
    # synthetic: one word before the brackets is not read so (Acme (Holdings) is Acme)
    assert names_of("Acme (Holdings)") == ("Acme (Holdings)",)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # quoted from the EU consolidated list
        ("Igor Nikolaevich BEZLER (a.k.a. Bes (devil))", "Igor Nikolaevich BEZLER"),
        # synthetic: the markers written with full stops, in brackets or not
        ("Acme Ltd (f.k.a. Beta K.K.)", "Beta K.K."),
        ("Acme Trading d.b.a. Beta Shop", "Beta Shop"),
    ],
)
def test_markers_written_with_full_stops(text: str, name: str) -> None:
    assert name in names_of(text)


def test_initials_with_full_stops_are_no_marker() -> None:
    assert names_of("A.B.A. Trading") == ("A.B.A. Trading",)


def test_two_words_with_a_slash_between_them() -> None:
    # quoted from the EU consolidated list (a name and its Ukrainian alias)
    assert {"Vladimir LIPCHENKO", "Volodymyr LIPCHENKO"} <= set(
        names_of("Vladimir/ Volodymyr LIPCHENKO")
    )
    res = match_names("Vladimir/ Volodymyr LIPCHENKO", "Володимир ЛИПЧЕНКО")
    assert res.match, res.explanation
    # synthetic: a vessel prefix and numbers are no words to choose between
    assert names_of("M/V OCEAN STAR") == ("M/V OCEAN STAR",)
    assert names_of("1/2 Inc") == ("1/2 Inc",)


def test_a_name_written_in_two_scripts_gives_each() -> None:
    # quoted from the EU's Official Journal: a Korean person written in Latin letters and
    # in Hangul, side by side
    assert names_of("PAK Kwang Hun 박광훈") == ("PAK Kwang Hun 박광훈", "PAK Kwang Hun", "박광훈")
    res = match_names("KIM Ho Kyu 김호규", "KIM Ho Gyu")
    assert res.match, res.explanation
    # synthetic: one Latin word (LG), or a Cyrillic word (most often a surname alone), is
    # not split off
    assert names_of("LG 에너지솔루션") == ("LG 에너지솔루션",)
    assert names_of("Ivan Petrov Иванов") == ("Ivan Petrov Иванов",)
