"""Korean personal names read syllable by syllable, and the romanisations of one syllable.

A Korean person is named in three Hangul syllables, most often (surname, then a given name
of two): 서상국, 김수일. Written in Latin letters, the syllables stand apart (SO Sang-kuk,
KIM Su Il) and each is spelt in one of several systems: the Revised Romanization of 2000
(seo sang guk), McCune-Reischauer as sanctions lists and North Korean names write it without
its breves and apostrophes (so sang kuk; ch'ŏl chol), or the spellings people choose for
themselves (hyuk for 혁, choi for 최, djang for 장). Read as one word, as the Hangul reading
of the whole name is (seosanggug), such a name never meets its Latin spelling word by word.

:func:`person_syllables` reads a short Hangul name as its syllables, each in ICU's
transliteration; :func:`syllable_key` folds the spellings of one syllable to one key: the
consonants the systems voice differently (g/k, d/t, b/p, j/ch), the vowels they write
differently (ŏ as eo, o or u; ŭ as eu or u; ae as ae or e; 최 oe as oe or oi), r and l.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dualuse.screening.translit import latin

#: the lengths of a Hangul name read as a person's syllables: a surname of one syllable (or
#: two: 남궁, 제갈) and a given name of one to three
PERSON_SYLLABLES = (2, 4)
#: the longest Latin word compared as one syllable (chyeong, djang, tcheul)
SYLLABLE_MAX = 7

#: spellings of one sound, longest first: consonants (McCune-Reischauer's voiceless k, t,
#: p, ch against the Revised Romanization's g, d, b, j; French-style dj and tch), then vowels
_CONSONANTS = (
    ("tch", "c"), ("dj", "c"), ("ch", "c"), ("j", "c"), ("sh", "s"), ("kk", "k"),
    ("tt", "t"), ("pp", "p"), ("ss", "s"), ("ng", "N"), ("g", "k"), ("d", "t"), ("b", "p"),
    ("r", "l"), ("f", "p"),
)  # fmt: skip
_VOWELS = (
    ("yeo", "yu"), ("yo", "yu"), ("weo", "wu"), ("wo", "wu"), ("oe", "we"), ("oi", "we"),
    ("eo", "u"), ("eu", "u"), ("ae", "e"), ("ai", "e"), ("ee", "i"), ("ui", "i"), ("o", "u"),
)  # fmt: skip
#: a y that is no glide (Hy for 희, ky for 기): said i
_Y_VOWEL = re.compile(r"y(?![aeiou])")


@lru_cache(maxsize=65536)
def syllable_key(word: str) -> str:
    """One romanised Korean syllable's key (lower-case ASCII letters; "" for other text):
    chol, cheol and tcheul (철) give one key, as do so and seo (서), kuk and guk (국), hyok,
    hyuk and hyeok (혁), choe and choi (최). The key merges some distinct syllables (o and
    u, 소 so and 수 su), so it is compared only where a Hangul name is read syllable by
    syllable."""
    s = word.casefold().replace("'", "")
    if not s.isascii() or not s.isalpha():
        return ""
    for a, b in _CONSONANTS:
        s = s.replace(a, b)
    s = _Y_VOWEL.sub("i", s)
    for a, b in _VOWELS:
        s = s.replace(a, b)
    return s


def person_syllables(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A Hangul name of :data:`PERSON_SYLLABLES` syllables (one space between them at most)
    as its syllables (surfaces) and their transliterations (tokens); None for any other
    name."""
    text = name.strip()
    if text.count(" ") > 1:
        return None
    chars = text.replace(" ", "")
    lo, hi = PERSON_SYLLABLES
    if not lo <= len(chars) <= hi or not all(0xAC00 <= ord(c) <= 0xD7A3 for c in chars):
        return None  # Hangul syllables only (no jamo, no other script)
    words = tuple(latin(c) for c in chars)
    if not all(words):
        return None
    return tuple(chars), words


__all__ = ["PERSON_SYLLABLES", "SYLLABLE_MAX", "person_syllables", "syllable_key"]
