"""The names a written name stands for: the name itself, and the names its annotations give.

Customer masters and lists annotate names: "Acme Trading Ltd (formerly Acme Shoji K.K.)",
"Acme f/k/a Beta Corp", "X GmbH c/o Y Logistics", "旧社名: ...". A former name or a trade
name is another name of the same party; a care-of party is a party of its own. Each is
screened beside the whole text, and the best result per listed party is kept. Branch and
vessel designations (支店, Branch Office, M/V) are weak words of the name itself
(``resources/screening/weak_words.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKERS = re.compile(
    r"\(\s*(?:formerly|former(?:ly)?\s+known\s+as|f/?k/?a|a/?k/?a|d/?b/?a|t/?a|"
    r"(?:[fa]\.\s?k|d\.\s?b)\.\s?a\.|trading\s+as|旧(?:社名)?|原名|前身)\s*[:：]?\s*"
    r"|\b(?:f/k/a|fka|a/k/a|aka|d/b/a|dba|t/a|c/o|care\s+of|formerly(?:\s+known\s+as)?|"
    r"trading\s+as)\b\s*[:：]?\s*"
    # f.k.a., a.k.a., d.b.a. written with full stops (Igor BEZLER (a.k.a. Bes))
    r"|\b(?:[fa]\.\s?k|d\.\s?b)\.\s?a\.\s*[:：]?\s*"
    r"|(?:旧社名|旧称|原名|前身)\s*[:：]?\s*",
    re.IGNORECASE,
)


#: an acronym in brackets after a name, as lists write a party's short name beside its full
#: one: Rosoboronexport OJSC (ROE), All-Russia State Television and Radio Broadcasting
#: Company (VGTRK), Federal Center for Dual-Use Technology (FTsDT) Soyuz; one word of three
#: to ten characters (three letters at least; a hyphen inside), two capitals at least
_ACRONYM = re.compile(r"[(（]\s*([A-Z](?=[A-Za-z-]*[A-Z])[A-Za-z-]{2,9})\s*[)）]")


#: two words of three letters or more with a slash between them (the first such pair)
_ALTERNATIVES = re.compile(r"\b([^\W\d_]{3,})\s*/\s*([^\W\d_]{3,})\b")
#: a bracketed part at the end of a name (no bracket inside it)
_TRAILING = re.compile(r"\s*[(（][^()（）]+[)）]\s*$")
#: a name in Latin letters of two words or more followed by one word of two characters or
#: more of Hangul, Han or kana: the same name written twice, as the EU's lists write a
#: Korean person (PAK Kwang Hun 박광훈). A word of another alphabet (Ivan Petrov Иванов) is
#: most often a surname alone, and is not read so
_TWO_SCRIPTS = re.compile(
    r"^([A-Za-z][A-Za-z.'-]*(?:\s+[A-Za-z][A-Za-z.'-]*)+)\s+"
    r"([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,})$"
)


@lru_cache(maxsize=65536)
def names_of(text: str) -> tuple[str, ...]:
    """The text, then its Latin and other-script halves when it writes a name of two Latin
    words or more and then one word of another script (PAK Kwang Hun 박광훈), then each
    part an annotation marker starts (or ends), cleaned, then the
    text with each of two words written with a slash between them, then the text without
    a bracketed part that ends it (a name of two words or more before it), then
    the text without a bracketed acronym and the acronym itself (in a name with small
    letters; in one written in capitals, an acronym of the words before it).

    ``"Acme Ltd (formerly Beta K.K.)"`` gives the whole text, ``"Acme Ltd"`` and
    ``"Beta K.K."``; ``"Rosoboronexport OJSC (ROE)"`` gives the whole text,
    ``"Rosoboronexport OJSC"`` and ``"ROE"``. Text with neither gives itself only. A
    bracketed word the screener reads as a legal form, a business word or a place, or a
    country or territory (USA, UAE, PRC), is not an acronym.
    """
    out = [text]
    if (both := _TWO_SCRIPTS.match(text.strip())) is not None:
        out += [both.group(1), both.group(2)]
    if _MARKERS.search(text):
        parts = [p.strip(" ,;:()（）[]") for p in _MARKERS.split(text)]
        out += [p for p in parts if p]
    if "/" in text and (slash := _ALTERNATIVES.search(text)) is not None:
        # two spellings of one word, or two words, one of which the name has (Vladimir/
        # Volodymyr LIPCHENKO; LORD'S RESISTANCE MOVEMENT/ARMY): the name with each
        for word in slash.groups():
            out.append(" ".join((text[: slash.start()] + word + text[slash.end() :]).split()))
    if "(" not in text and "（" not in text:
        return tuple(dict.fromkeys(out))
    trailing = _TRAILING.search(text)
    if trailing is not None and len(text[: trailing.start()].split()) >= 2:
        # a bracketed part that ends a name of two words or more annotates it (another
        # spelling, a short name, a place: Lev Anatolyevich Yershov (Ershov)): the name
        # without it is screened too
        out.append(text[: trailing.start()].strip())
    mixed = any(c.islower() for c in text)
    for m in _ACRONYM.finditer(text):
        word = m.group(1)
        if sum(c.isalpha() for c in word) < 3 or _known_word(word):
            continue
        if not (mixed or _initials_of(word, text[: m.start()])):
            continue
        rest = " ".join((text[: m.start()] + " " + text[m.end() :]).split())
        if rest:
            out += [rest, m.group(1)]
    return tuple(dict.fromkeys(out))


def _known_word(word: str) -> bool:
    """Whether the screener's tables read a word as a legal form, business word or place,
    or rigour's territories know it as a country or territory (UAE, PRC, DPRK, INDIA)."""
    from rigour.territories import lookup_territory

    from dualuse.screening.vocab import latin_key, vocabulary

    return (latin_key(word.lower()),) in vocabulary().latin or lookup_territory(word) is not None


def _initials_of(word: str, before: str) -> bool:
    """Whether a word's letters are, in order, initials of the words before it: in a name
    written all in capitals a bracketed word may be a place or a name (DALIAN, ANGOLA),
    and is taken for an acronym only when it spells the name (ISLAMIC REVOLUTIONARY GUARD
    CORPS (IRGC))."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", before))
    letters = iter(initials.upper())
    return all(c in letters for c in word.upper() if c.isalpha())


__all__ = ["names_of"]
