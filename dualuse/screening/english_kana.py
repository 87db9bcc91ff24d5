"""English words as katakana writes them, to check a short loanword against its source.

A loanword key of one to three consonants (ライオン rn, カーブス kbs, オープンハウス pns) is
shared by too many words to pair a reading on its own: Lion, Ryan and Rain key alike. The
vowels tell them apart, but English spelling does not say which vowel a word is heard
with. The katakana an English word is written with does, and that is what e2k predicts: a
small character-level model (public domain, numpy only) trained on the katakana spellings
of English words in Wiktionary and JMdict. Its ``turbo`` model is used, greedy decoding, so
the spelling of a word is always the same.

A kana reading and a run of Latin words are *written alike* when the reading (the
screener's Hepburn romaji of the kana) and the romaji of the predicted katakana, each with
doubled letters written once (ッ, ー) and without the vowel katakana adds to a final
consonant (:func:`dualuse.screening.romaji.loanword`, as the screener's readings drop it),
are the same, or differ by one letter in eight or more (オールアバウト, oruabauto, and All About
predicted as オールアブアウト). Ryan (ライアン) is not Lion (ライオン): one letter in five. The
reading is compared, not the text it was read from, since that text may hold other words
(高圧ガス: koatsu, gasu).

Only keys shorter than :data:`dualuse.screening.loanwords.LOAN_SURE` are checked this way,
so the model runs only when a short key already agrees: a few thousand words per list at
most, each worked out once.
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from dualuse.screening.romaji import loanword, romaji_words

#: the shortest romaji (letters, doubled ones once) in which one letter may differ
ONE_OFF_MIN = 8

_DOUBLED = re.compile(r"(.)\1+")
_LOCK = threading.Lock()


@cache
def _model() -> Any:
    from e2k import C2K  # a model of a few MB, loaded on the first short key compared

    return C2K(model="turbo")


@lru_cache(maxsize=65536)
def as_katakana(word: str) -> str:
    """The katakana e2k writes an English word with (open -> オープン); "" for a word
    without a Latin letter."""
    w = word.lower()
    if not any("a" <= c <= "z" for c in w):
        return ""
    with _LOCK:  # the model keeps no state between words, but is not known to be re-entrant
        return str(_model()(w))


#: spellings of one English sound that katakana writes two ways (外来語の表記, 1991, gives
#: both): ジェ and ゼ for ge / je (ジェネラル, ゼネラル), ティ and チ for ti (マーティン,
#: マーチン), the long e written イ or ー (ドレイパー, ドレーパー), a final ng with or
#: without グ (ティング, ティン), ヴ and バ行 for v; in the romaji of both sides, in order
_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        ("jie", "je"),
        ("ze", "je"),
        ("tei", "chi"),
        ("ei", "e"),
        ("ng$", "n"),
        ("v", "b"),
    )
)


def _plain(romaji: str) -> str:
    """Romaji without a final epenthetic vowel and with doubled letters once, in that
    order: a kana word's reading has lost its final vowel already (ラッド, raddo: radd), and
    both sides must come out alike (rad), whatever the length left; then the spellings
    katakana writes two ways written one way (:data:`_VARIANTS`)."""
    w = _DOUBLED.sub(r"\1", loanword(romaji))
    for pattern, repl in _VARIANTS:
        w = pattern.sub(repl, w)
    return w


@lru_cache(maxsize=65536)
def written_alike(reading: str, words: tuple[str, ...]) -> bool:
    """Whether a kana word's reading (romaji: opunhausu) is how katakana writes these
    English words, run together (open, house: オープンハウス)."""
    ours = _plain(reading)
    theirs = _plain("".join(romaji_words("".join([as_katakana(w) for w in words]))))
    if not ours or not theirs:
        return False
    if ours == theirs:
        return True
    return max(len(ours), len(theirs)) >= ONE_OFF_MIN and Levenshtein.distance(ours, theirs) <= 1


__all__ = ["ONE_OFF_MIN", "as_katakana", "written_alike"]
