"""Chinese transcriptions of Western names read back to the Latin words they transcribe.

The Latin-Chinese pairs marked "quoted" are printed so in MOFCOM's countermeasure notices
(pairs of the outside evaluation set, from OpenSanctions' China sanctions data); the others
are synthetic, made up for these tests.
"""

from __future__ import annotations

import pytest

from dualuse.screening import match_names
from dualuse.screening.transcription import keys, looks_transcribed, transcribes, word_keys

from .one_path import one_place_index, screen_finds


@pytest.mark.parametrize(
    ("han", "word"),
    [
        ("戴维斯", "Davies"),  # 维 wei for v
        ("加拉格尔", "Gallagher"),  # 加 jia for ga, 尔 for an r English does not sound
        ("克里斯托弗", "Christopher"),  # ch said k
        ("普维斯", "Purvis"),
        ("特克尔", "Turkel"),
        ("戴維斯", "Davies"),  # synthetic: traditional characters
    ],
)
def test_a_transcription_is_read_back(han: str, word: str) -> None:
    assert transcribes(han, word.casefold())


@pytest.mark.parametrize(
    ("han", "word"),
    [
        ("中環", "hyosung"),  # synthetic: a Chinese name, no mark of transcription
        ("大同", "tohan"),
        ("特克尔", "tdk"),  # synthetic: no vowel in the Latin word; the r is written
        ("艾维奥克斯", "arcs"),  # synthetic: a long run needs three consonants
        ("戴维斯", "dennis"),  # synthetic: other consonants
    ],
)
def test_other_words_are_not_transcriptions(han: str, word: str) -> None:
    assert not transcribes(han, word)


def test_what_looks_transcribed() -> None:
    assert looks_transcribed("斯特恩")
    assert not looks_transcribed("萨拉")  # no mark: Chinese names use these too
    assert not looks_transcribed("中吉精機")
    assert keys("斯") == frozenset()  # one character says too little
    # as spelt (the r after a vowel unsounded or written) and with its gh silent
    assert word_keys("gallagher") == {"krk", "krkr", "kr"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mike Gallagher", "麦克·加拉格尔"),  # quoted
        ("John Purvis", "约翰·普维斯"),  # quoted
        ("Michael J. Carnovale", "迈克尔·卡诺维尔"),  # quoted
        ("Agnes Soeder", "阿格内斯·苏德"),  # quoted
        ("HENSOLDT AG", "亨索尔特公司"),  # quoted
        ("Aveox, Inc.", "艾维奥克斯公司"),  # quoted
    ],
)
def test_transcribed_names_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
    assert match_names(b, a).match


@pytest.mark.parametrize(
    ("query", "target", "other"),
    [
        # synthetic: a Latin query against a listed transcription, and the other way round
        ("Dana Gallagher", "达纳·加拉格尔", "Dana Trading"),
        ("达纳·加拉格尔", "Dana Gallagher", "达纳贸易"),
    ],
)
def test_screen_finds_a_transcription(query: str, target: str, other: str) -> None:
    screen_finds(one_place_index(target, other), query, target)
