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
key keeps consonants only, so too many words share a short one: a katakana key of one to
three consonants (Lion, ライオン: rn) pairs only when the reading is also how katakana writes
the English words (:func:`dualuse.screening.english_kana.written_alike`, vowels and all);
Hangul keys need five.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dualuse.screening.text import is_hangul, is_kana

#: the most words of the other name one reading is compared with, joined
LOAN_SPAN = 6
#: the fewest consonants a key must have to be compared, per family (katakana, Hangul): a
#: katakana key of one consonant (ロイヤル, Royal: r; ハブ, Hub: b) is compared as every
#: short key is, only when the reading is how katakana writes the English words
LOAN_MIN = {"k": 1, "h": 5}
#: the fewest a key must have to pair a reading on its own: three are shared by too many
#: names (スズケン and The Keihin, サクサ and Siix), so a shorter katakana key is checked
#: against the katakana of the English words (:func:`short_key`)
LOAN_SURE = {"k": 4, "h": 5}

#: the vowel a Korean (eu) or Japanese (u) reading gains after ng before a consonant or at
#: the end of the word (kingeu, horudingusu)
_NG_VOWEL = re.compile(r"(?<=ng)(?:eu|u)(?=[^aeiou]|$)")
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL = re.compile("[aeiou]")


@lru_cache(maxsize=65536)
def is_loan_source(surface: str) -> bool:
    """Whether a token's source text is kana or Hangul (a reading compared as a loanword)."""
    return not surface.isascii() and any(is_kana(c) or is_hangul(c) for c in surface)


@lru_cache(maxsize=65536)
def is_kana_source(surface: str) -> bool:
    """Whether a token's source text is kana (compared by the katakana key)."""
    return not surface.isascii() and any(is_kana(c) for c in surface)


def loanable(token: str, surface: str) -> bool:
    """Whether a plain token is a reading of kana or Hangul compared as a loanword: read
    from kana or Hangul, of four letters or more with a vowel (Latin initials spelt in
    letter names, SBS for エスビーエス, are compared as initials, not by their sound)."""
    return (
        not surface.isascii()
        and len(token) >= 4
        and token.isascii()
        and token.isalpha()
        and _VOWEL.search(token) is not None
        and is_loan_source(surface)
    )


#: English spellings of one katakana sound, in order (the Cabinet notice's kana for
#: English sounds): ture as チャ (venture ベンチャー, manufacturing マニュファクチャリング),
#: tion as ション, th as ス, ph as フ, ck, c and q as ク, ch as チ (but the
#: ch of tech, chemical, chrome and sch as ク), soft c as ス, x as クス, dg and soft g as
#: ジ, ds and dz as ズ, tz as ツ, silent k and w
_ENGLISH_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        ("ture", "Qa"), (r"tur(?=i)", "Qar"),
        (r"ti(?=on)", "sh"), ("th", "s"), ("ph", "f"), ("ck", "k"), ("qu", "kw"), ("q", "k"),
        (r"(?<=te)ch|sch|ch(?=r|em)", "k"), ("tch", "ch"), ("ch", "Q"),
        (r"c(?=[eiy])", "s"), ("c", "k"), ("x", "ks"), ("dg", "j"), (r"(?<!g)g(?=[eiy])", "j"),
        (r"d[sz]", "z"), ("tz", "ts"), ("^kn", "n"), ("^wr", "r"), ("Q", "ch"),
    )
)  # fmt: skip
#: sounds katakana writes alike, for English and Hepburn spellings both: シ for sh and s
#: (シティ for city), ラ行 for l and r, バ行 for v and b, ズ / ス for z and s (and ン for
#: m before b and p, once the vowels are gone: see _key)
_KATAKANA_ALIKE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b) for a, b in (("sh", "s"), ("l", "r"), ("v", "b"), ("z", "s"))
)
#: sounds Hangul writes alike (외래어 표기법's letters for English sounds), for English
#: and Revised Romanisation spellings both: 시 for sh and s, ㄹ for l and r, ㅂ for v and b,
#: ㅍ for f and p, ㅈ for z and j, and s where it sounds z (와이즈 for wise); and voicing,
#: which Hangul letters keep only by their place in the word (ㄱ is g or k)
_HANGUL_ALIKE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        ("sh", "s"), ("l", "r"), ("v", "b"), ("f", "p"), ("z", "s"), ("j", "s"), ("b", "p"),
        ("d", "t"), ("g", "k"),
    )
)  # fmt: skip
#: an r after a vowel and before a consonant or the end: not sounded in English, written
#: as a long vowel (ー) in katakana and not at all in Hangul
_R_AFTER_VOWEL = re.compile(r"(?<=[aeiou])r(?=[^aeiou]|$)")
#: what the keys leave out: vowels, and h, w, y (silent or written with a vowel)
_SILENT = re.compile("[aeiouhwy0-9]")
_M_BEFORE_BP = re.compile("m(?=[bp])")


def _key(
    word: str, english: bool, alike: tuple[tuple[re.Pattern[str], str], ...], kana: bool
) -> str:
    w = word
    if english:
        w = _R_AFTER_VOWEL.sub("", w)
        for pattern, repl in _ENGLISH_SPELLINGS:
            w = pattern.sub(repl, w)
    for pattern, repl in alike:
        w = pattern.sub(repl, w)
    w = w.replace("ch", "q").replace("ts", "c")
    w = _SILENT.sub("", w)
    if kana:
        # m before b or p once the vowels are gone: katakana writes an English m there as
        # ム (Dreambed, ドリームベッド) or ン (number, ナンバー), and Hepburn ン as m
        w = _M_BEFORE_BP.sub("n", w)
    return _DOUBLED.sub(r"\1", w)


@lru_cache(maxsize=65536)
def katakana_key(word: str, english: bool = True) -> str:
    """The consonants of a word as katakana writes them, voicing kept (ブ b / プ p, ド d /
    ト t, グ g / ク k, ジ j / チ ch / ツ ts / ス s told apart): the key of an English word and
    of the Hepburn reading of its katakana spelling (``english=False``; Hepburn's gi is a
    hard ギ): Holdings and horudingusu -> rdngs. Hepburn writes the ッ before チ as t
    (suitchi for スイッチ), where it doubles the consonant of any other kana: the tch is
    one ch, as the English tch of Switch is."""
    if not english and "tch" in word:
        word = word.replace("tch", "ch")
    return _key(word, english, _KATAKANA_ALIKE, True)


@lru_cache(maxsize=65536)
def hangul_key(word: str, english: bool = True) -> str:
    """The consonants of a word as Hangul writes them (ㅊ ch told apart from ㅅ s and ㅈ j,
    ㅁ m from ㄴ n; voicing not): the key of an English word and of the Revised
    Romanisation of its Hangul spelling (``english=False``): Wise birds and waijeubeojeu ->
    sps."""
    return _key(word, english, _HANGUL_ALIKE, False)


def family(surface: str) -> str:
    """The key family of a reading's source: "k" for kana, "h" for Hangul."""
    return "k" if any(is_kana(c) for c in surface) else "h"


@lru_cache(maxsize=65536)
def reading_key(reading: str, surface: str) -> str:
    """The loanword key of a romanised kana or Hangul word, prefixed by its family
    (horudingusu -> k:rdngs; waijeubeojeu -> h:sps); a doubled consonant (ッ) is one."""
    fam = family(surface)
    if fam == "k":
        return "k:" + katakana_key(_DOUBLED.sub(r"\1", reading), english=False)
    return "h:" + hangul_key(_NG_VOWEL.sub("", reading), english=False)


def key_length(key: str) -> bool:
    """Whether a family-prefixed key has consonants enough to be compared."""
    return len(key) - 2 >= LOAN_MIN[key[0]]


def short_key(key: str) -> bool:
    """Whether a family-prefixed key is too short to pair a reading on its own (the
    reading must then be written as katakana writes the English words)."""
    return len(key) - 2 < LOAN_SURE[key[0]]


@lru_cache(maxsize=65536)
def words_keys(words: tuple[str, ...]) -> tuple[str, str]:
    """The loanword keys of Latin words joined, in both families (Royal Holdings ->
    k:rrdngs, h:rtns): the words' keys run together, a consonant doubled across words
    written once, as a reading run together writes it (Robot Home, not the th of
    robothome)."""
    kana = _DOUBLED.sub(r"\1", "".join([katakana_key(w) for w in words]))
    hangul = _DOUBLED.sub(r"\1", "".join([hangul_key(w) for w in words]))
    return "k:" + kana, "h:" + hangul


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


__all__ = [
    "LOAN_MIN",
    "LOAN_SPAN",
    "LOAN_SURE",
    "is_kana_source",
    "is_loan_source",
    "hangul_key",
    "loanable",
    "family",
    "katakana_key",
    "key_length",
    "reading_key",
    "short_key",
    "spans",
    "words_keys",
]
