"""Loanwords written in katakana or Hangul, compared with the Latin words they come from.

Japanese and Korean company names write English words by their sound: ロイヤル (roiyaru) for
Royal, ホールディングス (horudingusu) for Holdings, 와이즈버즈 (waijeubeojeu) for Wise birds,
often run together without spaces (ロイヤルホールディングス). Their romanisations are far from
the English spelling by edit distance; under a sound key they are close. The key here is
:func:`dualuse.screening.text.sound` (vowels, h, w and y dropped, voicing, l / r, f / p /
b / v merged, th read as s), which follows what the two standards do with English sounds:

* the Japanese Cabinet notice on the katakana writing of foreign words (外来語の表記, 1991)
  writes l and r alike (ラ行), v as バ行 (or ヴ), th as サ / ザ行, and a long vowel with the
  mark ー, so an English r after a vowel is not written (アーツ for Arts); a consonant
  without a vowel of its own gains one (u, o after t and d: ク, ス, ト, ド), as Japanese
  syllables end in a vowel or ン;
* Korea's rules for writing foreign words (외래어 표기법, 1986) write l and r alike (ㄹ), f as
  ㅍ, v as ㅂ, th as ㅅ, an English r after a vowel not at all (버즈 for birds), and a
  consonant without a vowel with the vowel 으 (eu); [dz] at the end of a word is ㅈ (즈).

Points the sound key needs told: the vowel a loanword gains after ng (ホールディングス,
horudingusu: ng before a vowel may be n and g, in a Japanese or Korean word) is dropped from
the reading, and so is the doubling of a consonant (ッ); an English ds is read as the dz it
sounds (Birds, 버즈; Kids, キッズ), and a g before e, i or y as j (Management, マネジメント).

A reading is compared with a run of consecutive words of the other name (one or more), joined:
a run of kana written without spaces stands for several English words (ロイヤルホールディング
ス for Royal Holdings). Only readings of kana or Hangul are compared this way, and only with
a Latin name; a run made only of business words (Group, Holdings) never matches on its own
(:func:`dualuse.screening.score.compare` credits a match as it credits a sound match). The
key keeps consonants only: short words (Lion, ライオン: two consonants) are left to the other
passes, since too many words share a key that short.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dualuse.screening.text import is_hangul, is_kana, sound

#: the most words of the other name one reading is compared with, joined
LOAN_SPAN = 6
#: the fewest consonants a key must have to be compared
LOAN_MIN = 3

#: the vowel a Japanese (u) or Korean (eu) reading gains after ng before a consonant or at
#: the end of the word (horudingusu, kingeu)
_NG_VOWEL = re.compile(r"(?<=ng)(?:eu|u)(?=[^aeiou]|$)")
#: an English ds, read as the dz it sounds (the key reads dz as one sound, as ズ / 즈 write it)
_DS = re.compile(r"ds(?![aeiouy])")
_DOUBLED = re.compile(r"(.)\1+")
_SOFT_G = re.compile(r"(?<!g)g(?=[eiy])")


@lru_cache(maxsize=65536)
def is_loan_source(surface: str) -> bool:
    """Whether a token's source text is kana or Hangul (a reading compared as a loanword)."""
    return not surface.isascii() and any(is_kana(c) or is_hangul(c) for c in surface)


@lru_cache(maxsize=65536)
def reading_key(reading: str) -> str:
    """The loanword key of a romanised kana or Hangul word (horudingusu -> rtns); a doubled
    consonant (the small ッ before it: プラッツ puratsu, Platz) is one."""
    return sound(_DOUBLED.sub(r"\1", _NG_VOWEL.sub("", reading)))


@lru_cache(maxsize=65536)
def words_key(words: tuple[str, ...]) -> str:
    """The loanword key of Latin words joined (Royal Holdings -> rtns): the words' keys run
    together, a consonant doubled across words written once, as a reading run together
    writes it (Robot Home, not the th of robothome)."""
    return _DOUBLED.sub(r"\1", "".join([sound(_latin_sounds(w)) for w in words]))


def _latin_sounds(word: str) -> str:
    """An English word's spelling where it sounds otherwise than the sound key reads it: ds
    as dz, g before e, i or y as the j it sounds (Management, マネジメント; Digital, デジタル)."""
    return _SOFT_G.sub("j", _DS.sub("dz", word))


def spans(words: tuple[str, ...]) -> list[tuple[int, int]]:
    """The runs of consecutive words a reading may stand for: (start, end) of every run of
    one to :data:`LOAN_SPAN` words, none of them empty (an empty word ends a run)."""
    out: list[tuple[int, int]] = []
    n = len(words)
    for start in range(n):
        if not words[start]:
            continue
        for end in range(start + 1, min(n, start + LOAN_SPAN) + 1):
            if not words[end - 1]:
                break
            out.append((start, end))
    return out


__all__ = ["LOAN_MIN", "LOAN_SPAN", "is_loan_source", "reading_key", "spans", "words_key"]
