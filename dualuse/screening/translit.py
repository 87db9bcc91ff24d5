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

from dualuse.screening.homoglyphs import as_cyrillic

_BELARUSIAN = re.compile("[ўЎіІ]")
_UKRAINIAN = re.compile("[їЇєЄґҐ]")
#: letters of Belarusian that Ukrainian lacks (ў, ы, э) and of Ukrainian that Belarusian
#: lacks (ї, є, ґ, и): with і, which both write and Russian does not, they tell the language
#: of a whole name (Ганна Барысаўна is Belarusian although Ганна alone could be Russian)
_ONLY_BELARUSIAN = re.compile("[ўЎ]")
_ONLY_UKRAINIAN = re.compile("[їЇєЄґҐ]")
_BE_NOT_UK = re.compile("[ыЫэЭ]")
_UK_NOT_BE = re.compile("[иИ]")
_I_DOTTED = re.compile("[іІ]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u052f]")
_LATIN_LETTER = re.compile("[a-zĸ]")
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


def has_letter_read_here(text: str) -> bool:
    """Whether the text holds a letter (not a mark or a digit) of a script read here."""
    return not text.isascii() and any(c.isalpha() for c in _READ_HERE.findall(text))


@cache
def _transform(spec: str) -> Any:
    import icu

    return icu.Transliterator.createInstance(spec)


def cyrillic_language(text: str) -> str | None:
    """The language of a Cyrillic name read whole: "be" (Belarusian), "uk" (Ukrainian) or
    None (Russian, or not told apart). A word alone may not tell (Ганна, Юрый), the
    name's other words do: ў, or і with ы or э, is Belarusian; ї, є, ґ, or і with и, is
    Ukrainian (the alphabets of the two languages, as their BGN/PCGN romanisation tables
    give them)."""
    if text.isascii() or _CYRILLIC_LETTER.search(text) is None:
        return None
    text = unhomoglyph(text)
    if _ONLY_BELARUSIAN.search(text):
        return "be"
    if _ONLY_UKRAINIAN.search(text):
        return "uk"
    if _I_DOTTED.search(text):
        if _BE_NOT_UK.search(text):
            return "be"
        if _UK_NOT_BE.search(text):
            return "uk"
    return None


def unhomoglyph(text: str) -> str:
    """Each word of mixed Cyrillic and Latin letters with its Latin look-alikes read as
    Cyrillic (:func:`~dualuse.screening.homoglyphs.as_cyrillic`: ЛЯВУСIК with a Latin I,
    Алеĸсандр with the Greenlandic kra, in a name case-folded already); words of one
    script are left as they are."""
    if not _CYRILLIC_LETTER.search(text) or not _LATIN_LETTER.search(text):
        return text
    return " ".join(
        as_cyrillic(w) if _CYRILLIC_LETTER.search(w) and _LATIN_LETTER.search(w) else w
        for w in text.split(" ")
    )


def _spec(word: str, lang: str | None = None) -> str:
    scripts = {s for c in word if (s := script(c)) is not None}
    if scripts == {"Cyrillic"}:
        if lang == "be":
            return "Belarusian-Latin/BGN; Any-Latin; Latin-ASCII"
        if lang == "uk":
            return "Ukrainian-Latin/BGN; Any-Latin; Latin-ASCII"
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
def latin(word: str, lang: str | None = None) -> str:
    """A word of another script in lower-case ASCII Latin (Ростех -> rostekh); a Cyrillic
    word in the BGN/PCGN romanisation of ``lang`` ("be", "uk") when the name it is part of
    is Belarusian or Ukrainian (:func:`cyrillic_language`). An Arabic word is read
    without its definite article ال (البرازي brazy), which Latin spellings write apart
    (al-Barazi) or assimilated (ash-Shami), if at all."""
    word = unhomoglyph(word)
    if len(word) > 3 and word.startswith("ال"):
        word = word[2:]
    out = str(_transform(_spec(word, lang)).transliterate(word)).casefold()
    return _NON_ALNUM.sub("", out)


def reading_script(text: str) -> str:
    """ "cyrl" or "arab" when a name read in Latin letters is written in Cyrillic or Arabic
    script (its reading may then be compared with :func:`slavic_key`, :func:`cognate_key`
    or :func:`arabic_key`), "" otherwise (the first of the two found decides)."""
    if text.isascii():
        return ""
    c = _CYRILLIC_LETTER.search(text)
    a = _ARABIC_LETTER.search(text)
    if c and (not a or c.start() < a.start()):
        return "cyrl"
    return "arab" if a else ""


_ARABIC_LETTER = re.compile("[\\u0600-\\u06ff\\u0750-\\u077f\\ufb50-\\ufdff\\ufe70-\\ufeff]")

#: spellings of one Cyrillic letter that romanisation systems write differently: BGN/PCGN
#: (х kh, й y, ё yë, ж zh), ISO 9 / GOST 7.79 and the passport system of ICAO Doc 9303
#: (х kh, й i, ё e, ц ts), German (tsch ч, w в, j й), French (tch ч), and the Belarusian
#: national romanisation of 2000 (ў u); as sequences of the ASCII words that read them.
#: Г is h in Belarusian and Ukrainian, g in Russian, and a name is spelt either way
#: (Hanna / Ganna, Hurtsevich / Gurtsevich): h is read as g
_SLAVIC_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"), ("tch", "ch"), ("kh", "h"), ("ks", "x"), ("ph", "f"), ("w", "v"),
    ("j", "y"),
    ("h", "g"),
)  # fmt: skip
#: ў after a vowel, as u (Paulavich) or as w, v (Pawlavich, Pavlovich)
_U_SHORT = re.compile(r"(?<=[aeio])u(?=[^aeiouy]|$)")
#: a soft sign or й written i or y before a vowel (Artyom / Artem, Yelena / Elena,
#: Lyavusik / Liavusik, Alekseyevich / Alekseevich): the glide is dropped, ё read as e
_IOTATED_O = re.compile(r"i+o")
_IOTATED = re.compile(r"i+(?=[aeu])")
_I_RUN = re.compile("i{2,}")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=131072)
def slavic_key(word: str) -> str:
    """A word's key across the romanisations of Russian, Belarusian and Ukrainian names.

    Mikhaylov and Mihailov, Artyom and Artem, Yelena and Elena, Dmitriy and Dmitry,
    Chornyy and Tchorny, Yefimov and Jefimow, Hanna and Ganna give one key: the letters
    the systems spell differently (see ``_SLAVIC_DIGRAPHS``) folded, y and j read as i,
    the glide before a vowel dropped (ё as e), doubled letters merged. The key tells
    nothing of a language's own forms of a name (Uladzimir / Vladimir, Ziamtsau / Zemtsov
    stay apart). Used only
    between a reading of Cyrillic and another word (:mod:`dualuse.screening.score`).
    """
    s = _U_SHORT.sub("v", word)
    for a, b in _SLAVIC_DIGRAPHS:
        s = s.replace(a, b)
    s = s.replace("y", "i")
    s = _IOTATED_O.sub("e", s)
    s = _IOTATED.sub("", s)
    s = _I_RUN.sub("i", s)
    return _DOUBLE.sub(r"\1", s)


#: inflections taken off a word before cognates are compared, longest first, with what
#: replaces them: Russian adjective and noun endings in their BGN/PCGN spelling (-ический,
#: -ный, -ий, -ая, -ое, -ого, -ых, -ии, -ия, -ика, -ция) and the English suffixes that
#: translate them (-ical, -ic, -al, -ics, -ive, -tion, plural -s, -es); a grammar's table
#: (Wade, A Comprehensive Russian Grammar, adjective and noun declensions), not a word list
_ENDINGS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            (e, "")
            for e in """
            ichesk sk
            nyy naya noye nogo nykh nyye noy nym
            iy yy aya oye ogo ykh ikh yye iye oy ym om ov ami akh
            iya ii iyu iey iki ika iku ya yu ye a y i u e o
            ical ics ic al ive es s
            """.split()
        ]
        + [(e, "c") for e in ("tsiya", "tsii", "tsiyu", "tsiey", "tsion", "tion")]
        # -ческий after a stem too short to lose -ический: the c of the English -cal
        # (оптический opticheskiy, optical)
        + [("chesk", "c")],
        key=lambda x: (-len(x[0]), x[0]),
    )
)
_STEM_FLOOR = 4


@lru_cache(maxsize=131072)
def cognate_key(word: str) -> str:
    """A word's stem, for cognates of a Cyrillic reading and a Latin word.

    Russian names of organisations borrow the international word and decline it:
    Электромеханический (elektromekhanicheskiy) is "electromechanical", Брянский
    (bryanskiy) the adjective of Bryansk, Технология (tekhnologiya) "technology",
    Институт "institute", Группа (gruppa) "group". Endings are taken off while a stem of
    four letters or more is left (see ``_ENDINGS``; -sk-, the suffix of a place's
    adjective, too: Ростовский is Rostov's); then the spellings of the two alphabets are
    folded (kh and ch h, ts and soft c c, hard c and q k, x ks, th t, ou u, ti before o
    ci, y and j i, an s between vowels z, doubled letters merged).
    """
    s = word
    changed = True
    while changed:
        changed = False
        for end, rep in _ENDINGS:
            if s.endswith(end) and len(s) - len(end) + len(rep) >= _STEM_FLOOR:
                s = s[: len(s) - len(end)] + rep
                changed = True
                break
    s = s.replace("kh", "h").replace("ch", "h").replace("ts", "c").replace("th", "t")
    s = s.replace("ou", "u").replace("tio", "cio")
    s = s.replace("ph", "f").replace("x", "ks").replace("q", "k").replace("w", "v")
    s = _HARD_C.sub("k", s).replace("y", "i").replace("j", "i")
    s = _VOICED_S.sub("z", s)
    s = _FINAL_ER.sub("r", s)
    return _DOUBLE.sub(r"\1", s)


_HARD_C = re.compile("c(?![eiy])")
#: a final -ter or -tre, which Russian writes -тр (центр tsentr, center, centre; метр,
#: meter; театр, theater; министр, minister; фильтр, filter)
_FINAL_ER = re.compile("(?<=t)(?:er|re)$")
#: an s between vowels, which English sounds as z and Russian writes з (laser лазер, base
#: база, analysis анализ); a doubled one too, so that a doubling still keys alike (Kassel,
#: Kasel)
_VOICED_S = re.compile("(?<=[aeiou])s+(?=[aeiou])")

#: the Latin spellings of Arabic and Persian consonants that romanisations write
#: differently (UNGEGN 1972 / BGN/PCGN 1956 Arabic, BGN/PCGN 1958 Persian, and the English
#: and French usage of names): ذ dh or z, ث th or s, خ kh or h, ق q, k or gh, غ gh; the long
#: vowels and glides و and ي (w/u/o/ou/oo/v, y/i/ee/e/ei) and the short vowels, which the
#: script leaves unwritten, are dropped, as are ء and ع
_ARABIC_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dh", "z"), ("th", "s"), ("kh", "h"), ("gh", "k"), ("ph", "f"), ("sh", "$"),
    ("ch", "c"), ("q", "k"), ("ck", "k"),
)  # fmt: skip
_ARABIC_VOWELS = re.compile("[aeiouwyv0-9]")


@lru_cache(maxsize=131072)
def arabic_key(word: str) -> str:
    """A word's consonant skeleton, for Arabic-script names and their Latin spellings.

    Arabic and Persian write long vowels only, and romanisations spell some consonants
    two ways: محمد (mhmd) and Muhammad, Mohammad, Mohamed give ``mhmd``; حسین (hsyn) and
    Hossein, Hussein ``hsn``; مقداد (mqdad) and Mekdad ``mkd``: the spellings of one
    consonant folded (see ``_ARABIC_DIGRAPHS``), vowels, w, y and v dropped, doubled
    letters merged and a final h (ة, ه) dropped. The definite article is left out of the
    reading (:func:`latin`) and written apart in the Latin spelling. Lossy: the scorer
    accepts it only when every proper-name word of both names lines up
    (:mod:`dualuse.screening.score`).
    """
    s = word
    for a, b in _ARABIC_DIGRAPHS:
        s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", _ARABIC_VOWELS.sub("", s))
    return s[:-1] if len(s) > 2 and s.endswith("h") else s


__all__ = [
    "arabic_key",
    "cognate_key",
    "cyrillic_language",
    "reading_script",
    "slavic_key",
    "has_letter_read_here",
    "latin",
    "needs_reading",
    "script",
    "unhomoglyph",
]
