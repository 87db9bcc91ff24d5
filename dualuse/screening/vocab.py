"""The word tables of ``dualuse/resources/screening/``, compiled for lookup.

Three tables: legal forms (set aside, kept as a weak signal), business words (read as
concepts common to all scripts) and weak words (joining words and places, kept with a low
weight). Latin entries are keyed by their normalised words, CJK entries by their folded
characters, exactly as names are normalised, so a table entry and a name always meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from dualuse.screening.han import fold_han
from dualuse.screening.text import fold, latin_words, loose, singular

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


def latin_key(word: str) -> str:
    """The key of one ASCII word: singular, then romanisation-tolerant."""
    return loose(singular(word))


def cjk_key(text: str) -> str:
    """The key of a CJK surface: folded width/case and Han forms, trailing ー dropped."""
    return fold_han(fold(text)).rstrip("ー")


def _load(name: str) -> Any:
    path = resources.files("dualuse") / "resources" / "screening" / name
    return yaml.safe_load(path.read_text("utf-8"))


def _add(vocab_latin: dict[tuple[str, ...], Entry], vocab_cjk: dict[str, Entry],
         surface: str, entry: Entry) -> None:
    text = fold(str(surface))
    if any(ord(c) > 0x2E7F for c in text):
        vocab_cjk.setdefault(cjk_key(text), entry)
        return
    words = tuple(latin_key(w) for w in latin_words(text))
    if words:
        vocab_latin.setdefault(words, entry)


@cache
def vocabulary() -> Vocabulary:
    """All three tables compiled (loaded once per process).

    Order matters when a surface is in two tables: legal forms win over business words,
    which win over weak words (the first entry for a key is kept).
    """
    lat: dict[tuple[str, ...], Entry] = {}
    cjk: dict[str, Entry] = {}
    for form in _load("legal_forms.yaml")["forms"]:
        entry = Entry("legal", form["class"], 0.0, tuple(form.get("jurisdictions", [])))
        for s in [*form.get("cjk", []), *form.get("latin", [])]:
            _add(lat, cjk, s, entry)
    for name, spec in _load("business_words.yaml")["concepts"].items():
        entry = Entry("concept", name, float(spec.get("weight", 1.0)))
        for s in spec["forms"]:
            _add(lat, cjk, s, entry)
    weak = _load("weak_words.yaml")
    for kind in ("stop", "place"):
        for s in weak[kind]:
            _add(lat, cjk, s, Entry(kind, str(s)))
    return Vocabulary(
        latin=lat,
        cjk=cjk,
        max_latin=max(len(k) for k in lat),
        max_cjk=max(len(k) for k in cjk),
    )


def concept_names() -> frozenset[str]:
    return frozenset(e.value for e in vocabulary().latin.values() if e.kind == "concept")


__all__ = ["Entry", "Vocabulary", "cjk_key", "concept_names", "latin_key", "vocabulary"]
