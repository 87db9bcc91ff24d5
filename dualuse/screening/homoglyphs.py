"""Latin and Cyrillic letters that look alike, typed one for the other.

Lists and customer records mix the two alphabets' look-alikes: the EU's Official Journal
prints Алekcандрович (Latin e, k, c), Bладимир (Latin B), ЛЯВУСIК (Latin I), Алеĸсандр (the
Greenlandic kra), OАО (a Latin O), Joint Stock Сompany (a Cyrillic С), and Latin words of
look-alikes between Cyrillic ones ("Oбщество C Ограниченной Ответственностью", OOO
«Остек-CT»). Read letter by letter, such a word turns into neither spelling: the Latin c of
Алekcандрович is read as a c, not as the s of с, and "Сompany" is neither company nor a
legal form.

The look-alikes are Unicode's confusables as ICU's spoof checker gives them (two letters are
alike when their skeletons are equal), for the letters of the Russian, Ukrainian and
Belarusian alphabets; a lower-case Latin letter also stands for the Cyrillic one whose
capital its capital looks like (names are case-folded before they are read: the b of a
folded Bладимир is в), and the kra ĸ for к. Left out are likenesses of handwriting or
italics rather than of print (Latin r and Cyrillic г, b and ь, l and І).
"""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache

#: the Cyrillic letters a word may be put back into (Russian, Ukrainian, Belarusian)
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєўґ"
#: confusables of handwriting or italics, not of print: never replaced
_NOT_ALIKE = frozenset({("r", "г"), ("b", "Ь"), ("l", "І")})
#: a Latin letter that Unicode does not list with a Cyrillic look-alike but that is typed
#: for one (Алеĸсандр)
_ALSO_ALIKE = {"ĸ": "к"}
_CYRILLIC_RANGE = "\u0400-\u04ff"
_LATIN_LETTER = "A-Za-zĸ"
_LETTERS = r"[^\W\d_]*"
_MIXED = re.compile(
    f"{_LETTERS}(?:[{_LATIN_LETTER}]{_LETTERS}[{_CYRILLIC_RANGE}]"
    f"|[{_CYRILLIC_RANGE}]{_LETTERS}[{_LATIN_LETTER}]){_LETTERS}"
)
_WORD = re.compile(r"[^\W_]+")
_ANY_CYRILLIC = re.compile(f"[{_CYRILLIC_RANGE}]")
_ANY_LATIN = re.compile(f"[{_LATIN_LETTER}]")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


@cache
def _tables() -> tuple[dict[int, str], dict[int, str]]:
    """(Latin -> Cyrillic, Cyrillic -> Latin) look-alikes (see the module's notes)."""
    import icu

    checker = icu.SpoofChecker()

    def skeleton(ch: str) -> str:
        return str(checker.getSkeleton(0, ch))

    cyrillic = _CYRILLIC + _CYRILLIC.upper()
    to_cyrillic: dict[str, str] = {}
    to_latin: dict[str, str] = {}
    for lat in string.ascii_letters:
        for cyr in cyrillic:
            if skeleton(lat) == skeleton(cyr) and (lat, cyr) not in _NOT_ALIKE:
                to_cyrillic.setdefault(lat, cyr)
                to_latin.setdefault(cyr, lat)
    for lat, cyr in list(to_cyrillic.items()):
        if lat.isupper():
            to_cyrillic.setdefault(lat.lower(), cyr.lower())
    to_cyrillic.update(_ALSO_ALIKE)
    return str.maketrans(to_cyrillic), str.maketrans(to_latin)


def as_cyrillic(word: str) -> str:
    """A word with its Latin look-alikes written as the Cyrillic letters they stand for."""
    return word.translate(_tables()[0])


def _one_script(m: re.Match[str]) -> str:
    word = m.group(0)
    latin = sum(1 for c in word if c.isascii() or c in _ALSO_ALIKE)
    cyrillic = sum(1 for c in word if _is_cyrillic(c))
    return as_cyrillic(word) if cyrillic >= latin else word.translate(_tables()[1])


def _script(word: str) -> str:
    """ "cyrl" or "latn" for a word of letters of one of the two scripts only, else ""."""
    if word.isascii():
        return "latn" if word.isalpha() else ""
    return "cyrl" if all(_is_cyrillic(c) for c in word) else ""


def _stray_latin(text: str) -> str:
    """``text`` with each Latin word made of look-alike letters only, whose neighbouring
    words are all Cyrillic, written in Cyrillic: the C of "Oбщество C Ограниченной
    Ответственностью", the AO of "AO «Северо-Западный ...»", the CT of «Остек-CT»."""
    words = list(_WORD.finditer(text))
    to_cyrillic = _tables()[0]
    scripts = [_script(m.group(0)) for m in words]
    out = []
    last = 0
    for k, m in enumerate(words):
        word = m.group(0)
        near = [scripts[n] for n in (k - 1, k + 1) if 0 <= n < len(words)]
        if (
            scripts[k] == "latn"
            and near
            and all(x == "cyrl" for x in near)
            and all(ord(c) in to_cyrillic for c in word)
        ):
            out.append(text[last : m.start()])
            out.append(word.translate(to_cyrillic))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


@lru_cache(maxsize=65536)
def unmixed(text: str) -> str:
    """``text`` with each word that holds both Latin and Cyrillic letters written in the
    script most of its letters are in (OАО is ОАО, JSС is JSC; a tie goes to Cyrillic), and
    each Latin word of look-alike letters between Cyrillic words written in Cyrillic (see
    :func:`_stray_latin`); other words as they are."""
    if text.isascii() or _ANY_CYRILLIC.search(text) is None or _ANY_LATIN.search(text) is None:
        return text  # one script only (most names): nothing to put back
    return _stray_latin(_MIXED.sub(_one_script, text))


__all__ = ["as_cyrillic", "unmixed"]
