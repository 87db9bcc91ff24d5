"""Find every entry name in a description at once (Aho-Corasick over the folded names).

The list's 700 entries bring several thousand names in three scripts; one regular expression
with thousands of alternatives costs more than a millisecond per description. An automaton
(pyahocorasick) finds them all in one pass. Spaces and hyphens are dropped on both sides, so
"hot-isostatic press", "hot isostatic press" and "热等静压机" match their names however they are
spaced; Latin names must still start and end on word edges ("press" is not in "express").
Where names overlap, the longest one starting leftmost wins and the scan goes on after it,
as a regex alternation ordered longest first would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from dualuse.classify.text import has_cjk

_SEP = re.compile(r"[\s\-]")
_WORDCHAR = re.compile(r"[0-9a-z]")


@dataclass(frozen=True, slots=True)
class PhraseHit:
    key: str  # the name without spaces and hyphens: the key of the ids table
    text: str  # the words as they stand in the description
    start: int
    end: int


def compact(phrase: str) -> str:
    """A name as the automaton stores it: without spaces and hyphens."""
    return _SEP.sub("", phrase)


class PhraseMatcher:
    """Names (already folded) and the automaton that finds them."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._edges: dict[str, tuple[bool, bool]] = {}
        for phrase in phrases:
            key = compact(phrase)
            if not key:
                continue
            latin_edges = (
                not has_cjk(phrase) and bool(_WORDCHAR.match(key[0])),
                not has_cjk(phrase) and bool(_WORDCHAR.match(key[-1])),
            )
            old = self._edges.get(key)
            # one key, several spellings: the edge rule applies if any spelling needs it
            self._edges[key] = (
                latin_edges if old is None else (old[0] or latin_edges[0], old[1] or latin_edges[1])
            )
            self._automaton.add_word(key, key)
        self._empty = not self._edges
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[PhraseHit]:
        """The names in a folded text, leftmost-longest, without overlaps."""
        if self._empty or not text:
            return []
        chars: list[str] = []
        where: list[int] = []
        for i, ch in enumerate(text):
            if ch.isspace() or ch == "-":
                continue
            chars.append(ch)
            where.append(i)
        packed = "".join(chars)
        found: list[tuple[int, int, str]] = []
        for end, key in self._automaton.iter(packed):
            start = end - len(key) + 1
            first, last = where[start], where[end]
            need_start, need_end = self._edges[key]
            if need_start and first > 0 and _WORDCHAR.match(text[first - 1]):
                continue
            if need_end and last + 1 < len(text) and _WORDCHAR.match(text[last + 1]):
                continue
            found.append((first, last + 1, key))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out: list[PhraseHit] = []
        upto = -1
        for first, stop, key in found:
            if first < upto:
                continue
            out.append(PhraseHit(key, text[first:stop], first, stop))
            upto = stop
        return out
