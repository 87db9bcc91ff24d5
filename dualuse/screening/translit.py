"""Names in other scripts read in Latin letters, with ICU's transforms (PyICU).

Sanctions lists and customer masters write Russian, Belarusian and Ukrainian names in
Cyrillic, Korean names in Hangul, and Arabic, Persian, Greek or Hebrew names in their own
scripts; their Latin spellings follow national or BGN/PCGN romanisation more or less
loosely. A word in such a script is read with the BGN/PCGN transform of its language where
ICU has one (Russian, Belarusian, Ukrainian, Korean, Arabic, Persian, Greek, Hebrew ...) and
with ICU's generic Any-Latin otherwise, then folded to ASCII. The reading is lossy, so a name
read this way is never an exact match (:mod:`dualuse.screening.analyse` marks its forms).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

_BELARUSIAN = re.compile("[ўЎіІ]")
_UKRAINIAN = re.compile("[їЇєЄґҐ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Unicode blocks of the scripts read here (Latin, Han, kana are read elsewhere)
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x3130, 0x318F, "Hangul"),
    (0xAC00, 0xD7AF, "Hangul"),
)


def script(ch: str) -> str | None:
    """The script of a letter this module reads (None for Latin, Han, kana and the rest)."""
    o = ord(ch)
    if o < 0x0370:
        return None
    for lo, hi, name in _BLOCKS:
        if lo <= o <= hi:
            return name
    return None


_READ_HERE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi, _ in _BLOCKS) + "]")


def needs_reading(text: str) -> bool:
    """Whether the text holds letters of a script read here."""
    return not text.isascii() and _READ_HERE.search(text) is not None


@cache
def _transform(spec: str) -> Any:
    import icu

    return icu.Transliterator.createInstance(spec)


def _spec(word: str) -> str:
    scripts = {s for c in word if (s := script(c)) is not None}
    if scripts == {"Cyrillic"}:
        if _BELARUSIAN.search(word):
            return "Belarusian-Latin/BGN; Any-Latin; Latin-ASCII"
        if _UKRAINIAN.search(word):
            return "Ukrainian-Latin/BGN; Any-Latin; Latin-ASCII"
        return "Russian-Latin/BGN; Any-Latin; Latin-ASCII"
    if scripts == {"Hangul"}:
        return "Korean-Latin/BGN; Any-Latin; Latin-ASCII"
    if scripts == {"Greek"}:
        return "Greek-Latin/BGN; Any-Latin; Latin-ASCII"
    if scripts == {"Arabic"}:
        return "Arabic-Latin/BGN; Any-Latin; Latin-ASCII"
    if scripts == {"Hebrew"}:
        return "Hebrew-Latin/BGN; Any-Latin; Latin-ASCII"
    return "Any-Latin; Latin-ASCII"


@lru_cache(maxsize=65536)
def latin(word: str) -> str:
    """A word of another script in lower-case ASCII Latin (Ростех -> rostekh)."""
    out = str(_transform(_spec(word)).transliterate(word)).casefold()
    return _NON_ALNUM.sub("", out)


__all__ = ["latin", "needs_reading", "script"]
