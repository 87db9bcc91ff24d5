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
    assert names_of(text) == (text,)


def test_a_name_with_its_acronym_matches_the_name_without_it() -> None:
    assert match_names("Rosoboronexport OJSC (ROE)", "АО «Рособоронэкспорт»").match
    assert match_names("All-Russia State Broadcasting Company (VGTRK)", "ВГТРК").match
