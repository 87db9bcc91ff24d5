"""The word tables of ``dualuse/resources/screening/``, compiled for lookup.

Three tables: legal forms (set aside, kept as a weak signal), business words (read as
concepts common to all scripts) and weak words (joining words and places, kept with a low
weight). Latin entries are keyed by their normalised words, CJK entries by their folded
characters, exactly as names are normalised, so a table entry and a name always meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from rapidfuzz.distance import OSA

from dualuse.diskcache import load_or_build
from dualuse.screening.config import TEXT_LIBRARIES
from dualuse.screening.han import fold_han
from dualuse.screening.romaji import romaji_words
from dualuse.screening.text import fold, is_kana, latin_words, loose, singular
from dualuse.yamltext import load_yaml

EntryKind = Literal["concept", "legal", "stop", "place"]


@dataclass(frozen=True, slots=True)
class Entry:
    """What a table word means: a concept (with its weight), a legal form, or a weak word."""

    kind: EntryKind
    value: str  # concept name, legal-form class, or the weak word itself
    weight: float = 1.0
    jurisdictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    latin: dict[tuple[str, ...], Entry]
    cjk: dict[str, Entry]
    max_latin: int
    max_cjk: int
    #: first word of every Latin phrase -> the longest phrase it starts (in words)
    latin_heads: dict[str, int]
    #: a Japanese reading two business words share (kagaku: 化学 chemical, 科学 science) ->
    #: the concepts it may stand for, the one the tables read it as first
    shared: dict[str, tuple[Entry, ...]]
    #: a business word's concept -> the surfaces (CJK as written, or Latin readings) in
    #: which a company's English name often leaves it out (商事, shoji: trading)
    left_out: dict[str, tuple[str, ...]]


#: Roman numerals are kept as written (loose() would read "ii" as a long vowel, "i")
ROMAN_NUMERALS = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})


def latin_key(word: str) -> str:
    """The key of one ASCII word: singular, then romanisation-tolerant."""
    if word in ROMAN_NUMERALS:
        return word
    return loose(singular(word))


def business_word(word: str) -> Entry | None:
    """The business word (concept entry) one Latin word is, by its table key; None for any
    other word (a legal form, a weak word, a proper name)."""
    entry = vocabulary().latin.get((latin_key(word),))
    return entry if entry is not None and entry.kind == "concept" else None


def cjk_key(text: str) -> str:
    """The key of a CJK surface: folded width/case and Han forms, trailing ー dropped."""
    return fold_han(fold(text)).rstrip("ー")


def _load(name: str) -> Any:
    path = resources.files("dualuse") / "resources" / "screening" / name
    return load_yaml(path.read_text("utf-8"))


def _add(
    vocab_latin: dict[tuple[str, ...], Entry],
    vocab_cjk: dict[str, Entry],
    surface: str,
    entry: Entry,
) -> None:
    text = fold(str(surface))
    if any(ord(c) > 0x2E7F for c in text):
        vocab_cjk.setdefault(cjk_key(text), entry)
        if entry.kind == "concept" and all(is_kana(c) for c in text):
            # the Hepburn spelling of a katakana loanword (マテリアル -> materiaru)
            words = romaji_words(text)
            if words:
                vocab_latin.setdefault(tuple(words), entry)
        return
    words = tuple(latin_key(w) for w in latin_words(text))
    if words:
        vocab_latin.setdefault(words, entry)


@cache
def vocabulary() -> Vocabulary:
    """All three tables compiled (once per process; kept between runs in the disk cache,
    since the katakana readings need pykakasi's dictionary, which is slow to load)."""
    return load_or_build("screening-vocab", [], _build_vocabulary, TEXT_LIBRARIES)


def _build_vocabulary() -> Vocabulary:
    """All three tables compiled.

    Order matters when a surface is in two tables: legal forms win over business words,
    which win over weak words (the first entry for a key is kept).
    """
    lat: dict[tuple[str, ...], Entry] = {}
    cjk: dict[str, Entry] = {}
    for form in _load("legal_forms.yaml")["forms"]:
        entry = Entry("legal", form["class"], 0.0, tuple(form.get("jurisdictions", [])))
        for s in [*form.get("cjk", []), *form.get("latin", [])]:
            _add(lat, cjk, s, entry)
    business = _load("business_words.yaml")
    concepts: dict[str, Entry] = {}
    for name, spec in business["concepts"].items():
        entry = concepts[name] = Entry("concept", name, float(spec.get("weight", 1.0)))
        for s in spec["forms"]:
            _add(lat, cjk, s, entry)
    weak = _load("weak_words.yaml")
    readings = {fold(str(k)): str(v) for k, v in (weak.get("place_readings") or {}).items()}
    for kind in ("stop", "place"):
        for s in weak[kind]:
            value = readings.get(fold(str(s)), str(s)) if kind == "place" else str(s)
            _add(lat, cjk, s, Entry(kind, value))
    # a shared reading's words: business words, or a place of the weak words' table
    shared = {
        latin_key(str(reading)): tuple(concepts.get(str(c)) or lat[(str(c),)] for c in names)
        for reading, names in (business.get("shared_readings") or {}).items()
    }
    heads: dict[str, int] = {}
    for k in lat:
        heads[k[0]] = max(heads.get(k[0], 0), len(k))
    return Vocabulary(
        latin=lat,
        cjk=cjk,
        max_latin=max(len(k) for k in lat),
        max_cjk=max(len(k) for k in cjk),
        latin_heads=heads,
        shared=shared,
        left_out={
            str(concept): tuple(str(s) for s in surfaces)
            for concept, surfaces in (business.get("left_out") or {}).items()
        },
    )


def _spellings(key: str) -> tuple[str, ...]:
    """A singular key and its English plural (industry -> industries, engine -> engines)."""
    plural = key[:-1] + "ies" if key.endswith("y") else key + "s"
    return (key, plural)


@cache
def _concept_neighbours() -> dict[str, tuple[tuple[str, str], ...]]:
    """Deletion neighbourhood of every one-word concept key, singular and plural.

    A typo is measured against the word as written ("Industires" against "industries"),
    since the singular of a misspelt plural is not the singular of the word.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    for key, entry in vocabulary().latin.items():
        if entry.kind != "concept" or len(key) != 1 or len(key[0]) < 5:
            continue
        for w in _spellings(key[0]):
            if len(w) < 6:
                continue
            for d in {w[:i] + w[i + 1 :] for i in range(len(w))} | {w}:
                out.setdefault(d, []).append((w, key[0]))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _concept_longest() -> int:
    return max(map(len, _concept_neighbours()), default=0)


@lru_cache(maxsize=65536)
def corrected(word: str) -> str | None:
    """The one-word business term ``word`` is a typo of (indutsry -> industry), if any.

    Only words of five letters or more, within one edit (a transposition counts as one) of
    the term or of its plural; the term's key is returned.
    """
    if len(word) < 5 or len(word) > _concept_longest() + 1:
        # a deletion of the word is one shorter than the word, a key at most as long as
        # the longest spelling: none is filed for a longer word
        return None
    neigh = _concept_neighbours()
    best: tuple[float, str] | None = None
    for d in {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}:
        for w, key in neigh.get(d, ()):
            s = OSA.normalized_similarity(word, w)
            if OSA.distance(word, w) <= 1 and (best is None or (s, key) > best):
                best = (s, key)
    return best[1] if best else None


def concept_names() -> frozenset[str]:
    return frozenset(e.value for e in vocabulary().latin.values() if e.kind == "concept")


__all__ = [
    "Entry",
    "Vocabulary",
    "business_word",
    "cjk_key",
    "concept_names",
    "latin_key",
    "vocabulary",
]
