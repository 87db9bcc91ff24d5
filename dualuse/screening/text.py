"""Character-level normalisation: width, case, accents, punctuation, and script runs.

These steps are the same for a listed name and for a query, so that comparison happens
between like and like. Each is a small pure function, cached where it sits on the hot path.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dualuse.screening.translit import latin as translit_latin
from dualuse.screening.translit import needs_reading

Script = Literal["latin", "cjk"]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC (full-width letters, half-width kana, ㈱ -> (株)) then case folding."""
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=65536)
def ascii_fold(word: str) -> str:
    """Strip accents and macrons (Jūkōgyō -> jukogyo); keeps only a-z and 0-9."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def is_han(ch: str) -> bool:
    """A CJK ideograph (any block), or the iteration marks 々 and 〆."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x3134F
        or 0xF900 <= o <= 0xFAFF
        or ch in "々〆〇"
    )


def is_kana(ch: str) -> bool:
    """Hiragana, katakana and the long-vowel mark (not the middle dot ・, a separator)."""
    o = ord(ch)
    return (0x3040 <= o <= 0x309F or 0x30A0 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF) and o != 0x30FB


def is_hangul(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


@dataclass(frozen=True, slots=True)
class Run:
    """A maximal stretch of one script; ``cjk`` covers Han, kana and Hangul together."""

    script: Script
    text: str


#: a word: letters and digits of any script (ASCII ones need no folding)
LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)


_CJK_CLASS = (
    "\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff"  # kana, not the middle dot
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆〇"  # Han
    "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"  # Hangul
)
_PIECE = re.compile(f"([{_CJK_CLASS}]+)|((?:(?![{_CJK_CLASS}])[^\\W_])+)")


@lru_cache(maxsize=65536)
def runs(text: str) -> tuple[Run, ...]:
    """Split folded text into Latin and CJK runs; punctuation and spaces end a CJK run.

    Latin runs keep inner spaces (words are split later; punctuation inside becomes a
    space); CJK runs are cut at spaces and punctuation because CJK names have no spaces
    inside words. A change of script always ends a run.
    """
    if text.isascii():
        # no CJK character: one Latin run of the words (the same as the loop below)
        words = LATIN_WORD.findall(text)
        return (Run("latin", " ".join(words)),) if words else ()
    out: list[Run] = []
    latin: list[str] = []
    for m in _PIECE.finditer(text):
        cjk, word = m.group(1), m.group(2)
        if cjk:
            if latin:
                out.append(Run("latin", " ".join(latin)))
                latin = []
            out.append(Run("cjk", cjk))
        else:
            latin.append(word)
    if latin:
        out.append(Run("latin", " ".join(latin)))
    return tuple(out)


def latin_words(text: str, lang: str | None = None) -> list[str]:
    """Lower-case ASCII words of a run ("K.K." -> ["k", "k"]; "Ростех" -> ["rostekh"]).

    Words in Cyrillic, Greek, Arabic and other scripts are read in Latin letters
    (:mod:`dualuse.screening.translit`; Cyrillic in the romanisation of ``lang``, the
    language of the whole name, when it is told); accented Latin is folded to ASCII.
    """
    if text.isascii():
        # ASCII letters and digits fold to themselves
        return LATIN_WORD.findall(text)
    return [w for w in (_ascii_word(m, lang) for m in LATIN_WORD.findall(text)) if w]


@lru_cache(maxsize=65536)
def _ascii_word(word: str, lang: str | None = None) -> str:
    if needs_reading(word):
        return translit_latin(word, lang)
    return ascii_fold(word)


#: plurals that are a word of their own, not more of the singular (securities, the
#: stocks and bonds, are not "security")
_OWN_PLURALS = frozenset({"securities"})


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """English plural to singular for words of five letters or more (engines -> engine)."""
    if len(word) < 5 or word.isdigit() or word in _OWN_PLURALS:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_VOWEL_H = re.compile(r"([aeiou])h(?=[^aeiouy]|$)")
#: small-kana syllables as passport romanisation spells them (ファ fua, ディ dei, チェ chie)
#: and as Hepburn does (fa, di, che)
_SMALL_KANA: tuple[tuple[str, str], ...] = (
    ("fua", "fa"),
    ("fui", "fi"),
    ("fue", "fe"),
    ("fuo", "fo"),
    ("dei", "di"),
    ("chie", "che"),
    ("bua", "va"),
)
_LONG = (("ou", "o"), ("uu", "u"), ("oo", "o"), ("aa", "a"), ("ii", "i"), ("ee", "e"))
#: е after a vowel in a surname's -ев / -ева (Малофеев): ye in BGN/PCGN, e elsewhere
_SLAVIC_YE = re.compile(r"(?<=[aeiou])ye(?=va?$)")
_M_BP = re.compile(r"m(?=[bp])")


@lru_cache(maxsize=131072)
def loose(word: str) -> str:
    """A romanisation-tolerant key: long vowels written plain, syllabic n before b/p,
    small-kana syllables in their Hepburn spelling.

    Juukougyou, Jūkōgyō, Jukogyo and Juhkohgyoh all give ``jukogyo``; Shimbashi and Shinbashi
    give ``shinbashi``; passport-style Deifuensu and Hepburn Difensu give ``difensu``.
    The ye of a Russian surname's -ev after a vowel, which BGN/PCGN writes and other
    systems do not, is e (Malofeyev, Malofeev: ``malofev``). Applied to every Latin word on
    both sides, so English words change too (group -> grop), consistently.
    """
    w = _VOWEL_H.sub(r"\1", word)
    w = _SLAVIC_YE.sub("e", w)
    for a, b in _SMALL_KANA:
        w = w.replace(a, b)
    for a, b in _LONG:
        w = w.replace(a, b)
    return _M_BP.sub("n", w)


_SKELETON_FOLD = str.maketrans({"c": "k", "q": "k", "l": "r", "v": "b", "x": "k", "z": "s"})
_NON_CONSONANT = re.compile(r"[aeiouyhw0-9]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Consonant skeleton of a romanised word, tolerant of katakana spellings of loanwords.

    ``nakaraitesuku`` (ナカライテスク) and ``nacalaitesque`` both give ``nkrtsk``: c/q -> k,
    l -> r, v -> b; vowels, h, w and y dropped; doubled consonants merged.
    """
    s = text.replace("ph", "f").replace("th", "s").replace("ck", "k").replace("tsu", "tu")
    s = _NON_CONSONANT.sub("", s.translate(_SKELETON_FOLD))
    return _DOUBLED.sub(r"\1", s)


__all__ = [
    "LATIN_WORD",
    "Run",
    "ascii_fold",
    "fold",
    "is_han",
    "is_hangul",
    "is_kana",
    "latin_words",
    "loose",
    "runs",
    "singular",
    "skeleton",
    "sound",
    "sound_rhotic",
    "sound_vowels",
]


_SOUND_DIGRAPHS = (
    ("tch", "s"), ("sch", "s"), ("ph", "f"), ("th", "s"), ("sh", "s"), ("ch", "s"),
    ("ck", "k"), ("kh", "k"), ("gh", "g"), ("ts", "s"), ("tz", "s"),
    ("dz", "s"), ("x", "ks"), ("qu", "k"),
)  # fmt: skip
_NON_RHOTIC = re.compile(r"(?<=[aeiouy])r(?=[^aeiouy]|$)")
_SOUND_FOLD = str.maketrans(
    {"b": "p", "f": "p", "v": "p", "d": "t", "g": "k", "c": "k", "q": "k", "z": "s", "j": "s",
     "l": "r", "m": "n"}
)  # fmt: skip
_SOUNDLESS = re.compile(r"[aeiouyhw0-9]")


_SOFT_C = re.compile(r"c(?=[eiy])")
#: ng is one sound before a consonant or at the end of a word; before a vowel it may be
#: n and g (한국 hanguk, Hankook)
_NG = re.compile("ng(?![aeiouy])")


@lru_cache(maxsize=131072)
def sound(word: str) -> str:
    """A coarse sound key of a romanised word, for readings of other scripts.

    Katakana, Hangul and Chinese renderings of a foreign name keep its consonants but not
    their voicing, its r and l apart, or an English r after a vowel: ファミリー (famiri) and
    family, 코스맥스 (koseumaegseu) and Cosmax, 格鲁曼 (geluman) and Grumman, 萨顿 (sadun) and
    Sutton give the same key. Vowels, h, w and y are dropped, voiced and voiceless
    consonants merged, doubled ones joined. Coarser than :func:`skeleton`, so the scorer
    uses it only between a reading of another script and a word (never Latin vs Latin).
    """
    return sound_rhotic(_NON_RHOTIC.sub("", word))


@lru_cache(maxsize=131072)
def sound_rhotic(word: str) -> str:
    """:func:`sound` with every r kept: a Chinese transcription writes the r that English
    leaves unsounded after a vowel (尔 er in 加拉格尔, Gallagher)."""
    s = _SOFT_C.sub("s", word)
    s = _NG.sub("n", s)
    for a, b in _SOUND_DIGRAPHS:
        s = s.replace(a, b)
    s = _SOUNDLESS.sub("", s.translate(_SOUND_FOLD))
    return _DOUBLED.sub(r"\1", s)


_VOWEL_FOLD = str.maketrans({"e": "e", "o": "o", "y": "i"})
_NO_SOUND = re.compile(r"[hw0-9]")


@lru_cache(maxsize=131072)
def sound_vowels(word: str) -> str:
    """:func:`sound` with the vowels kept: ガリレイ (garirei) and Galilei give the same key.

    Katakana keeps a loanword's vowels; where the consonants alone are too few to tell
    words apart, the vowels they come with do.
    """
    s = _SOFT_C.sub("s", _NON_RHOTIC.sub("", word))
    s = _NG.sub("n", s)
    for a, b in _SOUND_DIGRAPHS:
        s = s.replace(a, b)
    s = _NO_SOUND.sub("", s.translate(_SOUND_FOLD).translate(_VOWEL_FOLD))
    return _DOUBLED.sub(r"\1", _VOWEL_RUN.sub(_vowel_run, s))


_VOWEL_RUN = re.compile("[aeiou]{2,}|o")
#: vowels that romanisations of one Korean vowel write differently (성 seong / sung / song,
#: 금 geum / kum, 대 dae / dai, 이 yi / ee): McCune-Reischauer's ŏ and ŭ lose their breve
_VOWEL_SPELLINGS = (("eo", "u"), ("eu", "u"), ("ae", "e"), ("ai", "e"), ("ee", "i"), ("o", "u"))


def _vowel_run(m: re.Match[str]) -> str:
    run = m.group()
    for a, b in _VOWEL_SPELLINGS:
        run = run.replace(a, b)
    return run
