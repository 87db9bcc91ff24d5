"""Hepburn readings of Japanese chunks (``dualuse.screening.romaji.romaji_words``)."""

from __future__ import annotations

import pytest

from dualuse.screening import match_names
from dualuse.screening.romaji import romaji_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # shinjitai that are also simplified forms (温) are read as written: their
        # traditional forms (溫) are not in the Japanese dictionary
        ("大成温調", ("taisei", "on", "cho")),
        ("温泉", ("onsen",)),
        # a Japanese name written in simplified Chinese is still read in traditional form
        ("东芝", ("toshiba",)),
        ("東芝", ("toshiba",)),
        ("三菱重工業", ("mitsubishi", "jukogyo")),
    ],
)
def test_reading(text: str, words: tuple[str, ...]) -> None:
    assert romaji_words.__wrapped__(text) == words


def test_a_shinjitai_name_keeps_all_its_words() -> None:
    # EDINET's English name of 大成温調 is Taisei Oncho; Taisei Corporation is another filer
    assert match_names("大成温調株式会社", "taisei oncho co.,ltd.").match
    assert not match_names("大成温調株式会社", "Taisei Corporation").match
