"""The fast searches give exactly what a plain search gives, on every evaluation line.

The automaton (phrases) and the vectorised n-gram search are optimisations: these tests run
both against straightforward reference implementations over the descriptions of every
evaluation set (SYNTHETIC lines) and require the same answers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dualuse.classify.classifier import regime_index
from dualuse.classify.phrases import compact
from dualuse.classify.retrieve import grams
from dualuse.classify.text import fold
from dualuse.regime import Regime

ROOT = Path(__file__).resolve().parents[2] / "bench" / "classification"


def _descriptions() -> list[str]:
    out: list[str] = []
    for path in [*ROOT.glob("*.jsonl"), ROOT / "list" / "cases.jsonl"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["description"])
    return out


DESCRIPTIONS = _descriptions()
_WORDCHAR = re.compile(r"[0-9a-z]")


def _reference_phrases(
    keys: dict[str, tuple[bool, bool]], by_first: dict[str, list[str]], text: str
) -> list[tuple[int, str]]:
    """At each position the longest name that fits its word edges; then skip past it."""
    kept = [(i, ch) for i, ch in enumerate(text) if not (ch.isspace() or ch == "-")]
    packed = "".join(ch for _, ch in kept)
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(packed):
        best = None
        for key in by_first.get(packed[pos], ()):
            need_start, need_end = keys[key]
            if not packed.startswith(key, pos):
                continue
            first, last = kept[pos][0], kept[pos + len(key) - 1][0]
            if need_start and first > 0 and _WORDCHAR.match(text[first - 1]):
                continue
            if need_end and last + 1 < len(text) and _WORDCHAR.match(text[last + 1]):
                continue
            if best is None or len(key) > len(best):
                best = key
        if best is None:
            pos += 1
            continue
        out.append((kept[pos][0], best))
        pos += len(best)
    return out


def test_there_are_lines_to_compare() -> None:
    assert len(DESCRIPTIONS) > 1000


def test_phrase_automaton_equals_a_plain_scan(regime: Regime) -> None:
    matcher = regime_index(regime).phrases
    keys = matcher._edges
    by_first: dict[str, list[str]] = {}
    for key in keys:
        by_first.setdefault(key[0], []).append(key)
    for text in map(fold, DESCRIPTIONS):
        fast = [(h.start, h.key) for h in matcher.find(text)]
        assert fast == _reference_phrases(keys, by_first, text), text


def test_phrase_keys_ignore_spaces_and_hyphens() -> None:
    assert compact("hot-isostatic press") == compact("hot isostatic press") == "hotisostaticpress"


def test_ngram_search_equals_plain_containment(regime: Regime) -> None:
    r = regime_index(regime).retriever
    idf = r._idf
    names = []
    for item_id, name in r._names:
        g = grams(fold(name))
        names.append((item_id, g, sum(idf[x] for x in g)))
    for text in DESCRIPTIONS:
        seen = grams(fold(text))
        expected: dict[str, float] = {}
        for (item_id, g, total), words in zip(names, r._words, strict=True):
            if g.isdisjoint(seen):
                continue
            sim = sum(idf[x] for x in g if x in seen) / total if total else 0.0
            if sim < 0.7 or any(len(w & seen) < 0.5 * len(w) for w in words):
                continue
            expected[item_id] = max(expected.get(item_id, 0.0), sim)
        got = {h.item_id: h.similarity for h in r.search(text)}
        assert got.keys() == expected.keys(), text
        for key, value in got.items():
            assert value == pytest.approx(expected[key], abs=1e-9)
