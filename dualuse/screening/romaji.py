"""Japanese to romaji (Hepburn) and Chinese to pinyin, word by word.

pykakasi reads kanji and kana with a Japanese dictionary and gives Hepburn; pypinyin gives
Hanyu Pinyin without tones. Both outputs pass through :func:`~dualuse.screening.text.loose`,
so long vowels match however they are written (Jūkōgyō / Juukougyou / Jukogyo).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import cache, lru_cache
from typing import Any

from dualuse.screening.han import to_traditional
from dualuse.screening.text import ascii_fold, is_han, loose


class _PrefixLookup:
    """pykakasi's kanji-compound lookup, answered by prefix instead of by a scan.

    pykakasi finds the longest dictionary word at the head of the text by walking every
    entry that starts with its first character (thousands for 山 or 中). The words of a
    table are distinct, so at most one has a given length: trying the prefixes of the
    text from the longest word length down gives the same word and the same reading (the
    first whose context condition holds) in a few dictionary probes. Text with variation
    selectors goes to pykakasi's own code.

    pykakasi asks once per character with the rest of the text; in text known to have no
    variation selector (:func:`_read` checks the whole text once), only the head of the
    rest, as long as the longest word, is mapped to standard forms (the same word found;
    work linear in the text's length instead of quadratic).
    """

    def __init__(self, jconv: Any) -> None:
        self._jconv = jconv
        self._scan = jconv.convert
        self._lengths: dict[int, tuple[int, ...]] = {}

    def __call__(self, itext: str, btext: str) -> tuple[str, int]:
        if _NO_SELECTORS.get():
            # one character in, one out: the head of the mapped text is the mapped head
            text = self._jconv._itaiji.convert(itext[:_LONGEST_WORD])
        else:
            text = self._jconv._itaiji.convert(itext)
            if len(text) != len(itext):
                word, size = self._scan(itext, btext)
                return str(word), int(size)
        table = self._jconv._kanwa.load(text[0])
        if table is None:
            return "", 0
        key = ord(text[0])
        lengths = self._lengths.get(key)
        if lengths is None:
            lengths = self._lengths[key] = tuple(sorted({len(k) for k in table}, reverse=True))
        n = len(itext)
        for size in lengths:
            if 0 < size <= n:
                entries = table.get(text[:size])
                if entries is not None:
                    for yomi, con in entries:
                        if con is None or btext in con:
                            return str(yomi), size
        return "", 0


#: the text pykakasi reads has no variation selector (set by :func:`_read`)
_NO_SELECTORS: ContextVar[bool] = ContextVar("_NO_SELECTORS", default=False)
#: longer than any word of pykakasi's dictionary (15 characters)
_LONGEST_WORD = 64


@cache
def _kakasi() -> Any:
    import pykakasi

    k = pykakasi.kakasi()  # type: ignore[no-untyped-call]
    jconv: Any = k._kakasi._jconv
    jconv.convert = _PrefixLookup(jconv)
    longest = max((len(w) for t in jconv._kanwa._jisyo_table.values() for w in t), default=0)
    if longest > _LONGEST_WORD:
        raise RuntimeError(f"pykakasi's dictionary has a word of {longest} characters")
    return k


def _itaiji(text: str) -> str:
    return str(_kakasi()._kakasi._jconv._itaiji.convert(text))


def _read(text: str) -> list[tuple[str, str]]:
    k = _kakasi()
    # the standard-form mapping drops variation selectors and maps every other character
    # to one character: without selectors, the lookup maps only the head of the text
    token = _NO_SELECTORS.set(len(_itaiji(text)) == len(text))
    try:
        return [(str(p["orig"]), str(p["hepburn"])) for p in k.convert(text)]
    finally:
        _NO_SELECTORS.reset(token)


@lru_cache(maxsize=32768)
def romaji_words(text: str) -> tuple[str, ...]:
    """Hepburn words of a Japanese chunk (三菱 -> mitsubishi; 伊藤忠 -> itochu).

    A chunk with simplified Chinese characters (东芝, 发) is read in its traditional form,
    which the Japanese dictionary knows; what still has no reading is left out.
    """
    # a Japanese name written in simplified Chinese (东芝 for 東芝) is read in its
    # traditional form, which the Japanese dictionary knows; but only when the text as
    # written leaves a Han character unread: Japanese shinjitai are often also simplified
    # forms (温, 調 of 大成温調), and their traditional forms (溫) are not Japanese
    read = _read(text)
    if any(not hep and any(is_han(c) for c in orig) for orig, hep in read):
        trad = to_traditional(text)
        if trad != text:
            read = _read(trad)
    words: list[str] = []
    for orig, hep in read:
        if not hep and any(is_han(c) for c in orig):
            hep = "".join(h for _, h in _read(to_traditional(orig)))
        key = loose(ascii_fold(hep))
        if key:
            words.append(key)
    return tuple(words)


#: the consonants katakana writes with a vowel a Latin spelling has not: u after these, o
#: after t and d (ス su, ク ku, ト to, ド do)
_BEFORE_U, _BEFORE_O = "skgzbpfm", "td"
_EPENTHETIC = re.compile(f"(?:(?<=[{_BEFORE_U}])u|(?<=[{_BEFORE_O}])o)$")


@lru_cache(maxsize=32768)
def loanword(word: str) -> str:
    """The romaji of a katakana word without its final epenthetic vowel (eneosu -> eneos).

    Katakana cannot end a word in most consonants, so loanwords gain a vowel (ス su, ク ku,
    ト to); the Latin spelling has none. Applied to the romaji of all-katakana chunks on
    both sides; words of fewer than four letters are kept as they are.
    """
    short = _EPENTHETIC.sub("", word)
    return short if len(short) >= 4 else word


def with_final_vowel(word: str) -> str:
    """The romaji :func:`loanword` may have taken the final vowel off, with it back
    (tetsud -> tetsudo, kensets -> kensetsu); "" when no vowel could have been taken."""
    last = word[-1:]
    if not last:
        return ""
    if last in _BEFORE_O:
        return word + "o"
    return word + "u" if last in _BEFORE_U else ""


@lru_cache(maxsize=32768)
def pinyin(text: str) -> str:
    """Toneless pinyin of a Chinese chunk, syllables joined (俪达 -> lida)."""
    from pypinyin import lazy_pinyin

    return loose("".join(ascii_fold(s) for s in lazy_pinyin(text)))


@lru_cache(maxsize=32768)
def wade_giles(text: str) -> str:
    """Toneless Wade-Giles of a Chinese chunk without apostrophes, syllables joined
    (建國 -> chienkuo).

    Taiwan writes its names in this older romanisation (Chien Kuo, Hsin, Chung, Tai), often
    dropping its apostrophes and umlauts; Hanyu Pinyin reads the same characters jianguo,
    xin, zhong, tai.
    """
    from pypinyin import Style, lazy_pinyin

    return loose(
        "".join(ascii_fold(s) for s in lazy_pinyin(text, style=Style.WADEGILES, v_to_u=True))
    )


__all__ = ["loanword", "pinyin", "romaji_words", "wade_giles", "with_final_vowel"]
