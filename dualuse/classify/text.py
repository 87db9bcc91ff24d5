"""Fold text so that a description and the term tables compare equal across scripts.

NFKC turns full-width Latin, half-width katakana and subscript digits into their plain forms;
traditional Chinese becomes simplified (so 氧化鏑 reads as 氧化镝); Latin text is lower-cased.
Japanese kanji pass through the same converter, so a Japanese term and a Japanese description
stay equal to each other (黒鉛 folds the same way on both sides).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")
_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u9fff]")


def has_cjk(text: str) -> bool:
    """True when the text holds Han, kana or other East Asian characters."""
    return any(ord(ch) >= 0x2E80 for ch in text)


@lru_cache(maxsize=131072)
def normalise(text: str) -> str:
    """NFKC, simplified Chinese and single spaces, with case kept (formulas need it)."""
    out = unicodedata.normalize("NFKC", text)
    if _HAN.search(out):
        out = str(_T2S.convert(out))
    out = out.replace("µ", "μ")
    return _SPACE.sub(" ", out).strip()


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """:func:`normalise`, then lower case: the form every phrase is compared in."""
    return normalise(text).casefold()


def phrase_pattern(term: str) -> str:
    """A regex for a folded term: CJK terms match anywhere, Latin ones on word edges."""
    body = re.escape(term).replace(r"\ ", r"[\s\-]?").replace(r"\-", r"[\s\-]?")
    if has_cjk(term):
        return body
    return r"(?<![0-9a-z])" + body + r"(?![0-9a-z])"
